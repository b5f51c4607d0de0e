// Session rooms under load: N simulated attendees on one room's live stream (Server-Sent
// Events) while some of them post chat, questions, votes and reactions at a set total rate.
// Run with `npm run bench:live` (10,000 attendees; `--quick` for 200, `--pg` for PostgreSQL
// with two server processes). Prints one JSON line per case to stdout, progress to stderr.
//
// Cases: "target" offers 5 posts a second (50,000 deliveries a second to 10,000 clients; the
// goal is p99 ≤ 200 ms and nothing lost). "saturation" offers the rate at which a raw `ws`
// broadcast server (no database, no sign-in), measured first on the same load, stopped
// growing; the goal there is at least 0.8 of its deliveries a second. Latency is from the
// moment a post is sent to the moment a client reads the event (messages, questions, votes;
// reactions and presence arrive in bursts by design and are counted, not timed). `lost` sums,
// over clients, the events of the room's log they never received; `duplicated` those received
// twice. CPU is in percent of one core: the bench itself (the load generator) shares the
// machine's cores, `otherCpuPct` is everything else that ran (the database, the kernel, other
// programs) and `cpuBound` says what ran out, so a number limited by the bench is never read as
// the server's. Set BENCH_PG_URL to use another PostgreSQL server for `--pg`.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { readConfig } from '../src/config.ts';
import { openDatabase, type DatabaseTarget } from '../src/adapters/db/database.ts';
import { createStore } from '../src/adapters/db/store.ts';
import { SseClients, WsClients, type Endpoint } from './live/clients.ts';
import { ConvenePosting, postersFor, runBaselineLoad, type Poster } from './live/posters.ts';
import {
  round,
  sampleMachine,
  sampleProcesses,
  sampleSelf,
  startBaseline,
  startConvene,
  type Child,
  type Usage,
} from './live/processes.ts';
import { seedRoom } from './live/seed.ts';
import { Tally } from './live/tally.ts';

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const PG = args.has('--pg');
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

const PLAN = QUICK
  ? { clients: 200, rate: 5, targetSec: 10, saturationSec: 5, stepSec: 2, drainSec: 5 }
  : { clients: 10_000, rate: 5, targetSec: 30, saturationSec: 15, stepSec: 8, drainSec: 20 };
/** Offered rates (posts a second) the baseline is tried at, until it stops growing. */
const STEPS = QUICK ? [5, 10, 20, 40, 80] : [5, 8, 12, 18, 27, 40, 60, 90, 135, 200, 300];
/** A step that grows deliveries by less than this over the best so far is past saturation. */
const GROWTH = 1.1;
const SATURATED_P99_MS = 1000;
const TARGET_P99_MS = 200;
const TARGET_RATIO = 0.8;
const BATCH = 500;
const HOST = '127.0.0.1';

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};

