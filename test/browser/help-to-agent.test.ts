/**
 * The whole path in real Chromium against a real server: a customer sends a transaction problem on /help in
 * Chinese, an agent signs in, finds it in "Unassigned", takes it and replies; the customer sees the reply on
 * the status page and answers; the agent sees the answer without reloading. Screenshots of each step go to
 * test-results/browser/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { launch, shot, unlabelledControls, watchErrors } from './chromium.js';

const TXID = 'a1075db55d416d3ca199f55b6084e2115b9345e16c5cf302fc80e9d5fbf5d48d';

/** Signs an agent in through the English console. */
async function signIn(context: BrowserContext, url: string, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/agent`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: /Unassigned/ }).waitFor();
  return page;
}

describe('help center to agent console, in Chromium', () => {
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

  test('a Chinese transaction problem reaches an agent, who replies; the customer answers; both sides update live', async () => {
    // --- the customer, on a phone, in Chinese ---
    const phone = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const customer = await phone.newPage();
    const customerProblems = watchErrors(customer);
    await customer.goto(`${desk.url}/help?brand=satoshi`);
    await customer.getByText('我们绝不会索要您的助记词或私钥。').first().waitFor();
    assert.equal(await customer.locator('html').getAttribute('lang'), 'zh-CN', 'the language follows the browser');
    await customer.getByLabel('交易问题（未到账、卡住、失败）').check();
    await customer.getByLabel('交易ID（txid）', { exact: true }).fill(TXID);
    await customer.getByLabel('发生时间', { exact: true }).fill('2026-03-01T10:30');
    await customer.getByLabel('请描述具体情况').fill('我三天前转了 0.01 BTC，到现在还没有到账。');
    await customer.getByLabel('您的邮箱地址').fill('wang.fang@example.com');
    await shot(customer, '01-customer-form-zh');
    assert.deepEqual(await unlabelledControls(customer), [], 'every field of the form has a label');
    await customer.getByRole('button', { name: '提交请求' }).click();
    await customer.waitForURL(/\/help\/status#/);
    await customer.getByText('谢谢，我们已收到您的请求。').waitFor();
    const number = Number(/#(\d+)/.exec((await customer.locator('h1').textContent()) ?? '')?.[1]);
    assert.ok(number > 0, 'the status page names the request');
    await shot(customer, '02-customer-status-page');

    // --- the agent, on a desktop, in English ---
    const desktop = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 860 } });
    const agent = await desktop.newPage();
    const agentProblems = watchErrors(agent);
    await agent.goto(`${desk.url}/agent`);
    await agent.getByLabel('E-mail').fill(cast.agentA.email);
    await agent.getByLabel('Password').fill(PASSWORD);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('link', { name: /Unassigned/ }).click();
    const row = agent.getByRole('row', { name: /我三天前转了/ });
    await row.waitFor();
    await agent.locator('[data-view-count="unassigned"]', { hasText: '1' }).waitFor();
    await shot(agent, '03-agent-unassigned-view');
    await row.getByRole('link').click();
    await agent.getByRole('heading', { name: new RegExp(`#${number}`) }).waitFor();
    await agent.locator('[data-slot="txids"]', { hasText: TXID }).waitFor();
    await agent.getByRole('button', { name: 'Assign to me (a)' }).click();
    await agent.getByText(`Assigned to ${cast.agentA.name}`).waitFor();
    await agent.locator('[data-view-count="unassigned"]', { hasText: '0' }).waitFor();
    await agent.locator('#reply').fill('您好，我们查到了您的交易，它还在等待确认。请稍候。');
    await agent.getByRole('button', { name: 'Send reply' }).click();
    // A help-center request left no e-mail address: the reply waits on the status page, and the composer says so (issue 19).
    await agent.getByText("Reply saved on the customer's status page (no e-mail is sent from this desk).").waitFor();
    await shot(agent, '04-agent-replied');
    assert.deepEqual(await unlabelledControls(agent), [], 'every control of the ticket page has a label');

    // --- the customer sees the reply without reloading, and answers ---
    await customer.getByText('您好，我们查到了您的交易，它还在等待确认。请稍候。').waitFor({ timeout: 10_000 });
    await shot(customer, '05-customer-sees-reply');
    assert.deepEqual(await unlabelledControls(customer), [], 'every field of the status page has a label');
    await customer.getByLabel('您的回复').fill('好的，谢谢！交易时间是北京时间上午十点半。');
    await customer.getByRole('button', { name: '发送回复' }).click();
    await customer.locator('.thread li.you', { hasText: '交易时间是北京时间上午十点半' }).waitFor();

    // --- the agent sees the answer without reloading ---
    await agent.locator('[data-message-kind="public"]', { hasText: '交易时间是北京时间上午十点半' }).waitFor({ timeout: 10_000 });
    await shot(agent, '06-agent-sees-answer');

    assert.deepEqual(customerProblems, [], 'no script errors or CSP violations on the help center');
    assert.deepEqual(agentProblems, [], 'no script errors or CSP violations on the console');
    await phone.close();
    await desktop.close();
  });

  test('internal notes stay in the console, look different there, and the "?" overlay lists the shortcuts', async () => {
    const desktop = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 860 } });
    const agent = await desktop.newPage();
    await agent.goto(`${desk.url}/agent`);
    await agent.getByLabel('邮箱').fill(cast.agentA.email);
    await agent.getByLabel('密码').fill(PASSWORD);
    await agent.getByRole('button', { name: '登录' }).click();
    await agent.getByRole('link', { name: /我的工单/ }).click();
    await agent.getByRole('row').nth(1).getByRole('link').click();
    await agent.locator('#reply').waitFor();
    await agent.keyboard.press('n');
    await agent.keyboard.type('客户可能用了低手续费。');
    await agent.keyboard.press('Control+Enter');
    const note = agent.locator('[data-message-kind="note"]', { hasText: '低手续费' });
    await note.waitFor();
    const [noteBg, replyBg] = await Promise.all([
      note.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor),
      agent.locator('[data-message-kind="public"]').first().evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor),
    ]);
    assert.notEqual(noteBg, replyBg, 'a note does not look like a reply');
    await agent.locator('#reply').blur();
    await agent.keyboard.press('?');
    await agent.getByRole('dialog', { name: '键盘快捷键' }).waitFor();
    await shot(agent, '07-agent-note-and-shortcuts');

    const status = await fetch(`${desk.url}/api/v1/tickets?limit=1`, { headers: { authorization: `Bearer ${cast.tokens.agentA}` } });
    const ticket = ((await status.json()) as { tickets: Array<{ id: string }> }).tickets[0]!;
    const messages = (await desk.deps.store.messages.listForTicket(ticket.id)).filter((m) => !m.public);
    assert.equal(messages.length, 1, 'the note was stored as internal');
    await desktop.close();
  });

  test('a new request raises the live count, and two agents on one ticket see "X is replying"', async () => {
    const one = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 860 } });
    const two = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 860 } });
    const li = await signIn(one, desk.url, cast.agentA.email);
    await li.getByRole('link', { name: /Unassigned/ }).click();
    const count = li.locator('[data-view-count="unassigned"]');
    await count.filter({ hasText: /^\d+$/ }).waitFor();
    const before = Number(await count.textContent());
    const sent = await fetch(`${desk.url}/api/v1/help/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ brand: 'satoshi', kind: 'technical', description: 'The app freezes <img src=x onerror=alert(1)> after the update', email: 'freeze@example.com', language: 'en' }),
    });
    const { number } = (await sent.json()) as { number: number };
    await count.filter({ hasText: String(before + 1) }).waitFor();
    await li.getByRole('link', { name: 'The app freezes <img src=x onerror=alert(1)> after the update' }).waitFor();
    assert.equal(await li.locator('table img').count(), 0, "the customer's markup is shown as text, never parsed");

    const sun = await signIn(two, desk.url, cast.supervisorA.email);
    await li.goto(`${desk.url}/agent/tickets/${number}`);
    await sun.goto(`${desk.url}/agent/tickets/${number}`);
    await li.locator('#reply').waitFor();
    await sun.locator('#reply').waitFor();
    await sun.locator('#reply').pressSequentially('Looking at the logs');
    await li.getByText(`${cast.supervisorA.name} is replying…`).waitFor({ timeout: 10_000 });
    await shot(li, '08-agent-sees-colleague-replying');
    await one.close();
    await two.close();
  });
});
