import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkMove,
  checkRoomSizeBounds,
  freeRoomNumbers,
  jitsiRoomUrl,
  rotateRapporteurs,
  type BreakoutRoom,
} from './breakout-plan.ts';

const room = (id: string, memberIds: string[], locked = false): BreakoutRoom => ({
  id,
  editionId: 'e',
  sessionId: 's',
  number: Number(id.slice(1)),
  name: `Room ${id.slice(1)}`,
  videoUrl: '',
  locked,
  rapporteurId: null,
  memberIds,
});

describe('breakout plans', () => {
  it('accepts room sizes as whole numbers with the smallest first', () => {
    assert.deepEqual(checkRoomSizeBounds({ min: ' 4 ', max: 6 }), {
      ok: true,
      value: { min: 4, max: 6 },
    });
  });

  it('refuses room sizes that are missing, not whole, zero, too large or the wrong way round', () => {
    for (const [min, max, field] of [
      ['', '6', 'min'],
      ['4.5', '6', 'min'],
      ['0', '6', 'min'],
      ['4', '51', 'max'],
      ['7', '6', 'max'],
    ] as const) {
      const checked = checkRoomSizeBounds({ min, max });
      assert.equal(checked.ok, false, `${min}–${max}`);
      if (!checked.ok) assert.equal(checked.errors[0]?.field, field);
    }
  });

  it('allows a move that keeps both rooms within bounds', () => {
    const rooms = [room('r1', ['a', 'b', 'c', 'd']), room('r2', ['e', 'f', 'g'])];
    const checked = checkMove(rooms, 'a', 'Ada', 'r2', { min: 3, max: 4 });
    assert.ok(checked.ok);
  });

  it('refuses a move that overfills the target or empties the source below the smallest size', () => {
    const rooms = [room('r1', ['a', 'b', 'c']), room('r2', ['e', 'f', 'g', 'h'])];
    const over = checkMove(rooms, 'a', 'Ada', 'r2', { min: 3, max: 4 });
    assert.equal(over.ok, false);
    if (!over.ok) assert.match(over.message, /Room 2 would have 5 people, more than the largest/);
    const under = checkMove(rooms, 'e', 'Eve', 'r1', { min: 4, max: 5 });
    assert.equal(under.ok, false);
    if (!under.ok)
      assert.match(under.message, /Room 2 would have 3 people, fewer than the smallest/);
  });

  it('refuses moves out of or into a locked room, to the same room, and of someone not placed', () => {
    const rooms = [room('r1', ['a', 'b'], true), room('r2', ['c', 'd'])];
    const bounds = { min: 1, max: 4 };
    for (const [person, target, message] of [
      ['a', 'r2', /Room 1 is locked/],
      ['c', 'r1', /Room 1 is locked/],
      ['c', 'r2', /already in Room 2/],
      ['z', 'r2', /not in a room in this round/],
      ['c', 'r9', /Choose a room of the same round/],
    ] as const) {
      const checked = checkMove(rooms, person, 'Someone', target, bounds);
      assert.equal(checked.ok, false);
      if (!checked.ok) assert.match(checked.message, message);
    }
  });

  it('numbers new rooms with the lowest numbers locked rooms leave free', () => {
    assert.deepEqual(freeRoomNumbers([2, 4], 3), [1, 3, 5]);
    assert.deepEqual(freeRoomNumbers([], 2), [1, 2]);
  });

  it('builds a Jitsi address from the edition, round, room and a random part, safe for a URL', () => {
    assert.equal(
      jitsiRoomUrl('meet.example.org', 'DSC 2020', 2, 3, 'Ab_9-x'),
      'https://meet.example.org/convene-dsc-2020-2-3-ab-9-x',
    );
  });
});

describe('picking rapporteurs by rotation', () => {
  const room = (memberIds: string[], rapporteurId: string | null = null) => ({
    memberIds,
    rapporteurId,
  });

  it('picks in each room the member who has taken notes least often so far', () => {
    const rounds = rotateRapporteurs([
      [room(['a', 'b']), room(['c', 'd'])],
      [room(['a', 'c']), room(['b', 'd'])],
      [room(['a', 'd']), room(['b', 'c'])],
    ]);
    assert.deepEqual(
      rounds.map((rooms) => rooms.map((r) => r.rapporteurId)),
      [
        ['a', 'c'],
        ['a', 'b'],
        ['d', 'b'],
      ],
    );
  });

  it('keeps a rapporteur already chosen, and counts their turn', () => {
    const [first, second] = rotateRapporteurs([[room(['a', 'b'], 'a')], [room(['a', 'b'])]]);
    assert.equal(first![0]!.rapporteurId, 'a');
    assert.equal(second![0]!.rapporteurId, 'b');
  });

  it('leaves an empty room without a rapporteur', () => {
    assert.equal(rotateRapporteurs([[room([])]])[0]![0]!.rapporteurId, null);
  });
});
