// Time-zone fairness at the sizes organizers meet: prints one JSON line per case.
// Run with `npm run bench:fairness`. Timings are wall-clock on this machine; never asserted.
import { performance } from 'node:perf_hooks';
import {
  assessSession,
  planFairRotation,
  planMostDaytime,
  prepareAudience,
  suggestSessionTimes,
  type SessionTimes,
} from '../src/domain/time-zones/fairness.ts';
import { DEMO_GOVERNMENTS } from '../src/app/demo/demo-governments.ts';

/** A small deterministic generator, so every run measures the same inputs. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function programme(days: number, sessionsPerDay: number, firstDate: string): SessionTimes[][] {
  return Array.from({ length: days }, (_, day) => {
    const start = Date.parse(`${firstDate}T13:00:00Z`) + day * 86_400_000;
    return Array.from({ length: sessionsPerDay }, (_, index) => ({
      startsAt: new Date(start + index * 30 * 60_000).toISOString(),
      endsAt: new Date(start + index * 30 * 60_000 + 25 * 60_000).toISOString(),
    }));
  });
}

function time<T>(work: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = work();
  return { result, ms: Math.round((performance.now() - started) * 10) / 10 };
}

const zonePools = {
  'demo-42-governments': DEMO_GOVERNMENTS.map((government) => government.timeZone),
  'all-iana-zones': Intl.supportedValuesOf('timeZone'),
};

const cases = [
  { invitees: 120, days: 3, sessionsPerDay: 4, zones: 'demo-42-governments' as const },
  { invitees: 2000, days: 7, sessionsPerDay: 15, zones: 'demo-42-governments' as const },
  { invitees: 2000, days: 7, sessionsPerDay: 15, zones: 'all-iana-zones' as const },
];

for (const testCase of cases) {
  const random = seeded(testCase.invitees * 31 + testCase.days);
  const pool = zonePools[testCase.zones];
  const zones = Array.from(
    { length: testCase.invitees },
    () => pool[Math.floor(random() * pool.length)] ?? 'UTC',
  );
  // Around Europe's clock change, the hardest week for the zone arithmetic.
  const days = programme(testCase.days, testCase.sessionsPerDay, '2020-10-22');
  const audience = time(() => prepareAudience(zones));
  const sessions = days.flat();
  const assess = time(() => sessions.map((session) => assessSession(session, audience.result)));
  const suggest = time(() =>
    sessions.map((session) => suggestSessionTimes(session, audience.result, 'America/New_York')),
  );
  const mostDaytime = time(() => planMostDaytime(days, audience.result));
  const fair = time(() => planFairRotation(days, audience.result));
  console.log(
    JSON.stringify({
      case: `${testCase.invitees}-invitees-${testCase.days}x${testCase.sessionsPerDay}-sessions-${testCase.zones}`,
      assessAllSessionsMs: assess.ms,
      suggestAllSessionsMs: suggest.ms,
      planMostDaytimeMs: mostDaytime.ms,
      planFairRotationMs: fair.ms,
      fairRotationSearch: fair.result.search,
      maxNightDaysMostDaytime: mostDaytime.result.maxNightDays,
      maxNightDaysFairRotation: fair.result.maxNightDays,
    }),
  );
}
