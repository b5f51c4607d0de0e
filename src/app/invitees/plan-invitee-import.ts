import {
  checkGovernmentFields,
  checkPersonFields,
  normaliseGovernmentCode,
} from '../../domain/people/people-input.ts';
import {
  normaliseEmail,
  PERSON_ROLE_LABELS,
  PERSON_ROLES,
  TEAM_MATURITIES,
  TEAM_MATURITY_LABELS,
  type Government,
  type Person,
} from '../../domain/people/person.ts';
import type { CsvRow } from '../csv/read-csv-table.ts';
import type { Store } from '../ports.ts';
import { decide, RepeatFinder } from '../programme/import-plan.ts';
import type { ImportProblem } from '../programme/programme-document.ts';

/** What is stored that an invitee file is checked against. */
export interface StoredForImport {
  governments: Government[];
  /** The stored people whose emails the file names. */
  people: Person[];
  /** People already invited to the edition. */
  invitedPersonIds: ReadonlySet<string>;
}

/** One field of a stored person that the import changes, as people read it. */
export interface PersonChange {
  field: string;
  from: string;
  to: string;
}

/** A person the file names, with what the import does to them and to their invitation. */
export interface PlannedInvitee {
  /** The row of the file the person is on (the first, when repeated). */
  line: number;
  action: 'create' | 'update' | 'unchanged';
  person: Person;
  changes: PersonChange[];
  isNewlyInvited: boolean;
}

/** Everything an invitee import writes: governments first, then people and invitations. */
export interface InviteeImportPlan {
  governments: (Government & { line: number })[];
  invitees: PlannedInvitee[];
  /** Rows that repeat an earlier row word for word, merged into it. */
  merged: { line: number; sameAs: number }[];
}

/** The plan, or every problem of the file by row and column. */
export type InviteePlanOutcome =
  { ok: true; plan: InviteeImportPlan } | { ok: false; problems: ImportProblem[] };

const PERSON_COLUMNS: Record<string, string> = {
  name: 'name',
  email: 'email',
  role: 'role',
  maturity: 'team_maturity',
  timeZone: 'time_zone',
};
const GOVERNMENT_COLUMNS: Record<string, string> = {
  code: 'government',
  country: 'country',
  teamName: 'team',
};
const COMPARED_PERSON_FIELDS = ['name', 'governmentId', 'role', 'maturity', 'timeZone'] as const;

/** Reads what the file is checked against: governments, the people it names, the edition's invitees. */
export async function loadStoredForImport(
  store: Store,
  editionId: string,
  rows: CsvRow[],
): Promise<StoredForImport> {
  const emails = [
    ...new Set(rows.map((row) => normaliseEmail(row.values.get('email') ?? '')).filter(Boolean)),
  ];
  const [governments, people, progress] = await Promise.all([
    store.people.listGovernments(),
    store.people.findPeopleByEmails(emails),
    store.access.listInviteeProgress(editionId),
  ]);
  return {
    governments,
    people,
    invitedPersonIds: new Set(progress.map((invitee) => invitee.personId)),
  };
}

/**
 * Checks every row of an invitee file against the rules and what is stored, and works out what
 * to write. Pure: it reads only its arguments, and reports every problem rather than the first.
 */
