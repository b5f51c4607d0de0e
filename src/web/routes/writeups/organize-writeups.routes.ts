import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import {
  confirmTheme,
  removeTheme,
  themesOfSubjects,
  ThemeTagError,
  writeupText,
} from '../../../app/themes/theme-tags.ts';
import {
  attributionLeaks,
  firstDraft,
  loadWriteupContext,
  saveWriteup,
  setAttributionRule,
  type WriteupContext,
  type WriteupSaved,
} from '../../../app/writeups/writeups.ts';
import type { Edition } from '../../../domain/convening/edition.ts';
import type { FieldError } from '../../../domain/shared/result.ts';
import {
  ATTRIBUTION_LABELS,
  ATTRIBUTION_RULES,
  nextStatuses,
  WRITEUP_LIMITS,
  WRITEUP_STATUS_LABELS,
} from '../../../domain/writeups/writeup.ts';
import { authorize } from '../../plugins/actor.ts';
import { presentForm } from '../../presenters/form.presenter.ts';
import { formatDateTime } from '../../presenters/time.ts';

type Params = { slug: string; sessionId: string };
type Body = Record<string, unknown>;

const DONE: Record<string, string> = {
  saved: 'The write-up was saved.',
  'in-review': 'The write-up was sent for review.',
  published: 'The write-up was published. Anyone who may see the edition can read it.',
  draft: 'The write-up is a draft again: it is no longer public.',
  rule: 'The session’s attribution rule was saved.',
  'theme-confirmed': 'The theme was added to the write-up.',
  'theme-removed': 'The theme was taken off the write-up.',
};

async function authorizeWriteups(deps: UseCaseDeps, request: FastifyRequest): Promise<Edition> {
  const { slug } = request.params as { slug: string };
  const edition = await deps.store.programme.findEditionBySlug(slug);
  if (!edition) throw new NotFoundError(`The edition "${slug}"`);
  authorize(request, 'writeups.manage', { editionId: edition.id, editionStatus: edition.status });
  return edition;
}

