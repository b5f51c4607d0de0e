import assert from 'node:assert/strict';
import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { UseCaseDeps } from '../../src/app/deps.ts';
import type { GrantedRole } from '../../src/domain/access/roles.ts';
import type { WireEvent } from '../../src/domain/live/room-events.ts';
import { signInAs } from './sessions.ts';
import { fetchCsrf, formBody } from './web-app.ts';

/**
 * A moment during the seeded panel (15:00–16:00 in London on 16 November 2021, which is UTC):
 * its room is live, the opening's (14:00–14:45) has ended, and the next day's has not started.
 */
export const DURING_THE_PANEL = '2021-11-16T15:10:00.000Z';

/** The address of a session's room. */
export function roomPath(slug: string, sessionId: string): string {
  return `/editions/${slug}/sessions/${sessionId}/room`;
}

/** Someone in the room tests: their id, name, session cookie and, once fetched, a form token. */
export interface RoomPerson {
  id: string;
  name: string;
  cookies: Record<string, string>;
  csrf?: { token: string; cookies: Record<string, string> };
}

/**
 * Signs in a person who belongs in the edition's rooms: a registered attendee (invited, then
 * registered), or someone granted a role there.
 */
export async function roomPerson(
  deps: UseCaseDeps,
  editionId: string,
  person: { id: string; name?: string },
  role: 'attendee' | GrantedRole | 'nobody' = 'attendee',
): Promise<RoomPerson> {
  const name = person.name ?? `Person ${person.id}`;
  const grants = role === 'attendee' || role === 'nobody' ? [] : [{ editionId, role }];
  const cookies = await signInAs(deps, { id: person.id, name }, grants);
  if (role === 'attendee') {
    await deps.store.people.addInvitee(editionId, person.id, deps.clock.now().toISOString());
    await deps.store.access.updateInviteeProgress(editionId, person.id, { status: 'registered' });
  }
  return { id: person.id, name, cookies };
}

/**
 * Posts a room form as its page would: with JSON (the page's script) or as a plain form (no
 * script: answered with a redirect or the room page). The person's form token is fetched once.
 */
export async function postRoom(
  app: FastifyInstance,
  url: string,
  fields: Record<string, string | string[]>,
  who: RoomPerson | null,
  options: { json?: boolean } = {},
) {
  let csrf: { token: string; cookies: Record<string, string> };
  if (who) csrf = who.csrf ??= await fetchCsrf(app, who.cookies);
  else csrf = await fetchCsrf(app);
  return app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.json ? { accept: 'application/json' } : {}),
    },
    cookies: csrf.cookies,
    payload: formBody({ _csrf: csrf.token, ...fields }),
  });
}

/** One event of a stream: the frame's id and its JSON. */
export interface Frame {
  id: number;
  data: WireEvent;
}

/** Reads the events in a text/event-stream body, ignoring comments and the retry line. */
export function parseFrames(body: string): Frame[] {
  const frames: Frame[] = [];
  for (const block of body.split('\n\n')) {
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (id === null && data.length === 0) continue;
    assert.ok(id !== null && data.length > 0, `an incomplete frame: ${JSON.stringify(block)}`);
    const parsed = JSON.parse(data.join('\n')) as WireEvent;
    assert.equal(parsed.seq, Number(id), 'the frame id is the event number');
    frames.push({ id: Number(id), data: parsed });
  }
  return frames;
}

/** What a room's stream holds after an event number now, read once (the `once=1` form). */
export async function readStreamOnce(
  app: FastifyInstance,
  base: string,
  who: RoomPerson,
  after = 0,
): Promise<Frame[]> {
  const response = await app.inject({
    url: `${base}/events?once=1&after=${after}`,
    cookies: who.cookies,
  });
  assert.equal(response.statusCode, 200, response.body);
  assert.match(String(response.headers['content-type']), /^text\/event-stream/);
  return parseFrames(response.body);
}

/** Waits, polling, until the condition holds; fails after `timeoutMs` saying what it waited for. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) assert.fail(`Gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A small event-stream client over a real connection: it keeps every frame it receives, and
 * can send Last-Event-ID like a browser reconnecting.
 */
export class StreamReader {
  readonly frames: Frame[] = [];
  status = 0;
  body = '';
  ended = false;
  private buffer = '';
  private request: http.ClientRequest | null = null;

  constructor(
    private readonly origin: string,
    private readonly path: string,
    private readonly who: RoomPerson,
  ) {}

  /** Opens the stream, resolving once the response has begun. */
  open(lastEventId?: number | string): Promise<this> {
    return new Promise((resolve, reject) => {
      const cookie = Object.entries(this.who.cookies)
        .map(([name, value]) => `${name}=${value}`)
        .join('; ');
      this.request = http.get(
        `${this.origin}${this.path}`,
        {
          headers: {
            accept: 'text/event-stream',
            cookie,
            ...(lastEventId !== undefined ? { 'last-event-id': String(lastEventId) } : {}),
          },
        },
        (response) => {
          this.status = response.statusCode ?? 0;
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            this.body += chunk;
            this.buffer += chunk;
            const end = this.buffer.lastIndexOf('\n\n');
            if (end === -1) return;
            this.frames.push(...parseFrames(this.buffer.slice(0, end + 2)));
            this.buffer = this.buffer.slice(end + 2);
          });
          response.on('end', () => {
            this.ended = true;
          });
          response.on('error', () => {});
          resolve(this);
        },
      );
      this.request.on('error', reject);
    });
  }

  /** The number of the newest complete event received. */
  get lastId(): number | undefined {
    return this.frames.at(-1)?.id;
  }

  /** Drops the connection, as a browser losing its network does. */
  close(): void {
    this.request?.destroy();
  }
}

/** Returns the list item with this id in a page (a message or a question), or null. */
export function itemOf(html: string, elementId: string): string | null {
  const at = html.indexOf(`id="${elementId}"`);
  if (at === -1) return null;
  const start = html.lastIndexOf('<li', at);
  const end = html.indexOf('</li>', at);
  assert.ok(start !== -1 && end !== -1, `the element ${elementId} is a list item`);
  return html.slice(start, end + '</li>'.length);
}

/** Text as the templates write it into a page (Nunjucks' autoescape). */
export function escapeHtml(text: string): string {
  const map: Record<string, string> = {
    '&': '&amp;',
    '"': '&quot;',
    "'": '&#39;',
    '<': '&lt;',
    '>': '&gt;',
    '\\': '&#92;',
  };
  return text.replace(/[&"'<>\\]/g, (char) => map[char]!);
}
