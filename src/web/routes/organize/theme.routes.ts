import type { FastifyInstance } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import { deleteTheme, saveTheme } from '../../../app/programme/programme.commands.ts';
import { presentForm } from '../../presenters/form.presenter.ts';
import { registerEditionRecordRoutes } from './edition-record.routes.ts';

/** Adding, changing and deleting the cross-cutting themes of an edition. */
export async function themeRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  registerEditionRecordRoutes(app, deps, {
    plural: 'themes',
    idParam: 'themeId',
    missing: 'The theme',
    done: { saved: 'theme-saved', deleted: 'theme-deleted' },
    find: (programme, id) => programme.themes.find((theme) => theme.id === id),
    valuesForNew: () => ({}),
    valuesForEdit: (theme) => ({ ...theme }),
    renderForm: (reply, programme, themeId, { values, errors }) =>
      reply.render(
        'organize/theme-form.njk',
        {
          title: themeId ? 'Edit a theme' : 'Add a theme',
          edition: programme.edition,
          themeId,
          form: presentForm(values, errors),
        },
        errors.length > 0 ? 400 : 200,
      ),
    save: saveTheme,
    remove: deleteTheme,
    describeDeletion: (theme, programme) => {
      const tagged = programme.sessions.filter((session) =>
        session.themeIds.includes(theme.id),
      ).length;
      return {
        title: `Delete the theme “${theme.name}”?`,
        explanation:
          tagged > 0
            ? `${tagged} ${tagged === 1 ? 'session is' : 'sessions are'} tagged with it and will lose the tag.`
            : 'No session is tagged with it.',
      };
    },
  });
}
