import { MIGRATIONS } from '../../src/adapters/db/migrations/index.ts';

/** The name of the newest migration: what a fully migrated database reports. */
export const LATEST_MIGRATION = Object.keys(MIGRATIONS).at(-1) ?? '';
