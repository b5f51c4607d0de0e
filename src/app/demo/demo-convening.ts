import type { PersonRole } from '../../domain/people/person.ts';
import { DEMO_GOVERNMENTS } from './demo-governments.ts';

/**
 * The demo convening, modelled on the third annual Digital Services Convening (2020): remote,
 * three days themed NOW / LATER / NEXT, eight sessions of talks and panels with breakout rounds
 * between them, six cross-cutting themes, about 120 invitees from 42 governments, and the 2018
 * and 2019 in-person editions in Boston as the archive.
 *
 * Every person in it is fictional: names are drawn from common names of their region and
 * emails use the reserved .example domain. Countries are real; team names are generic.
 */
export const DEMO_NOTE =
  'Demo data: every person in this convening is fictional. Countries are real; team names are generic; emails use the reserved .example domain.';

/**
 * The demo's own team, so a newcomer can try every role by signing in through the outbox:
 * the organizer organizes every edition; the moderator and rapporteur work on 2020.
 */
export const DEMO_TEAM = [
  {
    email: 'organizer@example.org',
    name: 'Olivia Organizer',
    role: 'organizer',
    editions: ['dsc-2018', 'dsc-2019', 'dsc-2020'],
  },
  {
    email: 'moderator@example.org',
    name: 'Mo Moderator',
    role: 'moderator',
    editions: ['dsc-2020'],
  },
  {
    email: 'rapporteur@example.org',
    name: 'Rae Rapporteur',
    role: 'rapporteur',
    editions: ['dsc-2020'],
  },
] as const;

/**
 * Two registered attendees of 2020 with easy addresses (about sixty demo invitees are registered
 * too), so a newcomer can try a session room from both sides (one asks, the other sees it live
 * and votes): sign in as either through the outbox.
 */
export const DEMO_ATTENDEES = [
  {
    email: 'attendee@example.org',
    name: 'Ada Attendee',
    governmentCode: 'EE',
    timeZone: 'Europe/Tallinn',
    edition: 'dsc-2020',
  },
  {
    email: 'attendee2@example.org',
    name: 'Kofi Attendee',
    governmentCode: 'GH',
    timeZone: 'Africa/Accra',
    edition: 'dsc-2020',
  },
] as const;

const ROLE_DECK: PersonRole[][] = [
  ['chief-digital-officer', 'product-manager', 'ux-designer'],
  ['minister', 'policy-advisor', 'engineer'],
  ['chief-technology-officer', 'ux-designer', 'product-manager'],
  ['policy-advisor', 'engineer', 'product-manager'],
  ['chief-digital-officer', 'ux-designer', 'other'],
  ['chief-technology-officer', 'policy-advisor', 'ux-designer'],
  ['minister', 'product-manager', 'engineer'],
];

