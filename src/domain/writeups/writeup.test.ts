import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptySections } from '../notes/notes.ts';
import {
  checkWriteupInput,
  draftWriteupBody,
  findAttributionLeaks,
  nextStatuses,
} from './writeup.ts';

const PEOPLE = [
  { name: 'Kadri Tamm', country: 'Estonia', team: 'Information System Authority' },
  { name: 'Martín Pérez', country: 'Uruguay', team: null },
  { name: 'Li Na', country: null, team: null },
];

describe('finding who and where in a Chatham House text', () => {
  it('finds full names, family names, countries and teams, ignoring case and accents', () => {
    const leaks = findAttributionLeaks(
      'As Kadri said, TAMM thinks the information system authority should lead; Martin Perez agreed, and so did uruguay.',
      PEOPLE,
    );
    assert.deepEqual(
      leaks.map((leak) => `${leak.kind}:${leak.found.toLowerCase()}`),
      [
        'name:tamm',
        'government:information system authority',
        'name:martin perez',
        'name:perez',
        'government:uruguay',
      ],
    );
  });

  it('matches whole words only, and not family names shorter than four letters', () => {
    assert.deepEqual(
      findAttributionLeaks(
        'Estonian teams and Nana spoke; the Tammsaare plan; Na was there.',
        PEOPLE,
      ),
      [],
    );
  });
});

describe('checking a write-up', () => {
  it('needs a title and names each field that is too long', () => {
    const checked = checkWriteupInput({
      title: '  ',
      summary: 'x'.repeat(601),
      body: 'Fine',
      baseVersion: '2',
    });
    assert.ok(!checked.ok);
    assert.deepEqual(
      checked.errors.map((e) => e.field),
      ['title', 'summary'],
    );
    assert.match(checked.errors[1]!.message, /601 characters long; the limit is 600/);
  });

  it('keeps the body as written and refuses a missing version', () => {
    const ok = checkWriteupInput({
      title: ' T ',
      summary: '',
      body: '- a\r\n- b\n\n',
      baseVersion: 0,
    });
    assert.ok(ok.ok);
    assert.deepEqual(ok.value, { title: 'T', summary: '', body: '- a\n- b', baseVersion: 0 });
    const missing = checkWriteupInput({
      title: 'T',
      summary: '',
      body: '',
      baseVersion: undefined,
    });
    assert.ok(!missing.ok);
    assert.equal(missing.errors[0]!.field, 'baseVersion');
  });
});

describe('the review workflow', () => {
  it('goes from draft to review to published, and back to draft when unpublished', () => {
    assert.deepEqual(
      nextStatuses('draft').map((m) => m.to),
      ['in-review', 'published'],
    );
    assert.deepEqual(
      nextStatuses('in-review').map((m) => m.to),
      ['published', 'draft'],
    );
    assert.deepEqual(nextStatuses('published'), [{ to: 'draft', label: 'Unpublish' }]);
  });
});

describe('a first draft from the session', () => {
  const notes = {
    ...emptySections(),
    keyPoints: 'Budgets are yearly.',
    quotes: '"Ship small" (Kadri Tamm)',
  };
  const sources = {
    sessionNotes: notes,
    answeredQuestions: ['How do you\nhire?'],
    topVotedQuestions: [{ text: 'What about vendors?', votes: 3 }],
    rooms: [
      { name: 'Room 2', notes: { ...emptySections(), struggles: 'Procurement rules.' } },
      { name: 'Room 3', notes: emptySections() },
    ],
  };

  it('gathers notes, questions and rooms, with the quotes and room names when attributable', () => {
    const body = draftWriteupBody({ rule: 'attributable', ...sources });
    assert.match(body, /### Key points\n\nBudgets are yearly\./);
    assert.match(body, /### Quotes cleared for attribution/);
    assert.match(body, /- How do you hire\?/);
    assert.match(body, /- What about vendors\? \(3 votes\)/);
    assert.match(body, /#### Room 2\n\n\*\*Struggles shared\*\*\n\nProcurement rules\./);
    assert.doesNotMatch(body, /Room 3/, 'a room without notes is left out');
  });

  it('leaves out quotes and room names under the Chatham House rule', () => {
    const body = draftWriteupBody({ rule: 'chatham-house', ...sources });
    assert.doesNotMatch(body, /Quotes|Kadri/);
    assert.doesNotMatch(body, /Room 2/);
    assert.match(body, /#### One room \(1 of 1\)/);
  });
});
