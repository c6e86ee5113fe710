/**
 * SLA in real Chromium: an admin adds a policy with a short first-reply target in Admin → SLA, a ticket comes
 * in, and an agent watches its deadline count down on the list and the ticket page and turn red (negative) once
 * it passes; Admin → SLA reads in Chinese too. Screenshots go to test-results/browser/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { drainJobs } from '../helpers/jobs.js';
import { launch, shot, unlabelledControls, watchErrors } from './chromium.js';

/** What the page-side functions use of the DOM (the test's tsconfig has no DOM types). */
type El = { textContent: string | null; value?: string; classList: { contains(c: string): boolean } };
type Win = { document: { querySelector(s: string): El | null }; getComputedStyle(el: El): { color: string } };

describe('SLA countdowns in the console', () => {
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
    await desk.close();
  });

  async function signIn(page: Page, email: string, labels = { email: 'E-mail', password: 'Password', button: 'Sign in' }): Promise<void> {
    await page.goto(`${desk.url}/agent`);
    await page.getByLabel(labels.email).fill(email);
    await page.getByLabel(labels.password).fill(PASSWORD);
    await page.getByRole('button', { name: labels.button }).click();
  }

  test('an admin sets a 20-second first reply; the agent sees it count down and turn red', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await signIn(page, cast.admin.email);
    await page.getByRole('link', { name: 'SLA', exact: true }).click();
    await page.getByRole('heading', { name: 'SLA policies and business calendars', level: 1 }).waitFor();
    await page.getByText('No policy yet: tickets have no deadlines.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Fast lane');
    await page.getByLabel('Normal First reply').fill(String(20 / 60));
    await page.getByLabel('Normal Resolution').fill('600');
    await page.getByLabel('Count business hours only (the brand\'s calendar)').uncheck();
    await page.getByRole('button', { name: 'Add policy' }).click();
    await page.locator('[data-policy]').filter({ hasText: 'Fast lane' }).waitFor();
    assert.deepEqual(await unlabelledControls(page), []);
    await shot(page, 'sla-01-admin');
    const policies = (await api(desk, cast.tokens.admin, 'GET', '/api/v1/sla-policies')).body.policies;
    assert.deepEqual(policies[0].targets.normal, { first_reply_s: 20, next_reply_s: null, resolution_s: 36000, business_hours: false });

    const created = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', {
      subject: 'Withdrawal stuck',
      body: 'My withdrawal has been pending since this morning.',
      requester: { email: 'waiting@customer.example' },
      brand: cast.brandA.slug,
      priority: 'normal',
      category: 'transaction',
    });
    assert.equal(created.status, 201);
    await drainJobs(desk.deps); // the processor computes the clocks (the test desk runs no worker)

    await page.getByRole('link', { name: /All unsolved/ }).click();
    const cell = page.getByRole('row', { name: /Withdrawal stuck/ }).locator('[data-slot="sla-due"] time');
    await cell.waitFor();
    const first = await cell.textContent();
    assert.match(first ?? '', /^\d+ s$/, 'seconds left, before the deadline');
    await page.waitForFunction((before) => (globalThis as unknown as Win).document.querySelector('[data-slot="sla-due"] time')?.textContent !== before, first);
    const second = (await cell.textContent()) ?? '';
    if (/^\d+ s$/.test(second)) assert.ok(parseInt(second, 10) < parseInt(first!, 10), `${second} after ${first}: counting down`);
    await shot(page, 'sla-02-list-counting');
    // Then it turns red and negative.
    await page.waitForFunction(() => (globalThis as unknown as Win).document.querySelector('[data-slot="sla-due"] time')?.classList.contains('sla-breached') === true, undefined, { timeout: 40_000 });
    // At the deadline itself it reads "now"; a second later, negative.
    await page.waitForFunction(() => /^−\d+ s$/.test((globalThis as unknown as Win).document.querySelector('[data-slot="sla-due"] time')?.textContent ?? ''), undefined, { timeout: 5_000 });
    const colour = await cell.evaluate((el) => (globalThis as unknown as Win).getComputedStyle(el as unknown as El).color);
    assert.notEqual(colour, 'rgb(0, 0, 0)');
    await shot(page, 'sla-03-list-breached');

    await page.getByRole('link', { name: 'Withdrawal stuck' }).click();
    const panel = page.locator('[data-slot="sla-panel"]');
    await panel.getByRole('heading', { name: 'Service levels' }).waitFor();
    const firstReply = panel.locator('[data-sla-metric="first_reply"] time');
    await firstReply.waitFor();
    assert.ok(await firstReply.evaluate((el) => el.classList.contains('sla-breached')));
    await panel.locator('[data-sla-metric="resolution"]').getByText(/^(9 h 59 min|10 h 0 min)$/).waitFor();
    await shot(page, 'sla-04-ticket-page');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('Admin → SLA reads in Chinese', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await signIn(page, cast.admin.email, { email: '邮箱', password: '密码', button: '登录' });
    await page.getByRole('link', { name: 'SLA 时限', exact: true }).click();
    await page.getByRole('heading', { name: 'SLA 策略与工作日历', level: 1 }).waitFor();
    await page.locator(`[data-calendar="${cast.brandA.id}"]`).getByRole('button', { name: '添加中国大陆 2026 年节假日' }).click();
    await page.waitForFunction((id) => (globalThis as unknown as Win).document.querySelector(`[data-calendar="${id}"] textarea`)?.value?.includes('2026-02-16') === true, cast.brandA.id);
    await shot(page, 'sla-05-admin-zh');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
