import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { describeWithRedis } from '../support/redis.ts';
import { DURING_THE_PANEL, postRoom, roomPath, roomPerson } from '../support/rooms.ts';
import { buildTestWebApp, type TestWebApp } from '../support/web-app.ts';

describeWithRedis('rate limits shared by every server process through Redis', (redis) => {
  let database: TestDatabase;
  let first: TestWebApp;
  let second: TestWebApp;

  before(async () => {
    database = await createTestDatabase('sqlite');
    const shared = {
      now: DURING_THE_PANEL,
      rateLimitRedis: redis().client,
      rateLimitNamespace: redis().namespace,
    };
    // Two servers on one database, as behind a load balancer.
    first = await buildTestWebApp(database, shared);
    second = await buildTestWebApp(database, shared);
  });
  after(async () => {
    await first.app.close();
    await second.app.close();
    await database.drop();
  });

  it('counts a person’s messages on every server, so switching servers does not reset the limit', async () => {
    const { edition, sessions } = await seedEdition(first.deps, 'dsc-2021');
    const url = `${roomPath('dsc-2021', sessions.panel.id)}/messages`;
    const ada = await roomPerson(first.deps, edition.id, { id: 'ada-shared' });
    for (let n = 1; n <= 10; n++) {
      const app = n % 2 === 0 ? first.app : second.app;
      const answer = await postRoom(app, url, { text: `Message ${n}` }, ada, { json: true });
      assert.equal(answer.statusCode, 200, `message ${n}: ${answer.body}`);
    }
    const refused = await postRoom(second.app, url, { text: 'One too many' }, ada, { json: true });
    assert.equal(refused.statusCode, 429);
    assert.match(refused.json().error.message, /You can post again in \d+ seconds?/);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    // Someone else is not held up by Ada's limit.
    const kofi = await roomPerson(first.deps, edition.id, { id: 'kofi-shared' });
    assert.equal(
      (await postRoom(first.app, url, { text: 'Hello' }, kofi, { json: true })).statusCode,
      200,
    );
    const keys = await redis().client.keys(`${redis().namespace}*`);
    assert.ok(keys.length > 0, 'the counts are in Redis under the test’s own prefix');
  });
});
