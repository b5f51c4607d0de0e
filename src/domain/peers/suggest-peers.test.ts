import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PEER_WEIGHTS, suggestPeers, type PeerProfile } from './suggest-peers.ts';

const PROCUREMENT = 'Agile vs traditional finance and procurement';
const TALENT = 'Talent and capability frameworks';
const LOCK_IN = 'Vendor lock-in and budgets';

function profile(id: string, overrides: Partial<PeerProfile> = {}): PeerProfile {
  return {
    personId: id,
    name: `Person ${id}`,
    governmentId: `gov-${id}`,
    maturity: 'starting',
    struggling: [],
    helping: [],
    askedAbout: [],
    ...overrides,
  };
}

const viewer = profile('me', {
  name: 'Ada',
  governmentId: 'gov-ee',
  struggling: [PROCUREMENT, TALENT],
  helping: [LOCK_IN],
});

function suggest(
  candidates: PeerProfile[],
  options: Partial<Parameters<typeof suggestPeers>[0]> = {},
) {
  return suggestPeers({
    viewer,
    candidates,
    listedIds: candidates.map((c) => c.personId),
    metIds: [],
    blockedIds: [],
    ...options,
  });
}

describe('suggested peers', () => {
  it('says in plain words why, strongest reason first, and that they have not met yet', () => {
    const [only] = suggest([
      profile('kofi', {
        maturity: 'momentum',
        struggling: [PROCUREMENT],
        helping: [TALENT],
      }),
    ]);
    assert.deepEqual(only?.reasons, [
      'their team has momentum on talent and capability frameworks, yours is starting out',
      'also struggling with agile vs traditional finance and procurement',
      'you have not met yet',
    ]);
    assert.equal(only?.score, PEER_WEIGHTS.momentumOnYourStruggle + PEER_WEIGHTS.sharedStruggle);
  });

  it('says "can help" rather than "momentum" when their team is not further along', () => {
    const [only] = suggest([profile('kofi', { maturity: 'starting', helping: [TALENT] })]);
    assert.deepEqual(only?.reasons, [
      'their team can help with talent and capability frameworks, which yours is struggling with',
      'you have not met yet',
    ]);
  });

  it('counts what the viewer can help with and questions asked or upvoted, weaker', () => {
    const [only] = suggest([
      profile('kofi', { struggling: [LOCK_IN.toUpperCase()], askedAbout: [` ${PROCUREMENT} `] }),
    ]);
    assert.deepEqual(only?.reasons, [
      'your team can help with vendor lock-in and budgets, which theirs is struggling with',
      'asked questions on agile vs traditional finance and procurement',
      'you have not met yet',
    ]);
    assert.equal(only?.score, PEER_WEIGHTS.youCanHelp + PEER_WEIGHTS.askedAbout);
  });

  it('ranks by score, then name, then id, the same every time', () => {
    const candidates = [
      profile('c', { name: 'Bea', struggling: [PROCUREMENT] }),
      profile('b', { name: 'Bea', struggling: [PROCUREMENT] }),
      profile('a', { name: 'Zed', helping: [TALENT], struggling: [PROCUREMENT] }),
      profile('d', { name: 'Abe', struggling: [PROCUREMENT] }),
    ];
    const ids = suggest(candidates).map((s) => s.personId);
    assert.deepEqual(ids, ['a', 'd', 'b', 'c']);
    assert.deepEqual(
      suggest([...candidates].reverse()).map((s) => s.personId),
      ids,
    );
  });

  it('says the themes of their questions in one sentence', () => {
    const [only] = suggest([profile('kofi', { askedAbout: [PROCUREMENT, LOCK_IN, 'Elsewhere'] })]);
    assert.deepEqual(only?.reasons, [
      'asked questions on agile vs traditional finance and procurement and vendor lock-in and budgets',
      'you have not met yet',
    ]);
    assert.equal(only?.score, 2 * PEER_WEIGHTS.askedAbout);
  });

  it('gives at most ten', () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      profile(`p${String(i).padStart(2, '0')}`, { struggling: [PROCUREMENT] }),
    );
    assert.equal(suggest(many).length, 10);
    assert.equal(suggest(many, { limit: 3 }).length, 3);
  });

  it('never suggests the viewer, their own government, people without one, or people with no reason', () => {
    const shared = { struggling: [PROCUREMENT] };
    const result = suggest([
      { ...viewer },
      profile('same-gov', { ...shared, governmentId: 'gov-ee' }),
      profile('no-gov', { ...shared, governmentId: null }),
      profile('nothing-in-common', { struggling: ['Something else'] }),
      profile('yes', shared),
    ]);
    assert.deepEqual(
      result.map((s) => s.personId),
      ['yes'],
    );
  });

  it('never suggests someone who opted out of the directory, was met already, or is blocked either way', () => {
    const shared = { struggling: [PROCUREMENT] };
    const candidates = ['unlisted', 'met', 'blocked', 'fine'].map((id) => profile(id, shared));
    const result = suggestPeers({
      viewer,
      candidates,
      listedIds: ['met', 'blocked', 'fine'],
      metIds: ['met'],
      blockedIds: ['blocked'],
    });
    assert.deepEqual(
      result.map((s) => s.personId),
      ['fine'],
    );
  });

  it('keeps at most three reasons besides "you have not met yet"', () => {
    const [only] = suggest([
      profile('kofi', {
        maturity: 'momentum',
        helping: [PROCUREMENT, TALENT],
        struggling: [PROCUREMENT, TALENT, LOCK_IN],
      }),
    ]);
    assert.equal(only?.reasons.length, 4);
    assert.equal(only?.reasons.at(-1), 'you have not met yet');
    assert.equal(
      only?.score,
      2 * PEER_WEIGHTS.momentumOnYourStruggle +
        2 * PEER_WEIGHTS.sharedStruggle +
        PEER_WEIGHTS.youCanHelp,
    );
  });
});
