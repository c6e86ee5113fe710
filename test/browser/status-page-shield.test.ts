/**
 * The help center's status page in real Chromium after a customer sent a recovery phrase: the desk's
 * automatic "we removed it — move your funds" reply is on the page, and the removed-phrase marker reads in
 * the page's language (Chinese, then English after the language switch).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { api, seedCast, startTestDesk, type TestDesk } from '../helpers/desk.js';
import { launch, shot, watchErrors } from './chromium.js';

const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';

describe('status page after a removed phrase, in Chromium', () => {
  let desk: TestDesk;
  let browser: Browser;
  before(async () => {
    desk = await startTestDesk('sqlite');
    await seedCast(desk.deps);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await desk?.close();
  });

  test('shows the automatic reply and the marker in Chinese, and in English after switching', async () => {
    const res = await api(desk, null, 'POST', '/api/v1/help/requests', {
      brand: 'satoshi',
      language: 'zh-CN',
      email: 'zhao@example.com',
      kind: 'technical',
      description: `恢复钱包时提示助记词无效，我的助记词是 ${PHRASE} ，请帮忙。`,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await page.goto(`${desk.url}${res.body.status_path}`);
    await page.getByText('【助记词已删除】').first().waitFor();
    await page.getByText('客服系统自动消息').first().waitFor();
    const thread = (await page.locator('ol.thread').textContent()) ?? '';
    assert.ok(!thread.includes('removed]'), 'no English marker on the Chinese page');
    assert.ok(!thread.includes('sausage'));
    await shot(page, 'status-page-removed-phrase-zh');
    await page.getByLabel('语言').selectOption('en');
    await page.getByText('[recovery phrase removed]').first().waitFor();
    await page.getByText('Automatic message from support').first().waitFor();
    await shot(page, 'status-page-removed-phrase-en');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
