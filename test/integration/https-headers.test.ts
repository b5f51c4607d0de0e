import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs } from '../support/sessions.ts';
import { buildTestWebApp, fetchCsrf, type TestWebApp } from '../support/web-app.ts';

describeEachDatabase('security headers and cookies behind https', (database) => {
  let web: TestWebApp;
  before(async () => {
    web = await buildTestWebApp(database(), { publicUrl: 'https://convene.example.org' });
  });
  after(async () => web.app.close());

  it('sends HSTS and a content security policy without inline scripts', async () => {
    const response = await web.app.inject('/programme');
    assert.match(String(response.headers['strict-transport-security']), /max-age=31536000/);
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /upgrade-insecure-requests/);
    assert.equal(response.headers['referrer-policy'], 'same-origin');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
  });

  it('marks the CSRF and time-zone cookies Secure', async () => {
    const csrf = await web.app.inject('/sign-in');
    assert.equal(csrf.cookies.find((c) => c.name === 'convene_csrf')?.secure, true);
    const { token, cookies } = await fetchCsrf(web.app);
    const zone = await web.app.inject({
      method: 'POST',
      url: '/preferences/time-zone',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookies,
      payload: new URLSearchParams({
        _csrf: token,
        timeZone: 'Asia/Tokyo',
        returnTo: '/programme',
      }).toString(),
    });
    assert.equal(zone.cookies.find((c) => c.name === 'convene_tz')?.secure, true);
  });

  it('asks a visitor to sign in with a Secure, HttpOnly cookie remembering where they were going', async () => {
    const response = await web.app.inject('/account');
    const remembered = response.cookies.find((c) => c.name === 'convene_return');
    assert.equal(remembered?.secure, true);
    assert.equal(remembered?.httpOnly, true);
    // A signed-in person is not asked again.
    const cookies = await signInAs(web.deps, { id: 'https-person' });
    assert.equal((await web.app.inject({ url: '/account', cookies })).statusCode, 200);
  });
});
