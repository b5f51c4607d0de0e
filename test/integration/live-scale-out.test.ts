/**
 * Scale-out of session rooms: two real server processes share one PostgreSQL database, with
 * Debian's nginx in front of them as the load balancer. Clients connected to either process
 * (through nginx or directly) receive every event of the room, whichever process wrote it;
 * when one process is killed mid-session, its clients reconnect through nginx to the other
 * with Last-Event-ID and end with every event exactly once, in the log's order.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { EventSource } from 'eventsource';
import type { RoomEvent } from '../../src/domain/live/room-events.ts';
import { findFreePort } from '../e2e/support/server.ts';
import {
  createTestDatabase,
  isPostgresReachable,
  POSTGRES_ADMIN_URL,
  servicesRequired,
  type TestDatabase,
} from '../support/databases.ts';
import { buildTestDeps } from '../support/deps.ts';
import { isNginxInstalled, NGINX, startLoadBalancer, type RunningNginx } from '../support/nginx.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TITLE = 'Session rooms scaled out: two server processes behind nginx';

/** Waits for a condition, checking it every 100 ms; fails with `what` (and the details) when it never holds. */
async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  options: { timeoutMs?: number; details?: () => string } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    if (await condition()) return;
    await sleep(100);
  }
  assert.fail(`Timed out waiting until ${what}.${options.details ? `\n${options.details()}` : ''}`);
}

/** One real server process, `src/main.ts`, which the test can kill outright. */
interface ServerProcess {
  name: string;
  /** host:port, as nginx names it in X-Upstream. */
  address: string;
  url: string;
  child: ChildProcess;
  exited: () => boolean;
  output(): string;
  /** Stops it (SIGTERM, then SIGKILL) if still running, and removes its data folder. */
  stop(): Promise<void>;
  /** Kills it at once, as a crash or a lost machine would, and waits until it is gone. */
  kill(): Promise<void>;
}

