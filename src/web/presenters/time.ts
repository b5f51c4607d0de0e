import { DateTime } from 'luxon';
import { describeDateSpan } from '../../domain/convening/date-span.ts';

const LOCALE = 'en-GB';

function inZone(instant: string, zone: string): DateTime {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).setLocale(LOCALE);
}

/** "14:00–15:30 GMT": a session's times in one zone, with the zone's short name so nobody guesses. */
export function formatTimeRange(startsAt: string, endsAt: string, zone: string): string {
  const start = inZone(startsAt, zone);
  const end = inZone(endsAt, zone);
  const endDay = end.hasSame(start, 'day') ? '' : ` (${end.toFormat('ccc d LLL')})`;
  return `${start.toFormat('HH:mm')}–${end.toFormat('HH:mm')}${endDay} ${start.toFormat('ZZZZ')}`;
}

/** "Mon 16 Nov": the date an instant falls on in a zone. */
export function formatShortDate(instant: string, zone: string): string {
  return inZone(instant, zone).toFormat('ccc d LLL');
}

/** "Monday 16 November 2020": a calendar date written out. */
export function formatLongDate(date: string): string {
  return DateTime.fromISO(date).setLocale(LOCALE).toFormat('cccc d LLLL yyyy');
}

/** "16 to 18 November 2020": the span of an edition. */
export function formatDateSpan(startDate: string, endDate: string): string {
  return describeDateSpan(startDate, endDate);
}

/** "Europe/London (GMT+1 now)": a zone as people pick it from a list. */
export function describeZone(zone: string, now: Date): string {
  const offset = DateTime.fromJSDate(now).setZone(zone).toFormat('ZZ');
  return `${zone.replace(/_/g, ' ')} (UTC${offset})`;
}

/** Whether two zones show the same wall-clock times at this instant, so one column is enough. */
export function isSameOffset(a: string, b: string, instant: string): boolean {
  return inZone(instant, a).offset === inZone(instant, b).offset;
}

/** "1 Jun 2021, 13:00 BST": an instant in one zone, with the zone's name so nobody guesses. */
export function formatDateTime(instant: string, zone: string): string {
  return inZone(instant, zone).toFormat('d LLL yyyy, HH:mm ZZZZ');
}
