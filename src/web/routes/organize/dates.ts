import { DateTime } from 'luxon';
import type { Edition } from '../../../domain/convening/edition.ts';

/** Every date of an edition, first to last, for date pickers. */
export function datesOf(edition: Pick<Edition, 'startDate' | 'endDate'>): string[] {
  const dates: string[] = [];
  let date = DateTime.fromISO(edition.startDate);
  const end = DateTime.fromISO(edition.endDate);
  while (date <= end && dates.length < 62) {
    dates.push(date.toFormat('yyyy-MM-dd'));
    date = date.plus({ days: 1 });
  }
  return dates;
}
