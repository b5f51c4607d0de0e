import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { processDueMail } from '../../src/app/invitations/process-due-mail.ts';
import { newListedProfile } from '../../src/domain/directory/directory-profile.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { describeMessage } from '../support/mail.ts';
import { seedEdition } from '../support/programme-factory.ts';
import { signInAs } from '../support/sessions.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.ts';
import { buildTestWebApp, postForm, type TestWebApp } from '../support/web-app.ts';

const SLUG = 'dsc-2021';

describeEachDatabase('introduction email, through a real SMTP server', (database) => {
  let smtp: TestSmtpServer;
  let web: TestWebApp;
  let editionId = '';

  async function attendee(id: string, name: string, governmentId: string) {
    const email = `${id}@mail.gov.example`;
    const at = web.clock.now().toISOString();
    await web.deps.store.people.savePerson({
      id,
      name,
      email,
      governmentId,
      role: 'engineer',
      maturity: 'starting',
      timeZone: 'Europe/London',
    });
    const cookies = await signInAs(web.deps, { id, name, email });
    await web.deps.store.people.addInvitee(editionId, id, at);
    await web.deps.store.access.updateInviteeProgress(editionId, id, {
      status: 'registered',
      respondedAt: at,
    });
    await web.deps.store.directory.saveProfile(newListedProfile(id, at));
    return { id, name, email, cookies };
  }

  before(async () => {
    smtp = await startSmtpServer();
    web = await buildTestWebApp(database(), { mailer: smtp.mailer(), now: '2021-11-20T12:00:00Z' });
    editionId = (await seedEdition(web.deps, SLUG)).edition.id;
  });
  after(async () => {
    await web.app.close();
    await smtp.close();
  });

  it('mails the request without the asker’s address, then each of the two the other’s address', async () => {
    const ada = await attendee('p-ada', 'Ada Tamm', `gov-ee-${SLUG}`);
    const kofi = await attendee('p-kofi', 'Kofi Mensah', `gov-ke-${SLUG}`);
    const asked = await postForm(
      web.app,
      `/introductions/ask/${kofi.id}`,
      { message: 'How did you change procurement rules?' },
      ada.cookies,
    );
    assert.equal(asked.statusCode, 303);
    assert.equal(smtp.received.length, 0, 'the background worker sends, not the request');

    const first = await processDueMail(web.deps, { limit: 10 });
    assert.deepEqual(first, { claimed: 1, sent: 1, retrying: 0, failed: 0, interrupted: 0 });
    const [request] = smtp.receivedBy(kofi.email);
    assert.ok(request, 'the person asked receives the request');
    assert.deepEqual(request.to, [kofi.email]);
    const requestMail = await describeMessage(request.raw);
    assert.equal(requestMail.subject, 'Ada Tamm would like an introduction');
    assert.match(requestMail.text, /Ada Tamm \(Digital State Office, Estonia\) would like/);
    assert.match(requestMail.text, /> How did you change procurement rules\?/);
    assert.ok(!request.raw.includes(ada.email), 'the asker’s address is not in the request');
    assert.equal(smtp.receivedBy(ada.email).length, 0);

    const [stored] = await web.deps.store.introductions.listInvolving(kofi.id);
    const accepted = await postForm(
      web.app,
      `/introductions/${stored!.id}/answer`,
      { decision: 'accept' },
      kofi.cookies,
    );
    assert.equal(accepted.statusCode, 303);
    const second = await processDueMail(web.deps, { limit: 10 });
    assert.deepEqual(second, { claimed: 2, sent: 2, retrying: 0, failed: 0, interrupted: 0 });

    const toAda = smtp.receivedBy(ada.email);
    assert.equal(toAda.length, 1);
    assert.deepEqual(toAda[0]!.to, [ada.email]);
    const adaMail = await describeMessage(toAda[0]!.raw);
    assert.equal(adaMail.subject, 'Introduction: Kofi Mensah');
    assert.match(adaMail.to, new RegExp(`<${ada.email}>`));
    assert.match(adaMail.text, /Kofi Mensah \(Ministry of ICT, Kenya\) accepted your request/);
    assert.match(adaMail.text, new RegExp(`You can write to Kofi Mensah at: ${kofi.email}`));

    const toKofi = smtp.receivedBy(kofi.email);
    assert.equal(toKofi.length, 2, 'the request, then the acceptance');
    const kofiMail = await describeMessage(toKofi[1]!.raw);
    assert.equal(kofiMail.subject, 'Introduction: Ada Tamm');
    assert.match(kofiMail.text, new RegExp(`You can write to Ada Tamm at: ${ada.email}`));

    // Nothing is sent twice, however often the worker runs.
    await processDueMail(web.deps, { limit: 10 });
    assert.equal(smtp.received.length, 3);
  });

  it('sends nothing to anyone when a request is declined', async () => {
    const bea = await attendee('p-bea', 'Bea Ruiz', `gov-ee-${SLUG}`);
    const ama = await attendee('p-ama', 'Ama Owusu', `gov-ke-${SLUG}`);
    await postForm(web.app, `/introductions/ask/${ama.id}`, { message: 'Hello' }, bea.cookies);
    const [stored] = await web.deps.store.introductions.listInvolving(ama.id);
    // Declined before the worker ran: the request email is not sent either.
    await postForm(
      web.app,
      `/introductions/${stored!.id}/answer`,
      { decision: 'decline' },
      ama.cookies,
    );
    const before = smtp.received.length;
    await processDueMail(web.deps, { limit: 10 });
    assert.equal(smtp.received.length, before);
    assert.equal(smtp.receivedBy(bea.email).length, 0);
    assert.equal(smtp.receivedBy(ama.email).length, 0);
  });
});
