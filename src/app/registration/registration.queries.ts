import type { Actor } from '../../domain/access/actor.ts';
import type { Person } from '../../domain/people/person.ts';
import type { Registration, RegistrationChoices } from '../../domain/registration/registration.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { InviteeProgress } from '../ports.ts';
import { loadProgramme, type EditionProgramme } from '../programme/programme.queries.ts';

/** What the registration pages show: the programme, the invitee and what they answered so far. */
export interface RegistrationView {
  programme: EditionProgramme;
  person: Person;
  /** Null when the person is not invited to the edition. */
  invitation: InviteeProgress | null;
  /** Null until they register (and again after they decline). */
  registration: Registration | null;
  /** Whether the person is in the directory of attendees now (from any edition's answer). */
  isListedInDirectory: boolean;
}

/** The sessions and themes an invitee may choose: every session but the breaks, every theme. */
export function registrationChoices(programme: EditionProgramme): RegistrationChoices {
  return {
    sessionIds: programme.sessions
      .filter((session) => session.format !== 'break')
      .map((session) => session.id),
    themeIds: programme.themes.map((theme) => theme.id),
  };
}

/** Loads an edition with the signed-in person's invitation and registration for it. */
export async function loadRegistrationView(
  deps: Pick<UseCaseDeps, 'store'>,
  actor: Extract<Actor, { kind: 'person' }>,
  slug: string,
): Promise<RegistrationView> {
  const programme = await loadProgramme(deps, slug);
  const [person] = await deps.store.people.findPeopleByIds([actor.personId]);
  if (!person) throw new NotFoundError('Your record');
  const invitation =
    (await deps.store.access.listInvitationsOf(actor.personId)).find(
      (candidate) => candidate.editionId === programme.edition.id,
    ) ?? null;
  const registration = await deps.store.registrations.findRegistration(
    programme.edition.id,
    actor.personId,
  );
  const directoryProfile = await deps.store.directory.findProfile(actor.personId);
  return {
    programme,
    person,
    invitation,
    registration,
    isListedInDirectory: directoryProfile?.listed ?? false,
  };
}

/** The sessions a signed-in person plans to attend in an edition; none for anyone else. */
export async function listPlannedSessionIds(
  deps: Pick<UseCaseDeps, 'store'>,
  actor: Actor,
  editionId: string,
): Promise<string[]> {
  if (actor.kind !== 'person') return [];
  const registration = await deps.store.registrations.findRegistration(editionId, actor.personId);
  return registration?.sessionIds ?? [];
}
