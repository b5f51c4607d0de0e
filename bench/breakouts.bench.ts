// Breakout allocation on the shared examples, Social Golfer instances and a 90-person
// convening: prints one JSON line per instance (the median of 3 seeds, by the contract's
// order). Run with `npm run bench:breakouts`. Timings are wall-clock; never asserted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  allocateBreakoutRooms,
  mulberry32,
} from '../src/domain/breakouts/allocate-breakout-rooms.ts';
import { checkProblem, type BreakoutProblem } from '../src/domain/breakouts/breakout-problem.ts';
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

function convening90(): BreakoutProblem {
  const random = mulberry32(90);
  const roles = ['minister', 'cdo', 'cto', 'product', 'engineer', 'designer', 'policy', 'data'];
  return {
    rounds: 8,
    roomSize: { min: 5, max: 6 },
    people: Array.from({ length: 90 }, (_, i) => ({
      id: `c${String(i + 1).padStart(2, '0')}`,
      government: `G${String(i % 42).padStart(2, '0')}`,
      role: roles[Math.floor(random() * roles.length)] as string,
      maturity: random() < 0.5 ? 'starting' : 'momentum',
      absent: i % 15 === 3 ? [Math.floor(random() * 8)] : [],
    })),
    apart: [],
    history: [],
  };
}

const instances: { name: string; problem: BreakoutProblem }[] = [];
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
] as const)
  instances.push({ name: `sgp-${g}-${p}-${w}`, problem: golfers(g, p, w) });
instances.push({ name: 'convening-90-42gov-8roles', problem: convening90() });

for (const { name, problem } of instances) {
  const byId = new Map(problem.people.map((person) => [person.id, person]));
  const runs = SEEDS.map((seed) => {
    const schedule = allocateBreakoutRooms(problem, {
      seed,
      timeLimitMs: TIME_LIMIT_MS,
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
    }),
  );
}
