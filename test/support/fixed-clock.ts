import type { Clock, IdGenerator } from '../../src/app/ports.ts';

/** A clock that says whatever time the test sets. */
export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set: (value: string) => {
      now = new Date(value);
    },
  };
}

/** Ids that are readable and in order, so failures are easy to follow. */
export function sequentialIds(prefix = 'id'): IdGenerator {
  let next = 0;
  return { next: () => `${prefix}-${String(++next).padStart(4, '0')}` };
}
