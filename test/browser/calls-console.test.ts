/**
 * The hotline from the agent's side, in real Chromium against a real server: callers reach the queue through the
 * provider's signed webhooks (the Twilio simulator), show up on the console's Calls page without a reload
 * (emergencies first, numbers masked, time waited ticking), and the agent takes them with the button or `t`
 * (the fake provider REST API receives the transfer) and they leave the list. A callback request appears and is
 * marked done. A desk without the provider's REST API shows Take call disabled, with the reason.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api, PASSWORD, seedCast, type Cast } from '../helpers/desk.js';
import { find, PUBLIC_URL, startPhoneDesk, type PhoneDesk, type SimCall } from '../phone/twilio-sim.js';
import { launch, shot, unlabelledControls, watchErrors } from './chromium.js';
import { until } from '../helpers/until.js';

const LINE = '+14155550100';
const QUEUE_SID = 'QU0123456789abcdef0123456789abcdef';

/** Calls the line, picks English and a menu option, and holds in the queue (the provider's wait loop). */
async function queueCaller(desk: PhoneDesk, from: string, menuDigit: string): Promise<SimCall> {
  const call = desk.sim.call(from, LINE);
  const first = await call.start();
  const lang = await call.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '2' });
  const menu = await call.follow(find(lang.doc!, 'Gather').attrs.action!, { Digits: menuDigit });
  assert.ok(find(menu.doc!, 'Enqueue'), 'the caller is put in the queue');
  await hold(call);
  return call;
}

const hold = (call: SimCall) =>
  call.follow(`${PUBLIC_URL}/hooks/voice/twilio/wait`, { QueueSid: QUEUE_SID, QueuePosition: '1', QueueTime: '5', AvgQueueTime: '5', CurrentQueueSize: '1', MaxQueueSize: '100' });

