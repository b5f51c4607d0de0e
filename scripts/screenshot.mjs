// Takes screenshots of a running Convene in Debian's Chromium, to look at pages as people see them.
// Usage: node scripts/screenshot.mjs http://localhost:3000 /programme=programme [/editions=editions ...]
// Writes test-results/screenshots/NAME.png; set FULL=1 for the whole page, TZID for the browser's zone.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [base, ...pages] = process.argv.slice(2);
if (!base || pages.length === 0) {
  console.error('Usage: node scripts/screenshot.mjs BASE_URL /path=name [/path=name ...]');
  process.exit(2);
}
mkdirSync('test-results/screenshots', { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
  ],
});
const context = await browser.newContext({
  timezoneId: process.env.TZID || 'Asia/Singapore',
  viewport: { width: Number(process.env.WIDTH || 1200), height: Number(process.env.HEIGHT || 900) },
});
const page = await context.newPage();
for (const entry of pages) {
  const [path, name] = entry.split('=');
  await page.goto(base + path);
  await page.waitForLoadState('networkidle');
  const file = `test-results/screenshots/${name}.png`;
  await page.screenshot({ path: file, fullPage: process.env.FULL === '1' });
  console.log(file, page.url());
}
await browser.close();
