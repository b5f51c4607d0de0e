import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDatabase } from '../support/databases.ts';
import { findLink } from '../support/mail.ts';
import { buildTestWebApp, fetchCsrf, postForm, type TestWebApp } from '../support/web-app.ts';

const EMAIL = 'kadri.tamm@ee.example';

describeEachDatabase('signing in by emailed link', (database) => {
  let web: TestWebApp;
  before(async () => {
    web = await buildTestWebApp(database());
    for (const [id, email] of [
      ['p-kadri', EMAIL],
      ...Array.from({ length: 14 }, (_, i) => [`p-${i}`, `person${i}@ee.example`]),
    ] as const) {
      await web.deps.store.people.savePerson({
        id,
        name: id === 'p-kadri' ? 'Kadri Tamm' : `Person ${id}`,
        email,
        governmentId: null,
        role: 'product-manager',
        maturity: 'momentum',
        timeZone: 'Europe/Tallinn',
      });
    }
  });
  after(async () => web.app.close());

  async function requestLink(email = EMAIL, ip = '203.0.113.10') {
    const before = web.readOutbox().length;
    const csrf = await fetchCsrf(web.app);
    const response = await web.app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress: ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookies: csrf.cookies,
      payload: new URLSearchParams({ _csrf: csrf.token, email }).toString(),
    });
    const sent = web.readOutbox().slice(before);
    return { response, sent };
  }

  async function signIn(link: string) {
    const path = new URL(link).pathname;
    const confirm = await web.app.inject(path);
    assert.equal(confirm.statusCode, 200);
    const response = await postForm(web.app, path, {});
    return { response, session: response.cookies.find((c) => c.name === 'convene_session') };
  }

  it('emails a single-use link to a known person and signs them in with it', async () => {
    const { response, sent } = await requestLink('  Kadri.Tamm@EE.example ');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Check your email/);
    assert.equal(sent.length, 1);
    const link = await findLink(sent[0]!.raw, 'http://localhost:3000/sign-in/');
    const token = link.split('/').at(-1)!;
    assert.ok(Buffer.from(token, 'base64url').length >= 16, 'at least 128 random bits');
    const { response: signedIn, session } = await signIn(link);
    assert.equal(signedIn.statusCode, 303);
    assert.equal(signedIn.headers.location, '/account?done=signed-in');
    assert.ok(session, 'a session cookie is set');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    assert.equal(session.secure, undefined, 'not Secure on http');
    const account = await web.app.inject({
      url: '/account',
      cookies: { convene_session: session.value },
    });
    assert.match(account.body, /You are signed in as Kadri Tamm \(kadri\.tamm@ee\.example\)/);
  });

  it('returns someone who was asked to sign in to the page they wanted', async () => {
    const asked = await web.app.inject('/organize/editions');
    assert.equal(asked.statusCode, 404, 'an unknown page is not a reason to sign in');
    const wanted = await web.app.inject('/account');
    assert.equal(wanted.statusCode, 303);
    const remembered = wanted.cookies.find((c) => c.name === 'convene_return');
    assert.equal(remembered?.value, '/account');
    assert.equal(remembered?.httpOnly, true);
    const { sent } = await requestLink('person11@ee.example', '203.0.113.40');
    const link = await findLink(sent[0]!.raw, 'http://localhost:3000/sign-in/');
    const signedIn = await postForm(
      web.app,
      new URL(link).pathname,
      {},
      { convene_return: '/editions/dsc-2021' },
    );
    assert.equal(signedIn.headers.location, '/editions/dsc-2021');
    const { sent: again } = await requestLink('person12@ee.example', '203.0.113.41');
    const offsite = await postForm(
      web.app,
      new URL(await findLink(again[0]!.raw, 'http://localhost:3000/sign-in/')).pathname,
      {},
      { convene_return: '//evil.example/' },
    );
    assert.equal(offsite.headers.location, '/account?done=signed-in', 'never to another site');
  });

  it('stores neither the link nor the session in the clear', async () => {
    const { sent } = await requestLink('person1@ee.example');
    const link = await findLink(sent[0]!.raw, 'http://localhost:3000/sign-in/');
    const token = link.split('/').at(-1)!;
    assert.equal(await web.deps.store.access.findSignInToken(token), null);
    assert.ok(await web.deps.store.access.findSignInToken(web.deps.secrets.hash(token)));
  });

  it('answers an unknown email exactly as a known one, and sends nothing', async () => {
    const known = await requestLink(EMAIL, '203.0.113.20');
    const unknown = await requestLink('nobody@nowhere.example', '203.0.113.20');
    assert.equal(unknown.response.statusCode, known.response.statusCode);
    assert.equal(unknown.sent.length, 0);
    const strip = (html: string) =>
      html
        .replace(/name="_csrf" value="[^"]+"/g, '')
        .replace(/kadri\.tamm@ee\.example|nobody@nowhere\.example/g, 'EMAIL');
    assert.equal(strip(unknown.response.body), strip(known.response.body));
  });

  it('refuses a link the second time', async () => {
    const { sent } = await requestLink('person2@ee.example');
    const link = await findLink(sent[0]!.raw, 'http://localhost:3000/sign-in/');
    assert.ok((await signIn(link)).session);
    const again = await postForm(web.app, new URL(link).pathname, {});
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /This link has already been used/);
    assert.equal(
      again.cookies.find((c) => c.name === 'convene_session'),
      undefined,
    );
  });

  it('refuses a link after 15 minutes', async () => {
    const { sent } = await requestLink('person3@ee.example');
    const link = await findLink(sent[0]!.raw, 'http://localhost:3000/sign-in/');
    const now = web.clock.now().toISOString();
    web.clock.set(new Date(Date.parse(now) + 15 * 60_000 + 1000).toISOString());
    const page = await web.app.inject(new URL(link).pathname);
    const used = await postForm(web.app, new URL(link).pathname, {});
    web.clock.set(now);
    assert.equal(page.statusCode, 410);
    assert.match(page.body, /This link has expired/);
    assert.equal(used.statusCode, 410);
  });

  it('refuses a tampered link', async () => {
    const { sent } = await requestLink('person4@ee.example');
    const link = await findLink(sent[0]!.raw, 'http://localhost:3000/sign-in/');
    const tampered = `${new URL(link).pathname.slice(0, -2)}AA`;
    const response = await postForm(web.app, tampered, {});
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /This link does not work/);
  });

  it('refuses a form without its CSRF token, changing nothing', async () => {
    const response = await web.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${encodeURIComponent(EMAIL)}`,
    });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /This form has expired/);
  });

  it('names the problem when the email is missing or malformed', async () => {
    const missing = await postForm(web.app, '/sign-in', { email: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter your email address/);
    const malformed = await postForm(web.app, '/sign-in', { email: 'kadri at ee' });
    assert.match(malformed.body, /Enter an email address in the correct format/);
    assert.match(malformed.body, /value="kadri at ee"/);
  });

  it('limits requests per email address, known or not, with a clear message', async () => {
    for (const email of ['limit.known@ee.example', 'limit.unknown@nowhere.example']) {
      const statuses: number[] = [];
      let last = '';
      for (let i = 0; i < 6; i++) {
        const { response } = await requestLink(email, `198.51.100.${i + 1}`);
        statuses.push(response.statusCode);
        last = response.body;
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429], email);
      assert.match(last, /too many links from this email address/);
    }
  });

  it('limits requests per network address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push(
        (await requestLink(`someone${i}@nowhere.example`, '192.0.2.77')).response.statusCode,
      );
    assert.equal(statuses.filter((s) => s === 200).length, 30);
    assert.equal(statuses.at(-1), 429);
  });

  it('ends the session on the server when signing out', async () => {
    const { sent } = await requestLink('person9@ee.example', '203.0.113.30');
    const { session } = await signIn(
      await findLink(sent[0]!.raw, 'http://localhost:3000/sign-in/'),
    );
    const cookies = { convene_session: session!.value };
    const out = await postForm(web.app, '/sign-out', {}, cookies);
    assert.equal(out.statusCode, 303);
    const signInPage = await web.app.inject(String(out.headers.location));
    assert.match(signInPage.body, /You are signed out\./);
    assert.equal(out.cookies.find((c) => c.name === 'convene_session')?.value, '');
    assert.equal(
      await web.deps.store.access.findUserSession(web.deps.secrets.hash(session!.value)),
      null,
    );
    const account = await web.app.inject({ url: '/account', cookies });
    assert.equal(account.statusCode, 303, 'the old cookie no longer signs anyone in');
  });

  it('expires sessions after seven days', async () => {
    const { sent } = await requestLink('person10@ee.example', '203.0.113.31');
    const { session } = await signIn(
      await findLink(sent[0]!.raw, 'http://localhost:3000/sign-in/'),
    );
    const now = web.clock.now().toISOString();
    web.clock.set(new Date(Date.parse(now) + 7 * 24 * 3600_000 + 1000).toISOString());
    const account = await web.app.inject({
      url: '/account',
      cookies: { convene_session: session!.value },
    });
    web.clock.set(now);
    assert.equal(account.statusCode, 303);
  });
});
