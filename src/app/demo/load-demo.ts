import type { UseCaseDeps } from '../deps.ts';
import { importProgramme } from '../programme/import-programme.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { buildDemoDocument, DEMO_ATTENDEES, DEMO_TEAM } from './demo-convening.ts';

/**
 * Loads the demo convening when the database holds no edition yet, through the same import
 * a real programme goes through. Returns whether it loaded anything.
 */
export async function loadDemoIfEmpty(deps: UseCaseDeps): Promise<boolean> {
  const editions = await deps.store.programme.listEditions();
  if (editions.length > 0) return false;
  const result = await importProgramme(deps, buildDemoDocument());
  if (!result.ok) {
    const problems = result.problems
      .map((problem) => `${problem.location}: ${problem.message}`)
      .join('\n');
    throw new Error(`The demo convening could not be loaded:\n${problems}`);
  }
  await deps.store.transaction(async (store) => {
    const now = deps.clock.now().toISOString();
    for (const member of DEMO_TEAM) {
      await store.people.savePerson({
        id: deps.ids.next(),
        name: member.name,
        email: member.email,
        governmentId: null,
        role: 'other',
        maturity: 'momentum',
        timeZone: 'Europe/London',
      });
      const [person] = await store.people.findPeopleByEmails([member.email]);
      for (const slug of member.editions) {
        const edition = await store.programme.findEditionBySlug(slug);
        if (!person || !edition) continue;
        await store.access.grantRole(edition.id, person.id, member.role, now);
        await recordAudit(
          deps,
          store,
          { kind: 'system', label: 'Demo loader' },
          edition.id,
          'role.granted',
          `Made ${member.name} (${member.email}) ${member.role} of ${edition.name}.`,
        );
      }
    }
    const governments = await store.people.listGovernments();
    for (const attendee of DEMO_ATTENDEES) {
      const edition = await store.programme.findEditionBySlug(attendee.edition);
      if (!edition) continue;
      const personId = deps.ids.next();
      await store.people.savePerson({
        id: personId,
        name: attendee.name,
        email: attendee.email,
        governmentId: governments.find((g) => g.code === attendee.governmentCode)?.id ?? null,
        role: 'product-manager',
        maturity: 'momentum',
        timeZone: attendee.timeZone,
      });
      await store.people.addInvitee(edition.id, personId, now);
      await store.access.updateInviteeProgress(edition.id, personId, {
        status: 'registered',
        respondedAt: now,
      });
      await store.registrations.saveRegistration({
        editionId: edition.id,
        personId,
        displayName: attendee.name,
        timeZone: attendee.timeZone,
        accessibilityNeeds: '',
        inDirectory: false,
        sessionIds: [],
        strugglingThemeIds: [],
        helpingThemeIds: [],
        updatedAt: now,
      });
    }
  });
  return true;
}
