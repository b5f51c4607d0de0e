import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { processDueMail } from '../../src/app/invitations/process-due-mail.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { describeMessage, findLink } from '../support/mail.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { startSmtpServer } from '../support/smtp-server.ts';
import { buildTestWebApp, formBody, postForm, type TestWebApp } from '../support/web-app.ts';

const CONFIRM = 'http://localhost:3000/writeups/subscriptions/confirm/';
const UNSUBSCRIBE = 'http://localhost:3000/writeups/unsubscribe/';
const SLUG = 'dsc-2021';

/** A message's headers, unfolded (RFC 5322 lets long ones continue on the next line). */
const headersOf = (raw: string) => (raw.split(/\r?\n\r?\n/)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ');

describeEachDatabase('email subscriptions to new write-ups', (database) => {
  let web: TestWebApp;
  let organizer: Record<string, string>;
  let seeded: Awaited<ReturnType<typeof seedEdition>>;
  /** How many outbox messages each test has already looked at. */
  let seen = 0;

  before(async () => {
    web = await buildTestWebApp(database(), { now: '2021-11-20T12:00:00Z' });
    seeded = await seedEdition(web.deps, SLUG);
    organizer = await signInAs(web.deps, { id: 'p-olu', name: 'Olu Adeyemi' }, [
      { editionId: seeded.edition.id, role: 'organizer' },
    ]);
  });
  after(async () => web.app.close());

  const subscribe = (email: string) =>
    postForm(web.app, `/editions/${SLUG}/writeups/subscribe`, { email });

  /** Sends what is due, then answers the messages written since the last call. */
  const sendDueMail = async () => {
    await processDueMail(web.deps, { limit: 100 });
    const all = existsSync(web.outboxDir) ? web.readOutbox() : [];
    const fresh = all.slice(seen);
    seen = all.length;
    return Promise.all(fresh.map(async (m) => ({ ...(await describeMessage(m.raw)), raw: m.raw })));
  };

  const subscriptionOf = async (email: string) =>
    web.deps.store.subscriptions.findSubscription(seeded.edition.id, email);

  /** Subscribes and confirms through the emailed link, as a person would. */
  const subscribeAndConfirm = async (email: string) => {
    assert.equal((await subscribe(email)).statusCode, 200);
    const [confirmation] = (await sendDueMail()).filter((m) => m.to.includes(email));
    assert.ok(confirmation, `a confirmation email to ${email}`);
    const link = await findLink(confirmation.raw, CONFIRM);
    const page = await web.app.inject({ url: link });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Confirm my subscription/);
    assert.equal(
      (await subscriptionOf(email))?.status,
      'pending',
      'opening the link alone confirms nothing',
    );
    const confirmed = await postForm(web.app, new URL(link).pathname, {});
    assert.equal(confirmed.statusCode, 200);
    assert.match(confirmed.body, /You are subscribed/);
    assert.equal((await subscriptionOf(email))?.status, 'confirmed');
  };

  const version = new Map<string, number>();
  const publish = async (sessionId: string, title: string, moveTo = 'published') => {
    const baseVersion = version.get(sessionId) ?? 0;
    const response = await postForm(
      web.app,
      `/organize/editions/${SLUG}/sessions/${sessionId}/writeup`,
      {
        baseVersion: String(baseVersion),
        title,
        summary: `Summary of ${title}.`,
        body: '### What we heard\n\nTeams share more than they think.',
        moveTo,
      },
      organizer,
    );
    assert.equal(response.statusCode, 303, response.body);
    version.set(sessionId, baseVersion + 1);
  };

  it('subscribes with double opt-in, announces a first publication to confirmed subscribers only, and unsubscribes from the link alone', async () => {
    const list = await web.app.inject({ url: `/editions/${SLUG}/writeups` });
    assert.match(list.body, /action="\/editions\/dsc-2021\/writeups\/subscribe"/);
    assert.match(list.body, /We will email you a link to confirm first/);

    await subscribeAndConfirm('reader@gov.example');
    const asked = await subscribe('Pending@Gov.example');
    assert.match(asked.body, /Check your email/);
    const [confirmation] = await sendDueMail();
    assert.equal(confirmation?.to, 'pending@gov.example');
    assert.match(
      headersOf(confirmation.raw),
      /^List-Unsubscribe: <http:\/\/localhost:3000\/writeups\/unsubscribe\/[\w-]+>$/m,
    );

    await publish(seeded.sessions.opening.id, 'Buying software together');
    const announced = await sendDueMail();
    assert.deepEqual(
      announced.map((m) => m.to),
      ['reader@gov.example'],
      'one message per confirmed subscriber, none to pending ones',
    );
    const [message] = announced;
    assert.equal(message!.subject, 'New write-up: Buying software together');
    assert.match(message!.text, /Summary of Buying software together\./);
    assert.match(
      message!.text,
      new RegExp(`http://localhost:3000/editions/${SLUG}/writeups/${seeded.sessions.opening.id}`),
    );
    const link = await findLink(message!.raw, UNSUBSCRIBE);
    assert.match(headersOf(message!.raw), new RegExp(`^List-Unsubscribe: <${link}>$`, 'm'));
    assert.match(headersOf(message!.raw), /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);

    // No cookies at all: the link is the only authority.
    const unsubscribed = await web.app.inject({ url: link });
    assert.equal(unsubscribed.statusCode, 200);
    assert.match(unsubscribed.body, /You are unsubscribed/);
    assert.match(unsubscribed.body, /Subscribe again/);
    assert.equal(await subscriptionOf('reader@gov.example'), null);
    const again = await web.app.inject({ url: link });
    assert.equal(again.statusCode, 404);
    assert.match(again.body, /This link is no longer valid/);
    assert.match(again.body, /You are not subscribed/);

    await publish(seeded.sessions.panel.id, 'Hiring engineers');
    assert.deepEqual(await sendDueMail(), [], 'nobody confirmed is left to tell');
  });

  it('unsubscribes in one click (RFC 8058) from an older message’s link, with no cookie and no CSRF token', async () => {
    await subscribeAndConfirm('one-click@gov.example');
    await publish(seeded.sessions.later.id, 'Later thoughts');
    const [first] = (await sendDueMail()).filter((m) => m.to === 'one-click@gov.example');
    // Unpublished and published again: not announced a second time.
    await publish(seeded.sessions.later.id, 'Later thoughts', 'draft');
    await publish(seeded.sessions.later.id, 'Later thoughts');
    assert.deepEqual(await sendDueMail(), [], 'a re-publication is not announced again');

    const oldLink = await findLink(first!.raw, UNSUBSCRIBE);
    const response = await web.app.inject({
      method: 'POST',
      url: new URL(oldLink).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ 'List-Unsubscribe': 'One-Click' }),
    });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /You are unsubscribed/);
    assert.equal(await subscriptionOf('one-click@gov.example'), null);
  });

  it('answers the same for an address already subscribed, and sends a confirmed one nothing', async () => {
    await subscribeAndConfirm('twice@gov.example');
    const again = await subscribe('twice@gov.example');
    const fresh = await subscribe('fresh@gov.example');
    const strip = (body: string) =>
      body.replace(/twice|fresh/g, '').replace(/name="_csrf" value="[^"]+"/g, '');
    assert.equal(again.statusCode, 200);
    assert.equal(strip(again.body), strip(fresh.body));
    assert.deepEqual(
      (await sendDueMail()).map((m) => m.to),
      ['fresh@gov.example'],
    );
  });

  it('refuses an invalid address by name, and answers unknown links with a friendly page', async () => {
    const bad = await subscribe('not-an-address');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /not-an-address is not an email address/);
    for (const [method, url] of [
      ['GET', '/writeups/unsubscribe/no-such-token'],
      ['POST', '/writeups/unsubscribe/no-such-token'],
      ['GET', '/writeups/subscriptions/confirm/no-such-token'],
    ] as const) {
      const response = await web.app.inject({ method, url });
      assert.equal(response.statusCode, 404, `${method} ${url}`);
      assert.match(response.body, /This link is no longer valid/);
    }
    const used = await postForm(web.app, '/writeups/subscriptions/confirm/no-such-token', {});
    assert.equal(used.statusCode, 404);
  });

  it('limits requests to subscribe one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await subscribe('limited@gov.example')).statusCode);
    assert.deepEqual(codes, [200, 200, 200, 200, 200, 429]);
  });
});

describeEachDatabase('email subscriptions through a real SMTP server', (database) => {
  it('sends the confirmation with its List-Unsubscribe headers over SMTP', async () => {
    const smtp = await startSmtpServer();
    const web = await buildTestWebApp(database(), { mailer: smtp.mailer() });
    try {
      await seedEdition(web.deps, 'smtp-2021');
      const response = await postForm(web.app, '/editions/smtp-2021/writeups/subscribe', {
        email: 'smtp.reader@gov.example',
      });
      assert.equal(response.statusCode, 200);
      await processDueMail(web.deps, { limit: 10 });
      const [received] = smtp.receivedBy('smtp.reader@gov.example');
      assert.ok(received, 'one message over SMTP');
      assert.match(headersOf(received.raw), /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      const link = await findLink(received.raw, UNSUBSCRIBE);
      const gone = await web.app.inject({ url: link });
      assert.equal(gone.statusCode, 200);
    } finally {
      await web.app.close();
      await smtp.close();
    }
  });
});
