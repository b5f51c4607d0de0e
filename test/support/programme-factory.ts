import assert from 'node:assert/strict';
import type { UseCaseDeps } from '../../src/app/deps.ts';
import {
  changeEditionStatus,
  createEdition,
  saveDay,
  saveSession,
  saveTheme,
} from '../../src/app/programme/programme.commands.ts';
import type { Actor } from '../../src/domain/access/actor.ts';
import type { Checked } from '../../src/domain/shared/result.ts';
import { signInAs } from './sessions.ts';

/** The organizer the factory acts as, stored by seedEdition: changes it makes appear in the audit log as this person. */
export const FACTORY_ACTOR: Extract<Actor, { kind: 'person' }> = {
  kind: 'person',
  personId: 'factory-organizer',
  name: 'Test organizer',
  email: 'factory.organizer@test.example',
  memberships: [],
  invitedEditionIds: [],
};

/** Unwraps a successful command result, failing the test with the problems otherwise. */
export function expectAccepted<T>(result: Checked<T>): T {
  if (!result.ok)
    assert.fail(`Expected the input to be accepted, got: ${JSON.stringify(result.errors)}`);
  return result.value;
}

/**
 * Creates a small published edition through the use cases: two days (NOW, LATER), two themes,
 * three sessions, a speaker from Kenya and a moderator from Estonia.
 */
export async function seedEdition(
  deps: UseCaseDeps,
  slug = 'dsc-2021',
  status: 'draft' | 'published' = 'published',
) {
  await deps.store.people.savePerson({
    id: FACTORY_ACTOR.personId,
    name: FACTORY_ACTOR.name,
    email: FACTORY_ACTOR.email,
    governmentId: null,
    role: 'other',
    maturity: 'momentum',
    timeZone: 'Europe/London',
  });
  await deps.store.people.saveGovernment({
    id: `gov-ke-${slug}`,
    code: `KE-${slug}`,
    country: 'Kenya',
    teamName: 'Ministry of ICT',
  });
  await deps.store.people.saveGovernment({
    id: `gov-ee-${slug}`,
    code: `EE-${slug}`,
    country: 'Estonia',
    teamName: 'Digital State Office',
  });
  await deps.store.people.savePerson({
    id: `p-wanjiru-${slug}`,
    name: 'Wanjiru Kamau',
    email: `wanjiru.kamau@${slug}.example`,
    governmentId: `gov-ke-${slug}`,
    role: 'chief-digital-officer',
    maturity: 'starting',
    timeZone: 'Africa/Nairobi',
  });
  await deps.store.people.savePerson({
    id: `p-kadri-${slug}`,
    name: 'Kadri Tamm',
    email: `kadri.tamm@${slug}.example`,
    governmentId: `gov-ee-${slug}`,
    role: 'product-manager',
    maturity: 'momentum',
    timeZone: 'Europe/Tallinn',
  });
  const edition = expectAccepted(
    await createEdition(deps, FACTORY_ACTOR, {
      name: `Digital Services Convening ${slug}`,
      slug,
      year: '2021',
      hosts: 'Public Digital\nHarvard Kennedy School',
      homeTimeZone: 'Europe/London',
      startDate: '2021-11-16',
      endDate: '2021-11-18',
      format: 'remote',
    }),
  );
  expectAccepted(
    await saveDay(deps, FACTORY_ACTOR, slug, null, {
      date: '2021-11-16',
      themeLabel: 'NOW',
      guidingQuestion: 'What are we learning right now?',
    }),
  );
  expectAccepted(
    await saveDay(deps, FACTORY_ACTOR, slug, null, {
      date: '2021-11-17',
      themeLabel: 'LATER',
      guidingQuestion: 'What are the long-term opportunities?',
    }),
  );
  const lockIn = expectAccepted(
    await saveTheme(deps, FACTORY_ACTOR, slug, null, {
      name: 'Vendor lock-in and budgets',
      description: 'Big IT vendors.',
    }),
  );
  expectAccepted(
    await saveTheme(deps, FACTORY_ACTOR, slug, null, {
      name: 'Talent and capability frameworks',
      description: '',
    }),
  );
  const opening = expectAccepted(
    await saveSession(deps, FACTORY_ACTOR, slug, null, {
      title: 'Opening: collaboration, not competition',
      format: 'talk',
      date: '2021-11-16',
      startTime: '14:00',
      endTime: '14:45',
      description: 'Why we convene.',
      videoUrl: 'https://meet.jit.si/convene-test-opening',
      speakers: `wanjiru.kamau@${slug}.example`,
      moderators: `kadri.tamm@${slug}.example`,
      themes: [lockIn.id],
    }),
  );
  const panel = expectAccepted(
    await saveSession(deps, FACTORY_ACTOR, slug, null, {
      title: 'Breaking free of big IT vendors',
      format: 'panel',
      date: '2021-11-16',
      startTime: '15:00',
      endTime: '16:00',
      themes: ['Vendor lock-in and budgets'],
    }),
  );
  const later = expectAccepted(
    await saveSession(deps, FACTORY_ACTOR, slug, null, {
      title: 'From services to reform',
      format: 'discussion',
      date: '2021-11-17',
      startTime: '14:00',
      endTime: '15:00',
    }),
  );
  if (status === 'published')
    assert.deepEqual(await changeEditionStatus(deps, FACTORY_ACTOR, slug, 'published'), {
      allowed: true,
    });
  // Creating the edition made the factory's actor its organizer; tests choose their own
  // organizers, so the seeded edition starts without one.
  await deps.store.access.revokeRole(edition.id, FACTORY_ACTOR.personId, 'organizer');
  return { edition, sessions: { opening, panel, later }, themes: { lockIn } };
}

/**
 * A published edition with the people access tests need: its organizer, a registered attendee,
 * and the organizer of another edition (who must be refused here).
 */
export async function seedEditionWithCast(deps: UseCaseDeps) {
  const seeded = await seedEdition(deps);
  const editionId = seeded.edition.id;
  const other = await seedEdition(deps, 'dsc-other');
  const organizer = await signInAs(
    deps,
    { id: 'p-olu', name: 'Olu Adeyemi', email: 'olu.adeyemi@cohost.example' },
    [{ editionId, role: 'organizer' }],
  );
  const attendee = await signInAs(deps, { id: 'p-attendee', name: 'Ines Attendee' });
  await deps.store.people.addInvitee(editionId, 'p-attendee', '2021-06-01T12:00:00Z');
  await deps.store.access.updateInviteeProgress(editionId, 'p-attendee', { status: 'registered' });
  const otherOrganizer = await signInAs(deps, { id: 'p-other-organizer' }, [
    { editionId: other.edition.id, role: 'organizer' },
  ]);
  return { seeded, editionId, organizer, attendee, otherOrganizer };
}
