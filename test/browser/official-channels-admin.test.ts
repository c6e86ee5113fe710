/**
 * Admin → Official channels in real Chromium: the form shows every field of the brand's registry document and
 * saving it keeps what the admin did not touch. PUT replaces the whole document, and the console's own copy of
 * the document's shape had no `keywords`, so saving any change silently dropped a brand's lookalike words.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { launch, shot, watchErrors } from './chromium.js';

describe('official channels in the admin console, in Chromium', () => {
  let desk: TestDesk;
  let cast: Cast;
  let browser: Browser;
  before(async () => {
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await desk?.close();
  });

  test("saving the form keeps the brand's keywords, and an emptied keywords box removes them", async () => {
    const path = `/api/v1/brands/${cast.brandA.id}/channels`;
    const put = await api(desk, cast.tokens.admin, 'PUT', path, { domains: ['phoenixwallet-desk.com'], emails: [], phones: [], handles: [], keywords: ['phoenixwallet', 'acinq'] });
    assert.equal(put.status, 200, JSON.stringify(put.body));

    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await page.goto(`${desk.url}/agent`);
    await page.locator('#email').fill(cast.admin.email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.getByRole('link', { name: 'Official channels' }).click();
    await page.locator('#oc-brand').selectOption(cast.brandA.id);

    const keywords = page.getByLabel('Brand words');
    const deadline = Date.now() + 10_000;
    while ((await keywords.count()) === 0 || (await keywords.inputValue()) !== 'phoenixwallet\nacinq') {
      assert.ok(Date.now() < deadline, 'the form shows the brand words it loaded');
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.locator('#oc-domains').fill('phoenixwallet-desk.com\nphoenix-wallet-desk.com');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const saved = await api(desk, cast.tokens.admin, 'GET', path);
    assert.deepEqual(saved.body.domains, ['phoenixwallet-desk.com', 'phoenix-wallet-desk.com']);
    assert.deepEqual(saved.body.keywords, ['phoenixwallet', 'acinq']);
    await shot(page, 'official-channels-admin');

    await keywords.fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    const until = Date.now() + 10_000;
    let cleared = await api(desk, cast.tokens.admin, 'GET', path);
    while (cleared.body.keywords !== undefined && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      cleared = await api(desk, cast.tokens.admin, 'GET', path);
    }
    assert.equal(cleared.body.keywords, undefined, 'no keywords: the marks come from the name and domains again');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('opened by URL (a reload), the page loads the first brand and saves to it', async () => {
    // Every brand has domains, so an empty box cannot pass for a loaded one.
    for (const [brand, domain] of [[cast.brandA, 'phoenixwallet-desk.com'], [cast.brandB, 'pocketwallet-desk.com']] as const) {
      const r = await api(desk, cast.tokens.admin, 'PUT', `/api/v1/brands/${brand.id}/channels`, { domains: [domain], emails: [], phones: [], handles: [] });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    const puts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT') puts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${desk.url}/agent`);
    await page.locator('#email').fill(cast.admin.email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.getByRole('link', { name: 'Official channels' }).click();
    await page.locator('#oc-domains').waitFor();
    await page.reload();
    await page.locator('#oc-domains').waitFor();
    const deadline = Date.now() + 10_000;
    let brandId = '';
    let expected: string | null = null;
    while (expected === null || (await page.locator('#oc-domains').inputValue()) !== expected) {
      assert.ok(Date.now() < deadline, 'after a reload the form shows the chosen brand\'s domains');
      const now = await page.locator('#oc-brand').inputValue();
      if (now && now !== brandId) {
        brandId = now;
        expected = ((await api(desk, cast.tokens.admin, 'GET', `/api/v1/brands/${brandId}/channels`)).body.domains as string[]).join('\n');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    assert.deepEqual(puts, [`/api/v1/brands/${brandId}/channels`], 'Save names the brand');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
