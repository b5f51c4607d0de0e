import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { saveDirectoryChoices } from '../../../app/directory/directory.commands.ts';
import {
  browseDirectory,
  loadOwnDirectoryProfile,
} from '../../../app/directory/directory.queries.ts';
import type { UseCaseDeps } from '../../../app/deps.ts';
import {
  DIRECTORY_FIELDS,
  DIRECTORY_FIELD_LABELS,
  type DirectoryProfile,
} from '../../../domain/directory/directory-profile.ts';
import type { FieldError } from '../../../domain/shared/result.ts';
import { introductionPathOf } from '../../presenters/people-met.presenter.ts';
import { authorize, requireSignedIn } from '../../plugins/actor.ts';
import {
  presentDirectoryEntry,
  presentDirectoryFilters,
  presentPagination,
} from '../../presenters/directory.presenter.ts';
import { presentForm } from '../../presenters/form.presenter.ts';

type Query = Record<string, unknown>;

/** Banners after saving one's choices, chosen by a key so nothing else can be injected. */
const DONE: Record<string, string> = {
  listed: 'Your choices were saved. You are in the directory.',
  unlisted: 'Your choices were saved. You are not in the directory: nobody can find you there.',
};

/**
 * The directory of attendees across editions, for the people of any edition: browse, search
 * and filter it; and each person's own page to opt in or out and choose what it shows.
 */
export async function directoryRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  app.get<{ Querystring: Query }>('/directory', async (request, reply) => {
    authorize(request, 'directory.browse');
    const viewer = requireSignedIn(request);
    const found = await browseDirectory(deps, request.query);
    const own = await deps.store.directory.findProfile(viewer.personId);
    return reply.render(
      'directory/directory.njk',
      {
        title: 'Directory of attendees',
        form: presentForm(request.query, found.errors),
        filters: presentDirectoryFilters(found.options),
        isListed: own?.listed ?? false,
        results: found.results,
        hasQuery: found.query !== null && hasAnyFilter(request.query),
        entries: found.results.items.map((entry) => ({
          ...presentDirectoryEntry(entry),
          introductionPath:
            entry.personId !== viewer.personId ? introductionPathOf(entry.personId) : null,
        })),
        pagination: found.query ? presentPagination(request.query, found.results) : null,
      },
      found.errors.length > 0 ? 400 : 200,
    );
  });

  const renderOwnPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    options: { values?: Query; errors?: FieldError[]; done?: string } = {},
  ) => {
    const own = await loadOwnDirectoryProfile(deps, personId);
    const errors = options.errors ?? [];
    const values = options.values ?? valuesOf(own.profile, own.isStored);
    return reply.render(
      'directory/own-entry.njk',
      {
        title: 'Your entry in the directory',
        form: presentForm(values, errors),
        isListed: own.profile.listed,
        fields: DIRECTORY_FIELDS.map((field) => ({
          value: field,
          label: DIRECTORY_FIELD_LABELS[field],
          checked: [values.show ?? []].flat().includes(field),
        })),
        preview: own.preview ? presentDirectoryEntry(own.preview) : null,
        done: options.done ? DONE[options.done] : undefined,
      },
      errors.length > 0 ? 400 : 200,
    );
  };

  app.get<{ Querystring: { done?: string } }>('/directory/me', async (request, reply) => {
    const person = requireSignedIn(request);
    authorize(request, 'directory.choose-own', { personId: person.personId });
    return renderOwnPage(request, reply, person.personId, { done: request.query.done });
  });

  app.post<{ Body: Query }>('/directory/me', async (request, reply) => {
    const person = requireSignedIn(request);
    authorize(request, 'directory.choose-own', { personId: person.personId });
    const body = request.body ?? {};
    const saved = await saveDirectoryChoices(deps, person, body);
    if (!saved.ok)
      return renderOwnPage(request, reply, person.personId, { values: body, errors: saved.errors });
    return reply.redirect(`/directory/me?done=${saved.value.listed ? 'listed' : 'unlisted'}`, 303);
  });
}

/** The form's values from saved choices; a first visit offers to opt in with every field. */
function valuesOf(profile: DirectoryProfile, isStored: boolean): Query {
  return {
    listed: isStored ? (profile.listed ? 'yes' : 'no') : '',
    show: DIRECTORY_FIELDS.filter((field) => profile.shows[field]),
  };
}

/** Whether the query asks for anything beyond the first page of everyone. */
function hasAnyFilter(query: Query): boolean {
  return ['q', 'government', 'region', 'role', 'theme'].some(
    (name) => typeof query[name] === 'string' && (query[name] as string).trim() !== '',
  );
}
