import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createSmtpMailer } from '../../src/adapters/mail/nodemailer-mailer.ts';
import type { Mailer } from '../../src/app/ports.ts';

/** A message as the SMTP server received it: the envelope's recipients and the raw text. */
export interface ReceivedMessage {
  to: string[];
  raw: string;
}

/** A real SMTP server on a free local port, and what it has received. */
export interface TestSmtpServer {
  port: number;
  received: ReceivedMessage[];
  /** Every RCPT TO the server was asked for, refused ones included: one per try. */
  recipientsTried: string[];
  /** Addresses the server refuses with "550 No such mailbox here"; change it at any time. */
  refused: Set<string>;
  /** A mailer that sends to this server with its user name and password, as SMTP_* would. */
  mailer(): Mailer;
  /** The messages received for one address. */
  receivedBy(address: string): ReceivedMessage[];
  close(): Promise<void>;
}

const USER = 'convene';
const PASSWORD = 'a-test-smtp-password';

/**
 * Starts the smtp-server package on 127.0.0.1 (a free port), asking for a user name and
 * password and keeping each message. `delayMs` slows every message down, so that senders
 * running at the same time overlap.
 */
export async function startSmtpServer(options: { delayMs?: number } = {}): Promise<TestSmtpServer> {
  const received: ReceivedMessage[] = [];
  const recipientsTried: string[] = [];
  const refused = new Set<string>();
  const server = new SMTPServer({
    secure: false,
    // Without a certificate to offer, the server does not offer STARTTLS; the credentials
    // still travel, which a test on 127.0.0.1 allows.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD)
        return callback(null, { user: auth.username });
      return callback(new Error('Invalid user name or password'));
    },
    onRcptTo(address, _session, callback) {
      recipientsTried.push(address.address);
      if (refused.has(address.address)) {
        return callback(
          Object.assign(new Error('No such mailbox here'), { responseCode: 550 }) as Error,
        );
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        setTimeout(() => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        }, options.delayMs ?? 0);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    recipientsTried,
    refused,
    mailer: () =>
      createSmtpMailer(
        { host: '127.0.0.1', port, secure: false, user: USER, password: PASSWORD },
        'Convene <convene@test.example>',
      ),
    receivedBy: (address) => received.filter((message) => message.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
