import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import {
  loadSessionNotes,
  saveSessionNotes,
  type SessionNotesSaved,
  type SessionNotesView,
} from '../../../app/writeups/session-notes.ts';
import { NOTE_SECTIONS } from '../../../domain/notes/notes.ts';
import { can } from '../../../domain/policy/policy.ts';
import type { FieldError } from '../../../domain/shared/result.ts';
import { authorize } from '../../plugins/actor.ts';
import { presentForm } from '../../presenters/form.presenter.ts';
import { formatDateTime } from '../../presenters/time.ts';

type Params = { slug: string; sessionId: string };
type Body = Record<string, unknown>;

const DONE: Record<string, string> = {
  saved: 'The notes were saved.',
  unchanged: 'The notes were already saved as they are: nothing changed.',
};

/** Notes about a session as a whole, by the edition's rapporteurs and organizers. */
export async function sessionNotesRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  const address = '/editions/:slug/sessions/:sessionId/notes';

  // Who may write comes first, so that nobody learns from the answer which sessions exist.
  const load = async (request: FastifyRequest<{ Params: Params }>) => {
    const edition = await deps.store.programme.findEditionBySlug(request.params.slug);
    if (!edition) throw new NotFoundError(`The edition "${request.params.slug}"`);
    authorize(request, 'session-notes.write', {
      editionId: edition.id,
      editionStatus: edition.status,
    });
    return loadSessionNotes(deps, edition.slug, request.params.sessionId);
  };

  const render = (
    request: FastifyRequest,
    reply: FastifyReply,
    view: SessionNotesView,
    options: {
      values?: Body;
      errors?: FieldError[];
      conflict?: Extract<SessionNotesSaved, { kind: 'conflict' }>;
      done?: string;
    } = {},
  ) => {
    const { edition, session, notes } = view;
    const zone = request.viewerTimeZone ?? edition.homeTimeZone;
    const errors = options.errors ?? [];
    const conflict = options.conflict;
    const stored = notes?.sections;
    const organizes = can(request.actor, 'writeups.manage', {
      editionId: edition.id,
      editionStatus: edition.status,
    });
    return reply.render(
      'writeups/session-notes.njk',
      {
        title: `Notes: ${session.title}`,
        edition,
        session,
        savedState: notes
          ? `${formatDateTime(notes.updatedAt, zone)} by ${view.savedByName ?? 'someone who has left'} (version ${notes.version})`
          : null,
        sections: NOTE_SECTIONS,
        baseVersion: conflict
          ? conflict.theirs.version
          : (options.values?.baseVersion ?? notes?.version ?? 0),
        conflict: conflict
          ? {
              by: view.savedByName ?? 'Someone else',
              version: conflict.theirs.version,
              sections: NOTE_SECTIONS.map(({ key, label }) => ({
                label,
                text: conflict.theirs.sections[key],
              })),
            }
          : null,
        form: presentForm(
          conflict ? { ...conflict.yours } : (options.values ?? (stored ? { ...stored } : {})),
          errors,
        ),
        writeupUrl: organizes
          ? `/organize/editions/${edition.slug}/sessions/${session.id}/writeup`
          : null,
        done: options.done ? DONE[options.done] : undefined,
      },
      conflict ? 409 : errors.length > 0 ? 400 : 200,
    );
  };

  app.get<{ Params: Params; Querystring: { done?: string } }>(address, async (request, reply) =>
    render(request, reply, await load(request), { done: request.query.done }),
  );

  app.post<{ Params: Params; Body: Body }>(address, async (request, reply) => {
    const view = await load(request);
    const body = (request.body ?? {}) as Body;
    const result = await saveSessionNotes(deps, request.actor, view.edition.slug, view.session.id, {
      sections: Object.fromEntries(NOTE_SECTIONS.map(({ key }) => [key, body[key]])),
      baseVersion: body.baseVersion,
    });
    if (!result.ok) return render(request, reply, view, { values: body, errors: result.errors });
    if (result.value.kind === 'conflict')
      return render(request, reply, await load(request), { conflict: result.value });
    return reply.redirect(
      `/editions/${view.edition.slug}/sessions/${view.session.id}/notes?done=${result.value.kind}`,
      303,
    );
  });
}
