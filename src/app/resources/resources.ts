import type { Actor } from '../../domain/access/actor.ts';
import type { Theme } from '../../domain/convening/edition.ts';
import type { Government } from '../../domain/people/person.ts';
import { can } from '../../domain/policy/policy.ts';
import {
  checkResource,
  RESOURCE_KINDS,
  type SharedResource,
} from '../../domain/resources/resource.ts';
import { accepted, rejected, type Checked } from '../../domain/shared/result.ts';
import { checkComment } from '../../domain/writeups/comments.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { NotFoundError, type UseCaseDeps } from '../deps.ts';
import type { ResourceComment } from '../ports.ts';

type Person = Extract<Actor, { kind: 'person' }>;

/** Resources on one page of the list. */
export const RESOURCES_PER_PAGE = 20;

/** Raised when someone may not do what they asked with a shared resource. */
export class ResourcePermissionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResourcePermissionError';
  }
}

/** A theme as offered in forms and filters, named with its edition when several editions have themes. */
export interface ThemeChoice {
  id: string;
  label: string;
  editionId: string;
}

/** What forms and filters offer: themes and governments. */
export interface ResourceOptions {
  /** The themes of the editions the person took part in: what they may tag a resource with. */
  shareThemes: ThemeChoice[];
  /**
   * The filter's themes: one per name across the editions that are open (or that the person
   * took part in), since editions often share themes; choosing one finds resources tagged with
   * that theme in any edition.
   */
  filterThemes: ThemeChoice[];
  /** Every theme id with the same name as this one (in any edition). */
  sameThemeIds: (id: string) => string[];
  governments: Government[];
  themeName: (id: string) => string | null;
  governmentName: (id: string | null) => string | null;
}

/** Loads the themes and governments that forms, filters and pages name. */
export async function loadResourceOptions(
  deps: Pick<UseCaseDeps, 'store'>,
  actor: Actor,
): Promise<ResourceOptions> {
  const editions = await deps.store.programme.listEditions();
  const memberOf = new Set(
    actor.kind === 'person' ? actor.memberships.map((m) => m.editionId) : [],
  );
  const themes: (Theme & { editionName: string; isMember: boolean; isOpen: boolean })[] = [];
  for (const edition of editions)
    for (const theme of await deps.store.programme.listThemes(edition.id))
      themes.push({
        ...theme,
        editionName: edition.name,
        isMember: memberOf.has(edition.id),
        isOpen: edition.status !== 'draft',
      });
  // A sharer who took part in several editions sees each theme with its edition's name.
  const editionsWithThemes = new Set(themes.filter((t) => t.isMember).map((t) => t.editionId)).size;
  const choice = (theme: (typeof themes)[number]): ThemeChoice => ({
    id: theme.id,
    label: editionsWithThemes > 1 ? `${theme.name} (${theme.editionName})` : theme.name,
    editionId: theme.editionId,
  });
  const byLabel = (a: ThemeChoice, b: ThemeChoice) => a.label.localeCompare(b.label, 'en');
  const governments = (await deps.store.people.listGovernments()).sort((a, b) =>
    a.country.localeCompare(b.country, 'en'),
  );
  const themeNames = new Map(themes.map((theme) => [theme.id, theme.name]));
  const governmentNames = new Map(
    governments.map((g) => [g.id, g.teamName ? `${g.country}, ${g.teamName}` : g.country]),
  );
  return {
    shareThemes: themes
      .filter((t) => t.isMember)
      .map(choice)
      .sort(byLabel),
    filterThemes: [
      ...new Map(
        themes
          .filter((t) => t.isMember || t.isOpen)
          .map((t) => [t.name.toLowerCase(), { id: t.id, label: t.name, editionId: t.editionId }]),
      ).values(),
    ].sort(byLabel),
    sameThemeIds: (id) => {
      const name = themeNames.get(id)?.toLowerCase();
      return name === undefined
        ? []
        : themes.filter((t) => t.name.toLowerCase() === name).map((t) => t.id);
    },
    governments,
    themeName: (id) => themeNames.get(id) ?? null,
    governmentName: (id) => (id === null ? null : (governmentNames.get(id) ?? null)),
  };
}

/** Whether the actor moderates shared resources (an organizer of any edition). */
export const canModerateResources = (actor: Actor): boolean => can(actor, 'resources.moderate');

/** Whether the actor may edit or withdraw the resource: its sharer only. */
export const canEditResource = (actor: Actor, resource: SharedResource): boolean =>
  can(actor, 'resources.edit-own', { personId: resource.sharedBy });