export function planInviteeImport(
  rows: CsvRow[],
  stored: StoredForImport,
  newId: () => string,
): InviteePlanOutcome {
  const problems: ImportProblem[] = [];
  const report = (line: number, column: string, message: string) =>
    problems.push({ location: `row ${line}, column ${column}`, message });
  const governments = planGovernments(rows, stored.governments, report, newId);
  const governmentsById = new Map(
    [...stored.governments, ...governments.created].map((government) => [
      government.id,
      government,
    ]),
  );
  const storedPeople = new Map(stored.people.map((person) => [person.email, person]));
  const repeats = new RepeatFinder(['name', 'email', 'government', 'role', 'maturity', 'timeZone']);
  const firstLines = new Map<string, number>();
  const plan: InviteeImportPlan = { governments: governments.created, invitees: [], merged: [] };

  for (const row of rows) {
    const cell = (column: string) => (row.values.get(column) ?? '').trim();
    const code = normaliseGovernmentCode(cell('government'));
    const raw = {
      name: cell('name'),
      email: cell('email'),
      government: code,
      role: matchChoice(cell('role'), PERSON_ROLES, PERSON_ROLE_LABELS),
      maturity: matchChoice(cell('team_maturity'), TEAM_MATURITIES, TEAM_MATURITY_LABELS),
      timeZone: cell('time_zone'),
    };
    const email = normaliseEmail(raw.email);
    if (email) {
      const repeat = repeats.check(email, raw, { email });
      const sameAs = firstLines.get(email) ?? row.line;
      if (repeat === 'different') {
        report(
          row.line,
          'email',
          `${email} is also in row ${sameAs} with different details. Give each person once.`,
        );
      }
      if (repeat === 'same') plan.merged.push({ line: row.line, sameAs });
      if (repeat !== 'first') continue;
      firstLines.set(email, row.line);
    }
    const checked = checkPersonFields(raw);
    if (!checked.ok) {
      for (const error of checked.errors)
        report(row.line, PERSON_COLUMNS[error.field] ?? error.field, error.message);
    }
    const government = code ? governments.byCode.get(code) : null;
    if (government === undefined && !governments.failedCodes.has(code)) {
      report(
        row.line,
        'government',
        `No government has the code ${code}. To add it, give its country and team in this row, or check the code.`,
      );
    }
    if (!checked.ok || government === undefined) continue;
    const existing = storedPeople.get(checked.value.email);
    const person: Person = {
      id: existing?.id ?? newId(),
      name: checked.value.name,
      email: checked.value.email,
      governmentId: government?.id ?? null,
      role: checked.value.role,
      maturity: checked.value.maturity,
      timeZone: checked.value.timeZone,
    };
    const planned = decide(existing, person, COMPARED_PERSON_FIELDS);
    plan.invitees.push({
      line: row.line,
      action: planned.action,
      person,
      changes: existing ? describeChanges(existing, person, governmentsById) : [],
      isNewlyInvited: !existing || !stored.invitedPersonIds.has(existing.id),
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, plan };
}

/**
 * Governments named in the file: a stored one by its code, or a new one when a row gives the
 * code with its country and team. Every row giving a code's details must give the same ones.
 */
function planGovernments(
  rows: CsvRow[],
  stored: Government[],
  report: (line: number, column: string, message: string) => void,
  newId: () => string,
) {
  const storedByCode = new Map(
    stored.map((government) => [normaliseGovernmentCode(government.code), government]),
  );
  const byCode = new Map(storedByCode);
  const created: (Government & { line: number })[] = [];
  const failedCodes = new Set<string>();
  const definedAt = new Map<string, { line: number; country: string; team: string }>();
  for (const row of rows) {
    const cell = (column: string) => (row.values.get(column) ?? '').trim();
    const code = normaliseGovernmentCode(cell('government'));
    const country = cell('country');
    const team = cell('team');
    if (!country && !team) continue;
    if (!code) {
      report(
        row.line,
        'government',
        'Give the government a short code (such as EE or KE-ICT) in the column government, so that its country and team are kept with it.',
      );
      continue;
    }
    const known = storedByCode.get(code);
    const earlier = definedAt.get(code);
    if (known || earlier) {
      const [sameCountry, sameTeam] = known
        ? [country === '' || country === known.country, team === '' || team === known.teamName]
        : [country === earlier?.country, team === earlier?.team];
      if (!sameCountry || !sameTeam) {
        const where = known
          ? `Convene already has the government ${code} as ${known.country}, ${known.teamName}`
          : `Row ${earlier?.line} gives the government ${code} as ${earlier?.country}, ${earlier?.team}`;
        report(
          row.line,
          sameCountry ? 'team' : 'country',
          `${where}. Give the same country and team, or leave both empty.`,
        );
      }
      continue;
    }
    definedAt.set(code, { line: row.line, country, team });
    const checked = checkGovernmentFields({ code, country, teamName: team });
    if (!checked.ok) {
      for (const error of checked.errors)
        report(row.line, GOVERNMENT_COLUMNS[error.field] ?? error.field, error.message);
      failedCodes.add(code);
      continue;
    }
    const government = { id: newId(), ...checked.value };
    created.push({ ...government, line: row.line });
    byCode.set(code, government);
  }
  return { byCode, created, failedCodes };
}

/**
 * Accepts a choice by its value ("product-manager") or its label ("Product manager"), in any
 * case; anything else is passed on as written, for the check to name it.
 */
function matchChoice<T extends string>(
  written: string,
  values: readonly T[],
  labels: Record<T, string>,
): string {
  const wanted = written.toLowerCase();
  return (
    values.find((value) => value === wanted || labels[value].toLowerCase() === wanted) ?? written
  );
}

/** What the import changes in a stored person, in the words of the pages. */
function describeChanges(
  stored: Person,
  updated: Person,
  governments: ReadonlyMap<string, Government>,
): PersonChange[] {
  const government = (id: string | null) => {
    const found = id === null ? undefined : governments.get(id);
    return found ? `${found.country}, ${found.teamName} (${found.code})` : 'None';
  };
  const fields: [string, (person: Person) => string][] = [
    ['Name', (person) => person.name],
    ['Government', (person) => government(person.governmentId)],
    ['Role', (person) => PERSON_ROLE_LABELS[person.role]],
    ['Team maturity', (person) => TEAM_MATURITY_LABELS[person.maturity]],
    ['Time zone', (person) => person.timeZone],
  ];
  return fields
    .filter(([, read]) => read(stored) !== read(updated))
    .map(([field, read]) => ({ field, from: read(stored), to: read(updated) }));
}
