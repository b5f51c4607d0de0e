// The attendees who post during the live bench: chat, questions, votes and reactions to
// Convene through its forms (JSON answers), or plain messages to the raw baseline, at a set
// total rate. Every text carries its send time for the receivers to read.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type WebSocket from 'ws';
import { sendMark, type Endpoint } from './clients.ts';

/** One attendee who posts: where, with which cookies, and the form token of the page they loaded. */
export interface Poster {
  client: number;
  endpoint: Endpoint;
  cookie: string;
  csrf: string;
}

/** What a load run did; `finish` waits (bounded) for answers still on their way. */
export interface LoadRun {
  /** Resolves when the last post has been sent, at the end of the window. */
  paced: Promise<void>;
  finish(timeoutMs: number): Promise<void>;
  posted(): number;
  accepted(): number;
  errors(): Record<string, number>;
  /** Send times of the votes, by the event number their answer gave. */
  voteSentAt: Map<number, number>;
  /** How long answers took (ms), sorted: the write path alone, before any delivery. */
  answerTimes(): number[];
}

/**
 * Calls `fire(n)` for n = 0, 1, … at `rate` per second for `seconds`: a 2 ms timer sends what
 * is due, so a busy process sends late rather than less.
 */
export function pace(rate: number, seconds: number, fire: (n: number) => void): Promise<void> {
  const total = Math.round(rate * seconds);
  const started = performance.now();
  let sent = 0;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      const due = Math.min(total, Math.floor((elapsed * rate) / 1000) + 1);
      while (sent < due) fire(sent++);
      if (elapsed >= seconds * 1000) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
}

/** Filler so that texts are the length of a typical chat line. */
const FILLER = 'Thanks, this matches what our service team found when we moved benefits online.';

/** Chat messages, questions and votes in the proportions of a lively session (12:3:5). */
const CYCLE = 'mmqmvmmvmqmvmmvmqmvm';
const REACTIONS = ['applause', 'thanks', 'celebrate', 'love', 'insightful', 'agree'];

/** How many posters keep a rate of `rate` events a second within Convene's per-person limits. */
export function postersFor(rate: number): number {
  // Per person: 10 messages / 30 s and 5 questions / 60 s. With 60% messages and 15% questions,
  // 2.6 posters per event a second keep everyone at 70% of both limits.
  return Math.ceil(2.6 * Math.max(0, rate - 1)) + 6;
}

/** Convene's room, through its forms as the page's script sends them. */
export class ConvenePosting {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private readonly questions: { id: string; asker: number }[] = [];
  private readonly voted = new Set<string>();

  constructor(private readonly roomPath: string) {}

  /** Loads the room page as `token`'s browser, for the form token and its cookie. */
  async prepare(client: number, endpoint: Endpoint, token: string): Promise<Poster> {
    const session = `convene_session=${token}`;
    const { status, headers, body } = await this.request(endpoint, 'GET', this.roomPath, {
      cookie: session,
    });
    const csrfCookie = [headers['set-cookie'] ?? []]
      .flat()
      .find((cookie) => cookie.startsWith('convene_csrf='))
      ?.split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    if (status !== 200 || !csrfCookie || !csrf)
      throw new Error(`The room page answered HTTP ${status} without a form token.`);
    return { client, endpoint, cookie: `${session}; ${csrfCookie}`, csrf };
  }

  /** Asks a question now and waits for the answer, so that votes have something to go to. */
  async ask(poster: Poster): Promise<void> {
    const answer = await this.send(poster, '/questions', {
      text: `Warm-up question from attendee ${poster.client + 1}: ${FILLER}?`,
    });
    if (answer.status !== 200) throw new Error(`A warm-up question failed: ${answer.body}`);
    this.questions.push({ id: String(JSON.parse(answer.body).questionId), asker: poster.client });
  }

