import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import { NotFoundError } from '../../app/deps.ts';
import type { CalendarLinks } from '../../app/ports.ts';
import type { EditionProgramme } from '../../app/programme/programme.queries.ts';
import { createIcalCalendarRenderer } from './ical-calendar.ts';

const links: CalendarLinks = {
  programmeUrl: 'https://convene.example.org/editions/dsc-2020/programme',
  sessionUrl: (sessionId) => `https://convene.example.org/editions/dsc-2020/sessions/${sessionId}`,
};

const clockAt = (iso: string) => ({ now: () => new Date(iso) });

function programme(): EditionProgramme {
  return {
    edition: {
      id: 'edition-1',
      slug: 'dsc-2020',
      name: 'Digital Services Convening, 2020; remote',
      year: 2020,
      hosts: ['Public Digital'],
      homeTimeZone: 'America/New_York',
      startDate: '2020-11-16',
      endDate: '2020-11-18',
      format: 'remote',
      location: '',
      status: 'published',
      daytimeStartHour: 8,
      daytimeEndHour: 20,
    },
    days: [],
    themes: [
      {
        id: 'theme-1',
        editionId: 'edition-1',
        name: 'Vendor lock-in, budgets',
        description: '',
        position: 0,
      },
      {
        id: 'theme-2',
        editionId: 'edition-1',
        name: 'Trust; safety',
        description: '',
        position: 1,
      },
    ],
    sessions: [
      {
        id: 'session-1',
        editionId: 'edition-1',
        title: 'Opening: collaboration, not competition; sharing struggles',
        format: 'talk',
        startsAt: '2020-11-16T14:00:00Z',
        endsAt: '2020-11-16T15:00:00Z',
        description:
          'Line one, with a comma; and a semicolon.\nLine two with a back\\slash and the names Łukasz Żółć, Nguyễn Thị Minh Khai and 山田太郎, long enough to need folding.',
        videoUrl: 'https://meet.jit.si/dsc-2020-opening',
        themeIds: ['theme-1', 'theme-2'],
        contributors: [
          {
            personId: 'person-1',
            part: 'speaker',
            name: 'Kadri Tamm',
            email: 'kadri.tamm@example.org',
            role: 'Product manager',
            government: 'Estonia, Information System Authority',
          },
          {
            personId: 'person-2',
            part: 'moderator',
            name: 'Amara Okafor',
            email: 'amara.okafor@example.org',
            role: 'Chief digital officer',
            government: 'Nigeria, Digital Service',
          },
        ],
        calendarSequence: 0,
      },
      {
        id: 'session-2',
        editionId: 'edition-1',
        title: 'Break',
        format: 'break',
        startsAt: '2020-11-16T15:00:00Z',
        endsAt: '2020-11-16T15:15:00Z',
        description: '',
        videoUrl: '',
        themeIds: [],
        contributors: [],
        calendarSequence: 0,
      },
      {
        id: 'session-3',
        editionId: 'edition-1',
        title: 'Panel on procurement',
        format: 'panel',
        startsAt: '2020-11-17T14:00:00Z',
        endsAt: '2020-11-17T15:30:00Z',
        description: '',
        videoUrl: '',
        themeIds: ['theme-1'],
        contributors: [],
        // Moved twice since it was first published.
        calendarSequence: 2,
      },
    ],
  };
}

function parse(text: string): { calendar: ICAL.Component; events: ICAL.Event[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component)),
  };
}

function eventWithUid(events: ICAL.Event[], uid: string): ICAL.Event {
  const event = events.find((candidate) => candidate.uid === uid);
  assert.ok(event, `no event with UID ${uid}`);
  return event;
}

