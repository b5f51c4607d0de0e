import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Actor } from '../../src/domain/access/actor.ts';
import { BreakoutPermissionError } from '../../src/app/breakouts/breakout-context.ts';
import { saveBreakoutSettings } from '../../src/app/breakouts/breakout.commands.ts';
import { planBreakoutRounds } from '../../src/app/breakouts/plan-breakout-rounds.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildTestDeps } from '../support/deps.ts';
import { seedEdition } from '../support/programme-factory.ts';

describeEachDatabase('the breakout use cases ask the policy themselves', (database) => {
  let deps: ReturnType<typeof buildTestDeps>['deps'];
  let attendee: Actor;

  before(async () => {
    deps = buildTestDeps(database()).deps;
    const { edition } = await seedEdition(deps, 'dsc-2021');
    attendee = {
      kind: 'person',
      personId: 'an-attendee',
      name: 'An Attendee',
      email: 'attendee@test.example',
      memberships: [{ editionId: edition.id, role: 'attendee' }],
      invitedEditionIds: [edition.id],
    };
  });

  it('refuses an attendee who changes room sizes or plans rounds, changing nothing', async () => {
    const before = await deps.store.breakouts.findPlan(
      (await deps.store.programme.findEditionBySlug('dsc-2021'))!.id,
    );
    await assert.rejects(
      saveBreakoutSettings(deps, attendee, 'dsc-2021', { min: '2', max: '3' }),
      BreakoutPermissionError,
    );
    await assert.rejects(
      planBreakoutRounds(
        deps,
        attendee,
        'dsc-2021',
        { jitsiDomain: null, timeLimitMs: 50 },
        { keepLocked: false },
      ),
      BreakoutPermissionError,
    );
    const after = await deps.store.breakouts.findPlan(
      (await deps.store.programme.findEditionBySlug('dsc-2021'))!.id,
    );
    assert.deepEqual(after, before);
  });
});
