import type { Actor } from '../../domain/access/actor.ts';
import {
  addReactionCounts,
  isReactionKind,
  type ReactionCounts,
  type ReactionKind,
} from '../../domain/live/reactions.ts';
import type { UseCaseDeps } from '../deps.ts';
import { findRoom, requireOpen, requireParticipant } from './room-context.ts';
import { RoomError } from './room-errors.ts';
import type { RoomAddress } from './room.commands.ts';

type Deps = Pick<UseCaseDeps, 'store' | 'clock' | 'rooms'>;

interface PendingBurst {
  counts: ReactionCounts;
  rows: { sessionId: string; personId: string; kind: ReactionKind; at: string }[];
}

/**
 * Collects reactions for a moment and sends them as one burst per room: a hundred people
 * applauding is one event with a count, not a hundred lines. Each reaction is stored with its
 * burst; `flush` runs about once a second.
 */
export class ReactionBursts {
  private pending = new Map<string, PendingBurst>();

  constructor(private readonly deps: Deps) {}

  /** Takes one reaction; it reaches the room with the next burst. */
  async react(address: RoomAddress, actor: Actor, kind: unknown): Promise<void> {
    const context = await findRoom(this.deps, address.slug, address.sessionId);
    const person = requireParticipant(actor, context);
    requireOpen(context, 'reacting');
    if (!isReactionKind(kind))
      throw new RoomError(
        'invalid',
        'Choose one of the reactions shown: applause, thanks, celebrate, love, insightful or agree.',
        'kind',
      );
    const burst = this.pending.get(context.session.id) ?? { counts: {}, rows: [] };
    burst.counts = addReactionCounts(burst.counts, { [kind]: 1 });
    burst.rows.push({
      sessionId: context.session.id,
      personId: person.personId,
      kind,
      at: this.deps.clock.now().toISOString(),
    });
    this.pending.set(context.session.id, burst);
  }

  /** Stores and announces every room's waiting reactions. */
  async flush(): Promise<void> {
    const bursts = [...this.pending];
    this.pending.clear();
    for (const [sessionId, burst] of bursts) {
      await this.deps.store.transaction(async (store) => {
        await store.live.insertReactions(burst.rows);
        await store.live.appendEvent(sessionId, {
          at: this.deps.clock.now().toISOString(),
          actorId: null,
          payload: { type: 'reactions', counts: burst.counts },
        });
      });
      this.deps.rooms.roomChanged(sessionId);
    }
  }
}
