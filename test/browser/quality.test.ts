/**
 * Satisfaction and reports in real Chromium: a customer rates a solved request on the help center's status page
 * and in the chat widget embedded on another site; a supervisor lands on the live view (not an empty "My
 * tickets") and opens Reports in Chinese and English and sees charts. Screenshots go to test-results/browser/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { drainJobs, jobHandlers } from '../helpers/jobs.js';
import { launch, shot, unlabelledControls, watchErrors } from './chromium.js';
import { until } from '../helpers/until.js';

interface Win {
  document: { querySelectorAll(s: string): ArrayLike<{ width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } }> };
}


/** How many report charts on the page have something drawn (non-transparent pixels). */
function drawnCharts(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvases = Array.from((globalThis as unknown as Win).document.querySelectorAll('canvas[data-chart]'));
    return canvases.filter((c) => {
      if (!c.width || !c.height) return false;
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true;
      return false;
    }).length;
  });
}

describe('satisfaction and reports in Chromium', () => {
  let desk: TestDesk;
  let cast: Cast;
  let browser: Browser;
  let site: Server;
  let siteUrl: string;
  /** Runs the job queue as the worker would, with survey links pointing at this desk. */
  const drain = async () => {
    const { failures } = await drainJobs(desk.deps, { handlers: jobHandlers(desk.deps, desk.url) });
    assert.deepEqual(failures.map((f) => f.error), []);
  };
  const solve = async (ref: string | number) => assert.equal((await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${ref}`, { status: 'solved' })).status, 200);

  before(async () => {
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
    // Ask at once (the default waits 24 hours after the solve).
    for (const brand of [cast.brandA, cast.brandB]) {
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${brand.id}/csat-settings`, { delay_hours: 0 })).status, 200);
    }
    site = createServer((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Satoshi Wallet</title></head><body><h1>Satoshi Wallet</h1><script src="${desk.url}/chat/widget.js" data-brand="satoshi" data-language="en" async></script></body></html>`),
    );
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await desk?.close();
  });

  test('a customer rates a solved request on the status page', async () => {
    const req = await api(desk, null, 'POST', '/api/v1/help/requests', { brand: 'satoshi', language: 'zh-CN', email: 'li@example.com', kind: 'how_to', description: '怎么备份钱包？' });
    assert.equal(req.status, 201, JSON.stringify(req.body));
    await solve(req.body.number);
    await drain();
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await page.goto(`${desk.url}${req.body.status_path}`);
    const card = page.locator('form.csat');
    await card.getByRole('heading', { name: `您对工单 #${req.body.number} 的服务满意吗？` }).waitFor();
    await card.getByRole('button', { name: /不满意/ }).click();
    await card.getByLabel('哪里做得不好？').selectOption('unclear');
    await card.getByLabel('还有其他想说的吗？（可选）').fill('回答太简短了');
    assert.deepEqual(await unlabelledControls(page), []);
    await shot(page, 'csat-status-page-zh');
    await card.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价！').waitFor();
    const [survey] = await desk.deps.store.csat.listForTicket((await desk.deps.store.tickets.getByNumber(req.body.number))!.id);
    assert.equal(survey!.rating, 'bad');
    assert.equal(survey!.reason, 'unclear');
    assert.equal(survey!.comment, '回答太简短了');
    // A reload shows the answer, not the question again.
    await page.reload();
    await page.locator('[data-csat="rated"]').getByText('您对此工单的评价：不满意。').waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a visitor rates a solved chat inside the widget on another site', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await page.goto(siteUrl);
    await page.getByRole('button', { name: 'Open support chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Satoshi Wallet' });
    await panel.getByLabel('How do I…?').check();
    await panel.getByRole('button', { name: 'Start chat' }).click();
    const input = panel.getByRole('textbox', { name: 'Message' });
    await input.fill('How do I export my transaction history?');
    await input.press('Enter');
    const ticket = await until('the chat ticket', async () => (await api(desk, cast.tokens.agentA, 'GET', '/api/v1/tickets?channel=chat')).body.tickets[0] as { id: string; number: number } | undefined);
    await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Settings → Export, then pick a date range.', status: 'solved' });
    await drain();
    const survey = panel.locator('[data-csat]');
    await survey.getByRole('button', { name: 'Good' }).waitFor();
    assert.equal(await panel.getByText(/csat\/v1\./).count(), 0, 'the link itself is not shown: the buttons stand for it');
    await shot(page, 'csat-widget-question');
    await survey.getByRole('button', { name: /Good/ }).click();
    await survey.getByText('Thank you for your rating!').waitFor();
    await shot(page, 'csat-widget-thanks');
    const [stored] = await desk.deps.store.csat.listForTicket(ticket.id);
    assert.equal(stored!.state, 'rated');
    assert.equal(stored!.rating, 'good');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a supervisor lands on the live view and opens Reports with charts in Chinese and English', async () => {
    // Something to chart: tickets on several channels, answered and solved.
    for (const [i, channel] of ['email', 'api', 'email'].entries()) {
      const t = (await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: `Report ${i}`, body: 'Need help', requester: { email: `r${i}@example.com` }, ...(channel === 'email' ? {} : {}) })).body;
      await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/messages`, { body: 'Here is how.', status: i === 2 ? 'pending' : 'solved' });
    }
    await drain();
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Shanghai', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await page.goto(`${desk.url}/agent`);
    await page.locator('#email').fill(cast.supervisorA.email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    // Not "My tickets": the live view of the desk.
    await page.locator('[data-live-view]').waitFor();
    await page.getByRole('heading', { name: 'Queues (unsolved)' }).waitFor();
    assert.match(await page.locator('[data-live-queue="all"]').innerText(), /^\d+$/);
    await shot(page, 'reports-live-en');

    await page.getByRole('link', { name: 'Quality report' }).click();
    await page.locator('[data-report]').waitFor();
    await page.locator('[data-metric="created"]').waitFor();
    assert.ok(Number(await page.locator('[data-metric="created"]').innerText()) >= 5);
    assert.match(await page.locator('[data-metric="csat"]').innerText(), /^\d+(\.\d)?% \(\d+ good, \d+ bad\)$/);
    await until('charts drawn', async () => (await drawnCharts(page)) >= 5);
    assert.deepEqual(await unlabelledControls(page), []);
    const csvHref = await page.getByRole('link', { name: 'CSV' }).first().getAttribute('href');
    assert.match(csvHref ?? '', /^\/api\/v1\/reports\/full\.csv\?.*table=summary/);
    const csv = await page.evaluate(async (href) => (await fetch(href)).text(), csvHref!);
    assert.match(csv, /tickets_created,\d+/);
    await shot(page, 'reports-quality-en');

    await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
    await page.getByRole('heading', { name: '报表', level: 1 }).waitFor();
    await page.getByRole('heading', { name: '按渠道统计的新工单' }).waitFor();
    await page.getByText('满意度（CSAT）').waitFor();
    await until('charts drawn in Chinese', async () => (await drawnCharts(page)) >= 5);
    await shot(page, 'reports-quality-zh');
    await page.getByRole('link', { name: '实时概览' }).click();
    await page.getByRole('heading', { name: '队列（未解决）' }).waitFor();
    await shot(page, 'reports-live-zh');
    assert.deepEqual(problems, []);
    await context.close();

    // An agent has no Reports in the menu, and the page says so when typed in.
    const agentContext = await browser.newContext({ locale: 'en-GB' });
    const agentPage = await agentContext.newPage();
    await agentPage.goto(`${desk.url}/agent/reports`);
    await agentPage.locator('#email').fill(cast.agentA.email);
    await agentPage.locator('#password').fill(PASSWORD);
    await agentPage.locator('form button[type=submit]').click();
    await agentPage.getByText('Reports are for supervisors and admins.').waitFor();
    assert.equal(await agentPage.getByRole('link', { name: 'Quality report' }).count(), 0);
    await agentContext.close();
  });
});
