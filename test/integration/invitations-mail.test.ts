import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { after, before, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { openDatabase } from '../../src/adapters/db/database.ts';
import { createStore } from '../../src/adapters/db/store.ts';
import type { UseCaseDeps } from '../../src/app/deps.ts';
import { queueInvitations } from '../../src/app/invitations/invitation.commands.ts';
import { startMailWorker } from '../../src/app/invitations/mail-worker.ts';
import { processDueMail } from '../../src/app/invitations/process-due-mail.ts';
import type { Logger } from '../../src/app/ports.ts';
import { sendingDeadline } from '../../src/domain/invitations/mail-retry.ts';
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts';
import { describeMessage, findLink } from '../support/mail.ts';
import { FACTORY_ACTOR, seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.ts';
import { assertRefused, buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

const INVITATION_LINK = 'http://localhost:3000/invitations/';

/** Someone on the invitation list, as the tests know them. */
type Invitee = { id: string; email: string; name: string };

/** Adds `count` people from Kenya to the edition's invitation list; answers their ids and emails. */
async function addInvitees(deps: UseCaseDeps, slug: string, count: number, first = 0) {
  const edition = (await deps.store.programme.findEditionBySlug(slug))!;
  const people: Invitee[] = [];
  for (let i = first; i < first + count; i++) {
    const person = {
      id: `p-${slug}-${i}`,
      name: `Invitee ${i} of ${slug}`,
      email: `invitee${i}@${slug}.example`,
    };
    await deps.store.people.savePerson({
      ...person,
      governmentId: `gov-ke-${slug}`,
      role: 'product-manager',
      maturity: 'starting',
      timeZone: 'Africa/Nairobi',
    });
    await deps.store.people.addInvitee(edition.id, person.id, deps.clock.now().toISOString());
    people.push(person);
  }
  return { edition, people };
}

/** Signs in an organizer of the edition, named so that the invitation can name them. */
async function signInOrganizer(deps: UseCaseDeps, slug: string) {
  const edition = (await deps.store.programme.findEditionBySlug(slug))!;
  return signInAs(
    deps,
    { id: `organizer-${slug}`, name: 'Ana Lima', email: `ana.lima@${slug}.example` },
    [{ editionId: edition.id, role: 'organizer' }],
  );
}

const later = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();

describeEachDatabase('invitations by email, through a real SMTP server', (database) => {
  let smtp: TestSmtpServer;
  let web: TestWebApp;
  before(async () => {
    smtp = await startSmtpServer();
    web = await buildTestWebApp(database(), { mailer: smtp.mailer() });
  });
  after(async () => {
    await web.app.close();
    await smtp.close();
  });

  const mailOf = async (slug: string) => {
    const edition = (await web.deps.store.programme.findEditionBySlug(slug))!;
    return web.deps.store.mail.listForEdition(edition.id, 'invitation');
  };

  it('mails each invitee exactly one personal link, which signs them in and records the opening', async () => {
    const slug = 'mail-once';
    await seedEdition(web.deps, slug);
    const { edition, people } = await addInvitees(web.deps, slug, 3);
    const cookies = await signInOrganizer(web.deps, slug);

    const queued = await postForm(web.app, `/organize/editions/${slug}/invitations`, {}, cookies);
    assert.equal(queued.statusCode, 303);
    assert.equal(
      queued.headers.location,
      `/organize/editions/${slug}/invitations?done=queued&queued=3&skipped=0`,
    );
    const banner = await web.app.inject({ url: String(queued.headers.location), cookies });
    assert.match(banner.body, /3 invitations are being sent\./);
    assert.equal(smtp.received.length, 0, 'the background worker sends, not the request');

    const report = await processDueMail(web.deps, { limit: 10 });
    assert.deepEqual(report, { claimed: 3, sent: 3, retrying: 0, failed: 0, interrupted: 0 });

    const links = new Set<string>();
    for (const person of people) {
      const messages = smtp.receivedBy(person.email);
      assert.equal(messages.length, 1, `one message to ${person.email}`);
      const { subject, text, to } = await describeMessage(messages[0]!.raw);
      assert.equal(subject, `Your invitation to Digital Services Convening ${slug}`);
      assert.match(to, new RegExp(`^"?${person.name}"? <${person.email}>$`));
      assert.match(text, new RegExp(`^Hello ${person.name},$`, 'm'));
      assert.match(
        text,
        /from 16 to 18 November 2021, hosted by Public Digital and Harvard Kennedy School/,
      );
      assert.match(
        text,
        /The link works once, for 14 days: until Tuesday 15 June 2021 at 15:00 \(Africa\/Nairobi time\)/,
      );
      assert.match(text, new RegExp(`write to Ana Lima at ana\\.lima@${slug}\\.example`));
      const parsed = await simpleParser(messages[0]!.raw);
      assert.equal(parsed.html, false, 'plain text only: no images, no tracking pixel');
      assert.deepEqual(
        parsed.replyTo?.value.map((a) => [a.name, a.address]),
        [['Ana Lima', `ana.lima@${slug}.example`]],
      );
      links.add(await findLink(messages[0]!.raw, INVITATION_LINK));
    }
    assert.equal(links.size, 3, 'every link is personal');
    const progress = await web.deps.store.access.listInviteeProgress(edition.id);
    assert.ok(progress.every((p) => p.invitationSentAt === web.clock.now().toISOString()));

    const first = people[0]!;
    const link = await findLink(smtp.receivedBy(first.email)[0]!.raw, INVITATION_LINK);
    const path = new URL(link).pathname;
    const confirm = await web.app.inject(path);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /<button[^>]*type="submit"/, 'following the link shows a button');
    assert.equal(
      (await web.deps.store.access.listInviteeProgress(edition.id)).find(
        (p) => p.personId === first.id,
      )?.openedAt,
      null,
      'merely loading the page (as a mail scanner does) is not opening',
    );
    const signedIn = await postForm(web.app, path, {});
    assert.equal(signedIn.statusCode, 303);
    assert.equal(signedIn.headers.location, `/editions/${slug}/registration`);
    assert.ok(signedIn.cookies.find((c) => c.name === 'convene_session'));
    const opened = (await web.deps.store.access.listInviteeProgress(edition.id)).find(
      (p) => p.personId === first.id,
    );
    assert.equal(opened?.openedAt, web.clock.now().toISOString());

    const page = await web.app.inject({ url: `/organize/editions/${slug}/invitations`, cookies });
    assert.match(page.body, /<dt>Opened the link<\/dt><dd>1<\/dd>/);
    const audit = await web.deps.store.audit.listForEdition(edition.id, 10);
    assert.ok(
      audit.some(
        (entry) =>
          entry.action === 'invitations.queued' &&
          entry.summary === 'Asked to send 3 invitations.' &&
          entry.actorLabel === `Ana Lima (ana.lima@${slug}.example)`,
      ),
    );
  });

  it('tries a refused address again after 1, 5, 30 and 120 minutes, then lists it with the reason, while the others are sent', async () => {
    const slug = 'mail-retry';
    await seedEdition(web.deps, slug);
    const { people } = await addInvitees(web.deps, slug, 3);
    const refusedPerson = people[1]!;
    smtp.refused.add(refusedPerson.email);
    let cookies = await signInOrganizer(web.deps, slug);
    await postForm(web.app, `/organize/editions/${slug}/invitations`, {}, cookies);

    const tries = () => smtp.recipientsTried.filter((a) => a === refusedPerson.email).length;
    const rowOf = async () => (await mailOf(slug)).find((m) => m.personId === refusedPerson.id)!;

    const firstStep = await processDueMail(web.deps, { limit: 10 });
    assert.equal(firstStep.sent, 2);
    assert.equal(firstStep.retrying, 1);
    assert.equal(smtp.receivedBy(people[0]!.email).length, 1);
    assert.equal(smtp.receivedBy(people[2]!.email).length, 1);
    let row = await rowOf();
    assert.equal(row.status, 'retrying');
    assert.equal(row.attempts, 1);
    assert.match(
      row.lastError ?? '',
      /^The mail server refused this email address\. The mail server said: 550 No such mailbox here$/,
    );

    for (const [index, minutes] of [1, 5, 30, 120].entries()) {
      const due = later(web.clock.now().toISOString(), minutes);
      assert.equal(row.nextAttemptAt, due, `try ${index + 2} is due ${minutes} minutes later`);
      web.clock.set(later(due, -0.5));
      await processDueMail(web.deps, { limit: 10 });
      assert.equal(tries(), index + 1, 'not tried again before it is due');
      web.clock.set(due);
      await processDueMail(web.deps, { limit: 10 });
      assert.equal(tries(), index + 2);
      row = await rowOf();
    }
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 5);
    web.clock.set(later(web.clock.now().toISOString(), 24 * 60));
    await processDueMail(web.deps, { limit: 10 });
    assert.equal(tries(), 5, 'given up: no sixth try without an organizer');

    // A day has passed: the organizer signs in again.
    cookies = await signInOrganizer(web.deps, slug);
    const page = await web.app.inject({ url: `/organize/editions/${slug}/invitations`, cookies });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<dt>Could not be sent<\/dt><dd>1<\/dd>/);
    assert.match(page.body, /<dt>Invitation sent<\/dt><dd>2<\/dd>/);
    assert.match(page.body, /Invitations that could not be sent/);
    assert.match(
      page.body,
      new RegExp(
        `<td>${refusedPerson.name}</td><td class="break-anywhere">${refusedPerson.email}</td><td>The mail server refused this email address\\. The mail server said: 550 No such mailbox here <span class="hint">\\(5 tries\\)</span>`,
      ),
    );
    assert.match(
      page.body,
      new RegExp(`Try again<span class="visually-hidden"> to send to ${refusedPerson.name}</span>`),
    );

    // The address is mended; the organizer asks for that one invitation again.
    smtp.refused.delete(refusedPerson.email);
    const retried = await postForm(
      web.app,
      `/organize/editions/${slug}/invitations/retry`,
      { mailId: row.id },
      cookies,
    );
    assert.equal(retried.statusCode, 303);
    assert.equal(
      retried.headers.location,
      `/organize/editions/${slug}/invitations?done=requeued&requeued=1`,
    );
    assert.equal((await rowOf()).status, 'queued');
    await processDueMail(web.deps, { limit: 10 });
    assert.equal((await rowOf()).status, 'sent');
    assert.equal(smtp.receivedBy(refusedPerson.email).length, 1);
    assert.equal(smtp.receivedBy(people[0]!.email).length, 1, 'the others are not mailed again');

    const again = await postForm(
      web.app,
      `/organize/editions/${slug}/invitations/retry`,
      { mailId: row.id },
      cookies,
    );
    assert.equal(again.statusCode, 409, 'a sent invitation cannot be asked for again');
    assert.match(again.body, /no longer waiting to be tried again/);
  });

  it('sends each person once when two workers process the queue at the same time', async () => {
    const slug = 'mail-race';
    await seedEdition(web.deps, slug);
    const { people } = await addInvitees(web.deps, slug, 8);
    const result = await queueInvitations(web.deps, FACTORY_ACTOR, slug);
    assert.deepEqual(
      { ...result, batchId: null },
      { ok: true, batchId: null, queued: 8, skipped: 0 },
    );

    // A second worker with its own connection, as another server process would have. SQLite
    // allows one writer at a time across processes; in one process both share the connection.
    const { connection } = database();
    const second =
      connection.kind === 'postgresql'
        ? openDatabase({ kind: 'postgresql', url: database().env.DATABASE_URL! })
        : null;
    const otherWorker: UseCaseDeps = {
      ...web.deps,
      store: createStore(second ? second.db : connection.db),
    };
    const slowSmtp = await startSmtpServer({ delayMs: 20 });
    try {
      const [a, b] = await Promise.all([
        processDueMail({ ...web.deps, mailer: slowSmtp.mailer() }, { limit: 20 }),
        processDueMail({ ...otherWorker, mailer: slowSmtp.mailer() }, { limit: 20 }),
      ]);
      assert.equal(a.sent + b.sent, 8);
      assert.equal(
        slowSmtp.received.length,
        8,
        'the SMTP server received exactly one message per person',
      );
      for (const person of people) assert.equal(slowSmtp.receivedBy(person.email).length, 1);
      assert.ok(a.claimed > 0 && b.claimed > 0, 'both workers took part');
    } finally {
      await slowSmtp.close();
      await second?.close();
    }
  });

  it('never mails anyone twice however often invitations are asked for', async () => {
    const slug = 'mail-twice';
    await seedEdition(web.deps, slug);
    const { edition, people } = await addInvitees(web.deps, slug, 2);
    const cookies = await signInOrganizer(web.deps, slug);

    const first = await postForm(web.app, `/organize/editions/${slug}/invitations`, {}, cookies);
    assert.match(String(first.headers.location), /queued=2&skipped=0$/);
    const second = await postForm(web.app, `/organize/editions/${slug}/invitations`, {}, cookies);
    assert.match(String(second.headers.location), /queued=0&skipped=2$/);
    const banner = await web.app.inject({ url: String(second.headers.location), cookies });
    assert.match(
      banner.body,
      /No invitations were added: everyone on the list has already been sent one/,
    );

    // Two requests at the same moment, for everyone and for named people.
    const [late] = (await addInvitees(web.deps, slug, 1, 2)).people;
    const results = await Promise.all([
      queueInvitations(web.deps, FACTORY_ACTOR, slug),
      queueInvitations(web.deps, FACTORY_ACTOR, slug, { personIds: [late!.id, people[0]!.id] }),
    ]);
    assert.equal(
      results.reduce((sum, r) => sum + (r.ok ? r.queued : 0), 0),
      1,
      'the newcomer is queued once',
    );

    await processDueMail(web.deps, { limit: 10 });
    const again = await postForm(web.app, `/organize/editions/${slug}/invitations`, {}, cookies);
    assert.match(String(again.headers.location), /queued=0&skipped=3$/);
    await processDueMail(web.deps, { limit: 10 });
    for (const person of [...people, late!])
      assert.equal(smtp.receivedBy(person.email).length, 1, person.email);
    assert.equal((await mailOf(slug)).length, 3);
    const batches = await web.deps.store.mail.findLatestBatch(edition.id, 'invitation');
    assert.ok(batches, 'a batch was kept for the requests that queued someone');
  });

  it('gives up an email left "sending" by a stopped server after ten minutes, without sending it again', async () => {
    const slug = 'mail-stuck';
    await seedEdition(web.deps, slug);
    const { people } = await addInvitees(web.deps, slug, 1);
    const cookies = await signInOrganizer(web.deps, slug);
    await queueInvitations(web.deps, FACTORY_ACTOR, slug);
    const [queued] = await mailOf(slug);
    // A worker takes the email, then its server stops before it records the outcome.
    const now = web.clock.now();
    assert.ok(await web.deps.store.mail.claim(queued!.id, now.toISOString(), sendingDeadline(now)));
    const start = now.toISOString();

    web.clock.set(later(start, 9));
    await processDueMail(web.deps, { limit: 10 });
    assert.equal((await mailOf(slug))[0]!.status, 'sending', 'still within its ten minutes');

    web.clock.set(later(start, 10));
    const report = await processDueMail(web.deps, { limit: 10 });
    assert.equal(report.interrupted, 1);
    const [failed] = await mailOf(slug);
    assert.equal(failed!.status, 'failed');
    assert.equal(
      failed!.lastError,
      'The server stopped while sending; check with the person before sending again.',
    );
    web.clock.set(later(start, 6 * 60));
    await processDueMail(web.deps, { limit: 10 });
    assert.equal(smtp.receivedBy(people[0]!.email).length, 0, 'never resent by itself');
    assert.equal((await mailOf(slug))[0]!.status, 'failed');

    const page = await web.app.inject({ url: `/organize/editions/${slug}/invitations`, cookies });
    assert.match(
      page.body,
      /The server stopped while sending; check with the person before sending again\./,
    );
    assert.match(page.body, /Try again<span class="visually-hidden"> to send to /);
  });

  it('shows the organizer the counts and each invitee’s status, in the viewer’s time zone', async () => {
    const slug = 'mail-page';
    await seedEdition(web.deps, slug);
    const { edition, people } = await addInvitees(web.deps, slug, 5);
    const [registered, declined, opened, failing, waiting] = people as [
      Invitee,
      Invitee,
      Invitee,
      Invitee,
      Invitee,
    ];
    const cookies = await signInOrganizer(web.deps, slug);
    smtp.refused.add(failing.email);
    await queueInvitations(web.deps, FACTORY_ACTOR, slug, {
      personIds: [registered.id, declined.id, opened.id, failing.id],
    });
    await processDueMail(web.deps, { limit: 10 });
    smtp.refused.delete(failing.email);
    const at = web.clock.now().toISOString();
    await web.deps.store.access.updateInviteeProgress(edition.id, registered.id, {
      status: 'registered',
      openedAt: at,
      respondedAt: at,
    });
    await web.deps.store.access.updateInviteeProgress(edition.id, declined.id, {
      status: 'declined',
      respondedAt: at,
    });
    await web.deps.store.access.updateInviteeProgress(edition.id, opened.id, { openedAt: at });

    const page = await web.app.inject({
      url: `/organize/editions/${slug}/invitations`,
      cookies: { ...cookies, convene_tz: 'Asia/Singapore' },
    });
    assert.equal(page.statusCode, 200);
    const html = page.body;
    assert.match(html, /<h1>Invitations<\/h1>/);
    for (const [label, value] of [
      ['Invited', 5],
      ['Invitation sent', 3],
      ['Opened the link', 2],
      ['Registered', 1],
      ['Declined', 1],
      ['Could not be sent', 0],
    ] as const) {
      assert.match(html, new RegExp(`<dt>${label}</dt><dd>${value}[ <]`), label);
    }
    const stageOf = (person: { name: string }) =>
      html.match(new RegExp(`<tr data-stage="([a-z-]+)"><td>${person.name}</td>`))?.[1];
    assert.equal(stageOf(registered), 'registered');
    assert.equal(stageOf(declined), 'declined');
    assert.equal(stageOf(opened), 'opened');
    assert.equal(stageOf(failing), 'retrying');
    assert.equal(stageOf(waiting), 'not-sent');
    assert.match(html, /Will be tried again <span class="hint">\(Try 2 of 5 at /);
    assert.match(html, /<td>Kenya \(Ministry of ICT\)<\/td>/);
    assert.match(html, /Times in Asia\/Singapore\./);
    const local = new Date(Date.parse(at) + 8 * 3600_000);
    const hhmm = local.toISOString().slice(11, 16);
    assert.match(
      html,
      new RegExp(`<td>\\d+ \\w+ \\d{4}, ${hhmm} GMT\\+8</td>`),
      'times in the viewer’s zone',
    );
    assert.match(html, /Send invitations to the 1 person not yet invited/);
    assert.match(html, /<a href="\/organize\/editions\/mail-page\/invitations">Refresh<\/a>/);
    // While sending goes on, the second link says where it leads, not "Refresh" again
    assert.match(
      html,
      /<a href="\/organize\/editions\/mail-page\/invitations#latest">See how far it has got<\/a>/,
    );
    assert.equal(html.match(/>Refresh<\/a>/g)?.length, 1, 'one link named "Refresh"');
    assert.doesNotMatch(html, /http-equiv="refresh"/, 'the page never reloads by itself');
    assert.match(html, /<h2 id="latest">Latest sending<\/h2>/);
    assert.match(html, /<dt>Will be tried again<\/dt><dd>1<\/dd>/);
    assert.match(
      html,
      /Why some will be tried again<\/h3>\s*<ul><li>The mail server refused this email address\. The mail server said: 550 No such mailbox here <span class="hint">\(1 invitation\)<\/span><\/li><\/ul>/,
    );

    const overview = await web.app.inject({ url: `/organize/editions/${slug}`, cookies });
    assert.match(overview.body, new RegExp(`href="/organize/editions/${slug}/invitations"`));

    // Let the retry go through so that no due email is left for the tests that follow.
    web.clock.set(later(web.clock.now().toISOString(), 1));
    await processDueMail(web.deps, { limit: 10 });
    assert.equal(smtp.receivedBy(failing.email).length, 1);
  });

  it('refuses the page and both forms to a visitor, an attendee and an organizer of another edition, queueing nothing', async () => {
    const slug = 'mail-guard';
    await seedEdition(web.deps, slug);
    await seedEdition(web.deps, 'mail-other');
    await addInvitees(web.deps, 'mail-other', 1);
    const { edition, people } = await addInvitees(web.deps, slug, 2);
    const other = (await web.deps.store.programme.findEditionBySlug('mail-other'))!;
    await web.deps.store.access.updateInviteeProgress(edition.id, people[0]!.id, {
      status: 'registered',
    });
    const attendee = await signInAs(web.deps, { id: people[0]!.id });
    const otherOrganizer = await signInAs(web.deps, { id: 'organizer-of-other' }, [
      { editionId: other.id, role: 'organizer' },
    ]);
    await queueInvitations(web.deps, FACTORY_ACTOR, 'mail-other');
    const [otherMail] = await mailOf('mail-other');

    for (const [who, cookies] of [
      ['a visitor', {}],
      ['an attendee', attendee],
      ['an organizer of another edition', otherOrganizer],
    ] as const) {
      const page = await web.app.inject({ url: `/organize/editions/${slug}/invitations`, cookies });
      assertRefused(page, `${who}: page`);
      const send = await postForm(web.app, `/organize/editions/${slug}/invitations`, {}, cookies);
      assert.equal(send.statusCode, 403, `${who}: send`);
      const retry = await postForm(
        web.app,
        `/organize/editions/${slug}/invitations/retry`,
        { mailId: otherMail!.id },
        cookies,
      );
      assert.equal(retry.statusCode, 403, `${who}: try again`);
    }
    assert.deepEqual(await mailOf(slug), [], 'nothing was queued');
    const organizer = await signInOrganizer(web.deps, slug);
    const allowed = await web.app.inject({
      url: `/organize/editions/${slug}/invitations`,
      cookies: organizer,
    });
    assert.equal(allowed.statusCode, 200, 'the edition’s own organizer may');
    await processDueMail(web.deps, { limit: 10 });
  });

  it('refuses to send invitations for a draft edition, saying why', async () => {
    const slug = 'mail-draft';
    await seedEdition(web.deps, slug, 'draft');
    await addInvitees(web.deps, slug, 1);
    const cookies = await signInOrganizer(web.deps, slug);
    const page = await web.app.inject({ url: `/organize/editions/${slug}/invitations`, cookies });
    assert.match(page.body, /Publish the programme before sending invitations/);
    assert.doesNotMatch(page.body, /Send invitations to the/);
    const send = await postForm(web.app, `/organize/editions/${slug}/invitations`, {}, cookies);
    assert.equal(send.statusCode, 409);
    assert.match(send.body, /<title>Error: /);
    assert.match(send.body, /Nothing was sent/);
    assert.deepEqual(await mailOf(slug), []);
  });

  it('has no development outbox when an SMTP server is configured', async () => {
    assert.equal((await web.app.inject('/dev/outbox')).statusCode, 404);
    assert.equal((await web.app.inject('/dev/outbox/anything.eml')).statusCode, 404);
  });

  it('sends in the background once started, and logs what it did', async () => {
    const slug = 'mail-worker';
    await seedEdition(web.deps, slug);
    const { people } = await addInvitees(web.deps, slug, 3);
    await queueInvitations(web.deps, FACTORY_ACTOR, slug);
    const log = capturingLogger();
    const worker = startMailWorker(web.deps, { intervalMs: 10, log });
    try {
      await waitFor(() => people.every((p) => smtp.receivedBy(p.email).length === 1));
    } finally {
      await worker.stop();
    }
    // The worker may take the three in one tick or several; together its lines say 3 sent.
    const sent = log.lines
      .filter((line) => line.level === 'info')
      .map((line) => Number(/^Mail: (\d+) sent/.exec(line.message)?.[1] ?? 0))
      .reduce((sum, count) => sum + count, 0);
    assert.equal(sent, 3);
    assert.equal(log.lines.filter((line) => line.level === 'error').length, 0);
  });

  it('keeps the worker running, logging the problem, when the database cannot be reached', async () => {
    const lost = await createTestDatabase(database().connection.kind);
    await lost.drop();
    const log = capturingLogger();
    const worker = startMailWorker(
      { ...web.deps, store: createStore(lost.connection.db) },
      { intervalMs: 5, log },
    );
    try {
      await waitFor(() => log.lines.filter((line) => line.level === 'error').length >= 2);
    } finally {
      await worker.stop();
    }
    assert.match(log.lines[0]!.message, /the queue could not be processed; trying again/);
  });
});

describeEachDatabase('the development outbox', (database) => {
  let web: TestWebApp;
  let outside: string;
  before(async () => {
    web = await buildTestWebApp(database());
    outside = mkdtempSync(join(dirname(web.outboxDir), 'convene-outside-'));
    writeFileSync(join(outside, 'stolen.eml'), 'Subject: not yours\n\nTOP SECRET CONTENT');
    mkdirSync(web.outboxDir, { recursive: true });
  });
  after(async () => {
    await web.app.close();
    rmSync(outside, { recursive: true, force: true });
  });

  it('lists the invitations written to the folder and shows each with its links to follow', async () => {
    const slug = 'mail-outbox';
    await seedEdition(web.deps, slug);
    const { people } = await addInvitees(web.deps, slug, 2);
    await queueInvitations(web.deps, FACTORY_ACTOR, slug);
    const report = await processDueMail(web.deps, { limit: 10 });
    assert.equal(report.sent, 2);
    assert.equal(web.readOutbox().length, 2, 'one .eml file per message');

    const list = await web.app.inject('/dev/outbox');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /<h1>Development outbox<\/h1>/);
    for (const person of people) assert.match(list.body, new RegExp(person.email));
    assert.match(list.body, new RegExp(`Your invitation to Digital Services Convening ${slug}`));

    const file = web.readOutbox().find((m) => m.raw.includes(people[0]!.email))!.file;
    assert.ok(list.body.includes(`href="/dev/outbox/${encodeURIComponent(file)}"`));
    const message = await web.app.inject(`/dev/outbox/${encodeURIComponent(file)}`);
    assert.equal(message.statusCode, 200);
    assert.match(message.body, /Development outbox/);
    assert.match(
      message.body,
      /<dt>To<\/dt><dd class="break-anywhere">(&quot;)?Invitee 0 of mail-outbox(&quot;)? &lt;invitee0@mail-outbox\.example&gt;<\/dd>/,
    );
    const link = await findLink(
      web.readOutbox().find((m) => m.file === file)!.raw,
      INVITATION_LINK,
    );
    assert.ok(message.body.includes(`<a href="${link}">${link}</a>`), 'the link can be followed');
    assert.equal((await web.app.inject(new URL(link).pathname)).statusCode, 200);
  });

  it('refuses any name that leads out of the outbox folder', async () => {
    const sibling = basename(outside);
    for (const path of [
      `/dev/outbox/..%2F${sibling}%2Fstolen.eml`,
      `/dev/outbox/%2E%2E%2F${sibling}%2Fstolen.eml`,
      `/dev/outbox/..%5C${sibling}%5Cstolen.eml`,
      `/dev/outbox/${encodeURIComponent(join(outside, 'stolen.eml'))}`,
      `/dev/outbox/../${sibling}/stolen.eml`,
      '/dev/outbox/..%2F..%2F..%2Fetc%2Fpasswd',
      '/dev/outbox/no-such-message.eml',
    ]) {
      const response = await web.app.inject(path);
      assert.equal(response.statusCode, 404, path);
      assert.doesNotMatch(response.body, /TOP SECRET CONTENT|root:/, path);
    }
  });
});

/** A logger that keeps what it is told, to check what the worker reports. */
function capturingLogger(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  return {
    lines,
    info: (_fields, message) => lines.push({ level: 'info', message }),
    warn: (_fields, message) => lines.push({ level: 'warn', message }),
    error: (_fields, message) => lines.push({ level: 'error', message }),
  };
}

/** Waits until `condition` holds, or fails after five seconds. */
async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) assert.fail('The condition did not become true in time.');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
