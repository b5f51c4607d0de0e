// The simulated attendees of the live bench, all in the bench's own process: Server-Sent
// Events streams to Convene, and WebSocket clients of the raw baseline. Each finds the event
// number and the send time in what it receives without parsing the JSON.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import type { Tally } from './tally.ts';

/** Posters put `~t<performance.now()>~` in their text; receivers read it back. */
export const MARK = '~t';

/** Writes the send-time marker for a text posted now. */
export function sendMark(): string {
  return `${MARK}${performance.now().toFixed(1)}~`;
}

/** Where one Convene process listens. */
export interface Endpoint {
  host: string;
  port: number;
}

/** How long a browser's EventSource waits before reconnecting (the stream says `retry: 2000`). */
const RETRY_MS = 2000;
const CONNECT_TIMEOUT_MS = 60_000;

/** What both kinds of clients share: the newest event each has seen, and the window counting them. */
abstract class Audience {
  readonly last: Float64Array;
  tally: Tally | null = null;
  resets = 0;

  constructor(readonly count: number) {
    this.last = new Float64Array(count);
  }

  /** The lowest newest-event number over every client. */
  slowest(): number {
    let min = Infinity;
    for (const seq of this.last) if (seq < min) min = seq;
    return min;
  }

  /** Waits until every client has seen event `seq`, or `timeoutMs` passes; answers whether they did. */
  async reach(seq: number, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.slowest() < seq) {
      if (performance.now() > deadline) return false;
      await sleep(50);
    }
    return true;
  }

  /** Counts event `seq`, found in `text` between `from` and `to`, delivered to `client` at `now`. */
  protected event(
    client: number,
    seq: number,
    text: string,
    from: number,
    to: number,
    now: number,
  ) {
    const typeAt = text.indexOf('"type":"', from) + 8;
    const typed = typeAt > 7 && typeAt < to;
    if (typed && text.startsWith('reset"', typeAt)) {
      // The server did not know the client's position: not an event, and a sign of trouble.
      this.resets++;
      return;
    }
    if (seq > this.last[client]!) this.last[client] = seq;
    const tally = this.tally;
    if (!tally || !tally.deliver(client, seq, now)) return;
    if (!typed) return;
    if (text.startsWith('question.voted', typeAt)) {
      tally.later(client, seq, now);
      return;
    }
    // Only texts carry a send time; reactions and presence arrive in bursts by design.
    if (!text.startsWith('message.posted', typeAt) && !text.startsWith('question.asked', typeAt))
      return;
    const mark = text.indexOf(MARK, typeAt);
    if (mark < 0 || mark > to) return;
    const end = text.indexOf('~', mark + 2);
    tally.latency(client, now - Number(text.slice(mark + 2, end)));
  }
}

/**
 * Convene's attendees: one SSE stream each, as a browser's EventSource holds it. A stream the
 * server ends is reopened after the advertised two seconds with Last-Event-ID, as browsers do.
 */
export class SseClients extends Audience {
  private readonly rest: string[];
  private readonly generation: Uint32Array;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  private closing = false;
  reconnects = 0;

  constructor(
    private readonly endpoints: Endpoint[],
    private readonly path: string,
    private readonly tokens: string[],
  ) {
    super(tokens.length);
    this.rest = new Array<string>(tokens.length).fill('');
    this.generation = new Uint32Array(tokens.length);
  }

  /** Opens every stream, `batch` at a time, each on endpoint `client % endpoints`. */
  async connectAll(batch: number, progress: (done: number) => void): Promise<void> {
    for (let first = 0; first < this.count; first += batch) {
      const last = Math.min(this.count, first + batch);
      const opening: Promise<void>[] = [];
      for (let client = first; client < last; client++) opening.push(this.open(client));
      await Promise.all(opening);
      progress(last);
    }
  }

  /** Ends every stream without reconnecting. */
  close(): void {
    this.closing = true;
    this.agent.destroy();
  }

  private open(client: number): Promise<void> {
    const generation = ++this.generation[client]!;
    const endpoint = this.endpoints[client % this.endpoints.length]!;
    const headers: Record<string, string> = {
      accept: 'text/event-stream',
      cookie: `convene_session=${this.tokens[client]}`,
    };
    if (this.last[client]! > 0) headers['last-event-id'] = String(this.last[client]);
    this.rest[client] = '';
    return new Promise((resolve, reject) => {
      let answered = false;
      const dropped = () => {
        if (this.closing || this.generation[client] !== generation) return;
        this.generation[client]!++;
        this.reconnects++;
        setTimeout(() => void this.open(client).catch(dropped), RETRY_MS).unref();
      };
      const request = http.request({
        host: endpoint.host,
        port: endpoint.port,
        path: this.path,
        agent: this.agent,
        headers,
      });
      request.setTimeout(CONNECT_TIMEOUT_MS, () => {
        if (!answered) request.destroy(new Error('No answer to the stream request.'));
      });
      request.on('response', (response) => {
        answered = true;
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`The room stream answered HTTP ${response.statusCode}.`));
          return;
        }
        request.setTimeout(0);
        response.on('data', (chunk: Buffer) => this.receive(client, chunk));
        response.on('close', dropped);
        resolve();
      });
      request.on('error', (error) => {
        if (!answered) reject(error);
        else dropped();
      });
      request.end();
    });
  }

  private receive(client: number, chunk: Buffer): void {
    const now = performance.now();
    const rest = this.rest[client]!;
    const text = rest === '' ? chunk.toString('latin1') : rest + chunk.toString('latin1');
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n\n', start);
      if (end < 0) break;
      if (text.startsWith('id: ', start)) {
        const newline = text.indexOf('\n', start);
        this.event(client, Number(text.slice(start + 4, newline)), text, newline, end, now);
      }
      start = end + 2;
    }
    this.rest[client] = start < text.length ? text.slice(start) : '';
  }
}

/** The baseline's clients: one WebSocket each; messages arrive as `<seq> <json>`. */
export class WsClients extends Audience {
  readonly sockets: WebSocket[] = [];

  constructor(
    private readonly endpoint: Endpoint,
    count: number,
  ) {
    super(count);
  }

  /** Opens every socket, `batch` at a time. */
  async connectAll(batch: number, progress: (done: number) => void): Promise<void> {
    for (let first = 0; first < this.count; first += batch) {
      const last = Math.min(this.count, first + batch);
      const opening: Promise<void>[] = [];
      for (let client = first; client < last; client++) opening.push(this.open(client));
      await Promise.all(opening);
      progress(last);
    }
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  private open(client: number): Promise<void> {
    const socket = new WebSocket(`ws://${this.endpoint.host}:${this.endpoint.port}/`, {
      perMessageDeflate: false,
    });
    this.sockets[client] = socket;
    socket.on('message', (data) => {
      const now = performance.now();
      const text = (data as Buffer).toString('latin1');
      const space = text.indexOf(' ');
      this.event(client, Number(text.slice(0, space)), text, space, text.length, now);
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
  }
}
