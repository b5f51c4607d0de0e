import type { Edition } from '../convening/edition.ts';
import { dateInZone } from '../time-zones/zones.ts';

/**
 * The edition that "/programme" shows: the live one; else the next or running published one;
 * else the most recent edition the public may see. Drafts are never picked.
 */
export function pickCurrentEdition(editions: Edition[], now: Date): Edition | null {
  const visible = editions.filter((edition) => edition.status !== 'draft');
  const live = visible.find((edition) => edition.status === 'live');
  if (live) return live;
  const upcoming = visible
    .filter(
      (edition) =>
        edition.status === 'published' && edition.endDate >= dateInZone(now, edition.homeTimeZone),
    )
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
  if (upcoming[0]) return upcoming[0];
  const published = visible.filter((edition) => edition.status === 'published');
  const newestFirst = (list: Edition[]) =>
    [...list].sort((a, b) => b.startDate.localeCompare(a.startDate));
  return newestFirst(published)[0] ?? newestFirst(visible)[0] ?? null;
}
