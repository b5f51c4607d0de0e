import { readFileSync } from 'node:fs';
import { checkProblem } from '/work/main/src/domain/breakouts/breakout-problem.ts';
import { allocateBreakoutRooms } from '/work/main/src/domain/breakouts/allocate-breakout-rooms.ts';
import { isValid } from '/work/main/src/domain/breakouts/score-schedule.ts';
for (const f of process.argv.slice(2)) {
  const c = checkProblem(JSON.parse(readFileSync(f, 'utf8')));
  if (!c.ok) { console.log(c.problems); continue; }
  for (const seed of [1, 2, 3]) {
    const s = allocateBreakoutRooms(c.problem, { seed, timeLimitMs: 5000, now: () => performance.now() });
    console.log(f.split('/').pop(), seed, JSON.stringify(s.score), s.elapsedMs, isValid(c.problem, s.rounds));
  }
}
