import type { Actor } from '../../domain/access/actor.ts';
import {
  checkDirectoryChoices,
  newListedProfile,
  type DirectoryChoicesInput,
  type DirectoryProfile,
} from '../../domain/directory/directory-profile.ts';
import type { Checked } from '../../domain/shared/result.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { Store } from '../ports.ts';

/**
 * Saves what a person chose on their directory page. Opting out takes them out of the directory,
 * its searches and its counts at once (every page reads the one profile), and their answer in
 * each registration follows, so the registration form never says otherwise. Their field choices
 * are kept for the day they opt back in.
 */
export async function saveDirectoryChoices(
  deps: Pick<UseCaseDeps, 'store' | 'clock'>,
  actor: Extract<Actor, { kind: 'person' }>,
  raw: Record<string, unknown>,
): Promise<Checked<DirectoryChoicesInput>> {
  const checked = checkDirectoryChoices(raw);
  if (!checked.ok) return checked;
  await deps.store.transaction(async (store) => {
    await store.directory.saveProfile({
      personId: actor.personId,
      listed: checked.value.listed,
      shows: checked.value.shows,
      updatedAt: deps.clock.now().toISOString(),
    });
    await store.registrations.setInDirectory(actor.personId, checked.value.listed);
  });
  return checked;
}

/**
 * Makes the directory agree with a registration's "appear in the directory" answer, the latest
 * answer winning: yes lists the person (with the default fields the first time, their own
 * choices after), no takes them out of the directory, across every edition. Runs inside the
 * registration's transaction.
 */
export async function syncDirectoryWithRegistration(
  store: Store,
  personId: string,
  inDirectory: boolean,
  at: string,
): Promise<void> {
  const existing = await store.directory.findProfile(personId);
  let next: DirectoryProfile | null = null;
  if (inDirectory && !existing) next = newListedProfile(personId, at);
  else if (existing && existing.listed !== inDirectory)
    next = { ...existing, listed: inDirectory, updatedAt: at };
  if (next) await store.directory.saveProfile(next);
  await store.registrations.setInDirectory(personId, inDirectory);
}
