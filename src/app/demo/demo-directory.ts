import type { DirectoryProfile } from '../../domain/directory/directory-profile.ts';
import type { Store } from '../ports.ts';

/** When the demo's 2020 registrations were answered; the directory choices date from then. */
const ANSWERED_2020 = '2020-10-01T14:00:00.000Z';

/** The demo's session room in which the demo attendee (attendee@example.org) met people. */
const MET_IN_SESSION = 'The digital team you had: responding to coronavirus';

/**
 * The demo's directory of attendees and someone's people met: every 2020 registrant who said
 * "list me" gets a profile, most showing everything, some hiding their themes or their team and
 * role, so the directory shows what hidden fields look like; and the demo attendee Ada was in
 * a 2020 session's room with others, so "People you met" has people to list and export. She
 * is not in the directory herself, so a journey can opt her in.
 */
export async function addDemoDirectory(store: Store, nextId: () => string): Promise<void> {
  const edition = await store.programme.findEditionBySlug('dsc-2020');
  if (!edition) return;
  const invitees = await store.people.listInvitees(edition.id);
  for (const [n, person] of invitees.entries()) {
    const registration = await store.registrations.findRegistration(edition.id, person.id);
    if (!registration?.inDirectory) continue;
    const profile: DirectoryProfile = {
      personId: person.id,
      listed: true,
      shows: {
        government: true,
        team: n % 7 !== 2,
        role: n % 7 !== 2,
        themes: n % 5 !== 1,
        editions: true,
      },
      updatedAt: ANSWERED_2020,
    };
    await store.directory.saveProfile(profile);
  }

  const [ada] = await store.people.findPeopleByEmails(['attendee@example.org']);
  const session = (await store.programme.listSessions(edition.id)).find(
    (s) => s.title === MET_IN_SESSION,
  );
  if (!ada || !session) return;
  await store.live.openPresence([
    {
      id: nextId(),
      sessionId: session.id,
      personId: ada.id,
      nodeId: 'demo',
      joinedAt: new Date(Date.parse(session.startsAt) + 4 * 60_000).toISOString(),
      leftAt: session.endsAt,
    },
  ]);
}
