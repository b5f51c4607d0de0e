import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UseCaseDeps } from '../../../app/deps.ts';
import {
  addResourceComment,
  canEditResource,
  canModerateResources,
  editResource,
  listResourceComments,
  listResources,
  loadResourceOptions,
  loadVisibleResource,
  readResourceQuery,
  setResourceCommentHidden,
  setResourceHidden,
  shareResource,
  withdrawResource,
  type ResourceOptions,
} from '../../../app/resources/resources.ts';
import {
  RESOURCE_DESCRIPTION_MAX_LENGTH,
  RESOURCE_KIND_LABELS,
  RESOURCE_KINDS,
  type SharedResource,
} from '../../../domain/resources/resource.ts';
import type { FieldError } from '../../../domain/shared/result.ts';
import { COMMENT_MAX_LENGTH } from '../../../domain/writeups/comments.ts';
import { authorize, requireSignedIn } from '../../plugins/actor.ts';
import { presentForm } from '../../presenters/form.presenter.ts';
import { formatDateTime } from '../../presenters/time.ts';

type Body = Record<string, unknown>;
type IdParams = { resourceId: string };

/** Comments one person may add in each window, across all resources: as on write-ups. */
export const RESOURCE_COMMENT_RATE_LIMIT = { max: 5, minutes: 10 } as const;

/** Banners after a change, chosen by a key so nothing else can be injected. */
const DONE: Record<string, string> = {
  shared: 'Your resource was shared. Everyone who took part in a convening can now find it.',
  saved: 'Your changes were saved.',
  withdrawn: 'Your resource was withdrawn. Nobody can see it any more.',
  'comment-added': 'Your comment was added.',
  'resource-hidden':
    'The resource was hidden. Only organizers and the person who shared it see it now.',
  'resource-shown': 'The resource is shown again to everyone.',
  'comment-hidden': 'The comment was hidden. Only organizers see it now.',
  'comment-shown': 'The comment is shown again to everyone.',
};

const KIND_OPTIONS = RESOURCE_KINDS.map((kind) => ({
  value: kind,
  label: RESOURCE_KIND_LABELS[kind],
}));

/** A resource as the list and its page show it. */
function presentResource(resource: SharedResource, options: ResourceOptions, zone: string) {
  return {
    ...resource,
    path: `/resources/${resource.id}`,
    kindLabel: RESOURCE_KIND_LABELS[resource.kind],
    government: options.governmentName(resource.governmentId),
    themes: resource.themeIds.map((id) => options.themeName(id)).filter((name) => name !== null),
    shared: formatDateTime(resource.createdAt, zone),
  };
}

/**
 * Shared resources: practices, code repositories, procurement templates and capability
 * frameworks that teams share with the people of every convening. Browsing, sharing and
 * commenting are for people who took part in any edition; the sharer edits and withdraws; an
 * organizer of any edition hides and shows resources and comments.
 */
