import type { Store } from '../ports.ts';

/** The themes the demo attendee's team struggles with and can help with, by name. */
const ADA_STRUGGLES = [
  'Agile vs traditional finance and procurement',
  'Talent and capability frameworks',
];
const ADA_HELPS = ['Cross-government collaboration and code sharing'];

/**
 * Introductions in the demo: the demo attendee Ada (attendee@example.org) declares what her
 * team struggles with and can help with, so that "People worth meeting" has reasons to give,
 * and someone listed in the directory from another government, who struggles with the same,
 * has asked to be introduced to her: sign in as Ada to accept or decline it.
 */
export async function addDemoIntroductions(
  store: Store,
  nextId: () => string,
  now: string,
): Promise<void> {
  const edition = await store.programme.findEditionBySlug('dsc-2020');
  const [ada] = await store.people.findPeopleByEmails(['attendee@example.org']);
  if (!edition || !ada) return;
  const themes = await store.programme.listThemes(edition.id);
  const idsOf = (names: string[]) =>
    themes.filter((theme) => names.includes(theme.name)).map((theme) => theme.id);
  const registration = await store.registrations.findRegistration(edition.id, ada.id);
  if (
    registration &&
    registration.strugglingThemeIds.length === 0 &&
    registration.helpingThemeIds.length === 0
  )
    await store.registrations.saveRegistration({
      ...registration,
      strugglingThemeIds: idsOf(ADA_STRUGGLES),
      helpingThemeIds: idsOf(ADA_HELPS),
    });

  // The asker: the first listed 2020 attendee of another government who struggles with
  // procurement too, so the request reads as something worth accepting.
  const procurement = idsOf(ADA_STRUGGLES.slice(0, 1))[0];
  const listed = new Set(
    (await store.directory.listListedProfiles())
      .filter((profile) => profile.shows.themes)
      .map((profile) => profile.personId),
  );
  let asker = null;
  for (const person of await store.people.listInvitees(edition.id)) {
    if (!listed.has(person.id) || person.governmentId === ada.governmentId) continue;
    const theirs = await store.registrations.findRegistration(edition.id, person.id);
    if (procurement && theirs?.strugglingThemeIds.includes(procurement)) {
      asker = person;
      break;
    }
  }
  if (!asker) return;
  const introductionId = nextId();
  await store.introductions.insertIntroduction(
    {
      id: introductionId,
      askerId: asker.id,
      recipientId: ada.id,
      message:
        'Hello Ada, our team is trying to buy software in small pieces while finance still asks for one big contract. I would love to hear how your team approaches it.',
      status: 'pending',
      createdAt: now,
      decidedAt: null,
    },
    {
      id: nextId(),
      introductionId,
      personId: ada.id,
      kind: 'requested',
      status: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      sentAt: null,
      createdAt: now,
    },
  );
}
