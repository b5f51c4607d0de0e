import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, readConfig } from './config.ts';

const PRODUCTION = {
  NODE_ENV: 'production',
  SMTP_HOST: 'smtp.example.org',
  CONVENE_SECRET: 'x'.repeat(32),
};

describe('reading the configuration', () => {
  it('runs on the embedded defaults with nothing set', () => {
    const config = readConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, null);
    assert.match(config.dataDir, /\/data$/);
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.equal(config.loadDemo, true);
  });

  it('turns the demo off when PostgreSQL or production is configured', () => {
    const withPostgres = readConfig({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/convene',
    });
    assert.equal(withPostgres.loadDemo, false);
    assert.equal(readConfig(PRODUCTION).loadDemo, false);
  });

  it('names the variable, the value and what is allowed when a value is wrong', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'eighty' }, /^PORT="eighty" is not allowed: a whole number from 1 to 65535\.$/],
      [{ PORT: '70000' }, /^PORT="70000"/],
      [
        { DATABASE_URL: 'mysql://x' },
        /^DATABASE_URL="mysql:\/\/x" is not allowed: a PostgreSQL address/,
      ],
      [{ PUBLIC_URL: 'convene.example.org' }, /^PUBLIC_URL="convene.example.org" is not allowed/],
      [{ CONVENE_DEMO: 'maybe' }, /^CONVENE_DEMO="maybe" is not allowed: use on or off/],
      [{ NODE_ENV: 'staging' }, /^NODE_ENV="staging"/],
      [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL="loud"/],
    ];
    for (const [env, message] of cases) {
      assert.throws(
        () => readConfig(env),
        (error: unknown) => error instanceof ConfigError && message.test(error.message),
      );
    }
  });

  it('sends mail to the outbox folder unless an SMTP server is configured', () => {
    const embedded = readConfig({ CONVENE_DATA_DIR: '/tmp/convene-x' });
    assert.equal(embedded.smtp, null);
    assert.equal(embedded.outboxDir, '/tmp/convene-x/outbox');
    const smtp = readConfig({
      SMTP_HOST: 'smtp.example.org',
      SMTP_PORT: '465',
      SMTP_USER: 'convene',
      SMTP_PASSWORD: 'pw',
    });
    assert.deepEqual(smtp.smtp, {
      host: 'smtp.example.org',
      port: 465,
      secure: true,
      user: 'convene',
      password: 'pw',
    });
  });

  it('needs an SMTP server and a secret in production, and says so', () => {
    assert.throws(
      () => readConfig({ NODE_ENV: 'production', CONVENE_SECRET: 'x'.repeat(32) }),
      /SMTP_HOST="" is not allowed/,
    );
    assert.throws(
      () => readConfig({ NODE_ENV: 'production', SMTP_HOST: 'smtp.example.org' }),
      /CONVENE_SECRET="" is not allowed/,
    );
    assert.throws(
      () => readConfig({ CONVENE_SECRET: 'short' }),
      /CONVENE_SECRET="\(hidden\)" is not allowed: a random value of at least 32 characters/,
    );
    assert.throws(
      () => readConfig({ MAIL_FROM: 'not an address' }),
      /MAIL_FROM="not an address" is not allowed/,
    );
  });
});
