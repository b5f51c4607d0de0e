// The raw WebSocket broadcast server that `npm run bench:live` compares Convene with: no
// database, no sign-in, no rooms. Every message a client sends is numbered and sent to every
// connected client, serialized once. Started by bench/live.bench.ts in its own process; prints
// the port it listens on, then serves until it is stopped.
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({
  host: '127.0.0.1',
  port: Number(process.argv[2] ?? 0),
  perMessageDeflate: false,
});
let seq = 0;

server.on('connection', (socket) => {
  socket.on('message', (data) => {
    // The number lets clients count what they lost, as Convene's event ids do.
    const out = Buffer.concat([Buffer.from(`${++seq} `), data as Buffer]);
    for (const client of server.clients) client.send(out, { binary: false });
  });
});
server.on('listening', () => {
  const address = server.address();
  process.stdout.write(`${address && typeof address === 'object' ? address.port : address}\n`);
});
process.once('SIGTERM', () => process.exit(0));
process.once('SIGINT', () => process.exit(0));
