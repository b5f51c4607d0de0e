import type { Day, Edition, Theme } from '../../domain/convening/edition.ts';
import type { Session, SessionContributor } from '../../domain/convening/session.ts';
import { pickCurrentEdition } from '../../domain/programme/current-edition.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';

/** A session with the people who lead it. */
export interface SessionWithContributors extends Session {
  contributors: SessionContributor[];
  /** How many times what a calendar shows of it changed: its events' SEQUENCE. */
  calendarSequence: number;
}

/** An edition with its whole programme, as pages and calendars need it. */
export interface EditionProgramme {
  edition: Edition;
  days: Day[];
  themes: Theme[];
  sessions: SessionWithContributors[];
}

/** Every edition, newest first. */
export async function listEditions({ store }: Pick<UseCaseDeps, 'store'>): Promise<Edition[]> {
  return store.programme.listEditions();
}

/** Loads one edition's programme by its address name. */
export async function loadProgramme(
  { store }: Pick<UseCaseDeps, 'store'>,
  slug: string,
): Promise<EditionProgramme> {
  const edition = await store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError(`The edition "${slug}"`);
  return loadProgrammeOf(store, edition);
}

/** Loads the programme of the edition people most likely mean by "the programme", or null when none is public. */
export async function loadCurrentProgramme(
  deps: Pick<UseCaseDeps, 'store' | 'clock'>,
): Promise<EditionProgramme | null> {
  const editions = await deps.store.programme.listEditions();
  const current = pickCurrentEdition(editions, deps.clock.now());
  return current ? loadProgrammeOf(deps.store, current) : null;
}

async function loadProgrammeOf(
  store: UseCaseDeps['store'],
  edition: Edition,
): Promise<EditionProgramme> {
  const [days, themes, sessions] = await Promise.all([
    store.programme.listDays(edition.id),
    store.programme.listThemes(edition.id),
    store.programme.listSessions(edition.id),
  ]);
  const sessionIds = sessions.map((session) => session.id);
  const [contributors, sequences] = await Promise.all([
    store.programme.listContributors(sessionIds),
    store.programme.listCalendarSequences(sessionIds),
  ]);
  return {
    edition,
    days,
    themes,
    sessions: sessions.map((session) => ({
      ...session,
      contributors: contributors.filter((contributor) => contributor.sessionId === session.id),
      calendarSequence: sequences.get(session.id) ?? 0,
    })),
  };
}

/** Loads one session of an edition with everything its page shows. */
export async function loadSession(
  deps: Pick<UseCaseDeps, 'store'>,
  slug: string,
  sessionId: string,
): Promise<{ programme: EditionProgramme; session: SessionWithContributors }> {
  const programme = await loadProgramme(deps, slug);
  const session = programme.sessions.find((candidate) => candidate.id === sessionId);
  if (!session) throw new NotFoundError('The session');
  return { programme, session };
}
