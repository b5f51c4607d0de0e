import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { createTestDatabase } from './support/databases.ts';
import { buildTestWebApp } from './support/web-app.ts';
import { seedEdition } from './support/programme-factory.ts';
import { signInAs } from './support/sessions.ts';
const db = await createTestDatabase('sqlite');
const web = await buildTestWebApp(db, { devOrganizer: false });
const s = await seedEdition(web.deps);
await web.deps.store.people.savePerson({ id: 'p1', name: 'Amara Okafor', email: 'a@x.example', governmentId: null, role: 'other', maturity: 'starting', timeZone: 'Africa/Lagos' });
await web.deps.store.people.addInvitee(s.edition.id, 'p1', '2021-01-01T00:00:00Z');
const cookies = await signInAs(web.deps, { id: 'p1' }, [{ editionId: s.edition.id, role: 'organizer' }]);
const address = await web.app.listen({ port: 0, host: '127.0.0.1' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const context = await browser.newContext();
await context.addCookies([{ name: 'convene_session', value: cookies.convene_session!, url: address }]);
const page = await context.newPage();
const check = async (label: string) => {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']).setLegacyMode().analyze();
  console.log(label, page.url(), JSON.stringify(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`)));
  await page.screenshot({ path: `/tmp/axecheck/${label}.png`, fullPage: true });
};
for (const [label, path] of [['registration', '/editions/dsc-2021/registration'], ['account', '/account'], ['delete', '/account/delete'], ['privacy', '/privacy']] as const) {
  await page.goto(`${address}${path}`); await check(label);
}
await page.goto(`${address}/editions/dsc-2021/registration`);
await page.getByLabel('Yes, I will attend').check();
await page.fill('#field-displayName', '');
await page.getByRole('button', { name: 'Save your answers' }).click();
await check('registration-errors');
await page.fill('#field-displayName', 'Amara');
await page.locator('#field-sessions').check();
await page.getByRole('button', { name: 'Save your answers' }).click();
await check('confirmation');
await page.getByRole('link', { name: 'See your programme' }).click();
await check('programme');
await browser.close(); await web.app.close(); await db.drop();
