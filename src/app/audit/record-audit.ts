import type { Actor } from '../../domain/access/actor.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { Store } from '../ports.ts';

/** How a change was made when no signed-in person made it. */
export type SystemActor = { kind: 'system'; label: string };

/**
 * Appends an organizer action to the audit log, inside the caller's transaction so that the
 * log never records a change that was rolled back.
 */
export async function recordAudit(
  deps: Pick<UseCaseDeps, 'clock' | 'ids'>,
  store: Store,
  actor: Actor | SystemActor,
  editionId: string | null,
  action: string,
  summary: string,
): Promise<void> {
  await store.audit.append({
    id: deps.ids.next(),
    at: deps.clock.now().toISOString(),
    actorPersonId: actor.kind === 'person' ? actor.personId : null,
    actorLabel:
      actor.kind === 'person'
        ? `${actor.name}${actor.email ? ` (${actor.email})` : ''}`
        : actor.kind === 'system'
          ? actor.label
          : 'Someone signed out',
    editionId,
    action,
    summary,
  });
}
