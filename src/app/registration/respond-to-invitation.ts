import type { Actor } from '../../domain/access/actor.ts';
import type { RawInput } from '../../domain/convening/programme-input.ts';
import type { InvitationAnswer } from '../../domain/registration/registration.ts';
import { checkInvitationAnswer } from '../../domain/registration/registration-input.ts';
import type { Checked } from '../../domain/shared/result.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import { loadProgramme } from '../programme/programme.queries.ts';
import { registrationChoices } from './registration.queries.ts';
import { syncDirectoryWithRegistration } from '../directory/directory.commands.ts';

/**
 * Records an invitee's answer: attending with their registration, or declining. They can come
 * back and change it; every answer sets when they responded. Declining removes the registration,
 * so nothing is kept about a person who will not come beyond their invitation.
 */
export async function respondToInvitation(
  deps: UseCaseDeps,
  actor: Extract<Actor, { kind: 'person' }>,
  slug: string,
  raw: RawInput,
): Promise<Checked<InvitationAnswer>> {
  return deps.store.transaction(async (store) => {
    const programme = await loadProgramme({ store }, slug);
    const editionId = programme.edition.id;
    const invitation = (await store.access.listInvitationsOf(actor.personId)).find(
      (candidate) => candidate.editionId === editionId,
    );
    if (!invitation) throw new NotFoundError('Your invitation to this edition');
    const checked = checkInvitationAnswer(raw, registrationChoices(programme));
    if (!checked.ok) return checked;
    const now = deps.clock.now().toISOString();
    const answer = checked.value;
    if (answer.attending) {
      await store.registrations.saveRegistration({
        ...answer.registration,
        editionId,
        personId: actor.personId,
        updatedAt: now,
      });
      await syncDirectoryWithRegistration(
        store,
        actor.personId,
        answer.registration.inDirectory,
        now,
      );
    } else {
      await store.registrations.deleteRegistration(editionId, actor.personId);
    }
    await store.access.updateInviteeProgress(editionId, actor.personId, {
      status: answer.attending ? 'registered' : 'declined',
      respondedAt: now,
    });
    return checked;
  });
}
