import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EditionStats } from '../../app/stats/stats.queries.ts';
import type { Edition } from '../../domain/convening/edition.ts';
import { countInRanges } from '../../domain/stats/convening-numbers.ts';
import { presentEditionStats } from './stats.presenter.ts';

const edition: Edition = {
  id: 'e',
  slug: 'dsc-2020',
  name: 'Digital Services Convening 2020',
  year: 2020,
  hosts: ['Public Digital'],
  homeTimeZone: 'America/New_York',
  startDate: '2020-11-17',
  endDate: '2020-11-19',
  format: 'remote',
  location: '',
  status: 'published',
  daytimeStartHour: 8,
  daytimeEndHour: 20,
};

const quiet: EditionStats = {
  edition,
  representation: { registered: 3, governments: 0, countries: [], withoutGovernment: 3 },
  returning: 0,
  roomAttendees: 0,
  sessionsInProgramme: 1,
  sessions: [
    {
      editionId: 'e',
      sessionId: 's',
      title: 'Opening',
      format: 'talk',
      startsAt: '2020-11-17T14:00:00.000Z',
      attendees: 0,
      questions: 0,
      messages: 0,
    },
  ],
  totals: { attendance: 0, questions: 0, messages: 0 },
  newPeopleMet: { placed: 0, ranges: countInRanges([]), mean: null, median: null },
};

describe('the numbers page', () => {
  it('draws no chart of zeros, saying in words that nothing happened yet', () => {
    const page = presentEditionStats(quiet, { isCurrent: true });
    assert.equal(page.attendance, null);
    assert.equal(page.activity, null);
    assert.equal(page.newPeopleMet, null);
    const met = page.headline.find((figure) => figure.label === 'New people met in breakout rooms');
    assert.equal(met?.value, 'No breakout round has been held yet');
  });

  it('names the busiest session in the chart’s description, for screen readers', () => {
    const page = presentEditionStats(
      {
        ...quiet,
        roomAttendees: 12,
        sessions: [{ ...quiet.sessions[0]!, attendees: 12, questions: 2, messages: 1_234 }],
        totals: { attendance: 12, questions: 2, messages: 1_234 },
      },
      { isCurrent: false },
    );
    assert.match(page.attendance?.summary ?? '', /The most people, 12, joined Opening\./);
    assert.match(page.activity?.summary ?? '', /2 questions and 1,234 messages, were in Opening/);
    assert.equal(page.sessionRows[0]?.messages, '1,234');
  });
});