export async function resourceRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  const zoneOf = (request: FastifyRequest) => request.viewerTimeZone ?? 'UTC';

  app.get<{ Querystring: Record<string, unknown> }>('/resources', async (request, reply) => {
    requireSignedIn(request);
    authorize(request, 'resources.browse');
    const actor = requireSignedIn(request);
    const options = await loadResourceOptions(deps, actor);
    const query = readResourceQuery(request.query ?? {});
    const filterValues = {
      theme: typeof request.query.theme === 'string' ? request.query.theme : '',
      government: typeof request.query.government === 'string' ? request.query.government : '',
      kind: typeof request.query.kind === 'string' ? request.query.kind : '',
    };
    const page = query.ok
      ? query.value
      : { themeId: null, governmentId: null, kind: null, page: 1 };
    const { resources, total, pages } = query.ok
      ? await listResources(deps, actor, page, options)
      : { resources: [], total: 0, pages: 1 };
    const link = (n: number) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(filterValues)) if (value) params.set(key, value);
      if (n > 1) params.set('page', String(n));
      const text = params.toString();
      return `/resources${text ? `?${text}` : ''}`;
    };
    const filtered = Object.values(filterValues).some((value) => value !== '');
    return reply.render(
      'resources/list.njk',
      {
        title: 'Shared resources',
        form: presentForm(filterValues, query.ok ? [] : query.errors),
        themeOptions: [
          { value: '', label: 'Any theme' },
          ...options.filterThemes.map((t) => ({ value: t.id, label: t.label })),
        ],
        governmentOptions: [
          { value: '', label: 'Any government' },
          ...options.governments.map((g) => ({ value: g.id, label: g.country })),
        ],
        kindOptions: [{ value: '', label: 'Any kind' }, ...KIND_OPTIONS],
        resources: resources.map((r) => presentResource(r, options, zoneOf(request))),
        total,
        filtered,
        page: page.page,
        pages,
        previousPath: page.page > 1 ? link(page.page - 1) : null,
        nextPath: page.page < pages ? link(page.page + 1) : null,
        canModerate: canModerateResources(actor),
        done: typeof request.query.done === 'string' ? DONE[request.query.done] : undefined,
      },
      query.ok ? 200 : 400,
    );
  });

  /** The share or edit form, keeping what was typed when something is wrong. */
  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    resource: SharedResource | null,
    values: Body,
    errors: FieldError[] = [],
  ) => {
    const actor = requireSignedIn(request);
    const options = await loadResourceOptions(deps, actor);
    const chosen = new Set(
      [values.themeIds ?? []].flat().filter((v): v is string => typeof v === 'string'),
    );
    // An edited resource keeps the themes it has, even of editions the sharer was not in.
    const themes = [
      ...options.shareThemes,
      ...(resource?.themeIds ?? [])
        .filter((id) => !options.shareThemes.some((t) => t.id === id))
        .map((id) => ({ id, label: options.themeName(id) ?? id })),
    ];
    return reply.render(
      'resources/form.njk',
      {
        title: resource ? `Change “${resource.title}”` : 'Share a resource',
        resource: resource ? { ...resource, path: `/resources/${resource.id}` } : null,
        action: resource ? `/resources/${resource.id}/edit` : '/resources',
        form: presentForm(values, errors),
        kindOptions: KIND_OPTIONS,
        governmentOptions: [
          { value: '', label: 'No government' },
          ...options.governments.map((g) => ({
            value: g.id,
            label: g.teamName ? `${g.country} – ${g.teamName}` : g.country,
          })),
        ],
        themeOptions: themes.map((t) => ({
          value: t.id,
          label: t.label,
          checked: chosen.has(t.id),
        })),
        descriptionLimit: RESOURCE_DESCRIPTION_MAX_LENGTH.toLocaleString('en-GB'),
      },
      errors.length > 0 ? 400 : 200,
    );
  };

  app.get('/resources/new', async (request, reply) => {
    const actor = requireSignedIn(request);
    authorize(request, 'resources.share');
    const [person] = await deps.store.people.findPeopleByIds([actor.personId]);
    // The sharer's own government is offered first; they may name another or none.
    return renderForm(request, reply, null, { governmentId: person?.governmentId ?? '' });
  });

  app.post<{ Body: Body }>('/resources', async (request, reply) => {
    requireSignedIn(request);
    authorize(request, 'resources.share');
    const body = (request.body ?? {}) as Body;
    const result = await shareResource(deps, request.actor, body);
    if (result.ok) return reply.redirect(`/resources/${result.value.id}?done=shared`, 303);
    return renderForm(request, reply, null, body, result.errors);
  });

  /** A resource's page with its comments; a comment's problems keep what was typed. */
  const renderResource = async (
    request: FastifyRequest,
    reply: FastifyReply,
    resource: SharedResource,
    extra: { values?: Body; errors?: FieldError[]; done?: string } = {},
  ) => {
    const actor = requireSignedIn(request);
    const options = await loadResourceOptions(deps, actor);
    const zone = zoneOf(request);
    const comments = await listResourceComments(deps, actor, resource);
    const [sharer] = await deps.store.people.findPeopleByIds([resource.sharedBy]);
    const errors = extra.errors ?? [];
    return reply.render(
      'resources/resource.njk',
      {
        title: resource.title,
        resource: presentResource(resource, options, zone),
        sharer: sharer?.name ?? 'A participant',
        isUpdated: resource.updatedAt !== resource.createdAt,
        updated: formatDateTime(resource.updatedAt, zone),
        comments: comments.map((comment) => ({
          ...comment,
          when: formatDateTime(comment.createdAt, zone),
          paragraphs: comment.text.split(/\n+/),
        })),
        canEdit: canEditResource(actor, resource),
        canModerate: canModerateResources(actor),
        commentLimit: COMMENT_MAX_LENGTH.toLocaleString('en-GB'),
        form: presentForm(extra.values ?? {}, errors),
        done: extra.done ? DONE[extra.done] : undefined,
      },
      errors.length > 0 ? 400 : 200,
    );
  };

  app.get<{ Params: IdParams; Querystring: { done?: string } }>(
    '/resources/:resourceId',
    async (request, reply) => {
      requireSignedIn(request);
      authorize(request, 'resources.browse');
      const resource = await loadVisibleResource(deps, request.actor, request.params.resourceId);
      return renderResource(request, reply, resource, { done: request.query.done });
    },
  );

  /** The resource in the address, once the actor is its sharer (404 for others' unknown ones). */
  const ownResource = async (request: FastifyRequest<{ Params: IdParams }>) => {
    requireSignedIn(request);
    authorize(request, 'resources.share');
    const resource = await loadVisibleResource(deps, request.actor, request.params.resourceId);
    authorize(request, 'resources.edit-own', { personId: resource.sharedBy });
    return resource;
  };

  app.get<{ Params: IdParams }>('/resources/:resourceId/edit', async (request, reply) => {
    const resource = await ownResource(request);
    const { title, kind, url, description, governmentId, themeIds } = resource;
    return renderForm(request, reply, resource, {
      title,
      kind,
      url,
      description,
      governmentId: governmentId ?? '',
      themeIds,
    });
  });

  app.post<{ Params: IdParams; Body: Body }>(
    '/resources/:resourceId/edit',
    async (request, reply) => {
      const resource = await ownResource(request);
      const body = (request.body ?? {}) as Body;
      const result = await editResource(deps, request.actor, resource.id, body);
      if (result.ok) return reply.redirect(`/resources/${resource.id}?done=saved`, 303);
      return renderForm(request, reply, resource, body, result.errors);
    },
  );

  app.get<{ Params: IdParams }>('/resources/:resourceId/withdraw', async (request, reply) => {
    const resource = await ownResource(request);
    return reply.render('resources/withdraw.njk', {
      title: `Withdraw “${resource.title}”`,
      resource: { ...resource, path: `/resources/${resource.id}` },
    });
  });

  app.post<{ Params: IdParams }>('/resources/:resourceId/withdraw', async (request, reply) => {
    const resource = await ownResource(request);
    await withdrawResource(deps, request.actor, resource.id);
    return reply.redirect('/resources?done=withdrawn', 303);
  });

  // One limit per person across resources, so that nobody floods the comments.
  const commentLimit = app.createRateLimit({
    max: RESOURCE_COMMENT_RATE_LIMIT.max,
    timeWindow: RESOURCE_COMMENT_RATE_LIMIT.minutes * 60_000,
    keyGenerator: (request) =>
      `resource-comments:${request.actor.kind === 'person' ? request.actor.personId : request.ip}`,
  });

  app.post<{ Params: IdParams; Body: Body }>(
    '/resources/:resourceId/comments',
    async (request, reply) => {
      requireSignedIn(request);
      authorize(request, 'resources.comment');
      const resource = await loadVisibleResource(deps, request.actor, request.params.resourceId);
      const limited = await commentLimit(request);
      if (!limited.isAllowed && limited.isExceeded) {
        reply.header('retry-after', String(limited.ttlInSeconds));
        const minutes = Math.max(1, Math.ceil(limited.ttlInSeconds / 60));
        return reply.render(
          'error.njk',
          {
            title: 'You are adding comments too quickly',
            message: `You can add ${RESOURCE_COMMENT_RATE_LIMIT.max} comments every ${RESOURCE_COMMENT_RATE_LIMIT.minutes} minutes. Your comment was not added: wait ${minutes} minute${minutes === 1 ? '' : 's'}, then add it again.`,
            backPath: `/resources/${resource.id}#comments`,
          },
          429,
        );
      }
      const body = (request.body ?? {}) as Body;
      const result = await addResourceComment(deps, request.actor, resource.id, body.text);
      if (result.ok)
        return reply.redirect(`/resources/${resource.id}?done=comment-added#comments`, 303);
      return renderResource(request, reply, resource, {
        values: { text: body.text },
        errors: result.errors,
      });
    },
  );

  const badModeration = (reply: FastifyReply, path: string, errors: FieldError[]) =>
    reply.render(
      'error.njk',
      {
        title: 'There is a problem with the request',
        message: errors.map((error) => error.message).join(' '),
        backPath: path,
      },
      400,
    );

  app.post<{ Params: IdParams; Body: Body }>(
    '/resources/:resourceId/hide',
    async (request, reply) => {
      requireSignedIn(request);
      // Organizers only, before any lookup: nobody else learns which resources exist.
      authorize(request, 'resources.moderate');
      const body = (request.body ?? {}) as Body;
      const id = request.params.resourceId;
      const result = await setResourceHidden(deps, request.actor, id, body.hidden);
      if (!result.ok) return badModeration(reply, `/resources/${id}`, result.errors);
      return reply.redirect(
        `/resources/${id}?done=${result.value ? 'resource-hidden' : 'resource-shown'}`,
        303,
      );
    },
  );

  app.post<{ Params: IdParams & { commentId: string }; Body: Body }>(
    '/resources/:resourceId/comments/:commentId/hide',
    async (request, reply) => {
      requireSignedIn(request);
      authorize(request, 'resources.moderate');
      const body = (request.body ?? {}) as Body;
      const { resourceId, commentId } = request.params;
      const result = await setResourceCommentHidden(
        deps,
        request.actor,
        resourceId,
        commentId,
        body.hidden,
      );
      if (!result.ok)
        return badModeration(reply, `/resources/${resourceId}#comments`, result.errors);
      return reply.redirect(
        `/resources/${resourceId}?done=${result.value ? 'comment-hidden' : 'comment-shown'}#comments`,
        303,
      );
    },
  );
}
