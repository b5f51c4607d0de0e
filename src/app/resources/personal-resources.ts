import { RESOURCE_KIND_LABELS } from '../../domain/resources/resource.ts';
import type { Store } from '../ports.ts';

/** What the data download holds about a person's shared resources, comments and follow-up groups. */
export interface SharedWorkExport {
  /** Resources you shared, as you wrote them, with whether an organizer hid them. */
  sharedResources: {
    title: string;
    kind: string;
    link: string;
    description: string;
    themes: string[];
    sharedAt: string;
    changedAt: string;
    hiddenByAnOrganizer: boolean;
  }[];
  /** Your comments on shared resources. */
  resourceComments: {
    resource: string;
    text: string;
    commentedAt: string;
    hiddenByAnOrganizer: boolean;
  }[];
  /**
   * Follow-up groups an organizer placed you in: the theme, the edition, the suggested call
   * and whether the introductions were sent. The other members are theirs to download.
   */
  followUpGroups: {
    edition: { slug: string; name: string } | null;
    theme: string;
    suggestedCall: string;
    introductionsSentAt: string | null;
  }[];
}

/** Gathers the person's shared resources, comments on them and follow-up group places. */
export async function exportSharedWorkOf(
  store: Store,
  personId: string,
): Promise<SharedWorkExport> {
  const [resources, comments, groupings, editions] = await Promise.all([
    store.resources.listResourcesBy(personId),
    store.resources.listCommentsBy(personId),
    store.followUpGroups.listGroupingsOf(personId),
    store.programme.listEditions(),
  ]);
  const themeNames = new Map<string, string>();
  for (const edition of editions)
    for (const theme of await store.programme.listThemes(edition.id))
      themeNames.set(theme.id, theme.name);
  const editionsById = new Map(editions.map((e) => [e.id, { slug: e.slug, name: e.name }]));
  return {
    sharedResources: resources.map((resource) => ({
      title: resource.title,
      kind: RESOURCE_KIND_LABELS[resource.kind],
      link: resource.url,
      description: resource.description,
      themes: resource.themeIds.map((id) => themeNames.get(id) ?? id),
      sharedAt: resource.createdAt,
      changedAt: resource.updatedAt,
      hiddenByAnOrganizer: resource.hidden,
    })),
    resourceComments: comments.map((comment) => ({
      resource: comment.resourceTitle,
      text: comment.body,
      commentedAt: comment.createdAt,
      hiddenByAnOrganizer: comment.hidden,
    })),
    followUpGroups: groupings.flatMap((grouping) =>
      grouping.groups
        .filter((group) => group.memberIds.includes(personId))
        .map((group) => ({
          edition: editionsById.get(grouping.editionId) ?? null,
          theme: themeNames.get(grouping.themeId) ?? '(a theme since removed)',
          suggestedCall: group.suggestedStart,
          introductionsSentAt: grouping.sentAt,
        })),
    ),
  };
}