function log(message: string): void {
  process.stderr.write(`[bench:live ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Convene's processes, whose output explains a failure. */
const running: Child[] = [];

// Everything started is stopped on the way out, also on failure or Ctrl-C.
const cleanups: (() => Promise<void> | void)[] = [];
async function cleanUp(): Promise<void> {
  for (const step of cleanups.splice(0).reverse()) {
    try {
      await step();
    } catch (error) {
      log(`Clean-up step failed: ${(error as Error).message}`);
    }
  }
}
process.once('SIGINT', () => {
  log('Interrupted: cleaning up.');
  void cleanUp().finally(() => process.exit(130));
});

/** One measured window, in the fields the JSON lines share. */
interface Measured {
  offeredPerSec: number;
  postedPerSec: number;
  eventsPerSec: number;
  deliveriesPerSec: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  latencySamples: number;
  lost: number;
  duplicated: number;
  drained: boolean;
  serverCpuPct: number;
  serverRssMb: number;
  generatorCpuPct: number;
  machineCpuPct: number;
  /** Busy CPU that is neither the server nor the bench: the database, the kernel, other programs. */
  otherCpuPct: number;
  /** What ran out of CPU during the window (none, one or several): the reading to keep in mind. */
  cpuBound: ('server' | 'generator' | 'machine')[];
}

/** Servers at 85% of a core each, the bench at 85% of one, or the machine at 90% of its cores. */
function cpuBound(serverPct: number, processes: number, generatorPct: number, machinePct: number) {
  const bound: Measured['cpuBound'] = [];
  if (serverPct >= 85 * processes) bound.push('server');
  if (generatorPct >= 85) bound.push('generator');
  if (machinePct >= 90 * machine.cores) bound.push('machine');
  return bound;
}

function summarize(
  tally: Tally,
  seconds: number,
  counts: { offered: number; posted: number; events: number; lost: number; drained: boolean },
  server: Usage & { processes: number },
  generatorCpuPct: number,
  machineCpuPct: number,
): Measured {
  return {
    offeredPerSec: counts.offered,
    postedPerSec: round(counts.posted / seconds, 1),
    eventsPerSec: round(counts.events / seconds, 1),
    deliveriesPerSec: Math.round(tally.deliveries / seconds),
    p50Ms: tally.percentile(0.5),
    p95Ms: tally.percentile(0.95),
    p99Ms: tally.percentile(0.99),
    maxMs: tally.maxMs,
    latencySamples: tally.latencySamples,
    lost: counts.lost,
    duplicated: tally.duplicated,
    drained: counts.drained,
    serverCpuPct: server.cpuPct,
    serverRssMb: server.rssMb,
    generatorCpuPct,
    machineCpuPct,
    otherCpuPct: round(Math.max(0, machineCpuPct - server.cpuPct - generatorCpuPct), 1),
    cpuBound: cpuBound(server.cpuPct, server.processes, generatorCpuPct, machineCpuPct),
  };
}

/** Bits each client keeps per window: enough for every event the window and its drain can hold. */
function capacity(rate: number, seconds: number): number {
  return Math.ceil(rate * (seconds + PLAN.drainSec + 30) * 1.5) + 2000;
}

function range(lo: number, hi: number): number[] {
  return Array.from({ length: Math.max(0, hi - lo) }, (_, i) => lo + 1 + i);
}

// ---------------------------------------------------------------------------------------------
// The raw ws baseline: the same clients and posting rate, raised until it saturates.

interface BaselineStep extends Measured {
  rate: number;
}

async function measureBaseline(
  maxRate: number,
): Promise<{ steps: BaselineStep[]; saturated: boolean }> {
  const server = await startBaseline();
  cleanups.push(() => server.stop());
  const clients = new WsClients({ host: HOST, port: server.port }, PLAN.clients);
  cleanups.push(() => clients.close());
  log(`Baseline: connecting ${PLAN.clients} WebSocket clients to the raw ws server.`);
  await clients.connectAll(BATCH, (done) => {
    if (done % 5000 === 0 || done === PLAN.clients) log(`  ${done} connected`);
  });
  const steps: BaselineStep[] = [];
  const rates = STEPS.filter((r) => r < maxRate).concat(maxRate);
  let saturated = false;
  let seq = 0;
  for (const rate of rates) {
    const tally = new Tally(PLAN.clients, seq, capacity(rate, PLAN.stepSec));
    clients.tally = tally;
    const usage = sampleProcesses([server.pid]);
    const self = sampleSelf();
    const whole = sampleMachine();
    tally.windowStart = performance.now();
    tally.windowEnd = tally.windowStart + PLAN.stepSec * 1000;
    const load = runBaselineLoad(clients.sockets, postersFor(rate), rate, PLAN.stepSec);
    await load.paced;
    const serverUsage = { ...usage.stop(), processes: 1 };
    const generator = self.stop();
    const machineCpu = whole.stop();
    const hi = seq + load.sent();
    const drained = await clients.reach(hi, PLAN.drainSec * 1000);
    const step: BaselineStep = {
      rate,
      ...summarize(
        tally,
        PLAN.stepSec,
        {
          offered: rate,
          posted: load.sent(),
          events: hi - seq,
          lost: tally.lost(range(seq, hi)),
          drained,
        },
        serverUsage,
        generator,
        machineCpu,
      ),
    };
    clients.tally = null;
    steps.push(step);
    log(
      `  baseline at ${rate}/s: ${step.deliveriesPerSec} deliveries/s, p99 ${step.p99Ms} ms, ` +
        `server CPU ${step.serverCpuPct}%, generator CPU ${step.generatorCpuPct}%, ` +
        `other CPU ${step.otherCpuPct}%`,
    );
    const best = Math.max(...steps.slice(0, -1).map((s) => s.deliveriesPerSec), 0);
    saturated =
      !drained || (step.p99Ms ?? 0) > SATURATED_P99_MS || step.deliveriesPerSec < best * GROWTH;
    if (saturated) break;
    seq = hi;
  }
  clients.close();
  await server.stop();
  return { steps, saturated };
}

// ---------------------------------------------------------------------------------------------
// Convene: seeded through its store, started as people run it, measured through HTTP.

interface Product {
  database: 'sqlite' | 'postgresql';
  servers: Child[];
  endpoints: Endpoint[];
  target: DatabaseTarget;
  seeded: Awaited<ReturnType<typeof seedRoom>>;
}

async function startProduct(): Promise<Product> {
  const dataDir = mkdtempSync(join(tmpdir(), 'convene-bench-live-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const secret = randomBytes(32).toString('hex');
  let databaseUrl: string | undefined;
  if (PG) {
    const name = `convene_bench_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    cleanups.push(async () => {
      const dropper = new pg.Client({ connectionString: PG_ADMIN_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    });
    databaseUrl = new URL(name, PG_ADMIN_URL.replace(/\/[^/]*$/, '/')).toString();
    log(`PostgreSQL database ${name} created.`);
  }
  const env = {
    CONVENE_DATA_DIR: dataDir,
    CONVENE_SECRET: secret,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const started = performance.now();
  const seeded = await seedRoom(readConfig(env), PLAN.clients, PG ? 4 : 1);
  log(
    `Seeded ${PLAN.clients} registered, signed-in attendees in ${round((performance.now() - started) / 1000, 1)} s.`,
  );
  const servers: Child[] = [];
  for (let i = 0; i < (PG ? 2 : 1); i++) {
    const server = await startConvene(env);
    servers.push(server);
    cleanups.push(async () => {
      await server.stop();
    });
  }
  log(`Convene is running on port${servers.length > 1 ? 's' : ''} ${servers.map((s) => s.port)}.`);
  return {
    database: PG ? 'postgresql' : 'sqlite',
    servers,
    endpoints: servers.map((s) => ({ host: HOST, port: s.port })),
    target: databaseUrl
      ? { kind: 'postgresql', url: databaseUrl }
      : { kind: 'sqlite', file: join(dataDir, 'convene.sqlite') },
    seeded,
  };
}

/** Loads the room page for each poster, a few at a time, for their form tokens. */
async function preparePosters(
  posting: ConvenePosting,
  product: Product,
  clients: number[],
): Promise<Poster[]> {
  const posters: Poster[] = [];
  for (let i = 0; i < clients.length; i += 8) {
    const batch = clients
      .slice(i, i + 8)
      .map((client) =>
        posting.prepare(
          client,
          product.endpoints[client % product.endpoints.length]!,
          product.seeded.tokens[client]!,
        ),
      );
    posters.push(...(await Promise.all(batch)));
  }
  return posters;
}

type ProductResult = Measured & {
  /** How long POSTs took to answer: the write path, before any delivery. */
  postAnswerP50Ms: number | null;
  postAnswerP99Ms: number | null;
  /** With several processes: latency of the clients of each. */
  p50MsByProcess?: (number | null)[];
  p99MsByProcess?: (number | null)[];
  /** Streams the server ended that the clients reopened (Last-Event-ID), and resets it sent. */
  reconnects: number;
  resets: number;
  postErrors: Record<string, number>;
};

/** Runs each case on the same connected clients; `report` hears each one as soon as it is measured. */
async function measureProduct(
  product: Product,
  cases: { name: string; rate: number; seconds: number }[],
  report: (name: string, result: ProductResult) => void,
): Promise<void> {
  const { slug, sessionId, tokens } = product.seeded;
  const roomPath = `/editions/${slug}/sessions/${sessionId}/room`;
  const reader = openDatabase(product.target);
  cleanups.push(() => reader.close());
  const store = createStore(reader.db);
  const lastSeq = async () => (await store.live.lastSeqs([sessionId])).get(sessionId) ?? 0;

  // Each case has its own posters, so no one carries a rate-limit window from the one before.
  const posting = new ConvenePosting(roomPath);
  cleanups.push(() => posting.close());
  let next = 0;
  const posterSets: Poster[][] = [];
  for (const { rate } of cases) {
    const count = Math.min(postersFor(rate), tokens.length - next);
    const first = next;
    posterSets.push(
      await preparePosters(
        posting,
        product,
        Array.from({ length: count }, (_, i) => first + i),
      ),
    );
    next += count;
  }
  log(`Loaded the room page for ${next} posters.`);

  const clients = new SseClients(product.endpoints, `${roomPath}/events`, tokens);
  cleanups.push(() => clients.close());
  log(`Connecting ${tokens.length} attendees to the room's live stream.`);
  const connecting = performance.now();
  await clients.connectAll(BATCH, (done) => {
    if (done % 2000 === 0 || done === tokens.length) log(`  ${done} connected`);
  });
  log(`All connected in ${round((performance.now() - connecting) / 1000, 1)} s.`);

  /** The room is quiet (presence settled) and every client has its newest event. */
  const settle = async (): Promise<number> => {
    const deadline = performance.now() + 60_000;
    let seq = await lastSeq();
    let quietSince = performance.now();
    while (performance.now() < deadline) {
      await sleep(250);
      const now = await lastSeq();
      if (now !== seq) {
        seq = now;
        quietSince = performance.now();
      } else if (performance.now() - quietSince > 2500 && clients.slowest() >= seq) return seq;
    }
    log('  the room did not settle within 60 s; measuring anyway.');
    return seq;
  };

  for (const [index, { name, rate, seconds }] of cases.entries()) {
    const posters = posterSets[index]!;
    for (const poster of posters.slice(0, 3)) await posting.ask(poster);
    const lo = await settle();
    const reconnectsBefore = clients.reconnects;
    const resetsBefore = clients.resets;
    const tally = new Tally(tokens.length, lo, capacity(rate, seconds), product.servers.length);
    clients.tally = tally;
    const usage = sampleProcesses(product.servers.map((s) => s.pid));
    const self = sampleSelf();
    const whole = sampleMachine();
    tally.windowStart = performance.now();
    tally.windowEnd = tally.windowStart + seconds * 1000;
    log(`Case ${name}: ${rate} posts/s for ${seconds} s by ${posters.length} posters.`);
    const load = posting.run(posters, rate, seconds);
    await load.paced;
    const serverUsage = { ...usage.stop(), processes: product.servers.length };
    const generator = self.stop();
    const machineCpu = whole.stop();
    await load.finish(15_000);
    await sleep(1500); // The last reactions reach the room with the next burst.
    const hi = await lastSeq();
    const drained = await clients.reach(hi, PLAN.drainSec * 1000);
    const expected = (await store.live.readEvents(sessionId, lo, hi - lo + 1))
      .filter((event) => event.seq <= hi && event.audience === 'all')
      .map((event) => event.seq);
    tally.settle(load.voteSentAt);
    clients.tally = null;
    const measured = summarize(
      tally,
      seconds,
      {
        offered: rate,
        posted: load.accepted(),
        events: hi - lo,
        lost: tally.lost(expected),
        drained,
      },
      serverUsage,
      generator,
      machineCpu,
    );
    const answers = load.answerTimes();
    const at = (fraction: number) =>
      answers.length === 0
        ? null
        : round(
            answers[Math.min(answers.length - 1, Math.ceil(fraction * answers.length) - 1)]!,
            1,
          );
    log(
      `  ${measured.deliveriesPerSec} deliveries/s, p99 ${measured.p99Ms} ms, lost ${measured.lost}, ` +
        `server CPU ${measured.serverCpuPct}%, generator CPU ${measured.generatorCpuPct}%, ` +
        `other CPU ${measured.otherCpuPct}%`,
    );
    report(name, {
      ...measured,
      postAnswerP50Ms: at(0.5),
      postAnswerP99Ms: at(0.99),
      ...(product.servers.length > 1
        ? {
            p99MsByProcess: product.servers.map((_, group) => tally.percentile(0.99, group)),
            p50MsByProcess: product.servers.map((_, group) => tally.percentile(0.5, group)),
          }
        : {}),
      reconnects: clients.reconnects - reconnectsBefore,
      resets: clients.resets - resetsBefore,
      postErrors: load.errors(),
    });
  }
  clients.close();
  posting.close();
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  log(
    `${QUICK ? 'Quick' : 'Full'} run: ${PLAN.clients} attendees, ${PG ? 'PostgreSQL, 2 processes' : 'SQLite, 1 process'}, on ${machine.cores} × ${machine.cpu}.`,
  );
  // Convene's rate limits cap what a room of N people can post; the baseline is not tried beyond it.
  const maxRate = Math.floor((PLAN.clients - postersFor(PLAN.rate)) / 2.6);
  const { steps, saturated: baselineSaturated } = await measureBaseline(
    Math.min(maxRate, STEPS.at(-1)!),
  );
  const atTarget = steps.find((step) => step.rate === PLAN.rate) ?? steps[0]!;
  const saturation = steps.reduce((best, step) =>
    step.deliveriesPerSec > best.deliveriesPerSec ? step : best,
  );

  const product = await startProduct();
  running.push(...product.servers);
  const common = {
    transport: 'sse',
    database: product.database,
    processes: product.servers.length,
    clients: PLAN.clients,
  };
  const goalDeliveries = PLAN.clients * PLAN.rate;
  const cases = [
    { name: 'target', rate: PLAN.rate, seconds: PLAN.targetSec },
    { name: 'saturation', rate: saturation.rate, seconds: PLAN.saturationSec },
  ];
  await measureProduct(product, cases, (name, result) => {
    const durationSec = cases.find((c) => c.name === name)!.seconds;
    if (name === 'target') {
      console.log(
        JSON.stringify({
          case: name,
          ...common,
          durationSec,
          ...result,
          baselineDeliveriesPerSec: atTarget.deliveriesPerSec,
          baselineP99Ms: atTarget.p99Ms,
          baselineServerCpuPct: atTarget.serverCpuPct,
          ratioToBaseline: round(result.deliveriesPerSec / atTarget.deliveriesPerSec, 3),
          goal: {
            deliveriesPerSec: goalDeliveries,
            p99Ms: TARGET_P99_MS,
            lost: 0,
            met:
              result.deliveriesPerSec >= 0.95 * goalDeliveries &&
              (result.p99Ms ?? Infinity) <= TARGET_P99_MS &&
              result.lost === 0,
          },
          machine,
        }),
      );
      return;
    }
    const ratio = round(result.deliveriesPerSec / saturation.deliveriesPerSec, 3);
    console.log(
      JSON.stringify({
        case: name,
        ...common,
        durationSec,
        ...result,
        baselineDeliveriesPerSec: saturation.deliveriesPerSec,
        baselineP99Ms: saturation.p99Ms,
        baselineServerCpuPct: saturation.serverCpuPct,
        baselineGeneratorCpuPct: saturation.generatorCpuPct,
        baselineSaturated,
        baselineSteps: steps.map((s) => ({
          offeredPerSec: s.rate,
          deliveriesPerSec: s.deliveriesPerSec,
          p50Ms: s.p50Ms,
          p99Ms: s.p99Ms,
          serverCpuPct: s.serverCpuPct,
          generatorCpuPct: s.generatorCpuPct,
          otherCpuPct: s.otherCpuPct,
          cpuBound: s.cpuBound,
        })),
        ratioToBaseline: ratio,
        goal: { ratioToBaseline: TARGET_RATIO, met: ratio >= TARGET_RATIO },
        machine,
      }),
    );
  });
}

try {
  await main();
} catch (error) {
  log(`Failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  for (const server of running)
    log(`Output of the server on port ${server.port}:\n${server.output().slice(-3000)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