function requireShare(actor: Actor): Person {
  if (actor.kind !== 'person' || !can(actor, 'resources.share'))
    throw new ResourcePermissionError(
      'Only people who took part in a convening (attendees, speakers and its team) can share resources.',
    );
  return actor;
}

/**
 * A resource as the actor may see it: hidden ones only reach organizers and their sharer;
 * to everyone else they do not exist.
 */
export async function loadVisibleResource(
  deps: Pick<UseCaseDeps, 'store'>,
  actor: Actor,
  id: string,
): Promise<SharedResource> {
  const resource = await deps.store.resources.findResource(id);
  if (
    !resource ||
    (resource.hidden &&
      !canModerateResources(actor) &&
      !(actor.kind === 'person' && actor.personId === resource.sharedBy))
  )
    throw new NotFoundError('The resource');
  return resource;
}

/** The filters of the list as given in the address; a bad page number is a problem on `page`. */
export interface ResourceQuery {
  themeId: string | null;
  governmentId: string | null;
  kind: string | null;
  page: number;
}

/** Reads the list's filters from the address. */
export function readResourceQuery(raw: Record<string, unknown>): Checked<ResourceQuery> {
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  const rawPage = raw.page;
  let page = 1;
  if (rawPage !== undefined && rawPage !== '') {
    if (typeof rawPage !== 'string' || !/^\d{1,6}$/.test(rawPage) || Number(rawPage) < 1)
      return rejected([
        { field: 'page', message: 'The page number must be a whole number of 1 or more.' },
      ]);
    page = Number(rawPage);
  }
  const kind = text(raw.kind);
  if (kind !== null && !(RESOURCE_KINDS as readonly string[]).includes(kind))
    return rejected([{ field: 'kind', message: 'Choose a kind of resource from the list.' }]);
  return accepted({ themeId: text(raw.theme), governmentId: text(raw.government), kind, page });
}

/** One page of the resources the actor may see, newest first, filtered. */
export async function listResources(
  deps: Pick<UseCaseDeps, 'store'>,
  actor: Person,
  query: ResourceQuery,
  options: Pick<ResourceOptions, 'sameThemeIds'>,
): Promise<{ resources: SharedResource[]; total: number; pages: number }> {
  const { resources, total } = await deps.store.resources.listResources(
    {
      themeIds: query.themeId === null ? null : options.sameThemeIds(query.themeId),
      governmentId: query.governmentId,
      kind: query.kind,
      viewerId: actor.personId,
      includeHidden: canModerateResources(actor),
    },
    { offset: (query.page - 1) * RESOURCES_PER_PAGE, limit: RESOURCES_PER_PAGE },
  );
  return { resources, total, pages: Math.max(1, Math.ceil(total / RESOURCES_PER_PAGE)) };
}

