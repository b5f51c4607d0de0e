import type { UseCaseDeps } from '../deps.ts';
import { importProgramme } from '../programme/import-programme.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { buildDemoDocument, buildDemoPeople, DEMO_ATTENDEES, DEMO_TEAM } from './demo-convening.ts';
import { DEMO_REPORT_2020, DEMO_WRITEUPS_2020 } from './demo-writeups.ts';
import { addDemoRoomActivity } from './demo-activity.ts';
import { addDemoResources } from './demo-resources.ts';
import { addDemoDirectory } from './demo-directory.ts';
import { addDemoIntroductions } from './demo-introductions.ts';

/** When the demo's 2020 invitations went out and were answered. */
const INVITATIONS_SENT_2020 = '2020-10-01T14:00:00.000Z';

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
    // The 2020 invitees' answers: about sixty registered, with the themes their team struggles
    // with and can help with, most of them listed in the directory.
    const edition2020 = await store.programme.findEditionBySlug('dsc-2020');
    if (edition2020) {
      const themes = await store.programme.listThemes(edition2020.id);
      const sessions = (await store.programme.listSessions(edition2020.id)).filter(
        (session) => session.format !== 'break',
      );
      const demoPeople = buildDemoPeople();
      const stored = await store.people.findPeopleByEmails(demoPeople.map((p) => p.email));
      const idByEmail = new Map(stored.map((person) => [person.email, person.id]));
      for (const person of demoPeople) {
        const personId = idByEmail.get(person.email);
        if (!personId || !person.answer2020) continue;
        await store.access.updateInviteeProgress(edition2020.id, personId, {
          status: person.answer2020,
          invitationSentAt: INVITATIONS_SENT_2020,
          respondedAt: INVITATIONS_SENT_2020,
        });
        if (person.answer2020 !== 'registered') continue;
        const theme = (offset: number) => themes[(person.themeOffset + offset) % themes.length];
        await store.registrations.saveRegistration({
          editionId: edition2020.id,
          personId,
          displayName: person.name,
          timeZone: person.timeZone,
          accessibilityNeeds: '',
          inDirectory: person.themeOffset % 4 !== 3,
          sessionIds: sessions
            .filter((_, index) => (index + person.themeOffset) % 3 !== 0)
            .map((session) => session.id),
          strugglingThemeIds: [theme(0)?.id ?? ''].filter(Boolean),
          helpingThemeIds: [theme(3)?.id ?? ''].filter(Boolean),
          updatedAt: INVITATIONS_SENT_2020,
        });
      }
    }
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
    // Notes and published write-ups of two 2020 sessions (docs: README, "Write up what was
    // learned"), saved as the demo's rapporteur.
    if (edition2020) {
      const [rapporteur] = await store.people.findPeopleByEmails(['rapporteur@example.org']);
      const sessions = await store.programme.listSessions(edition2020.id);
      for (const demo of DEMO_WRITEUPS_2020) {
        const session = sessions.find((s) => s.title === demo.sessionTitle);
        if (!session) continue;
        const savedAt = session.endsAt;
        await store.writeups.setAttribution(session.id, demo.rule);
        await store.notes.saveNotesIfUnchanged({
          id: deps.ids.next(),
          kind: 'session',
          editionId: edition2020.id,
          sessionId: session.id,
          breakoutRoomId: null,
          roomName: '',
          sections: demo.notes,
          version: 1,
          updatedBy: rapporteur?.id ?? null,
          updatedAt: savedAt,
        });
        const writeupId = deps.ids.next();
        const theme = (await store.programme.listThemes(edition2020.id)).find(
          (t) => t.name === demo.theme,
        );
        await store.writeups.saveWriteupIfUnchanged({
          id: writeupId,
          editionId: edition2020.id,
          sessionId: session.id,
          title: demo.title,
          summary: demo.summary,
          body: demo.body,
          status: 'published',
          version: 1,
          updatedBy: rapporteur?.id ?? null,
          updatedAt: PUBLISHED_2020,
          firstPublishedAt: PUBLISHED_2020,
          publishedAt: PUBLISHED_2020,
        });
        if (theme)
          await store.themeTags.addTag({
            editionId: edition2020.id,
            subjectKind: 'writeup',
            subjectId: writeupId,
            themeId: theme.id,
            taggedBy: null,
            taggedAt: PUBLISHED_2020,
          });
      }
      await store.reports.saveReportIfUnchanged({
        editionId: edition2020.id,
        body: DEMO_REPORT_2020,
        status: 'published',
        version: 1,
        updatedBy: null,
        updatedAt: PUBLISHED_2020,
        publishedAt: PUBLISHED_2020,
      });
      await addDemoRoomActivity(store, () => deps.ids.next());
      await addDemoResources(store, () => deps.ids.next());
      await addDemoDirectory(store, () => deps.ids.next());
      await addDemoIntroductions(store, () => deps.ids.next(), now);
    }
  });
  return true;
}

/** When the demo's 2020 write-ups were published, a few weeks after the convening. */
const PUBLISHED_2020 = '2020-12-08T15:00:00.000Z';
