import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createTestDatabase } from '../support/databases.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { buildTestWebApp } from '../support/web-app.ts';

describeEachDatabase('the health check', (database) => {
  it('answers 503 with a reason when the database cannot be reached', async () => {
    const own = await createTestDatabase(database().connection.kind);
    const web = await buildTestWebApp(own);
    assert.equal((await web.app.inject('/healthz')).statusCode, 200);
    await own.drop();
    const response = await web.app.inject('/healthz');
    assert.equal(response.statusCode, 503);
    assert.deepEqual(response.json(), {
      status: 'unavailable',
      reason: 'The database cannot be reached.',
    });
    await web.app.close();
  });
});
