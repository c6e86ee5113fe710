/**
 * `walletdesk demo` chats in real Chromium: each demo chat is a chat conversation (its visitor session exists),
 * so the Chats page opens it with the visitor's badge and a composer — never "Not a chat" — and the agent's
 * reply is stored on it. English and Chinese.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { seedDemo } from '../../src/cli/demo-desk.js';
import { startTestDesk, type TestDesk } from '../helpers/desk.js';
import { launch, shot, watchErrors } from './chromium.js';

describe('demo chats on the Chats page, in Chromium', () => {
  let browser: Browser;
  let desk: TestDesk;
  let login: { adminEmail: string; password: string };
  before(async () => {
    browser = await launch();
    desk = await startTestDesk('sqlite');
    login = await seedDemo(desk.deps, { tickets: 60 });
  });
  after(async () => {
    await browser?.close();
    await desk?.close();
  });

  for (const [locale, link, notChat, reply] of [
    ['en-US', /^Chats/, 'Not a chat', 'We are checking your transfer now.'],
    ['zh-CN', /^聊天/, '不是聊天', '我们正在核查您的转账。'],
  ] as const) {
    test(`a demo chat opens as a chat and takes a reply (${locale})`, async () => {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 } });
      const page = await context.newPage();
      const problems = watchErrors(page);
      await page.goto(`${desk.url}/agent`);
      await page.locator('#email').fill(login.adminEmail);
      await page.locator('#password').fill(login.password);
      await page.locator('form button[type=submit]').click();
      await page.getByRole('link', { name: link }).click();
      const item = page.locator('li[data-chat-id]').first();
      await item.waitFor({ timeout: 10_000 });
      await item.getByRole('link').click();
      const view = page.locator('article.chat-view');
      await view.locator('[data-identity]').waitFor();
      assert.equal(await page.getByText(notChat, { exact: true }).count(), 0);
      await page.locator('#chat-reply').fill(reply);
      await page.locator('#chat-reply').press('Enter');
      await view.locator('[data-from="agent"]', { hasText: reply }).waitFor();
      const ticketId = (await view.getAttribute('data-ticket-id'))!;
      assert.ok((await desk.deps.store.messages.listForTicket(ticketId)).some((m) => m.body === reply), 'the reply is stored on the chat');
      await shot(page, `demo-chat-${locale === 'en-US' ? 'en' : 'zh'}`);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
