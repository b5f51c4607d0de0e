// Breakout allocation on the shared examples, Social Golfer instances, a 90-person convening
// (with 5 s and with 1 s), a 2,000-person convening, and a live re-plan of one round of a
// 300-person convening: prints one JSON line per instance (the median of 3 seeds, by the
// contract's order), then the machine. Run with `npm run bench:breakouts`. Timings are
// wall-clock; never asserted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  allocateBreakoutRooms,
  mulberry32,
} from '../src/domain/breakouts/allocate-breakout-rooms.ts';
import { checkProblem, type BreakoutProblem } from '../src/domain/breakouts/breakout-problem.ts';
import { replanRound } from '../src/domain/breakouts/replan-round.ts';
import { compareScores } from '../src/domain/breakouts/score-schedule.ts';

const TIME_LIMIT_MS = 5000;
const SEEDS = [1, 2, 3];
const EXAMPLES = fileURLToPath(new URL('../../shared/contracts/examples/', import.meta.url));

function golfers(groups: number, size: number, weeks: number): BreakoutProblem {
  return {
    rounds: weeks,
    roomSize: { min: size, max: size },
    people: Array.from({ length: groups * size }, (_, i) => ({ id: `g${i + 1}` })),
    apart: [],
    history: [],
  };
}

/** A convening like the Digital Services Convening: 42 governments, eight roles, two stages. */
function convening(people: number, min: number, max: number, seed: number): BreakoutProblem {
  const random = mulberry32(seed);
  const roles = ['minister', 'cdo', 'cto', 'product', 'engineer', 'designer', 'policy', 'data'];
  return {
    rounds: 8,
    roomSize: { min, max },
    people: Array.from({ length: people }, (_, i) => ({
      id: `c${String(i + 1).padStart(4, '0')}`,
      government: `G${String(i % 42).padStart(2, '0')}`,
      role: roles[Math.floor(random() * roles.length)] as string,
      maturity: random() < 0.5 ? 'starting' : 'momentum',
      absent: i % 15 === 3 ? [Math.floor(random() * 8)] : [],
    })),
    apart: [],
    history: [],
  };
}

const instances: { name: string; problem: BreakoutProblem; timeLimitMs?: number }[] = [];
if (existsSync(EXAMPLES)) {
  for (const file of readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const checked = checkProblem(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')));
    if (checked.ok) instances.push({ name: `example:${file}`, problem: checked.problem });
    else process.stderr.write(`Skipping ${file}: ${checked.problems.join(' ')}\n`);
  }
} else process.stderr.write(`No shared examples at ${EXAMPLES}; skipping them.\n`);
for (const [g, p, w] of [
  [5, 3, 7],
  [8, 4, 8],
  [8, 4, 9],
  [8, 4, 10],
  [10, 3, 13],
  [10, 4, 10],
  [6, 3, 8],
] as const)
  instances.push({ name: `sgp-${g}-${p}-${w}`, problem: golfers(g, p, w) });
instances.push({ name: 'convening-90-42gov-8roles', problem: convening(90, 5, 6, 90) });
instances.push({
  name: 'convening-90-42gov-8roles-1s',
  problem: convening(90, 5, 6, 90),
  timeLimitMs: 1000,
});
instances.push({ name: 'convening-2000-rooms-4-8', problem: convening(2000, 4, 8, 2000) });

// BENCH_ONLY=sgp-8 runs only the instances whose name contains that text.
const only = process.env.BENCH_ONLY ?? '';
for (const { name, problem, timeLimitMs = TIME_LIMIT_MS } of instances) {
  if (!name.includes(only)) continue;
  const byId = new Map(problem.people.map((person) => [person.id, person]));
  const runs = SEEDS.map((seed) => {
    const schedule = allocateBreakoutRooms(problem, {
      seed,
      timeLimitMs,
      now: () => performance.now(),
    });
    const rooms = schedule.rounds.flat();
    const distinctRoles = rooms.map(
      (room) => new Set(room.flatMap((id) => byId.get(id)?.role ?? [])).size,
    );
    const mixed = rooms.filter(
      (room) => new Set(room.flatMap((id) => byId.get(id)?.maturity ?? [])).size >= 2,
    ).length;
    return { seed, schedule, distinctRoles, mixed, rooms: rooms.length };
  });
  runs.sort((a, b) => compareScores(a.schedule.score, b.schedule.score));
  const median = runs[1] ?? runs[0]!;
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  console.log(
    JSON.stringify({
      instance: name,
      people: problem.people.length,
      rounds: problem.rounds,
      medianSeed: median.seed,
      repeatPairs: median.schedule.score.repeatPairs,
      repeatPairsPerSeed: runs.map((run) => run.schedule.score.repeatPairs),
      sameGovernmentPairs: median.schedule.score.sameGovernmentPairs,
      meanDistinctRolesPerRoom: Math.round(mean(median.distinctRoles) * 100) / 100,
      maturityMixedRoomsPct: Math.round((1000 * median.mixed) / median.rooms) / 10,
      score: median.schedule.score,
      elapsedMs: median.schedule.elapsedMs,
      timeLimitMs,
    }),
  );
}

// Live re-plan: round 3 of a 300-person convening loses 12 people and gains those who were
// to miss it and three newcomers.
if ('replan-round-300'.includes(only)) {
  const problem = convening(300, 5, 6, 300);
  const plan = allocateBreakoutRooms(problem, {
    seed: 1,
    timeLimitMs: 2000,
    now: () => performance.now(),
  });
  const r = 3;
  const rooms = plan.rounds[r]!;
  const seated = new Set(rooms.flat());
  const absent = [...seated].filter((_, k) => k % 25 === 7);
  const missing = problem.people.filter((person) => !seated.has(person.id)).slice(0, 4);
  const newcomers = ['n1', 'n2', 'n3'].map((id, k) => ({
    id,
    government: `G${String(k * 5).padStart(2, '0')}`,
    role: 'engineer',
    maturity: 'starting',
  }));
  const runs = SEEDS.map((seed) => {
    const start = performance.now();
    const result = replanRound(
      {
        people: [...problem.people, ...newcomers],
        roomSize: problem.roomSize,
        apart: problem.apart,
        otherRounds: plan.rounds.filter((_, k) => k !== r),
        rooms,
        absent,
        joined: [...missing, ...newcomers].map((person) => person.id),
      },
      { seed, timeLimitMs: 100, now: () => performance.now() },
    );
    return { ...result, elapsedMs: Math.round((performance.now() - start) * 10) / 10 };
  });
  const byTime = [...runs].sort((a, b) => a.elapsedMs - b.elapsedMs);
  const median = byTime[1]!;
  const byId = new Map([...problem.people, ...newcomers].map((person) => [person.id, person]));
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  console.log(
    JSON.stringify({
      instance: 'replan-round-300',
      people: problem.people.length + newcomers.length,
      dropped: absent.length,
      joined: missing.length + newcomers.length,
      moved: median.moved.length,
      repeatPairs: median.score.repeatPairs,
      sameGovernmentPairs: median.score.sameGovernmentPairs,
      meanDistinctRolesPerRoom:
        Math.round(
          mean(median.rooms.map((room) => new Set(room.map((id) => byId.get(id)?.role)).size)) *
            100,
        ) / 100,
      score: median.score,
      elapsedMs: median.elapsedMs,
      elapsedMsPerSeed: runs.map((run) => run.elapsedMs),
    }),
  );
}

console.log(
  JSON.stringify({
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
    node: process.version,
    loadavg: loadavg().map((value) => Math.round(value * 100) / 100),
  }),
);
