import type { APIRequestContext, BrowserContext } from 'playwright-core';

/** The subject of the email with a sign-in link (src/app/access/sign-in.ts). */
const SIGN_IN_SUBJECT = 'Your link to sign in to Convene';

/** The hidden field every form carries against cross-site request forgery (partials/csrf.njk). */
function csrfTokenIn(html: string, where: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`Signing in: no form token on ${where}.`);
  return token;
}

async function textOf(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(path);
  if (!response.ok()) throw new Error(`Signing in: GET ${path} answered ${response.status()}.`);
  return response.text();
}

/**
 * Given a person signed in, as the README tells a newcomer to do on the demo: ask for a link
 * at /sign-in, find the email in the development outbox, follow its link and confirm. It goes
 * over HTTP in the browser context (no pages to render), which then holds the session cookie.
 * The sign-in pages themselves are journeys of their own.
 */
export async function signInThroughOutbox(context: BrowserContext, email: string): Promise<void> {
  const { request } = context;
  const form = await textOf(request, '/sign-in');
  const asked = await request.post('/sign-in', {
    form: { email, _csrf: csrfTokenIn(form, '/sign-in') },
  });
  if (!asked.ok()) throw new Error(`Signing in: POST /sign-in answered ${asked.status()}.`);

  // The outbox lists the newest message first, one row per message: To, then the subject link.
  // Other mail to the same person may have arrived since (the demo queues an introduction to
  // its attendee, which the mail worker sends soon after the product starts), so the row is
  // the newest one to them with the sign-in subject.
  const outbox = await textOf(request, '/dev/outbox');
  const row = outbox
    .split('<tr>')
    .slice(1)
    .find((part) => part.includes(email) && part.includes(SIGN_IN_SUBJECT));
  const message = row && /href="(\/dev\/outbox\/[^"]+)"/.exec(row)?.[1];
  if (!message)
    throw new Error(
      `Signing in: no email "${SIGN_IN_SUBJECT}" to ${email} in the development outbox:\n${outbox.slice(outbox.indexOf('<main'), outbox.indexOf('</main>'))}`,
    );
  const link = /href="[^"]*?(\/sign-in\/[^"/]+)"/.exec(await textOf(request, message))?.[1];
  if (!link) throw new Error(`Signing in: the email to ${email} has no sign-in link.`);

  const confirm = await textOf(request, link);
  const used = await request.post(link, { form: { _csrf: csrfTokenIn(confirm, link) } });
  if (!used.ok()) throw new Error(`Signing in: POST ${link} answered ${used.status()}.`);
  const cookies = await context.cookies();
  if (!cookies.some((cookie) => cookie.name === 'convene_session')) {
    throw new Error(`Signing in as ${email} gave no session cookie.`);
  }
}