  /**
   * Posts at `rate` a second for `seconds`: one reaction a second (they reach the room as one
   * burst a second anyway) and the rest chat, questions and votes, each kind round-robin over
   * `posters` so nobody reaches a rate limit.
   */
  run(posters: Poster[], rate: number, seconds: number): LoadRun {
    const errors: Record<string, number> = {};
    const voteSentAt = new Map<number, number>();
    const outstanding = new Set<Promise<void>>();
    let posted = 0;
    let accepted = 0;
    const answered: number[] = [];
    const cursors = { m: 0, q: Math.floor(posters.length / 3), v: Math.floor(posters.length / 2) };
    let reactor = Math.floor((2 * posters.length) / 3);
    const pick = (kind: keyof typeof cursors) => posters[cursors[kind]++ % posters.length]!;

    const track = (poster: Poster, path: string, form: Record<string, string>, vote = false) => {
      posted++;
      const sentAt = performance.now();
      const done = this.send(poster, path, form)
        .then(({ status, body }) => {
          answered.push(performance.now() - sentAt);
          if (status === 200) {
            accepted++;
            const answer = JSON.parse(body) as { seq?: number; questionId?: string };
            if (vote && answer.seq !== undefined) voteSentAt.set(answer.seq, sentAt);
            if (answer.questionId)
              this.questions.push({ id: answer.questionId, asker: poster.client });
            return;
          }
          let code = `http-${status}`;
          try {
            code = (JSON.parse(body) as { error: { code: string } }).error.code ?? code;
          } catch {
            // Not JSON: keep the status.
          }
          errors[code] = (errors[code] ?? 0) + 1;
        })
        .catch(() => {
          errors.network = (errors.network ?? 0) + 1;
        })
        .finally(() => outstanding.delete(done));
      outstanding.add(done);
    };

    const fireEvent = (n: number) => {
      const kind = CYCLE[n % CYCLE.length] as 'm' | 'q' | 'v';
      if (kind === 'v') {
        for (let attempt = 0; attempt < 5; attempt++) {
          const poster = pick('v');
          const question = this.votable(poster.client);
          if (!question) continue;
          this.voted.add(`${question.id}:${poster.client}`);
          track(poster, `/questions/${encodeURIComponent(question.id)}/vote`, {}, true);
          return;
        }
        errors['no-question-to-vote'] = (errors['no-question-to-vote'] ?? 0) + 1;
        return;
      }
      const poster = pick(kind);
      const text =
        kind === 'm'
          ? `Message ${sendMark()} from attendee ${poster.client + 1}. ${FILLER}`
          : `Question ${sendMark()} from attendee ${poster.client + 1}: ${FILLER}?`;
      track(poster, kind === 'm' ? '/messages' : '/questions', { text, anonymous: 'on' });
    };
    const fireReaction = (n: number) => {
      const poster = posters[reactor++ % posters.length]!;
      track(poster, '/reactions', { kind: REACTIONS[n % REACTIONS.length]! });
    };

    const paced = Promise.all([
      pace(Math.max(0, rate - 1), seconds, fireEvent),
      pace(Math.min(1, rate), seconds, fireReaction),
    ]).then(() => undefined);
    return {
      paced,
      finish: async (timeoutMs) => {
        await Promise.race([
          Promise.allSettled([...outstanding]),
          sleep(timeoutMs, undefined, { ref: false }),
        ]);
      },
      posted: () => posted,
      accepted: () => accepted,
      errors: () => errors,
      voteSentAt,
      answerTimes: () => answered.slice().sort((a, b) => a - b),
    };
  }

  close(): void {
    this.agent.destroy();
  }

  /** The newest open question `client` did not ask and has not voted for. */
  private votable(client: number): { id: string; asker: number } | undefined {
    for (let i = this.questions.length - 1; i >= Math.max(0, this.questions.length - 100); i--) {
      const question = this.questions[i]!;
      if (question.asker !== client && !this.voted.has(`${question.id}:${client}`)) return question;
    }
    return undefined;
  }

  private send(poster: Poster, path: string, form: Record<string, string>) {
    return this.request(
      poster.endpoint,
      'POST',
      `${this.roomPath}${path}`,
      {
        cookie: poster.cookie,
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
      },
      new URLSearchParams({ ...form, _csrf: poster.csrf }).toString(),
    );
  }

  private request(
    endpoint: Endpoint,
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        { host: endpoint.host, port: endpoint.port, method, path, headers, agent: this.agent },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
          );
          response.on('error', reject);
        },
      );
      request.setTimeout(30_000, () => request.destroy(new Error('No answer within 30 s.')));
      request.on('error', reject);
      request.end(body);
    });
  }
}

/** A message as Convene sends it, for the baseline to carry the same bytes. */
function baselineMessage(client: number): string {
  const at = new Date().toISOString();
  const text = `Message ${sendMark()} from attendee ${client + 1}. ${FILLER}`;
  return JSON.stringify({
    at,
    type: 'message.posted',
    message: {
      id: randomUUID(),
      author: { id: randomUUID(), name: `Attendee ${client + 1}`, government: '' },
      text,
      segments: [{ text }],
      replyTo: null,
      postedAt: at,
    },
  });
}

/** Sends baseline messages from the first `posters` sockets, round-robin, at `rate` a second. */
export function runBaselineLoad(
  sockets: WebSocket[],
  posters: number,
  rate: number,
  seconds: number,
): { paced: Promise<void>; sent(): number } {
  let sent = 0;
  const paced = pace(rate, seconds, (n) => {
    const client = n % Math.min(posters, sockets.length);
    sockets[client]!.send(baselineMessage(client));
    sent++;
  });
  return { paced, sent: () => sent };
}