/** Signs in through the console and opens the Calls page from the sidebar. */
async function openCalls(context: BrowserContext, url: string, email: string, linkName: RegExp, heading: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/agent`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.getByRole('link', { name: linkName }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  return page;
}


async function setUp(voice: boolean): Promise<{ desk: PhoneDesk; cast: Cast }> {
  const desk = await startPhoneDesk('sqlite', { voice });
  const cast = await seedCast(desk.deps);
  assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [LINE] })).status, 200);
  return { desk, cast };
}

describe('the hotline on the agent console, in Chromium', () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  describe('with the provider configured', () => {
    let desk: PhoneDesk;
    let cast: Cast;
    before(async () => ({ desk, cast } = await setUp(true)));
    after(async () => desk?.close());

    test('waiting callers appear live, emergencies first; the agent takes them (t and the button) and they leave the list', async () => {
      const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 860 } });
      const page = await openCalls(context, desk.url, cast.agentA.email, /^Calls/, 'Calls');
      const problems = watchErrors(page);
      await page.getByRole('heading', { name: 'Nobody is waiting' }).waitFor();
      await page.getByText('An admin sets up the hotline: its numbers in Admin → Channels.').waitFor();
      await page.getByText('No callbacks to make.').waitFor();
      await page.locator('[data-call-count="0"]').waitFor();
      await shot(page, 'calls-01-empty');

      // A caller with a delayed transaction, then one whose money was stolen: the emergency goes first.
      const wang = await queueCaller(desk, '+8613800138001', '2');
      await page.locator('tr[data-call-id]').first().waitFor();
      const zhang = await queueCaller(desk, '+8613912345678', '1');
      const rows = page.locator('tr[data-call-id]');
      await until('two waiting callers', async () => (await rows.count()) === 2);
      await page.locator('[data-call-count="2"]').waitFor();
      const first = rows.nth(0);
      assert.equal(await first.getAttribute('data-emergency'), 'true', 'the emergency is first');
      const firstText = (await first.textContent()) ?? '';
      assert.match(firstText, /Emergency · money stolen/);
      assert.match(firstText, /Money stolen or unknown transaction/);
      assert.match(firstText, /English/);
      assert.match(firstText, /Satoshi Wallet/);
      assert.match(firstText, /#\d+/, 'the linked ticket');
      assert.equal(await rows.nth(1).getAttribute('data-emergency'), 'false');
      assert.match((await rows.nth(1).textContent()) ?? '', /Transaction delayed or failed/);

      // The number is masked to its last four digits until the agent opens it.
      const number = first.locator('[data-caller-number]');
      assert.equal(await number.textContent(), '+•••••••••5678');
      assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /13912345678|13800138001/, 'no full number on the page');
      await first.getByRole('button', { name: 'Show the full number of the caller ending +•••••••••5678' }).click();
      assert.equal(await number.textContent(), '+8613912345678');
      await first.getByRole('button', { name: /Hide the number/ }).click();
      assert.equal(await number.textContent(), '+•••••••••5678');

      // The time waited ticks without a reload.
      const waited = first.locator('.calls-waited');
      const before = await waited.textContent();
      await until('the time waited to tick', async () => (await waited.textContent()) !== before, 4000);
      assert.deepEqual(await unlabelledControls(page), []);
      await shot(page, 'calls-02-waiting');

      // t takes the first waiting call: the provider is asked to bring the caller out of the queue.
      const restBefore = desk.rest.length;
      await page.locator('main').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('t');
      await page.getByText(/You took the call from \+•••••••••5678/).waitFor();
      const transfer = await until('the transfer request', () => desk.rest.slice(restBefore).find((r) => r.url.includes(`/Members/${zhang.sid}.json`)));
      assert.equal(transfer.form.get('Method'), 'POST');
      await until('the emergency caller to leave the list', async () => (await rows.count()) === 1);
      assert.equal(await rows.nth(0).getAttribute('data-emergency'), 'false');
      await page.locator('[data-call-count="1"]').waitFor();
      const zhangCall = await desk.deps.store.calls.getBySid(zhang.sid);
      assert.equal(zhangCall?.state, 'connecting');
      assert.equal(zhangCall?.agentId, cast.agentA.id);

      // The button takes the other one.
      await rows.nth(0).getByRole('button', { name: 'Take the call from +•••••••••8001' }).click();
      await until('the second transfer', () => desk.rest.find((r) => r.url.includes(`/Members/${wang.sid}.json`)));
      await page.getByRole('heading', { name: 'Nobody is waiting' }).waitFor();
      await page.locator('[data-call-count="0"]').waitFor();
      assert.equal((await desk.deps.store.calls.getBySid(wang.sid))?.agentId, cast.agentA.id);

      // The shortcut is listed in the ? overlay.
      await page.keyboard.press('?');
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Calls: take the first waiting call').waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      assert.deepEqual(problems, []);
      await context.close();
    });

    test('a callback request appears live and the agent marks it done after dialling from their own phone', async () => {
      const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 860 } });
      const page = await openCalls(context, desk.url, cast.agentA.email, /^Calls/, 'Calls');
      const problems = watchErrors(page);
      await page.getByText('No callbacks to make.').waitFor();

      const from = '+8613700001234';
      const call = await queueCaller(desk, from, '3');
      await page.locator('tr[data-call-id]').first().waitFor();
      // While waiting the caller presses 1, confirms their number, and leaves the queue.
      const wait = await hold(call);
      const offer = await call.follow(find(wait.doc!, 'Gather').attrs.action!, { Digits: '1' });
      const leave = await call.follow(find(offer.doc!, 'Gather').attrs.action!, { Digits: '1' });
      assert.ok(find(leave.doc!, 'Leave'));
      await call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'leave', QueueTime: '20' });

      const row = page.locator('tr[data-callback-id]');
      await row.waitFor();
      await page.getByRole('heading', { name: 'Nobody is waiting' }).waitFor();
      const text = (await row.textContent()) ?? '';
      assert.match(text, /\+•••••••••1234/);
      assert.doesNotMatch(text, /13700001234/);
      assert.match(text, /English/);
      await row.getByRole('link', { name: 'Open ticket' }).waitFor();
      await page.getByText(/Dial from your own phone/).waitFor();

      await row.getByRole('button', { name: 'Call back +•••••••••1234' }).click();
      const dial = row.getByRole('group', { name: 'Call back +•••••••••1234' });
      await dial.getByRole('link', { name: from }).waitFor();
      assert.equal(await dial.getByRole('link', { name: from }).getAttribute('href'), `tel:${from}`);
      assert.deepEqual(await unlabelledControls(page), []);
      await shot(page, 'calls-03-callback');
      await dial.getByRole('button', { name: 'Mark done' }).click();
      await page.getByText('Callback to +•••••••••1234 marked done.').waitFor();
      await row.waitFor({ state: 'detached' });
      await page.getByText('No callbacks to make.').waitFor();

      const done = await api(desk, cast.tokens.agentA, 'GET', '/api/v1/calls/callbacks?status=done');
      const request = done.body.callbacks.find((c: { phone: string }) => c.phone === from);
      assert.ok(request, 'the request is done');
      assert.equal(request.done_by, cast.agentA.id);
      assert.deepEqual(problems, []);
      await context.close();
    });
  });

  describe('two brands, two queues', () => {
    let desk: PhoneDesk;
    let cast: Cast;
    before(async () => {
      ({ desk, cast } = await setUp(true));
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandB.id}`, { phone_numbers: ['+14155550200'] })).status, 200);
      await queueCaller(desk, '+8613800137001', '2');
      const other = desk.sim.call('+8613800137002', '+14155550200');
      const first = await other.start();
      const lang = await other.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '2' });
      assert.ok(find((await other.follow(find(lang.doc!, 'Gather').attrs.action!, { Digits: '2' })).doc!, 'Enqueue'));
      await queueCaller(desk, '+8613800137003', '1');
    });
    after(async () => desk?.close());

    for (const [locale, link, heading, said] of [
      ['en-US', /^Calls/, 'Calls', ['Place 1 of 2 in the Satoshi Wallet queue', 'Place 2 of 2 in the Satoshi Wallet queue', 'Place 1 of 1 in the Lightning Pocket queue']],
      ['zh-CN', /^电话(?!线路)/, '电话', ['Satoshi Wallet 队列第 1 位（共 2 位）', 'Satoshi Wallet 队列第 2 位（共 2 位）', 'Lightning Pocket 队列第 1 位（共 1 位）']],
    ] as const) {
      test(`each caller's place is in their own brand's queue, with its size (${locale})`, async () => {
        const context = await browser.newContext({ locale, timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 860 } });
        const page = await openCalls(context, desk.url, cast.admin.email, link, heading);
        await until('three waiting callers', async () => (await page.locator('tr[data-call-id]').count()) === 3);
        const places = await page.locator('tr[data-call-id] td[data-place]').evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-place'), c.querySelector('.sr-only')?.textContent]));
        // Emergencies first, then by arrival: brand A's emergency, brand A's caller behind it, brand B's only caller.
        assert.deepEqual(places, [['1/2', said[0]], ['2/2', said[1]], ['1/1', said[2]]]);
        await shot(page, `calls-06-two-queues-${locale === 'en-US' ? 'en' : 'zh'}`);
        await context.close();
      });
    }
  });

  describe('without the provider REST API', () => {
    let desk: PhoneDesk;
    let cast: Cast;
    before(async () => ({ desk, cast } = await setUp(false)));
    after(async () => desk?.close());

    test('Take call is disabled with the reason, in Chinese', async () => {
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 860 } });
      await queueCaller(desk, '+8613800139999', '1');
      const page = await openCalls(context, desk.url, cast.agentA.email, /^电话/, '电话');
      const problems = watchErrors(page);
      const row = page.locator('tr[data-call-id]');
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /紧急 · 资金被盗/);
      await page.getByText('暂时无法在控制台接听来电。').first().waitFor();
      // TWILIO_AUTH_TOKEN is set (the line answers): the notice names only the missing account SID.
      const notice = (await page.locator('#take-unavailable').textContent()) ?? '';
      assert.match(notice, /缺少 TWILIO_ACCOUNT_SID。/);
      assert.doesNotMatch(notice, /TWILIO_AUTH_TOKEN/);
      const take = row.getByRole('button', { name: /接听来自/ });
      await until('the take button to be disabled', () => take.isDisabled());
      assert.equal(await take.getAttribute('aria-describedby'), 'take-unavailable');
      await page.locator('main').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('t');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await desk.deps.store.calls.listQueued(null)).length, 1, 't does nothing while calls cannot be taken');
      assert.deepEqual(await unlabelledControls(page), []);
      await shot(page, 'calls-04-unavailable-zh');
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('the notice names the missing variable in English too', async () => {
      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 860 } });
      const page = await openCalls(context, desk.url, cast.agentA.email, /^Calls/, 'Calls');
      const notice = page.locator('#take-unavailable');
      await notice.waitFor();
      const text = (await notice.textContent()) ?? '';
      assert.match(text, /not configured on the server: TWILIO_ACCOUNT_SID missing\./);
      assert.doesNotMatch(text, /TWILIO_AUTH_TOKEN/);
      await shot(page, 'calls-05-unavailable-en');
      await context.close();
    });
  });
});
