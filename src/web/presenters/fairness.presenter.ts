import type { EditionFairness, HomeTime } from '../../app/programme/assess-fairness.ts';
import type { FairnessCounts } from '../../domain/time-zones/fairness.ts';
import { formatLongDate } from './time.ts';

function percent(part: number, total: number): string {
  return total === 0 ? '0%' : `${Math.round((part / total) * 100)}%`;
}

function describeShift(minutes: number): string {
  if (minutes === 0) return 'Keep as it is';
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  const amount = [
    hours ? `${hours} hour${hours === 1 ? '' : 's'}` : '',
    rest ? `${rest} minutes` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `${amount} ${minutes > 0 ? 'later' : 'earlier'}`;
}

function presentCounts(counts: FairnessCounts) {
  return {
    ...counts,
    daytimeShare: percent(counts.daytime, counts.total),
    earlyShare: percent(counts.early, counts.total),
    lateShare: percent(counts.late, counts.total),
    nightShare: percent(counts.night, counts.total),
  };
}

const at = (time: HomeTime) => `${time.time}`;

/** The fairness page: counts with shares, suggestions phrased as actions, plans side by side. */
export function presentFairness(fairness: EditionFairness) {
  const slug = fairness.edition.slug;
  return {
    edition: fairness.edition,
    daytime: fairness.daytime,
    invitees: {
      ...fairness.invitees,
      byRegion: fairness.invitees.byRegion.filter((region) => region.count > 0),
    },
    sessions: fairness.sessions.map((session) => ({
      ...session,
      when: `${formatLongDate(session.homeStart.date)}, ${at(session.homeStart)}–${at(session.homeEnd)}`,
      counts: presentCounts(session.assessment.counts),
      byRegion: session.assessment.byRegion
        .filter((region) => region.counts.total > 0)
        .map((region) => ({ region: region.region, counts: presentCounts(region.counts) })),
      suggestions: session.suggestions.map((suggestion) => ({
        ...suggestion,
        label: `${at(suggestion.homeStart)}–${at(suggestion.homeEnd)}`,
        shift: describeShift(suggestion.shiftMinutes),
        counts: presentCounts(suggestion.counts),
        usePath:
          suggestion.shiftMinutes === 0
            ? null
            : `/organize/editions/${slug}/sessions/${session.sessionId}/edit?date=${suggestion.homeStart.date}&startTime=${suggestion.homeStart.time}&endTime=${suggestion.homeEnd.time}`,
      })),
    })),
    days: fairness.days.map((day) => ({
      ...day,
      longDate: formatLongDate(day.date),
      shift: describeShift(day.best.offsetMinutes),
      current: { ...day.current, counts: presentCounts(day.current.counts) },
      best: { ...day.best, counts: presentCounts(day.best.counts) },
    })),
    plans: [fairness.plans.mostDaytime, fairness.plans.fairRotation].map((plan) => ({
      ...plan,
      title: plan.mode === 'most-daytime' ? 'Most people in daytime' : 'Nights shared out fairly',
      explanation:
        plan.mode === 'most-daytime'
          ? 'Each day moved to its best time on its own, unless that would make it overlap the next day. The same people may be up at night every day.'
          : 'The days moved together so that nobody is up at night on more days than necessary, then as much daytime as possible, never one day into the next.',
      isProvenBest: plan.search !== 'coordinate-descent',
      totals: presentCounts(plan.totals),
      days: plan.days.map((day) => ({
        ...day,
        longDate: formatLongDate(day.date),
        shift: describeShift(day.offsetMinutes),
        firstStartLabel: at(day.firstStart),
        counts: presentCounts(day.counts),
      })),
    })),
  };
}