/** Shares a resource for the signed-in person: nothing is stored unless every field is right. */
export async function shareResource(
  deps: UseCaseDeps,
  actor: Actor,
  raw: Record<string, unknown>,
): Promise<Checked<SharedResource>> {
  const person = requireShare(actor);
  const options = await loadResourceOptions(deps, person);
  const checked = checkResource(raw, {
    themeIds: options.shareThemes.map((theme) => theme.id),
    governmentIds: options.governments.map((g) => g.id),
  });
  if (!checked.ok) return checked;
  const now = deps.clock.now().toISOString();
  const resource: SharedResource = {
    ...checked.value,
    id: deps.ids.next(),
    sharedBy: person.personId,
    hidden: false,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.transaction((store) => store.resources.insertResource(resource));
  return accepted(resource);
}

/**
 * Changes what the sharer wrote about their resource. Themes they could not choose (of an
 * edition they were not in) but that the resource already has are kept as choices.
 */
export async function editResource(
  deps: UseCaseDeps,
  actor: Actor,
  id: string,
  raw: Record<string, unknown>,
): Promise<Checked<SharedResource>> {
  const resource = await loadVisibleResource(deps, actor, id);
  if (!canEditResource(actor, resource))
    throw new ResourcePermissionError('Only the person who shared a resource can change it.');
  const options = await loadResourceOptions(deps, actor);
  const checked = checkResource(raw, {
    themeIds: [...new Set([...options.shareThemes.map((t) => t.id), ...resource.themeIds])],
    governmentIds: options.governments.map((g) => g.id),
  });
  if (!checked.ok) return checked;
  const updated: SharedResource = {
    ...resource,
    ...checked.value,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.transaction((store) => store.resources.updateResource(updated));
  return accepted(updated);
}

/** Withdraws (deletes) the sharer's resource, with the comments on it. */
export async function withdrawResource(deps: UseCaseDeps, actor: Actor, id: string) {
  const resource = await loadVisibleResource(deps, actor, id);
  if (!canEditResource(actor, resource))
    throw new ResourcePermissionError('Only the person who shared a resource can withdraw it.');
  await deps.store.transaction((store) => store.resources.deleteResource(resource.id));
  return resource;
}

/** A comment on a resource as one viewer sees it. */
export interface ShownResourceComment {
  id: string;
  text: string;
  createdAt: string;
  author: string;
  hidden: boolean;
}

/** The comments on a resource, oldest first; hidden ones reach organizers only. */
export async function listResourceComments(
  deps: Pick<UseCaseDeps, 'store'>,
  actor: Actor,
  resource: SharedResource,
): Promise<ShownResourceComment[]> {
  const moderator = canModerateResources(actor);
  const comments = (await deps.store.resources.listComments(resource.id)).filter(
    (comment) => moderator || !comment.hidden,
  );
  const people = await deps.store.people.findPeopleByIds([
    ...new Set(comments.map((c) => c.personId)),
  ]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  return comments.map((comment) => ({
    id: comment.id,
    text: comment.body,
    createdAt: comment.createdAt,
    author: names.get(comment.personId) ?? 'A participant',
    hidden: comment.hidden,
  }));
}

/** Adds the signed-in person's comment (plain text, as on write-ups) to a resource. */
export async function addResourceComment(
  deps: UseCaseDeps,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<Checked<ResourceComment>> {
  if (actor.kind !== 'person' || !can(actor, 'resources.comment'))
    throw new ResourcePermissionError(
      'Only people who took part in a convening can comment on shared resources.',
    );
  const resource = await loadVisibleResource(deps, actor, id);
  const checked = checkComment(raw);
  if (!checked.ok) return rejected(checked.errors);
  const comment: ResourceComment = {
    id: deps.ids.next(),
    resourceId: resource.id,
    personId: actor.personId,
    body: checked.value,
    hidden: false,
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.store.resources.addComment(comment);
  return accepted(comment);
}

const readHidden = (raw: unknown): Checked<boolean> =>
  raw === 'true' || raw === 'false'
    ? accepted(raw === 'true')
    : rejected([
        { field: 'hidden', message: 'Choose whether to hide or show it. Reload the page.' },
      ]);

/**
 * Hides a resource from everyone but organizers and its sharer, or shows it again
 * (organizers of any edition), recorded in the audit log without its title or sharer.
 */
export async function setResourceHidden(
  deps: UseCaseDeps,
  actor: Actor,
  id: string,
  rawHidden: unknown,
): Promise<Checked<boolean>> {
  if (!canModerateResources(actor))
    throw new ResourcePermissionError('Only organizers can hide or show shared resources.');
  const resource = await loadVisibleResource(deps, actor, id);
  const hidden = readHidden(rawHidden);
  if (!hidden.ok) return hidden;
  if (resource.hidden !== hidden.value)
    await deps.store.transaction(async (store) => {
      await store.resources.setResourceHidden(resource.id, hidden.value);
      await recordAudit(
        deps,
        store,
        actor,
        null,
        hidden.value ? 'resource.hidden' : 'resource.shown',
        `${hidden.value ? 'Hid' : 'Showed again'} a shared resource (${resource.id}).`,
      );
    });
  return hidden;
}

/** Hides or shows a comment on a resource (organizers), audited without its text or author. */
export async function setResourceCommentHidden(
  deps: UseCaseDeps,
  actor: Actor,
  id: string,
  commentId: string,
  rawHidden: unknown,
): Promise<Checked<boolean>> {
  if (!canModerateResources(actor))
    throw new ResourcePermissionError('Only organizers can hide or show comments.');
  const resource = await loadVisibleResource(deps, actor, id);
  const comment = await deps.store.resources.findComment(commentId);
  if (!comment || comment.resourceId !== resource.id) throw new NotFoundError('The comment');
  const hidden = readHidden(rawHidden);
  if (!hidden.ok) return hidden;
  if (comment.hidden !== hidden.value)
    await deps.store.transaction(async (store) => {
      await store.resources.setCommentHidden(comment.id, hidden.value);
      await recordAudit(
        deps,
        store,
        actor,
        null,
        hidden.value ? 'resource.comment-hidden' : 'resource.comment-shown',
        `${hidden.value ? 'Hid' : 'Showed again'} a comment on a shared resource (${resource.id}).`,
      );
    });
  return hidden;
}