async function startServerProcess(
  name: string,
  env: Record<string, string>,
): Promise<ServerProcess> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), `convene-scale-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      // Set by node:test in each test process; the server is not a test.
      NODE_TEST_CONTEXT: undefined,
      HOST: '127.0.0.1',
      PORT: String(port),
      CONVENE_DATA_DIR: dataDir,
      NODE_ENV: 'test',
      CONVENE_DEMO: 'off',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: string) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const server: ServerProcess = {
    name,
    address: `127.0.0.1:${port}`,
    url,
    child,
    exited: () => exited,
    output: () => output,
    async kill() {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
    async stop() {
      process.removeListener('exit', killOnExit);
      if (!exited) {
        child.kill('SIGTERM');
        if (!(await Promise.race([exit.then(() => true), sleep(5000, false, { ref: false })])))
          await server.kill();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return server;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await server.stop();
  throw new Error(
    `Server ${name} did not become healthy at ${url}/healthz. Its output:\n${output}`,
  );
}

/** What a client keeps of each event: enough to compare with the log. */
interface Seen {
  seq: number;
  type: string;
  text?: string;
}

function seenOf(event: RoomEvent): Seen {
  const p = event.payload;
  return p.type === 'message.posted'
    ? { seq: event.seq, type: p.type, text: p.text }
    : { seq: event.seq, type: p.type };
}

/**
 * A client of the room's event stream: the `eventsource` package, as a browser's EventSource
 * behaves (it reconnects by itself with Last-Event-ID), with the person's session cookie.
 * Each connection notes which server answered and which Last-Event-ID it sent.
 */
class Listener {
  readonly events: Seen[] = [];
  readonly connections: { upstream: string; lastEventId: string | null; lastSeen: number }[] = [];
  readonly problems: string[] = [];
  private source: EventSource;

  constructor(
    readonly name: string,
    readonly via: 'nginx' | ServerProcess,
    url: string,
    cookie: string,
  ) {
    this.source = new EventSource(url, {
      fetch: async (input, init) => {
        const lastEventId = init.headers['Last-Event-ID'] ?? null;
        const lastSeen = this.events.at(-1)?.seq ?? 0;
        const response = await fetch(input, { ...init, headers: { ...init.headers, cookie } });
        // Behind nginx, the last server tried is the one that answered.
        const upstream =
          via === 'nginx'
            ? (response.headers.get('x-upstream')?.split(',').at(-1)?.trim() ?? '(unknown)')
            : via.address;
        if (response.status === 200) this.connections.push({ upstream, lastEventId, lastSeen });
        else this.problems.push(`HTTP ${response.status} from ${upstream}`);
        return response;
      },
    });
    this.source.onmessage = (message) => {
      const data = JSON.parse(message.data) as { seq: number; type: string; message?: Seen };
      if (message.lastEventId !== String(data.seq))
        this.problems.push(`event id ${message.lastEventId} for seq ${data.seq}`);
      this.events.push(
        data.type === 'message.posted'
          ? { seq: data.seq, type: data.type, text: data.message?.text }
          : { seq: data.seq, type: data.type },
      );
    };
  }

  get open(): boolean {
    return this.source.readyState === this.source.OPEN;
  }

  /** The server of the current (last) connection. */
  get upstream(): string | undefined {
    return this.connections.at(-1)?.upstream;
  }

  close(): void {
    this.source.close();
  }
}

/** A signed-in attendee who posts chat messages, with the CSRF token of a room page. */
interface Poster {
  name: string;
  cookie: string;
  token: string;
}

type Outcome = { text: string; stored: true; seq: number } | { text: string; stored: false };

const postgresAvailable = await isPostgresReachable();
const nginxAvailable = isNginxInstalled();
const missing = [
  postgresAvailable ? null : `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}`,
  nginxAvailable ? null : `nginx is not installed at ${NGINX} (apt-get install nginx)`,
].filter((reason): reason is string => reason !== null);

if (missing.length > 0 && servicesRequired) {
  describe(TITLE, () => {
    before(() => {
      throw new Error(`${missing.join('; ')}, and CONVENE_REQUIRE_SERVICES=1 requires it.`);
    });
    it('needs PostgreSQL and nginx', () => {});
  });
} else if (missing.length > 0) {
  describe(TITLE, { skip: missing.join('; ') }, () => {});
} else {
  describe(TITLE, () => {
    const cleanups: (() => Promise<void> | void)[] = [];
    after(async () => {
      const errors: unknown[] = [];
      for (const cleanup of cleanups.reverse())
        await Promise.resolve(cleanup()).catch((e) => errors.push(e));
      if (errors.length > 0) throw errors[0];
    });

    it('delivers every event to clients on either process, and moves a killed process’s clients to the other without missing or repeating any', async () => {
      // The database: a fresh one, seeded through the store.
      const database: TestDatabase = await createTestDatabase('postgresql');
      cleanups.push(() => database.drop());
      const { deps } = buildTestDeps(database, { now: new Date().toISOString() });
      const slug = `scale-${randomBytes(3).toString('hex')}`;
      const { edition, sessions } = await seedEdition(deps, slug);
      const sessionId = sessions.panel.id;
      const now = new Date().toISOString();
      await deps.store.live.updateRoom(sessionId, { openedAt: now, endedAt: null });
      const people: { name: string; cookie: string }[] = [];
      for (let i = 0; i < 10; i++) {
        const id = `p-scale-${i}`;
        const { convene_session } = await signInAs(deps, { id, name: `Attendee ${i}` });
        await deps.store.people.addInvitee(edition.id, id, now);
        await deps.store.access.updateInviteeProgress(edition.id, id, {
          status: 'registered',
          respondedAt: now,
        });
        people.push({ name: `attendee ${i}`, cookie: `convene_session=${convene_session}` });
      }
      const roomPath = `/editions/${slug}/sessions/${sessionId}/room`;
      const audienceLog = async () =>
        (await deps.store.live.readEvents(sessionId, 0, 10_000))
          .filter((event) => event.audience === 'all')
          .map(seenOf);

      // Two server processes on the database, and nginx in front of them.
      const nginxPort = await findFreePort();
      const env = {
        DATABASE_URL: database.env.DATABASE_URL!,
        PUBLIC_URL: `http://127.0.0.1:${nginxPort}`,
        // The same on both, so that cookies and CSRF tokens signed by one are good on the other.
        CONVENE_SECRET: randomBytes(32).toString('hex'),
      };
      const [a, b] = await Promise.all([
        startServerProcess('A', env).then((server) => {
          cleanups.push(() => server.stop());
          return server;
        }),
        startServerProcess('B', env).then((server) => {
          cleanups.push(() => server.stop());
          return server;
        }),
      ]);
      const nginx: RunningNginx = await startLoadBalancer({
        port: nginxPort,
        upstreams: [a.address, b.address],
        readyPath: '/healthz',
      });
      cleanups.push(() => nginx.stop());
      const nameOf = (address: string | undefined) =>
        address === a.address ? 'A' : address === b.address ? 'B' : String(address);

      // Clients: six through nginx, two straight to each process.
      const listeners: Listener[] = [];
      cleanups.push(() => listeners.forEach((listener) => listener.close()));
      const routes: ('nginx' | ServerProcess)[] = [...Array<'nginx'>(6).fill('nginx'), a, a, b, b];
      for (const [i, via] of routes.entries()) {
        const base = via === 'nginx' ? nginx.url : via.url;
        const listener = new Listener(
          `${people[i]!.name} via ${via === 'nginx' ? 'nginx' : via.name}`,
          via,
          `${base}${roomPath}/events?after=0`,
          people[i]!.cookie,
        );
        listeners.push(listener);
        // One at a time, so that nginx's round robin shares them between the servers.
        await waitFor(`${listener.name} is connected`, () => listener.open);
      }
      const throughNginx = listeners.filter((listener) => listener.via === 'nginx');
      const describeListeners = () =>
        listeners
          .map(
            (l) =>
              `${l.name}: on ${l.connections.map((c) => nameOf(c.upstream)).join(' then ')}, ${l.events.length} events, last ${l.events.at(-1)?.seq ?? 0}${l.problems.length ? `, problems: ${l.problems.join('; ')}` : ''}`,
          )
          .join('\n') +
        `\nServer A (${a.exited() ? 'killed' : 'running'}):\n${a.output().slice(-2000)}` +
        `\nServer B (${b.exited() ? 'stopped' : 'running'}):\n${b.output().slice(-2000)}` +
        `\nnginx:\n${nginx.output().slice(-2000)}`;
      const onA = throughNginx.filter((listener) => listener.upstream === a.address);
      const onB = throughNginx.filter((listener) => listener.upstream === b.address);
      assert.ok(
        onA.length > 0 && onB.length > 0 && onA.length + onB.length === throughNginx.length,
        `nginx should share its clients between both servers:\n${describeListeners()}`,
      );

      // Posters: six attendees, each with a CSRF token from a room page served through nginx.
      const posters: Poster[] = [];
      for (const person of people.slice(0, 6)) {
        const page = await fetch(`${nginx.url}${roomPath}`, { headers: { cookie: person.cookie } });
        const html = await page.text();
        assert.equal(page.status, 200, `the room page for ${person.name}`);
        const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
        const csrfCookie = page.headers
          .getSetCookie()
          .map((header) => header.split(';')[0]!)
          .find((pair) => pair.startsWith('convene_csrf='));
        assert.ok(token && csrfCookie, `a CSRF token and cookie for ${person.name}`);
        posters.push({ name: person.name, cookie: `${person.cookie}; ${csrfCookie}`, token });
      }
      const outcomes: Outcome[] = [];
      const post = async (poster: Poster, target: 'nginx' | ServerProcess, text: string) => {
        const base = target === 'nginx' ? nginx.url : target.url;
        let outcome: Outcome = { text, stored: false };
        try {
          const response = await fetch(`${base}${roomPath}/messages`, {
            method: 'POST',
            headers: {
              accept: 'application/json',
              'content-type': 'application/x-www-form-urlencoded',
              cookie: poster.cookie,
            },
            body: new URLSearchParams({ _csrf: poster.token, text }).toString(),
            signal: AbortSignal.timeout(10_000),
          });
          const body = (await response.json().catch(() => ({}))) as { seq?: number };
          if (response.status === 200 && typeof body.seq === 'number')
            outcome = { text, stored: true, seq: body.seq };
          else if (response.status !== 502)
            assert.fail(
              `${poster.name} posting via ${target === 'nginx' ? 'nginx' : target.name}: HTTP ${response.status} ${JSON.stringify(body)}`,
            );
        } catch (error) {
          if (error instanceof assert.AssertionError) throw error;
          // The server died with the request: whether it was stored, only the log knows.
        }
        outcomes.push(outcome);
        return outcome;
      };
      const everyoneHasTheLog = async (who: Listener[]) => {
        const expected = await audienceLog();
        return who.every((listener) => {
          try {
            assert.deepEqual(listener.events, expected);
            return true;
          } catch {
            return false;
          }
        });
      };

      // 1. With both processes up, messages posted through nginx and straight to each process
      // reach every client, whichever process it is connected to.
      const phaseOne = await Promise.all(
        posters.map(async (poster) => [
          await post(poster, 'nginx', `${poster.name}: hello through nginx`),
          await post(poster, a, `${poster.name}: hello to A`),
          await post(poster, b, `${poster.name}: hello to B`),
        ]),
      );
      assert.ok(
        phaseOne.flat().every((outcome) => outcome.stored),
        'every first message is stored',
      );
      await waitFor('every client has every event of the log', () => everyoneHasTheLog(listeners), {
        details: describeListeners,
      });

      // 2. Kill A while messages keep coming, through nginx and straight to B.
      let stored = 0;
      const failure: { killed?: Promise<void> } = {};
      const phaseTwo = Promise.all(
        posters.map(async (poster, p) => {
          for (let i = 0; i < 4; i++) {
            const outcome = await post(
              poster,
              (p + i) % 2 === 0 ? 'nginx' : b,
              `${poster.name}: during the failure, ${i}`,
            );
            if (outcome.stored && ++stored === posters.length) failure.killed = a.kill();
            await sleep(150);
          }
        }),
      );
      await phaseTwo;
      assert.ok(failure.killed, 'A was killed while messages were being posted');
      await failure.killed;
      assert.ok(a.exited(), 'A is gone');

      // A's clients through nginx come back through nginx, on B, from where they were.
      await waitFor(
        'the clients nginx had given to A are connected to B',
        () => onA.every((listener) => listener.open && listener.upstream === b.address),
        { details: describeListeners },
      );
      for (const listener of onA) {
        const [first, ...later] = listener.connections;
        assert.equal(first!.upstream, a.address);
        for (const connection of later) {
          assert.equal(connection.upstream, b.address, `${listener.name} reconnects to B`);
          assert.equal(
            connection.lastEventId,
            String(connection.lastSeen),
            `${listener.name} resumes after the last event it had`,
          );
        }
      }
      // The clients straight to A cannot follow it; what they had was the log's start, each event once.
      const straightToA = listeners.filter((listener) => listener.via === a);
      for (const listener of straightToA) listener.close();

      // 3. More messages, through nginx only: B answers them all.
      const phaseThree = await Promise.all(
        posters.map(async (poster) => [
          await post(poster, 'nginx', `${poster.name}: after the failure, 1`),
          await post(poster, 'nginx', `${poster.name}: after the failure, 2`),
        ]),
      );
      assert.ok(
        phaseThree.flat().every((outcome) => outcome.stored),
        'nginx sends every message to B',
      );

      // Every surviving client ends with the log: every event once, in order, none missing.
      // The servers write presence events of their own (a stay ending), so the log can grow
      // at any moment: it is read again until the clients hold all of it as read, and the
      // checks below compare them with that reading.
      const survivors = listeners.filter((listener) => listener.via !== a);
      let log: RoomEvent[] = [];
      let expected: Seen[] = [];
      await waitFor(
        'every client still connected has every event of the log',
        async () => {
          log = await deps.store.live.readEvents(sessionId, 0, 10_000);
          expected = log.filter((event) => event.audience === 'all').map(seenOf);
          return survivors.every((listener) => isDeepStrictEqual(listener.events, expected));
        },
        {
          details: describeListeners,
        },
      );
      for (const listener of listeners) {
        assert.deepEqual(listener.problems, [], `${listener.name} had no problems`);
        const seqs = listener.events.map((event) => event.seq);
        assert.ok(
          seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!),
          `${listener.name} received strictly increasing event numbers: ${seqs.join(',')}`,
        );
        if (listener.via === a)
          assert.deepEqual(
            listener.events,
            expected.slice(0, listener.events.length),
            `${listener.name} had the log's start`,
          );
        else assert.deepEqual(listener.events, expected, `${listener.name} has the whole log`);
      }
      // Clients that were never cut off stayed on one connection.
      for (const listener of [...onB, ...listeners.filter((l) => l.via === b)])
        assert.equal(listener.connections.length, 1, `${listener.name} was never cut off`);

      // The log holds every message that was acknowledged, and nothing nobody sent.
      const messages = log.flatMap((event) =>
        event.payload.type === 'message.posted'
          ? [{ seq: event.seq, text: event.payload.text }]
          : [],
      );
      for (const outcome of outcomes)
        if (outcome.stored)
          assert.ok(
            messages.some((m) => m.seq === outcome.seq && m.text === outcome.text),
            `"${outcome.text}" is in the log as event ${outcome.seq}`,
          );
      const sent = new Set(outcomes.map((outcome) => outcome.text));
      assert.ok(
        messages.every((m) => sent.has(m.text)),
        'the log holds only messages that were sent',
      );
      assert.equal(
        new Set(messages.map((m) => m.text)).size,
        messages.length,
        'each message is stored once',
      );
      assert.ok(
        outcomes.filter((outcome) => outcome.stored).length >= 6 * 9 - 6,
        'nearly every message was acknowledged',
      );
      assert.ok(
        log.some((event) => event.payload.type === 'presence'),
        'presence events (written by the servers themselves) were among those delivered',
      );
    });
  });
}
