/**
 * The search box in the console's top bar: what an agent types is readable (it was white on white, inheriting
 * the bar's text colour), and Enter opens the search page.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { contrast, launch, shot, watchErrors } from './chromium.js';

describe('the console search box, in Chromium', () => {
  let browser: Browser;
  let desk: TestDesk;
  let cast: Cast;
  before(async () => {
    browser = await launch();
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
  });
  after(async () => {
    await browser?.close();
    await desk?.close();
  });

  test('typed text is readable against the box, and Enter opens the search page', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } })).newPage();
    const problems = watchErrors(page);
    await page.goto(`${desk.url}/agent`);
    await page.locator('#email').fill(cast.agentA.email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    const box = page.locator('#search');
    await box.fill('withdrawal');
    const { color, background } = await box.evaluate((el) => {
      const s = (globalThis as unknown as { getComputedStyle(e: unknown): { color: string; backgroundColor: string } }).getComputedStyle(el);
      return { color: s.color, background: s.backgroundColor };
    });
    assert.ok(contrast(color, background) >= 4.5, `text ${color} on ${background} has a contrast of at least 4.5:1`);
    await shot(page, 'console-search-box');
    await box.press('Enter');
    await page.waitForURL(/\/agent\/search\?q=withdrawal/);
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