/** Organizers write, review and publish each session's write-up, and set attribution rules. */
export async function organizeWriteupsRoutes(
  app: FastifyInstance,
  { deps }: { deps: UseCaseDeps },
) {
  app.get<{ Params: { slug: string } }>('/editions/:slug/writeups', async (request, reply) => {
    const edition = await authorizeWriteups(deps, request);
    const [sessions, writeups, rules] = await Promise.all([
      deps.store.programme.listSessions(edition.id),
      deps.store.writeups.listWriteups(edition.id),
      deps.store.writeups.listAttributions(edition.id),
    ]);
    const byId = new Map(writeups.map((w) => [w.sessionId, w]));
    return reply.render('writeups/organize-list.njk', {
      title: `Write-ups: ${edition.name}`,
      edition,
      sessions: sessions
        .filter((session) => session.format !== 'break')
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
        .map((session) => {
          const writeup = byId.get(session.id);
          return {
            id: session.id,
            title: session.title,
            when: formatDateTime(session.startsAt, edition.homeTimeZone),
            rule: ATTRIBUTION_LABELS[rules.get(session.id) ?? 'attributable'].label,
            status: writeup ? WRITEUP_STATUS_LABELS[writeup.status] : 'Not started',
          };
        }),
    });
  });

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    context: WriteupContext,
    options: {
      values?: Body;
      errors?: FieldError[];
      conflict?: Extract<WriteupSaved, { kind: 'conflict' }>;
      done?: string;
      /** A refused theme change, with its status. */
      themeError?: ThemeTagError;
    } = {},
  ) => {
    const { edition, session, writeup } = context;
    // Themes are suggested from the saved write-up, for organizers to confirm.
    const themes = writeup
      ? ((
          await themesOfSubjects(
            deps,
            await deps.store.programme.listThemes(edition.id),
            'writeup',
            [{ id: writeup.id, text: writeupText(writeup) }],
          )
        ).get(writeup.id) ?? null)
      : null;
    const errors = options.errors ?? [];
    const draft = writeup ?? { ...firstDraft(context), status: 'draft' as const, version: 0 };
    const values = {
      title: draft.title,
      summary: draft.summary,
      body: draft.body,
      rule: context.rule,
      ...(options.conflict ? {} : (options.values ?? {})),
    };
    const shown = {
      title: String(values.title ?? ''),
      summary: String(values.summary ?? ''),
      body: String(values.body ?? ''),
    };
    const status = writeup?.status ?? 'draft';
    return reply.render(
      'writeups/organize-writeup.njk',
      {
        title: `Write-up: ${session.title}`,
        edition,
        session,
        status: WRITEUP_STATUS_LABELS[status],
        isPublished: status === 'published',
        isNew: writeup === null,
        savedState: writeup
          ? `${formatDateTime(writeup.updatedAt, edition.homeTimeZone)} (version ${writeup.version})`
          : null,
        moves: nextStatuses(status),
        baseVersion: options.conflict ? options.conflict.theirs.version : (writeup?.version ?? 0),
        isChathamHouse: context.rule === 'chatham-house',
        leaks: attributionLeaks(context, shown).map((leak) => leak.found),
        rules: ATTRIBUTION_RULES.map((rule) => ({ value: rule, ...ATTRIBUTION_LABELS[rule] })),
        limits: WRITEUP_LIMITS,
        conflict: options.conflict
          ? {
              version: options.conflict.theirs.version,
              title: options.conflict.theirs.title,
              summary: options.conflict.theirs.summary,
              body: options.conflict.theirs.body,
            }
          : null,
        form: presentForm(
          options.conflict ? { ...values, ...(options.values ?? {}) } : values,
          errors,
        ),
        done: options.done ? DONE[options.done] : undefined,
        publicUrl: `/editions/${edition.slug}/writeups/${session.id}`,
        themes,
        themeError: options.themeError?.message ?? null,
      },
      options.themeError?.status ?? (options.conflict ? 409 : errors.length > 0 ? 400 : 200),
    );
  };

  const address = '/editions/:slug/sessions/:sessionId/writeup';

  app.get<{ Params: Params; Querystring: { done?: string } }>(address, async (request, reply) => {
    const edition = await authorizeWriteups(deps, request);
    const context = await loadWriteupContext(deps.store, edition.slug, request.params.sessionId);
    return render(request, reply, context, { done: request.query.done });
  });

  app.post<{ Params: Params; Body: Body }>(address, async (request, reply) => {
    const edition = await authorizeWriteups(deps, request);
    const body = (request.body ?? {}) as Body;
    const result = await saveWriteup(deps, request.actor, edition.slug, request.params.sessionId, {
      title: body.title,
      summary: body.summary,
      body: body.body,
      baseVersion: body.baseVersion,
      moveTo: body.moveTo,
    });
    const context = await loadWriteupContext(deps.store, edition.slug, request.params.sessionId);
    if (!result.ok) return render(request, reply, context, { values: body, errors: result.errors });
    if (result.value.kind === 'conflict')
      return render(request, reply, context, { values: body, conflict: result.value });
    const moved = result.value.writeup.status;
    const done = typeof body.moveTo === 'string' && body.moveTo !== '' ? moved : 'saved';
    return reply.redirect(
      `/organize/editions/${edition.slug}/sessions/${request.params.sessionId}/writeup?done=${done}`,
      303,
    );
  });

  /** Confirms or removes a theme of the saved write-up (organizers). */
  const tagTheme =
    (change: typeof confirmTheme | typeof removeTheme, done: string) =>
    async (request: FastifyRequest<{ Params: Params; Body: Body }>, reply: FastifyReply) => {
      const edition = await authorizeWriteups(deps, request);
      const { sessionId } = request.params;
      const context = await loadWriteupContext(deps.store, edition.slug, sessionId);
      try {
        if (!context.writeup)
          throw new ThemeTagError('conflict', 'Save the write-up before tagging it with themes.');
        await change(
          deps,
          request.actor,
          'writeup',
          context.writeup.id,
          ((request.body ?? {}) as Body).themeId,
          { writeupOfSessionId: sessionId },
        );
      } catch (error) {
        if (error instanceof ThemeTagError)
          return render(request, reply, context, { themeError: error });
        throw error;
      }
      return reply.redirect(
        `/organize/editions/${edition.slug}/sessions/${sessionId}/writeup?done=${done}#themes`,
        303,
      );
    };
  app.post<{ Params: Params; Body: Body }>(
    `${address}/themes/confirm`,
    tagTheme(confirmTheme, 'theme-confirmed'),
  );
  app.post<{ Params: Params; Body: Body }>(
    `${address}/themes/remove`,
    tagTheme(removeTheme, 'theme-removed'),
  );

  app.post<{ Params: Params; Body: Body }>(
    '/editions/:slug/sessions/:sessionId/attribution',
    async (request, reply) => {
      const edition = await authorizeWriteups(deps, request);
      const body = (request.body ?? {}) as Body;
      const result = await setAttributionRule(
        deps,
        request.actor,
        edition.slug,
        request.params.sessionId,
        body.rule,
      );
      if (!result.ok) {
        const context = await loadWriteupContext(
          deps.store,
          edition.slug,
          request.params.sessionId,
        );
        return render(request, reply, context, { values: body, errors: result.errors });
      }
      return reply.redirect(
        `/organize/editions/${edition.slug}/sessions/${request.params.sessionId}/writeup?done=rule`,
        303,
      );
    },
  );
}
