import type { EditionStats, EditionTotals } from '../../app/stats/stats.queries.ts';
import { layoutBarChart, type BarChartLayout } from '../../domain/stats/bar-chart.ts';
import { formatAverage, formatShare } from '../../domain/stats/convening-numbers.ts';
import { formatDateSpan, formatShortDate } from './time.ts';

/** A chart as the `barChart` macro draws it: its name and summary for screen readers, and its shapes. */
export interface ChartView {
  id: string;
  /** The accessible name: what the chart shows. */
  title: string;
  /** The accessible description: the main finding, and where the numbers are. */
  summary: string;
  layout: BarChartLayout;
}

const count = (n: number) => n.toLocaleString('en-GB');
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

function chart(
  id: string,
  title: string,
  summary: string,
  categories: { label: string; values: number[] }[],
  series: string[],
): ChartView {
  return { id, title, summary, layout: layoutBarChart({ categories, series }) };
}

/** The largest entry, for a chart's description: "the most, 12, in Opening". */
function largest<T>(items: T[], value: (item: T) => number): T | undefined {
  return items.reduce<T | undefined>(
    (best, item) => (best === undefined || value(item) > value(best) ? item : best),
    undefined,
  );
}

/** The numbers page of one edition: headline figures, then each chart with its table. */
export function presentEditionStats(stats: EditionStats, options: { isCurrent: boolean }) {
  const { edition, representation, sessions, totals, newPeopleMet } = stats;
  const zone = edition.homeTimeZone;
  const sessionRows = sessions.map((session) => ({
    title: session.title,
    path: `/editions/${edition.slug}/sessions/${session.sessionId}`,
    date: formatShortDate(session.startsAt, zone),
    attendees: count(session.attendees),
    questions: count(session.questions),
    messages: count(session.messages),
  }));
  const mostAttended = largest(sessions, (s) => s.attendees);
  const mostActive = largest(sessions, (s) => s.questions + s.messages);
  const countriesCount = representation.countries.length;
  const held = newPeopleMet.placed > 0;

  const headline = [
    { label: 'Registered attendees', value: count(representation.registered) },
    {
      label: 'Governments represented',
      value: `${count(representation.governments)}, from ${plural(countriesCount, 'country', 'countries')}`,
    },
    {
      label: 'Returning from earlier editions',
      value:
        representation.registered > 0
          ? `${count(stats.returning)} (${formatShare(stats.returning, representation.registered)} of registered attendees)`
          : count(stats.returning),
    },
    {
      label: 'Sessions held',
      value:
        sessions.length === stats.sessionsInProgramme
          ? count(sessions.length)
          : `${count(sessions.length)} of ${count(stats.sessionsInProgramme)} in the programme`,
    },
    {
      label: 'People who joined a session room',
      value: count(stats.roomAttendees),
    },
    { label: 'Questions asked', value: count(totals.questions) },
    { label: 'Chat messages', value: count(totals.messages) },
    {
      label: 'New people met in breakout rooms',
      value:
        held && newPeopleMet.median !== null && newPeopleMet.mean !== null
          ? `${formatAverage(newPeopleMet.median)} each (median), ${formatAverage(newPeopleMet.mean)} on average, among ${plural(newPeopleMet.placed, 'person', 'people')} placed in rooms`
          : 'No breakout round has been held yet',
    },
  ];

  return {
    title: `The numbers: ${edition.name}`,
    edition: {
      name: edition.name,
      slug: edition.slug,
      status: edition.status,
      dateSpan: formatDateSpan(edition.startDate, edition.endDate),
      path: `/editions/${edition.slug}`,
    },
    isCurrent: options.isCurrent,
    headline,
    sessionRows,
    attendance:
      totals.attendance > 0 && mostAttended
        ? chart(
            'attendance-chart',
            'People who joined each session’s room',
            `Horizontal bar chart, one bar per session held. The most people, ${count(mostAttended.attendees)}, joined ${mostAttended.title}. The table after the chart gives every number.`,
            sessions.map((s) => ({ label: s.title, values: [s.attendees] })),
            ['People'],
          )
        : null,
    activity:
      totals.questions + totals.messages > 0 && mostActive
        ? chart(
            'activity-chart',
            'Questions and chat messages in each session’s room',
            `Grouped bar chart, two bars per session held: questions (solid) and chat messages (striped). The most, ${count(mostActive.questions)} questions and ${count(mostActive.messages)} messages, were in ${mostActive.title}. The table after the chart gives every number.`,
            sessions.map((s) => ({ label: s.title, values: [s.questions, s.messages] })),
            ['Questions', 'Chat messages'],
          )
        : null,
    totals: {
      attendance: count(totals.attendance),
      questions: count(totals.questions),
      messages: count(totals.messages),
    },
    countries: representation.countries.map((c) => ({
      country: c.country,
      governments: count(c.governments),
      people: count(c.people),
    })),
    withoutGovernment: count(representation.withoutGovernment),
    hasWithoutGovernment: representation.withoutGovernment > 0,
    registered: count(representation.registered),
    newPeopleMet: held
      ? {
          placed: plural(newPeopleMet.placed, 'person', 'people'),
          rows: newPeopleMet.ranges.map((r) => ({
            label: r.range.label,
            count: count(r.count),
            share: formatShare(r.count, newPeopleMet.placed),
          })),
          chart: chart(
            'new-people-chart',
            'How many new people each attendee met in breakout rooms',
            `Horizontal bar chart of the ${plural(newPeopleMet.placed, 'person', 'people')} placed in breakout rooms, by how many people they met there for the first time: ${newPeopleMet.ranges.map((r) => `${r.range.label.toLowerCase()}: ${count(r.count)}`).join('; ')}.`,
            newPeopleMet.ranges.map((r) => ({
              label: r.range.label === 'None' ? 'No one new' : `${r.range.label} new people`,
              values: [r.count],
            })),
            ['People'],
          ),
        }
      : null,
  };
}

/** The numbers across editions: a row per edition, and a chart of attendees and returning ones. */
export function presentStatsAcrossEditions(rows: EditionTotals[]) {
  const presented = rows.map((row) => ({
    name: row.edition.name,
    path: `/editions/${row.edition.slug}/stats`,
    dateSpan: formatDateSpan(row.edition.startDate, row.edition.endDate),
    registered: count(row.registered),
    governments: count(row.governments),
    countries: count(row.countries),
    sessions: count(row.sessions),
    roomAttendees: count(row.roomAttendees),
    attendance: count(row.attendance),
    questions: count(row.questions),
    messages: count(row.messages),
    returning: count(row.returning),
  }));
  const anyRegistered = rows.some((row) => row.registered > 0);
  // Oldest first reads as growth over time.
  const oldestFirst = [...rows].reverse();
  return {
    title: 'The numbers across editions',
    editions: presented,
    chart: anyRegistered
      ? chart(
          'editions-chart',
          'Registered attendees and returning participants in each edition',
          `Grouped bar chart, oldest edition first, two bars per edition: registered attendees (solid) and those returning from an earlier edition (striped). ${oldestFirst.map((row) => `${row.edition.name}: ${count(row.registered)} registered, ${count(row.returning)} returning`).join('; ')}.`,
          oldestFirst.map((row) => ({
            label: row.edition.name,
            values: [row.registered, row.returning],
          })),
          ['Registered attendees', 'Returning participants'],
        )
      : null,
  };
}
