import { DateTime } from 'luxon';

const LOCALE = 'en-GB';

/** "16 to 18 November 2020": the span of an edition, for pages and emails alike. */
export function describeDateSpan(startDate: string, endDate: string): string {
  const start = DateTime.fromISO(startDate).setLocale(LOCALE);
  const end = DateTime.fromISO(endDate).setLocale(LOCALE);
  if (startDate === endDate) return end.toFormat('d LLLL yyyy');
  if (start.hasSame(end, 'month'))
    return `${start.toFormat('d')} to ${end.toFormat('d LLLL yyyy')}`;
  if (start.hasSame(end, 'year'))
    return `${start.toFormat('d LLLL')} to ${end.toFormat('d LLLL yyyy')}`;
  return `${start.toFormat('d LLLL yyyy')} to ${end.toFormat('d LLLL yyyy')}`;
}
