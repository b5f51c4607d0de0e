import type { Day, Edition, Theme } from '../../domain/convening/edition.ts';
import { list, type RawInput } from '../../domain/convening/programme-input.ts';
import type { Session } from '../../domain/convening/session.ts';
import type { Government, Person } from '../../domain/people/person.ts';
import type { FieldError } from '../../domain/shared/result.ts';
import type { SessionContributorLink } from '../ports.ts';
import {
  IMPORT_KINDS,
  type ImportKind,
  type ImportPath,
  type ImportSummary,
} from './programme-document.ts';

/**
 * The building blocks of planning an import: every record the file names, with what the
 * import will do to it, and the problems found on the way, each with its path in the file.
 */

/** What the import does to one record: add it, change it, or leave it as the file already says. */
export interface Planned<T> {
  action: 'create' | 'update' | 'unchanged';
  record: T;
}

/** A session with its speakers and moderators, in the order the file lists them. */
export interface PlannedSession {
  session: Session;
  contributors: SessionContributorLink[];
}

/** A person invited to an edition. */
export interface PlannedInvitee {
  editionId: string;
  personId: string;
}

/** Everything an import writes, kind by kind, in the order it is written. */
export interface ImportPlan {
  governments: Planned<Government>[];
  people: Planned<Person>[];
  editions: Planned<Edition>[];
  themes: Planned<Theme>[];
  days: Planned<Day>[];
  sessions: Planned<PlannedSession>[];
  invitees: Planned<PlannedInvitee>[];
}

/** A problem found while planning, named by its path in the document. */
export interface PathProblem {
  path: ImportPath;
  message: string;
}

/** An entry of the document (an object), where it is, and the keys already reported as malformed. */
export interface Entry {
  raw: RawInput;
  path: ImportPath;
  /** Keys whose value has the wrong type: reported once, so the validators' messages about them are left out. */
  badKeys: ReadonlySet<string>;
}

/** What planning needs from outside: the moment of the import and new record ids. */
export interface PlanContext {
  now: Date;
  newId(): string;
}

/** An empty plan to fill in. */
export function emptyPlan(): ImportPlan {
  return {
    governments: [],
    people: [],
    editions: [],
    themes: [],
    days: [],
    sessions: [],
    invitees: [],
  };
}

/** Counts a plan's actions per kind of record. */
export function summarisePlan(plan: ImportPlan): ImportSummary {
  const summary = {} as ImportSummary;
  for (const kind of IMPORT_KINDS) {
    const planned: Planned<unknown>[] = plan[kind as ImportKind];
    summary[kind] = {
      created: planned.filter((item) => item.action === 'create').length,
      updated: planned.filter((item) => item.action === 'update').length,
      unchanged: planned.filter((item) => item.action === 'unchanged').length,
    };
  }
  return summary;
}

/** Collects every problem of a document; planning never stops at the first. */
export class ProblemList {
  readonly items: PathProblem[] = [];

  add(path: ImportPath, message: string): void {
    this.items.push({ path, message });
  }

  /** Adds a domain validator's errors about an entry, naming each field by the file's key for it. */
  addFieldErrors(
    entry: Entry,
    errors: FieldError[],
    keyOf: (field: string) => string = (field) => field,
  ): void {
    for (const error of errors) {
      const key = keyOf(error.field);
      if (!entry.badKeys.has(key)) this.add([...entry.path, key], error.message);
    }
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }
}

/** Reads a scalar value of the document as trimmed text, as the domain validators do. */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).trim();
}

/** Whether a value is a plain object (a JSON object), not a list or a scalar. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Chooses what to do with a record that may already be stored: create it, or update it
 * when one of the compared fields differs (lists are compared in order).
 */
export function decide<T extends object>(
  stored: T | undefined,
  record: T,
  compared: readonly (keyof T)[],
): Planned<T> {
  if (stored === undefined) return { action: 'create', record };
  return { action: sameFields(stored, record, compared) ? 'unchanged' : 'update', record };
}

/** Whether two records hold the same values in the given fields. */
export function sameFields<T extends object>(a: T, b: T, compared: readonly (keyof T)[]): boolean {
  return compared.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

/**
 * Finds entries that a file names twice (the same email, code, date...). A repeat with the
 * same details is harmless and merged; a repeat with different details is a problem, since
 * the import cannot tell which one is meant. Entries are compared as written, before any
 * check, so a repeat is found even when the first one has problems of its own.
 */
export class RepeatFinder {
  private readonly seen = new Map<string, string>();

  constructor(private readonly compared: readonly string[]) {}

  /** Answers "first" for a key not seen yet, "same" or "different" for a repeat. */
  check(
    key: string,
    raw: RawInput,
    normalised: Record<string, string> = {},
  ): 'first' | 'same' | 'different' {
    const details = JSON.stringify(
      this.compared.map(
        (field) =>
          normalised[field] ?? (Array.isArray(raw[field]) ? list(raw, field) : textOf(raw[field])),
      ),
    );
    const earlier = this.seen.get(key);
    if (earlier === undefined) {
      this.seen.set(key, details);
      return 'first';
    }
    return earlier === details ? 'same' : 'different';
  }
}
