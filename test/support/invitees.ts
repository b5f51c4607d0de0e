import type { UseCaseDeps } from '../../src/app/deps.ts';

/** Reads an HTML attribute's value back to the text it holds, as a browser does. */
export function unescapeHtml(value: string): string {
  return value
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** The value of a hidden field of a page's form, as the browser would send it back. */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`The page has no hidden field "${name}".`);
  return unescapeHtml(match[1] ?? '');
}

/** How many of each record an import could write, to show that a refused one wrote nothing. */
export async function countRecords(deps: UseCaseDeps, editionId: string) {
  return {
    people: (await deps.store.people.listPeople()).length,
    governments: (await deps.store.people.listGovernments()).length,
    invitees: (await deps.store.people.listInvitees(editionId)).length,
    members: (await deps.store.access.listMembers(editionId)).length,
    audit: (await deps.store.audit.listForEdition(editionId, 10_000)).length,
  };
}
