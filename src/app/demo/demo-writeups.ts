import { emptySections, type NoteSections } from '../../domain/notes/notes.ts';
import type { AttributionRule } from '../../domain/writeups/writeup.ts';

/**
 * The demo's record of 2020: notes kept by the rapporteur and two published write-ups, one
 * attributable and one under the Chatham House rule (which names nobody who was there, nor
 * their government). Fictional, in the spirit of what the 2020 convening published.
 */
export const DEMO_WRITEUPS_2020: {
  sessionTitle: string;
  /** The 2020 theme the write-up is tagged with. */
  theme: string;
  rule: AttributionRule;
  notes: NoteSections;
  title: string;
  summary: string;
  body: string;
}[] = [
  {
    sessionTitle: 'The digital team you had: responding to coronavirus',
    theme: 'Talent and capability frameworks',
    rule: 'chatham-house',
    notes: {
      ...emptySections(),
      keyPoints:
        '- Teams that already had a small, trusted delivery unit shipped services in days.\n- Most of what helped was permission, not technology.',
      struggles:
        '- Keeping the emergency pace without burning people out.\n- Emergency contracts that became long-term lock-in.',
      ideas: '- Write down the decisions taken in the crisis and keep the good ones as policy.',
      takeaways: '- Protect the team that responded: it is the team that will reform.',
    },
    title: 'What the pandemic taught digital teams',
    summary:
      'Teams with a trusted delivery unit shipped in days; the hard part now is keeping the pace without burning people out.',
    body: [
      '### What we heard',
      '',
      'Teams that already had a small, trusted delivery unit were able to ship new services in days rather than months. Several participants said that what helped most was permission to act, not new technology.',
      '',
      '### Struggles shared',
      '',
      '- Keeping the emergency pace without burning people out.',
      '- Contracts signed in a hurry that risk becoming long-term lock-in.',
      '',
      '### Takeaways',
      '',
      '- Write down the decisions taken in the crisis, and keep the good ones as policy.',
      '- Protect the team that responded: it is the team that will carry the reform.',
    ].join('\n'),
  },
  {
    sessionTitle: 'Sharing code and practice across governments',
    theme: 'Cross-government collaboration and code sharing',
    rule: 'attributable',
    notes: {
      ...emptySections(),
      keyPoints: '- Sharing practice travels further than sharing code.',
      ideas: '- A shared list of reusable components, with who maintains each.',
      takeaways: '- Publish in the open by default; it makes later sharing cheap.',
    },
    title: 'Sharing code is easy; sharing practice is what travels',
    summary:
      'Open code helps, but the practices around it (how teams decide, buy and maintain) are what other governments reuse.',
    body: [
      '### What we heard',
      '',
      'Publishing code in the open costs little and makes later reuse cheap, but the panel agreed that practice travels further than code: how a team decides what to build, how it buys, and who maintains what.',
      '',
      '### Ideas',
      '',
      '- A shared list of reusable components, each with the team that maintains it.',
      '- Pairing teams across borders for a few weeks rather than exchanging documents.',
    ].join('\n'),
  },
];

/** The demo's published "themes and takeaways" report of 2020: names nobody. */
export const DEMO_REPORT_2020 = [
  '### Themes and takeaways of 2020',
  '',
  'Across three days and more than forty governments, the same few themes came back in every session and breakout room.',
  '',
  '#### Talent and capability frameworks',
  '',
  '- Teams that responded to the pandemic fastest already had a small, trusted delivery unit. Protect it: it is the team that will carry the reform.',
  '',
  '#### Cross-government collaboration and code sharing',
  '',
  '- Publishing in the open makes reuse cheap, but practice (how teams decide, buy and maintain) travels further than code.',
  '',
  '#### Vendor lock-in and budgets',
  '',
  '- Emergency contracts signed in a hurry risk becoming long-term lock-in: review them before they renew.',
].join('\n');
