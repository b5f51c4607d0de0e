import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import { deleteTheme, saveTheme } from '../../../app/programme/programme.commands.ts';
import { loadProgramme, type EditionProgramme } from '../../../app/programme/programme.queries.ts';
import type { FieldError } from '../../../domain/shared/result.ts';
import { presentForm } from '../../presenters/form.presenter.ts';

type Body = Record<string, unknown>;
type Params = { slug: string; themeId: string };

/** Adding, changing and deleting the cross-cutting themes of an edition. */
export async function themeRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  const renderForm = (
    reply: FastifyReply,
    programme: EditionProgramme,
    themeId: string | null,
    values: Body,
    errors: FieldError[],
  ) =>
    reply.render(
      'organize/theme-form.njk',
      {
        title: themeId ? 'Edit a theme' : 'Add a theme',
        edition: programme.edition,
        themeId,
        form: presentForm(values, errors),
      },
      errors.length > 0 ? 400 : 200,
    );
  const findTheme = (programme: EditionProgramme, themeId: string) => {
    const theme = programme.themes.find((candidate) => candidate.id === themeId);
    if (!theme) throw new NotFoundError('The theme');
    return theme;
  };
  const back = (slug: string, done: string) => `/organize/editions/${slug}?done=${done}#themes`;

  app.get<{ Params: { slug: string } }>('/editions/:slug/themes/new', async (request, reply) =>
    renderForm(reply, await loadProgramme(deps, request.params.slug), null, {}, []),
  );

  app.post<{ Params: { slug: string }; Body: Body }>(
    '/editions/:slug/themes',
    async (request, reply) => {
      const result = await saveTheme(
        deps,
        request.actor,
        request.params.slug,
        null,
        request.body ?? {},
      );
      if (result.ok) return reply.redirect(back(request.params.slug, 'theme-saved'), 303);
      return renderForm(
        reply,
        await loadProgramme(deps, request.params.slug),
        null,
        request.body ?? {},
        result.errors,
      );
    },
  );

  app.get<{ Params: Params }>('/editions/:slug/themes/:themeId/edit', async (request, reply) => {
    const programme = await loadProgramme(deps, request.params.slug);
    const theme = findTheme(programme, request.params.themeId);
    return renderForm(reply, programme, theme.id, { ...theme }, []);
  });

  app.post<{ Params: Params; Body: Body }>(
    '/editions/:slug/themes/:themeId/edit',
    async (request, reply) => {
      const result = await saveTheme(
        deps,
        request.actor,
        request.params.slug,
        request.params.themeId,
        request.body ?? {},
      );
      if (result.ok) return reply.redirect(back(request.params.slug, 'theme-saved'), 303);
      return renderForm(
        reply,
        await loadProgramme(deps, request.params.slug),
        request.params.themeId,
        request.body ?? {},
        result.errors,
      );
    },
  );

  app.get<{ Params: Params }>('/editions/:slug/themes/:themeId/delete', async (request, reply) => {
    const programme = await loadProgramme(deps, request.params.slug);
    const theme = findTheme(programme, request.params.themeId);
    const tagged = programme.sessions.filter((session) =>
      session.themeIds.includes(theme.id),
    ).length;
    return reply.render('organize/confirm-delete.njk', {
      title: `Delete the theme “${theme.name}”?`,
      edition: programme.edition,
      explanation:
        tagged > 0
          ? `${tagged} ${tagged === 1 ? 'session is' : 'sessions are'} tagged with it and will lose the tag.`
          : 'No session is tagged with it.',
      action: `/organize/editions/${programme.edition.slug}/themes/${theme.id}/delete`,
      cancelPath: `/organize/editions/${programme.edition.slug}#themes`,
    });
  });

  app.post<{ Params: Params }>('/editions/:slug/themes/:themeId/delete', async (request, reply) => {
    await deleteTheme(deps, request.actor, request.params.slug, request.params.themeId);
    return reply.redirect(back(request.params.slug, 'theme-deleted'), 303);
  });
}
