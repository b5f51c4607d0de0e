import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkNotes,
  decideNotesSave,
  emptySections,
  NOTE_SECTION_LIMIT,
  type Notes,
} from './notes.ts';

function stored(version: number, struggles: string): Notes {
  return {
    id: 'n1',
    editionId: 'e1',
    sessionId: 's1',
    breakoutRoomId: 'r1',
    kind: 'breakout-room',
    roomName: 'Room 1',
    sections: { ...emptySections(), struggles },
    version,
    updatedBy: 'p1',
    updatedAt: '2020-11-17T15:00:00.000Z',
  };
}

describe('checking notes', () => {
  it('keeps each section as written, with uniform line endings and no trailing space', () => {
    const checked = checkNotes({
      sections: { struggles: 'Budgets\r\n- yearly  \r\n\r\n', ideas: '  indented' },
      baseVersion: '3',
    });
    assert.ok(checked.ok);
    assert.equal(checked.value.sections.struggles, 'Budgets\n- yearly');
    assert.equal(checked.value.sections.ideas, '  indented');
    assert.equal(checked.value.sections.keyPoints, '');
    assert.equal(checked.value.baseVersion, 3);
  });

  it('names the section that is too long, has a control character or is not text', () => {
    const checked = checkNotes({
      sections: {
        keyPoints: 'x'.repeat(NOTE_SECTION_LIMIT + 1),
        ideas: 'one\u202Etwo',
        takeaways: ['a list'],
      },
      baseVersion: 0,
    });
    assert.ok(!checked.ok);
    assert.deepEqual(
      checked.errors.map((error) => error.field),
      ['keyPoints', 'ideas', 'takeaways'],
    );
    assert.match(
      checked.errors[0]!.message,
      /Key points is 20,001 characters long; the limit is 20,000/,
    );
    assert.match(
      checked.errors[1]!.message,
      /Ideas contains an invisible control character \(U\+202E\)/,
    );
    assert.match(checked.errors[2]!.message, /Takeaways must be plain text/);
  });

  it('asks for a reload when the version the writer started from is missing or not a number', () => {
    for (const baseVersion of [undefined, '', 'two', '-1', 1.5]) {
      const checked = checkNotes({ sections: {}, baseVersion });
      assert.ok(!checked.ok, String(baseVersion));
      assert.equal(checked.errors[0]!.field, 'baseVersion');
    }
  });
});

describe('deciding what a save does', () => {
  it('saves the first notes as version 1, and each later save one version on', () => {
    const sections = { ...emptySections(), ideas: 'Share code' };
    assert.deepEqual(decideNotesSave(null, 0, sections), { kind: 'saved', version: 1 });
    assert.deepEqual(decideNotesSave(stored(4, 'Budgets'), 4, sections), {
      kind: 'saved',
      version: 5,
    });
  });

  it('changes nothing when the text is what is stored, or when blank notes are saved first', () => {
    assert.deepEqual(decideNotesSave(stored(2, 'Budgets'), 1, stored(2, 'Budgets').sections), {
      kind: 'unchanged',
      version: 2,
    });
    assert.deepEqual(decideNotesSave(null, 0, emptySections()), { kind: 'unchanged', version: 0 });
  });

  it('hands back both texts when someone saved since the writer started', () => {
    const mine = { ...emptySections(), struggles: 'Procurement' };
    const theirs = stored(3, 'Budgets');
    const decision = decideNotesSave(theirs, 2, mine);
    assert.deepEqual(decision, { kind: 'conflict', theirs, yours: mine });
  });
});
