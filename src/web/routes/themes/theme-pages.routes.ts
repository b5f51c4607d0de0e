import type { FastifyInstance } from 'fastify';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import { loadThemePage, loadThemes, type ThemeGathering } from '../../../app/themes/theme-page.ts';
import { authorize } from '../../plugins/actor.ts';
import { formatLongDate } from '../../presenters/time.ts';

/** How many things a theme gathers, in words, for the list of themes. */
function countsOf(gathering: ThemeGathering): string {
  const parts: [number, string, string][] = [
    [gathering.sessions.length, 'session', 'sessions'],
    [gathering.writeups.length, 'write-up', 'write-ups'],
  ];
  if (gathering.showsContributions)
    parts.push(
      [gathering.questions.length, 'question', 'questions'],
      [gathering.notes.length, 'set of notes', 'sets of notes'],
      [gathering.messages.length, 'chat message', 'chat messages'],
    );
  return parts.map(([n, one, many]) => `${n} ${n === 1 ? one : many}`).join(', ');
}

/** A page per theme of an edition, gathering what was tagged with it across days and sessions. */
export async function themePagesRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  /** Who may see the edition's published material is asked before anything else is looked up. */
  const findReadableEdition = async (request: Parameters<typeof authorize>[0], slug: string) => {
    const edition = await deps.store.programme.findEditionBySlug(slug);
    if (!edition) throw new NotFoundError(`The edition "${slug}"`);
    authorize(request, 'writeups.read', { editionId: edition.id, editionStatus: edition.status });
    return edition;
  };

  app.get<{ Params: { slug: string } }>('/editions/:slug/themes', async (request, reply) => {
    const edition = await findReadableEdition(request, request.params.slug);
    const themes = await loadThemes(deps, request.actor, edition);
    const report = await deps.store.reports.findReport(edition.id);
    return reply.render('themes/list.njk', {
      title: `Themes: ${edition.name}`,
      edition: { ...edition, path: `/editions/${edition.slug}` },
      showsContributions: themes[0]?.showsContributions ?? false,
      hasReport: report?.status === 'published',
      themes: themes.map((gathering) => ({
        url: `/editions/${edition.slug}/themes/${gathering.theme.id}`,
        name: gathering.theme.name,
        description: gathering.theme.description,
        counts: countsOf(gathering),
      })),
    });
  });

  app.get<{ Params: { slug: string; themeId: string } }>(
    '/editions/:slug/themes/:themeId',
    async (request, reply) => {
      const edition = await findReadableEdition(request, request.params.slug);
      const gathering = await loadThemePage(deps, request.actor, edition, request.params.themeId);
      const path = `/editions/${edition.slug}`;
      const session = (s: ThemeGathering['sessions'][number]) => ({
        title: s.title,
        url: `${path}/sessions/${s.id}`,
        when: formatLongDate(s.startsAt.slice(0, 10)),
      });
      return reply.render('themes/theme.njk', {
        title: `${gathering.theme.name}: ${edition.name}`,
        edition: { ...edition, path },
        theme: gathering.theme,
        showsContributions: gathering.showsContributions,
        sessions: gathering.sessions.map(session),
        writeups: gathering.writeups.map(({ writeup, session: s }) => ({
          title: writeup.title,
          summary: writeup.summary,
          url: `${path}/writeups/${s.id}`,
          session: s.title,
        })),
        questions: gathering.questions.map((q) => ({ text: q.text, session: q.session.title })),
        messages: gathering.messages.map((m) => ({ text: m.text, session: m.session.title })),
        notes: gathering.notes.map((n) => ({
          session: n.session.title,
          room: n.roomName,
          sections: n.sections,
        })),
      });
    },
  );
}
