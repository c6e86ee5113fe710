/**
 * The API documentation page in Chromium: it loads under the desk's Content Security Policy without a violation,
 * and its introduction shows the whole Authorization header, placeholder included.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestDesk, type TestDesk } from '../helpers/desk.js';
import { launch, shot, watchErrors } from './chromium.js';

describe('/api/docs in Chromium', () => {
  let browser: Browser;
  let desk: TestDesk;
  before(async () => {
    browser = await launch();
    desk = await startTestDesk('sqlite');
  });
  after(async () => {
    await browser?.close();
    await desk?.close();
  });

  test('renders the operations with no CSP violation and names the header with its placeholder', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const problems = watchErrors(page);
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    await page.goto(`${desk.url}/api/docs`);
    await page.locator('.opblock').first().waitFor();
    const intro = await page.locator('.info .description').innerText();
    assert.match(intro, /Authorization: Bearer <API token>/);
    await shot(page, 'api-docs');
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
