/**
 * The chat widget's "download this conversation" button in real Chromium on a phone-size screen, once per
 * database (issue 18): it is not offered before a chat has started (pre-chat step, and the composer before the
 * first message is stored), appears as soon as the first message is acknowledged, and downloads a signed PDF
 * that the desk's verify endpoint accepts. A returning visitor has it at once.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { DIALECTS } from '../helpers/stores.js';
import { seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { launch, shot, watchErrors } from './chromium.js';

const hostPage = (deskUrl: string): string => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Satoshi Wallet</title></head>
<body><h1>Satoshi Wallet</h1><script src="${deskUrl}/chat/widget.js" data-brand="satoshi" data-language="zh-CN" async></script></body></html>`;

for (const dialect of DIALECTS) {
  describe(`the widget's record button in Chromium on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let browser: Browser;
    let site: Server;
    let siteUrl: string;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      site = createServer((_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(desk.url)));
      await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
      siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
      browser = await launch();
    });
    after(async () => {
      await browser?.close();
      await new Promise((resolve) => site?.close(resolve));
      await desk?.close();
    });

    test('hidden before the chat starts, shown right after the first message, and the PDF it gives verifies', async () => {
      assert.ok(cast.brandA);
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true });
      const page = await context.newPage();
      const problems = watchErrors(page);
      await page.goto(siteUrl);
      await page.getByRole('button', { name: /打开|客服|chat/i }).first().click();
      const panel = page.getByRole('dialog');
      await panel.waitFor();
      const record = panel.getByRole('button', { name: '下载本次对话（PDF）' });
      // The pre-chat step: no conversation yet, so no record to download.
      await panel.getByRole('button', { name: /开始/ }).waitFor();
      assert.equal(await record.isVisible(), false, 'no record button before a chat has started');
      await shot(page, `widget-record-01-prechat-${dialect}`);

      await panel.getByLabel(/交易/).first().check();
      await panel.getByRole('button', { name: /开始/ }).click();
      // The composer (not the pre-chat step's e-mail field) once the desk took the pre-chat step.
      const input = panel.getByRole('textbox', { name: '消息', exact: true });
      await input.waitFor({ state: 'visible' });
      assert.equal(await record.isVisible(), false, 'still none in an empty composer');
      await input.fill('我的提现三个小时还没到账。');
      await input.press('Enter');
      // Right after the desk acknowledges the first message, the button is there and works.
      await record.waitFor({ state: 'visible' });
      await shot(page, `widget-record-02-after-first-message-${dialect}`);
      const [download] = await Promise.all([page.waitForEvent('download'), record.click()]);
      assert.equal(download.suggestedFilename(), 'walletdesk-record.pdf');
      const chunks: Buffer[] = [];
      for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
      const pdf = Buffer.concat(chunks);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      const verified = await fetch(`${desk.url}/api/v1/records/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: pdf });
      const answer = (await verified.json()) as { valid: boolean };
      assert.equal(answer.valid, true, JSON.stringify(answer));

      // A returning visitor (reload) has the button at once.
      await page.reload();
      await page.getByRole('button', { name: /打开|客服|chat/i }).first().click();
      await page.getByRole('dialog').getByRole('button', { name: '下载本次对话（PDF）' }).waitFor({ state: 'visible' });
      assert.deepEqual(problems, []);
      await context.close();
    });
  });
}