describe('iCalendar renderer', () => {
  const renderer = createIcalCalendarRenderer({ clock: clockAt('2020-11-01T09:30:00Z') });

  it('writes one event per session, breaks included, at the sessions’ instants in UTC', () => {
    const { events } = parse(renderer.renderProgramme(programme(), links));
    assert.equal(events.length, 3);
    for (const session of programme().sessions) {
      const event = eventWithUid(events, `${session.id}@convene.example.org`);
      assert.equal(event.startDate.toJSDate().getTime(), Date.parse(session.startsAt));
      assert.equal(event.endDate.toJSDate().getTime(), Date.parse(session.endsAt));
      assert.equal(event.startDate.zone.tzid, 'UTC');
      assert.equal(event.endDate.zone.tzid, 'UTC');
    }
  });

  it('names the calendar after the edition, names Convene as producer and publishes', () => {
    const text = renderer.renderProgramme(programme(), links);
    const { calendar } = parse(text);
    assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
    assert.equal(calendar.getFirstPropertyValue('method'), 'PUBLISH');
    assert.match(String(calendar.getFirstPropertyValue('prodid')), /\/\/Convene\/\//);
    assert.match(text, /\r\nX-WR-CALNAME:Digital Services Convening\\, 2020\\; remote\r\n/);
    assert.match(text, /\r\nNAME:Digital Services Convening\\, 2020\\; remote\r\n/);
  });

  it('keeps each session’s UID the same across exports and unique within one', () => {
    const first = parse(renderer.renderProgramme(programme(), links)).events.map((e) => e.uid);
    const later = createIcalCalendarRenderer({ clock: clockAt('2020-11-20T00:00:00Z') });
    const second = parse(later.renderProgramme(programme(), links)).events.map((e) => e.uid);
    assert.deepEqual(second, first);
    assert.equal(new Set(first).size, first.length);
    assert.deepEqual(first, [
      'session-1@convene.example.org',
      'session-2@convene.example.org',
      'session-3@convene.example.org',
    ]);
  });

  it('gives each event the session’s sequence, so a calendar replaces a moved session', () => {
    const { events } = parse(renderer.renderProgramme(programme(), links));
    assert.deepEqual(
      events.map((event) => [event.uid, event.sequence]),
      [
        ['session-1@convene.example.org', 0],
        ['session-2@convene.example.org', 0],
        ['session-3@convene.example.org', 2],
      ],
    );
  });

  it('stamps every event with the time of the export', () => {
    const { events } = parse(renderer.renderProgramme(programme(), links));
    for (const event of events) {
      const stamp = event.component.getFirstPropertyValue('dtstamp') as ICAL.Time;
      assert.equal(stamp.toJSDate().toISOString(), '2020-11-01T09:30:00.000Z');
    }
  });

  it('round-trips commas, semicolons, back-slashes, new lines and non-ASCII names', () => {
    const { events } = parse(renderer.renderProgramme(programme(), links));
    const opening = eventWithUid(events, 'session-1@convene.example.org');
    const session = programme().sessions[0];
    assert.ok(session);
    assert.equal(opening.summary, session.title);
    assert.ok(opening.description.startsWith(`${session.description}\n\n`));
    assert.deepEqual(opening.component.getFirstProperty('categories')?.getValues(), [
      'Vendor lock-in, budgets',
      'Trust; safety',
    ]);
  });

  it('describes the speakers and moderators with their governments, the themes and the session page, without emails', () => {
    const { events } = parse(renderer.renderProgramme(programme(), links));
    const description = eventWithUid(events, 'session-1@convene.example.org').description;
    assert.match(
      description,
      /Speakers:\n- Kadri Tamm \(Product manager, Estonia, Information System Authority\)/,
    );
    assert.match(
      description,
      /Moderators:\n- Amara Okafor \(Chief digital officer, Nigeria, Digital Service\)/,
    );
    assert.match(description, /Themes: Vendor lock-in, budgets; Trust; safety/);
    assert.match(
      description,
      /Session page: https:\/\/convene\.example\.org\/editions\/dsc-2020\/sessions\/session-1$/,
    );
    assert.doesNotMatch(description, /@example\.org/);
  });

  it('links each event to its session page and to its session room (never the meeting address), or says it is online', () => {
    const { events } = parse(renderer.renderProgramme(programme(), links));
    const opening = eventWithUid(events, 'session-1@convene.example.org');
    assert.equal(
      opening.component.getFirstPropertyValue('url'),
      'https://convene.example.org/editions/dsc-2020/sessions/session-1',
    );
    assert.equal(
      opening.location,
      'https://convene.example.org/editions/dsc-2020/sessions/session-1/room',
    );
    assert.doesNotMatch(renderer.renderProgramme(programme(), links), /meet\.jit\.si/);
    assert.equal(eventWithUid(events, 'session-3@convene.example.org').location, 'Online');
  });

  it('gives the venue as the location of an in-person session without a video link', () => {
    const inPerson = programme();
    inPerson.edition = { ...inPerson.edition, format: 'hybrid', location: 'Nairobi, Kenya' };
    const { events } = parse(renderer.renderProgramme(inPerson, links));
    assert.equal(eventWithUid(events, 'session-3@convene.example.org').location, 'Nairobi, Kenya');
  });

  it('marks breaks as free time and sessions as busy', () => {
    const { events } = parse(renderer.renderProgramme(programme(), links));
    const transparency = (uid: string) =>
      eventWithUid(events, uid).component.getFirstPropertyValue('transp');
    assert.equal(transparency('session-2@convene.example.org'), 'TRANSPARENT');
    assert.equal(transparency('session-1@convene.example.org'), 'OPAQUE');
  });

  it('ends every line with CRLF and folds lines longer than 75 octets', () => {
    const text = renderer.renderProgramme(programme(), links);
    assert.ok(text.endsWith('END:VCALENDAR'));
    assert.doesNotMatch(text, /[^\r]\n/);
    assert.doesNotMatch(text, /\r(?!\n)/);
    const lines = text.split('\r\n');
    for (const line of lines) {
      assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line longer than 75 octets: ${line}`);
    }
    assert.ok(
      lines.some((line) => line.startsWith(' ')),
      'the long description was not folded',
    );
  });

  it('renders one session alone for "add to my calendar"', () => {
    const { calendar, events } = parse(renderer.renderSession(programme(), 'session-3', links));
    assert.equal(events.length, 1);
    assert.equal(events[0]?.uid, 'session-3@convene.example.org');
    assert.equal(calendar.getFirstPropertyValue('method'), 'PUBLISH');
  });

  it('refuses a session that is not in the programme', () => {
    assert.throws(() => renderer.renderSession(programme(), 'session-404', links), NotFoundError);
  });
});
