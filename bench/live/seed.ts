// Prepares the live bench's room through the product's own store: the demo convening, one of
// its sessions with the room opened, and N registered attendees each signed in once.
import { randomBytes } from 'node:crypto';
import type { Config } from '../../src/config.ts';
import { compose } from '../../src/main.ts';
import { loadDemoIfEmpty } from '../../src/app/demo/load-demo.ts';

/** The demo edition whose room the bench fills. */
const EDITION_SLUG = 'dsc-2020';
/** People written per transaction. */
const CHUNK = 500;

/** The room the bench uses and the session token (the `convene_session` cookie) of each attendee. */
export interface SeededRoom {
  slug: string;
  sessionId: string;
  tokens: string[];
}

/**
 * Loads the demo when the database is empty, opens the room of the edition's first session
 * that is not a break, and adds `attendees` people: invited, registered and signed in, as a
 * browser is after following a sign-in link. `parallel` transactions run at once (PostgreSQL
 * takes several; SQLite writes one at a time anyway).
 */
export async function seedRoom(
  config: Config,
  attendees: number,
  parallel: number,
): Promise<SeededRoom> {
  const composition = await compose(config);
  const { deps } = composition;
  try {
    await loadDemoIfEmpty(deps);
    const edition = await deps.store.programme.findEditionBySlug(EDITION_SLUG);
    if (!edition) throw new Error(`The demo edition ${EDITION_SLUG} is missing.`);
    const session = (await deps.store.programme.listSessions(edition.id)).find(
      (s) => s.format !== 'break',
    );
    if (!session) throw new Error(`The demo edition ${EDITION_SLUG} has no session with a room.`);
    const now = new Date();
    const at = now.toISOString();
    // Opened as a moderator would, so the room is live whatever the clock says.
    await deps.store.live.updateRoom(session.id, { openedAt: at, endedAt: null });

    const tokens = Array.from({ length: attendees }, () => randomBytes(24).toString('hex'));
    const expiresAt = new Date(now.getTime() + 7 * 24 * 3600_000).toISOString();
    const chunks: number[] = [];
    for (let first = 0; first < attendees; first += CHUNK) chunks.push(first);
    const writeChunk = (first: number) =>
      deps.store.transaction(async (store) => {
        for (let i = first; i < Math.min(attendees, first + CHUNK); i++) {
          const personId = deps.ids.next();
          await store.people.savePerson({
            id: personId,
            name: `Attendee ${i + 1}`,
            email: `attendee-${i + 1}-${tokens[i]!.slice(0, 8)}@bench.example`,
            governmentId: null,
            role: 'other',
            maturity: 'starting',
            timeZone: 'Europe/London',
          });
          await store.people.addInvitee(edition.id, personId, at);
          await store.access.updateInviteeProgress(edition.id, personId, {
            status: 'registered',
            respondedAt: at,
          });
          await store.access.insertUserSession({
            sessionHash: deps.secrets.hash(tokens[i]!),
            personId,
            createdAt: at,
            expiresAt,
            lastSeenAt: at,
          });
        }
      });
    const workers = Array.from({ length: Math.max(1, parallel) }, async () => {
      for (let next = chunks.shift(); next !== undefined; next = chunks.shift())
        await writeChunk(next);
    });
    await Promise.all(workers);
    return { slug: EDITION_SLUG, sessionId: session.id, tokens };
  } finally {
    await composition.close();
  }
}
