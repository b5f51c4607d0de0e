import type { Migration, MigrationProvider } from 'kysely';
import { programmeMigration } from './0001-programme.ts';
import { accessMigration } from './0002-access.ts';
import { liveRoomsMigration } from './0003-live-rooms.ts';
import { breakoutsMigration } from './0004-breakouts.ts';
import { notesMigration } from './0005-notes.ts';
import { writeupsMigration } from './0006-writeups.ts';
import { themesMigration } from './0007-themes.ts';
import { subscriptionTokensMigration } from './0008-subscription-tokens.ts';
import { directoryMigration } from './0009-directory.ts';
import { introductionsMigration } from './0010-introductions.ts';
import { resourcesAndGroupsMigration } from './0011-resources-and-groups.ts';
import { storeLocksMigration } from './0012-store-locks.ts';
import { calendarSequenceMigration } from './0013-calendar-sequence.ts';
import { mailOncePerScopeMigration } from './0014-mail-once-per-scope.ts';

/** Every migration, in order. Names sort in the order they run; never rename a landed one. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-programme': programmeMigration,
  '0002-access': accessMigration,
  '0003-live-rooms': liveRoomsMigration,
  '0004-breakouts': breakoutsMigration,
  '0005-notes': notesMigration,
  '0006-writeups': writeupsMigration,
  '0007-themes': themesMigration,
  '0008-subscription-tokens': subscriptionTokensMigration,
  '0009-directory': directoryMigration,
  '0010-introductions': introductionsMigration,
  '0011-resources-and-groups': resourcesAndGroupsMigration,
  '0012-store-locks': storeLocksMigration,
  '0013-calendar-sequence': calendarSequenceMigration,
  '0014-mail-once-per-scope': mailOncePerScopeMigration,
};

/** Hands Kysely's migrator the migrations above, bundled with the code rather than read from disk. */
export const bundledMigrations: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
