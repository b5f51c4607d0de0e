import { DateTime, IANAZone } from 'luxon';

/** Whether `zone` is an IANA time zone name this runtime knows, such as "Asia/Singapore". */
export function isValidTimeZone(zone: string): boolean {
  return zone.length > 0 && IANAZone.isValidZone(zone);
}

/**
 * Old zone names that browsers and ICU still report, and the names people know today
 * (the IANA database renamed them: Calcutta became Kolkata, Kiev became Kyiv).
 */
const CURRENT_ZONE_NAMES: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Godthab': 'America/Nuuk',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** The name people know today for a zone, so "Asia/Calcutta" from a browser shows as "Asia/Kolkata". */
export function currentZoneName(zone: string): string {
  return CURRENT_ZONE_NAMES[zone] ?? zone;
}

/** Every IANA time zone the runtime knows, by its current name, sorted, for pickers. */
export function listTimeZones(): string[] {
  return [...new Set(Intl.supportedValuesOf('timeZone').map(currentZoneName))].sort();
}

/** The world regions used to break down time-zone fairness, derived from a zone's area. */
export const REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania', 'Other'] as const;
export type Region = (typeof REGIONS)[number];

/** The region of an IANA zone, from its area ("America/Lima" is in the Americas). */
export function regionOfTimeZone(zone: string): Region {
  const area = zone.split('/')[0];
  switch (area) {
    case 'Africa':
      return 'Africa';
    case 'America':
    case 'US':
    case 'Canada':
    case 'Brazil':
    case 'Chile':
    case 'Mexico':
      return 'Americas';
    case 'Asia':
    case 'Indian':
      return 'Asia';
    case 'Europe':
    case 'Atlantic':
      return 'Europe';
    case 'Australia':
    case 'Pacific':
    case 'Antarctica':
      return 'Oceania';
    default:
      return 'Other';
  }
}

/** Wall-clock time in a zone turned into an instant, or null when that time does not exist there (the hour skipped when clocks go forward). */
export function localToInstant(date: string, time: string, zone: string): string | null {
  const local = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!local.isValid) return null;
  if (local.toFormat('yyyy-MM-dd HH:mm') !== `${date} ${time}`) return null;
  return local.toUTC().toISO({ suppressMilliseconds: true });
}

/** The calendar date and wall-clock time of an instant in a zone. */
export function instantToLocal(instant: string, zone: string): { date: string; time: string } {
  const local = DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone);
  return { date: local.toFormat('yyyy-MM-dd'), time: local.toFormat('HH:mm') };
}

/** Today's date (YYYY-MM-DD) in a zone at the given instant. */
export function dateInZone(now: Date, zone: string): string {
  return DateTime.fromJSDate(now).setZone(zone).toFormat('yyyy-MM-dd');
}