function asciiPart(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * How the demo's invitees answered the 2020 invitation, by their government's place in the
 * list and their own within it: the second person of every government and the third of every
 * other one registered, a few declined, and the first of each government has not answered yet
 * (so a newcomer can sign in as one, such as sarah.hughes@gb.gov.example, and register).
 * About sixty registered people make breakout rooms worth planning in the demo.
 */
export function demoAnswer2020(
  governmentIndex: number,
  personIndex: number,
): 'registered' | 'declined' | null {
  if (personIndex === 1) return 'registered';
  if (personIndex === 2) {
    if (governmentIndex % 2 === 0) return 'registered';
    if (governmentIndex % 5 === 1) return 'declined';
  }
  return null;
}

/** The fictional people of the demo, two or three per government. */
export function buildDemoPeople() {
  return DEMO_GOVERNMENTS.flatMap((government, g) => {
    const count = g % 7 === 3 ? 2 : 3;
    const roles = ROLE_DECK[g % ROLE_DECK.length] ?? ['other', 'other', 'other'];
    return Array.from({ length: count }, (_, i) => {
      const given = government.names.given[(g + i * 2) % government.names.given.length] ?? 'Alex';
      const family = government.names.family[(g * 5 + i) % government.names.family.length] ?? 'Doe';
      return {
        name: `${given} ${family}`,
        email: `${asciiPart(given)}.${asciiPart(family)}@${government.code.toLowerCase()}.gov.example`,
        government: government.code,
        role: roles[i] ?? 'other',
        maturity: government.maturity,
        timeZone: government.timeZone,
        answer2020: demoAnswer2020(g, i),
        themeOffset: g,
      };
    });
  });
}

/** The themes of the 2020 edition, as its organizers wrote them. */
export const THEMES_2020 = [
  {
    name: 'Vendor lock-in and budgets',
    description:
      'Frustration with budgets and technology being beholden to big IT vendors and system integrators.',
  },
  {
    name: 'Cross-government collaboration and code sharing',
    description: 'Exchanging practice and sharing code across teams and borders.',
  },
  {
    name: 'From services to public-sector reform',
    description:
      'Moving from delivering a few digital services to large-scale reform of the public sector.',
  },
  {
    name: 'Talent and capability frameworks',
    description: 'Managing and developing talent, and how capability frameworks help.',
  },
  {
    name: 'Agile vs traditional finance and procurement',
    description:
      'Working in an agile way when budgeting and procurement do not lend themselves to it.',
  },
  {
    name: 'Investing in teams, not projects',
    description: 'Making the case for investment to politicians, finance ministers and donors.',
  },
];

type DemoSession = {
  title: string;
  format: string;
  date: string;
  startTime: string;
  endTime: string;
  description: string;
  speakers?: string[];
  moderators?: string[];
  themes?: string[];
};

/** The whole demo as a programme import document (see docs/programme-import.md). */
export function buildDemoDocument() {
  const people = buildDemoPeople();
  const email = (index: number) => people[index % people.length]?.email ?? '';
  const byRole = (role: PersonRole, nth: number) =>
    people.filter((p) => p.role === role)[nth]?.email ?? email(nth);
  const video = (n: number) => `https://meet.jit.si/convene-demo-dsc-2020-${n}`;
  const [lockIn, sharing, reform, talent, finance, teams] = THEMES_2020.map(
    (theme) => theme.name,
  ) as [string, string, string, string, string, string];

  const sessions2020: DemoSession[] = [
    {
      title: 'Opening: collaboration, not competition',
      format: 'talk',
      date: '2020-11-17',
      startTime: '09:00',
      endTime: '09:40',
      description:
        'Why this convening exists: no digital team should have nobody to talk to about its mistakes. Working in digital government should never be a competition, always a collaboration.',
      speakers: [byRole('chief-digital-officer', 0)],
      moderators: [byRole('policy-advisor', 0)],
      themes: [sharing],
    },
    {
      title: 'The digital team you had: responding to coronavirus',
      format: 'panel',
      date: '2020-11-17',
      startTime: '09:45',
      endTime: '10:45',
      description:
        'Teams went into the crisis with the digital team they had, not the one they wanted. Four governments on what they shipped, what broke and what they would keep.',
      speakers: [
        byRole('chief-digital-officer', 3),
        byRole('product-manager', 2),
        byRole('minister', 0),
        byRole('engineer', 1),
      ],
      moderators: [byRole('policy-advisor', 2)],
      themes: [reform, talent],
    },
    {
      title: 'Breakout round 1: what surprised you this year?',
      format: 'breakout-round',
      date: '2020-11-17',
      startTime: '10:50',
      endTime: '11:15',
      description: 'Small groups of five or six, mixed across governments and roles.',
    },
    {
      title: 'Shipping in weeks, not years: emergency delivery',
      format: 'talk',
      date: '2020-11-17',
      startTime: '11:20',
      endTime: '12:00',
      description:
        'What emergency delivery taught us about procurement, risk and permission, and which of those lessons survive the emergency.',
      speakers: [byRole('product-manager', 5)],
      moderators: [byRole('ux-designer', 1)],
      themes: [finance, lockIn],
    },
    {
      title: 'From a few digital services to public-sector reform',
      format: 'panel',
      date: '2020-11-18',
      startTime: '09:00',
      endTime: '10:00',
      description:
        'The long-term opportunity over the next three to five years: from a handful of good services to changing how the state works.',
      speakers: [
        byRole('minister', 1),
        byRole('chief-technology-officer', 0),
        byRole('policy-advisor', 4),
      ],
      moderators: [byRole('chief-digital-officer', 5)],
      themes: [reform],
    },
    {
      title: 'Breakout round 2: the struggle you would most like help with',
      format: 'breakout-round',
      date: '2020-11-18',
      startTime: '10:05',
      endTime: '10:30',
      description: 'Small groups: bring one struggle, leave with one idea from another country.',
    },
    {
      title: 'Breaking free of big IT vendors',
      format: 'talk',
      date: '2020-11-18',
      startTime: '10:35',
      endTime: '11:15',
      description:
        'Budgets, contracts and lock-in: how teams have taken back control of their technology without a big-bang replacement.',
      speakers: [byRole('chief-technology-officer', 3)],
      moderators: [byRole('product-manager', 7)],
      themes: [lockIn, finance],
    },
    {
      title: 'Sharing code and practice across governments',
      format: 'discussion',
      date: '2020-11-18',
      startTime: '11:20',
      endTime: '12:10',
      description:
        'What it really takes to reuse another government’s code, patterns and standards, and what gets in the way.',
      speakers: [byRole('engineer', 4), byRole('ux-designer', 6)],
      moderators: [byRole('policy-advisor', 6)],
      themes: [sharing],
    },
    {
      title: 'Funding teams, not projects',
      format: 'panel',
      date: '2020-11-19',
      startTime: '09:00',
      endTime: '10:00',
      description:
        'Making the case for investment to politicians, finance ministers and donors, especially funding for teams rather than projects.',
      speakers: [
        byRole('minister', 2),
        byRole('chief-digital-officer', 7),
        byRole('policy-advisor', 8),
      ],
      moderators: [byRole('product-manager', 9)],
      themes: [teams, finance],
    },
    {
      title: 'Breakout round 3: your priority for the next six months',
      format: 'breakout-round',
      date: '2020-11-19',
      startTime: '10:05',
      endTime: '10:30',
      description:
        'Small groups: share your priority and find someone to check in with afterwards.',
    },
    {
      title: 'Talent, capability and what we do next',
      format: 'discussion',
      date: '2020-11-19',
      startTime: '10:35',
      endTime: '11:30',
      description:
        'Capability frameworks, hiring and growing digital talent in government, and the priorities for the next six to twelve months. Followed by the closing words.',
      speakers: [byRole('chief-digital-officer', 9), byRole('ux-designer', 10)],
      moderators: [byRole('policy-advisor', 10)],
      themes: [talent, teams],
    },
  ];

  const archive = (year: number, dates: [string, string]) => ({
    slug: `dsc-${year}`,
    name: `Digital Services Convening ${year}`,
    year,
    hosts: ['Public Digital', 'Harvard Kennedy School'],
    homeTimeZone: 'America/New_York',
    startDate: dates[0],
    endDate: dates[1],
    format: 'in-person',
    location: 'Harvard Kennedy School, Cambridge, Massachusetts (Boston)',
    status: 'archived',
    themes: THEMES_2020.slice(0, year === 2018 ? 3 : 4),
    days: [
      {
        date: dates[0],
        themeLabel: 'DAY ONE',
        guidingQuestion:
          year === 2018
            ? 'What does it take to start a digital service team?'
            : 'What has worked, and what has not, since we last met?',
      },
      {
        date: dates[1],
        themeLabel: 'DAY TWO',
        guidingQuestion: 'How do we make the change last beyond a single government?',
      },
    ],
    sessions: [
      {
        title: year === 2018 ? 'Welcome to the first convening' : 'Welcome back',
        format: 'talk',
        date: dates[0],
        startTime: '09:00',
        endTime: '09:45',
        description: 'Opening words from the hosts.',
        speakers: [byRole('chief-digital-officer', 1)],
        themes: [sharing],
      },
      {
        title: 'Lessons from the first services',
        format: 'panel',
        date: dates[0],
        startTime: '10:00',
        endTime: '11:30',
        description: 'Teams share the first services they shipped and what they learned.',
        speakers: [byRole('product-manager', 1), byRole('ux-designer', 2)],
        themes: [reform],
      },
      {
        title: 'Working with procurement, not around it',
        format: 'discussion',
        date: dates[1],
        startTime: '09:00',
        endTime: '10:30',
        description: 'Buying technology in smaller pieces.',
        speakers: [byRole('policy-advisor', 3)],
        themes: [lockIn],
      },
      {
        title: 'Closing: what we take home',
        format: 'talk',
        date: dates[1],
        startTime: '11:00',
        endTime: '11:45',
        description: 'What each team will try when it gets home.',
        speakers: [byRole('chief-technology-officer', 1)],
        themes: [sharing],
      },
    ],
    invitees: people
      .filter((_, index) => index % (year === 2018 ? 3 : 2) === 0)
      .map((person) => person.email),
  });

  return {
    governments: DEMO_GOVERNMENTS.map(({ code, country, team }) => ({ code, country, team })),
    // Only what the import format knows; the 2020 answers are applied by the demo loader.
    people: people.map(({ answer2020: _answer, themeOffset: _offset, ...person }) => person),
    editions: [
      archive(2018, ['2018-10-16', '2018-10-17']),
      archive(2019, ['2019-10-15', '2019-10-16']),
      {
        slug: 'dsc-2020',
        name: 'Digital Services Convening 2020',
        year: 2020,
        hosts: ['Public Digital', 'Harvard Kennedy School'],
        homeTimeZone: 'America/New_York',
        startDate: '2020-11-17',
        endDate: '2020-11-19',
        format: 'remote',
        location: '',
        status: 'published',
        daytimeStartHour: 8,
        daytimeEndHour: 20,
        themes: THEMES_2020,
        days: [
          {
            date: '2020-11-17',
            themeLabel: 'NOW',
            guidingQuestion: 'What are we learning from digital teams’ responses to coronavirus?',
          },
          {
            date: '2020-11-18',
            themeLabel: 'LATER',
            guidingQuestion: 'What are the long-term opportunities over the next 3 to 5 years?',
          },
          {
            date: '2020-11-19',
            themeLabel: 'NEXT',
            guidingQuestion: 'What should our priorities be over the next 6 to 12 months?',
          },
        ],
        sessions: sessions2020.map((session, index) => ({
          ...session,
          videoUrl: session.format === 'break' ? '' : video(index + 1),
          speakers: session.speakers ?? [],
          moderators: session.moderators ?? [],
          themes: session.themes ?? [],
        })),
        invitees: people.map((person) => person.email),
      },
    ],
  };
}
