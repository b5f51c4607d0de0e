import type { ResourceKind } from '../../domain/resources/resource.ts';
import type { Store } from '../ports.ts';

/** When the demo's resources were shared, a few weeks after the 2020 convening. */
const SHARED_2020 = '2020-12-15T10:00:00.000Z';

interface DemoResource {
  title: string;
  kind: ResourceKind;
  url: string;
  description: string;
  themes: string[];
}

/** What teams shared after 2020; the links point at example addresses, not real pages. */
const DEMO_RESOURCES: DemoResource[] = [
  {
    title: 'Agile contract template for buying software in small pieces',
    kind: 'procurement-template',
    url: 'https://procurement.example.org/templates/agile-contract',
    description:
      'The contract we use to buy software **in small, outcome-based pieces** instead of one large tender.\n\n- Fixed team, variable scope\n- Two-week review points with a break clause\n- Code owned by the government and published openly',
    themes: ['Agile vs traditional finance and procurement', 'Vendor lock-in and budgets'],
  },
  {
    title: 'Digital capability framework for public servants',
    kind: 'capability-framework',
    url: 'https://capability.example.org/framework',
    description:
      'Roles, skills and levels for digital, data and technology jobs, with job descriptions teams can adapt. We started from other governments’ frameworks: copy ours the same way.',
    themes: ['Talent and capability frameworks'],
  },
  {
    title: 'Open-source forms platform',
    kind: 'code-repository',
    url: 'https://code.example.org/forms-platform',
    description:
      'The platform behind our online forms, reused by four agencies. The README explains how to run it on your own cloud account.',
    themes: ['Cross-government collaboration and code sharing'],
  },
  {
    title: 'Funding teams, not projects: our business case',
    kind: 'practice',
    url: 'https://finance.example.org/persistent-teams',
    description:
      'How we convinced our finance ministry to fund long-lived product teams, with the numbers we used.',
    themes: ['Investing in teams, not projects', 'Agile vs traditional finance and procurement'],
  },
];

/**
 * The demo's shared resources: a few resources from teams of different governments that took
 * part in 2020, tagged with its themes, and one comment by the demo attendee Ada, so that the
 * resources pages have something to browse, filter and discuss. No follow-up group is formed:
 * the organizer can try that.
 */
export async function addDemoResources(store: Store, nextId: () => string): Promise<void> {
  const edition = await store.programme.findEditionBySlug('dsc-2020');
  if (!edition) return;
  const themes = new Map((await store.programme.listThemes(edition.id)).map((t) => [t.name, t.id]));
  const [ada] = await store.people.findPeopleByEmails(['attendee@example.org']);
  // One sharer per government: registered attendees of 2020, other than Ada.
  const sharers = [];
  const governments = new Set<string>([ada?.governmentId ?? '']);
  for (const person of await store.people.listInvitees(edition.id)) {
    if (!person.governmentId || governments.has(person.governmentId)) continue;
    if (!(await store.registrations.findRegistration(edition.id, person.id))) continue;
    governments.add(person.governmentId);
    sharers.push(person);
    if (sharers.length === DEMO_RESOURCES.length) break;
  }
  let first: string | null = null;
  for (const [n, demo] of DEMO_RESOURCES.entries()) {
    const sharer = sharers[n];
    if (!sharer) break;
    const id = nextId();
    first ??= id;
    const at = new Date(Date.parse(SHARED_2020) + n * 86_400_000).toISOString();
    await store.resources.insertResource({
      id,
      title: demo.title,
      kind: demo.kind,
      url: demo.url,
      description: demo.description,
      governmentId: sharer.governmentId,
      themeIds: demo.themes.flatMap((name) => themes.get(name) ?? []),
      sharedBy: sharer.id,
      hidden: false,
      createdAt: at,
      updatedAt: at,
    });
  }
  if (ada && first)
    await store.resources.addComment({
      id: nextId(),
      resourceId: first,
      personId: ada.id,
      body: 'We adapted the break clause for our cloud hosting contract. It made the supplier much more responsive.',
      hidden: false,
      createdAt: '2021-01-12T09:30:00.000Z',
    });
}
