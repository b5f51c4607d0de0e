import { list } from '../../domain/convening/programme-input.ts';
import {
  checkGovernmentFields,
  checkPersonFields,
  normaliseGovernmentCode,
} from '../../domain/people/people-input.ts';
import { normaliseEmail, type Government, type Person } from '../../domain/people/person.ts';
import type { Store } from '../ports.ts';
import {
  decide,
  emptyPlan,
  ProblemList,
  RepeatFinder,
  textOf,
  type Entry,
  type ImportPlan,
  type PathProblem,
  type PlanContext,
} from './import-plan.ts';
import { planEditionImport } from './plan-edition-import.ts';
import { readProgrammeDocument, type DocumentEntries } from './read-programme-document.ts';

const PERSON_FIELDS = ['name', 'governmentId', 'role', 'maturity', 'timeZone'] as const;

/** The plan of an import, or every problem of its document. */
export type PlanOutcome = { ok: true; plan: ImportPlan } | { ok: false; problems: PathProblem[] };

/**
 * Checks a whole document against the rules and what is stored, and works out what to write.
 * It only reads: nothing is written, whatever the outcome.
 */
export async function planProgrammeImport(
  store: Store,
  document: unknown,
  context: PlanContext,
): Promise<PlanOutcome> {
  const problems = new ProblemList();
  const entries = readProgrammeDocument(document, problems);
  const plan = emptyPlan();
  const governmentIds = await planGovernments(store, entries.governments, plan, problems, context);
  const personIds = await planPeople(store, entries, governmentIds, plan, problems, context);
  const slugs = new Set<string>();
  for (const edition of entries.editions) {
    await planEditionImport(store, edition, { personIds, slugs }, plan, problems, context);
  }
  return problems.isEmpty ? { ok: true, plan } : { ok: false, problems: problems.items };
}

/** Plans governments; answers the id of every government code known, in the file or stored. */
async function planGovernments(
  store: Store,
  entries: Entry[],
  plan: ImportPlan,
  problems: ProblemList,
  context: PlanContext,
): Promise<Map<string, string>> {
  const stored = new Map(
    (await store.people.listGovernments()).map((government) => [
      normaliseGovernmentCode(government.code),
      government,
    ]),
  );
  const ids = new Map([...stored].map(([code, government]) => [code, government.id]));
  const repeats = new RepeatFinder(['code', 'country', 'team']);
  for (const entry of entries) {
    const code = normaliseGovernmentCode(textOf(entry.raw.code));
    if (code) {
      const repeat = repeats.check(code, entry.raw, { code });
      if (repeat === 'different') {
        problems.add(
          [...entry.path, 'code'],
          `The government ${code} appears earlier in the file with different details. Give each government once.`,
        );
      }
      if (repeat !== 'first') continue;
    }
    const checked = checkGovernmentFields({
      code: entry.raw.code,
      country: entry.raw.country,
      teamName: entry.raw.team,
    });
    if (!checked.ok) {
      problems.addFieldErrors(entry, checked.errors, (field) =>
        field === 'teamName' ? 'team' : field,
      );
      // Known to be in the file, so people naming it are not reported twice.
      if (code && !ids.has(code)) ids.set(code, '');
      continue;
    }
    const existing = stored.get(code);
    const government: Government = { id: existing?.id ?? context.newId(), ...checked.value };
    ids.set(code, government.id);
    plan.governments.push(decide(existing, government, ['code', 'country', 'teamName']));
  }
  return ids;
}

/** Every email the editions name (speakers, moderators, invitees), to look up stored people at once. */
function referencedEmails(entries: DocumentEntries): string[] {
  const emails: string[] = [];
  for (const edition of entries.editions) {
    emails.push(...list(edition.edition.raw, 'invitees'));
    for (const session of edition.sessions)
      emails.push(...list(session.raw, 'speakers'), ...list(session.raw, 'moderators'));
  }
  return emails;
}

/** Plans people; answers the id of every email known, in the file or stored. */
async function planPeople(
  store: Store,
  entries: DocumentEntries,
  governmentIds: Map<string, string>,
  plan: ImportPlan,
  problems: ProblemList,
  context: PlanContext,
): Promise<Map<string, string>> {
  const emails = [
    ...new Set(
      [...entries.people.map((entry) => textOf(entry.raw.email)), ...referencedEmails(entries)]
        .map(normaliseEmail)
        .filter((email) => email.length > 0),
    ),
  ];
  const stored = new Map(
    (await store.people.findPeopleByEmails(emails)).map((person) => [person.email, person]),
  );
  const ids = new Map([...stored].map(([email, person]) => [email, person.id]));
  const repeats = new RepeatFinder(['name', 'email', 'government', 'role', 'maturity', 'timeZone']);
  for (const entry of entries.people) {
    const email = normaliseEmail(textOf(entry.raw.email));
    const governmentCode = normaliseGovernmentCode(textOf(entry.raw.government));
    if (email) {
      const repeat = repeats.check(email, entry.raw, { email, government: governmentCode });
      if (repeat === 'different') {
        problems.add(
          [...entry.path, 'email'],
          `${email} appears earlier in the file with different details. Give each person once.`,
        );
      }
      if (repeat !== 'first') continue;
      // Known to be in the file, so sessions naming them are not reported twice.
      if (!ids.has(email)) ids.set(email, '');
    }
    const checked = checkPersonFields(entry.raw);
    if (!checked.ok) problems.addFieldErrors(entry, checked.errors);
    const isGovernmentKnown = governmentCode === '' || governmentIds.has(governmentCode);
    if (!isGovernmentKnown && !entry.badKeys.has('government')) {
      problems.add(
        [...entry.path, 'government'],
        `No government has the code ${governmentCode}. Add it to "governments" in the file, or check the code.`,
      );
    }
    if (!checked.ok || !isGovernmentKnown) continue;
    const fields = checked.value;
    const existing = stored.get(fields.email);
    const person: Person = {
      id: existing?.id ?? context.newId(),
      name: fields.name,
      email: fields.email,
      governmentId: fields.governmentCode
        ? (governmentIds.get(fields.governmentCode) ?? null)
        : null,
      role: fields.role,
      maturity: fields.maturity,
      timeZone: fields.timeZone,
    };
    ids.set(fields.email, person.id);
    plan.people.push(decide(existing, person, PERSON_FIELDS));
  }
  return ids;
}
