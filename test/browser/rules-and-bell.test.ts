/**
 * Rules and the bell in real Chromium: an admin writes a trigger, runs its dry run, sees the recent ticket it
 * would have matched, and only then switches it on; the next matching ticket is changed by it. An agent's bell
 * counts a ticket assigned to them live, lists it, and opens the ticket; the page reads in Chinese too.
 * Screenshots go to test-results/browser/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { drainJobs } from '../helpers/jobs.js';
import { launch, shot, unlabelledControls, watchErrors } from './chromium.js';

describe('Admin → Rules and the bell in the console', () => {
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

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${desk.url}/agent`);
    await page.locator('input[type=email]').fill(email);
    await page.locator('input[type=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
  }

  const newTicket = async (subject: string, body: string) => {
    const res = await api(desk, cast.tokens.supervisorA, 'POST', '/api/v1/tickets', { subject, body, requester: { email: `${Date.now()}@example.com` }, category: 'transaction', priority: 'normal' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { id: string; number: number };
  };

  test('an admin switches on a trigger after its dry run shows the ticket it would have matched', async () => {
    const earlier = await newTicket('Withdrawal to exchange missing', 'My withdrawal to the exchange is missing since yesterday');
    await drainJobs(desk.deps);
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await signIn(page, cast.admin.email);
    await page.getByRole('link', { name: 'Rules', exact: true }).click();
    await page.getByRole('heading', { name: 'Rules: triggers and automations', level: 1 }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Exchange withdrawals are high');
    await page.getByLabel('Condition 1: value').selectOption({ label: 'Ticket created' });
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByLabel('Condition 2: field').selectOption({ label: 'Subject' });
    await page.getByLabel('Condition 2: value').fill('exchange');
    await page.getByLabel('Action 1: value').selectOption({ label: 'High' });
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByLabel('Action 2: value').fill('exchange');
    assert.deepEqual(await unlabelledControls(page), []);

    await page.getByRole('button', { name: 'Save (switched off)' }).click();
    const row = page.getByRole('row', { name: /Exchange withdrawals are high/ });
    await row.getByRole('cell', { name: 'Off', exact: true }).waitFor();
    await row.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('heading', { name: 'Dry run: Exchange withdrawals are high' }).waitFor();
    await page.getByRole('link', { name: `#${earlier.number} Withdrawal to exchange missing` }).waitFor();
    await shot(page, 'rules-01-dry-run');
    assert.equal((await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets/${earlier.id}`)).body.priority, 'normal', 'the dry run changed nothing');

    await row.getByRole('button', { name: 'Switch on' }).click();
    await row.getByRole('cell', { name: 'On', exact: true }).waitFor();
    const rules = (await api(desk, cast.tokens.admin, 'GET', '/api/v1/rules')).body.rules as Array<{ name: string; enabled: boolean }>;
    assert.deepEqual(rules.map((r) => [r.name, r.enabled]), [['Exchange withdrawals are high', true]]);

    const later = await newTicket('Exchange deposit not credited', 'I sent coins to the exchange and nothing arrived');
    await drainJobs(desk.deps);
    const after = (await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets/${later.id}`)).body;
    assert.equal(after.priority, 'high');
    assert.ok(after.tags.includes('exchange'));
    // The ticket's history names the rule for what it did.
    await page.goto(`${desk.url}/agent/tickets/${later.number}`);
    await page.locator('details.history summary').click();
    // History reads as sentences (issue 19); the entry keeps its event type as an attribute.
    await page.locator('details.history li[data-event-type="rule.applied"]').filter({ hasText: 'rule "Exchange withdrawals are high"' }).waitFor();
    await shot(page, 'rules-02-history');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an agent\'s bell counts a ticket assigned to them live, lists it, and opens it', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await signIn(page, cast.agentA.email);
    const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ });
    await bell.waitFor();
    await page.locator('.live.on').waitFor();
    const t = await newTicket('Fee too high', 'Why did I pay such a high network fee?');
    assert.equal((await api(desk, cast.tokens.supervisorA, 'PATCH', `/api/v1/tickets/${t.id}`, { assignee_id: cast.agentA.id })).status, 200);
    await drainJobs(desk.deps);
    await page.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
    await page.getByRole('button', { name: 'Notifications, 1 unread' }).click();
    const item = page.getByRole('button', { name: `#${t.number} Fee too high was assigned to you by Sun Supervisor` });
    await item.waitFor();
    await page.getByRole('button', { name: 'What to tell me about' }).click();
    await page.getByLabel('Mentioned in a note: On the desktop').waitFor();
    await shot(page, 'bell-01-open');
    await page.getByLabel('Mentioned in a note: On the desktop').uncheck();
    await page.waitForFunction(async () => {
      const r = await fetch('/api/v1/notifications/settings');
      const body = (await r.json()) as { kinds: { mention: { desktop: boolean } } };
      return body.kinds.mention.desktop === false;
    });
    await item.click();
    await page.waitForURL(`**/agent/tickets/${t.number}`);
    await page.getByRole('button', { name: 'Notifications, 0 unread' }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the rules page and the bell read in Chinese', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, cast.admin.email);
    await page.getByRole('link', { name: '规则', exact: true }).click();
    await page.getByRole('heading', { name: '规则：触发器与自动化', level: 1 }).waitFor();
    await page.getByRole('button', { name: '安装钱包客服入门规则' }).click();
    await page.getByRole('cell', { name: '已解决 4 天后关闭', exact: true }).waitFor();
    await page.getByRole('button', { name: /^通知，\d+ 条未读$/ }).waitFor();
    await shot(page, 'rules-03-zh');
    await context.close();
  });
});
