/**
 * Click-to-call in real Chromium at 390 px, in English and Chinese (issue 19): an agent without a number on their
 * profile is told to set it there and does; "Call now" on the Calls page places the callback through a local
 * server speaking Twilio's Calls API, and the status follows live over the console's socket (the agent's phone
 * rings, the customer is connected, the callback is made) while the provider holds the call at each step. On a
 * phone ticket "Call now" does the same without a trip to the Calls page. An admin sets an agent's number in Admin →
 * Agents.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { api, PASSWORD, seedCast, type Cast } from '../helpers/desk.js';
import { until } from '../helpers/until.js';
import { ACCOUNT_SID, AUTH_TOKEN, find, PUBLIC_URL, startPhoneDesk, type PhoneDesk } from '../phone/twilio-sim.js';
import { startTwilioCalls, type PlacedCall, type TwilioCallsServer } from '../phone/twilio-calls-server.js';
import { join } from 'node:path';
import { launch, SCREENSHOTS, shot, unlabelledControls, watchErrors } from './chromium.js';

const LINE = '+14155550100';

const TEXT = {
  en: {
    locale: 'en-GB',
    callNow: 'Call now',
    noPhone: 'Add your own phone number on your profile first',
    setIt: 'Set it on your profile',
    label: 'Your phone number',
    save: 'Save number',
    saved: 'Saved.',
    ringing: 'Your phone is ringing',
    connected: 'Connected with the customer',
    made: 'Callback made',
    history: 'The customer answered the callback',
  },
  'zh-CN': {
    locale: 'zh-CN',
    callNow: '立即回拨',
    noPhone: '请先在个人资料中填写您自己的电话号码',
    setIt: '去个人资料填写',
    label: '您的电话号码',
    save: '保存号码',
    saved: '已保存。',
    ringing: '您的电话正在响铃',
    connected: '已与客户接通',
    made: '已完成回拨',
    history: '客户接听了回拨',
  },
} as const;

describe('click-to-call on the console, in Chromium at 390 px', () => {
  let browser: Browser;
  let desk: PhoneDesk;
  let cast: Cast;
  let twilio: TwilioCallsServer;
  const target = { url: '' };
  // The provider holds a call at one step until the test lets it go on.
  const hold: { step: string | null; reached: PlacedCall | null; release: (() => void) | null } = { step: null, reached: null, release: null };
  const holdAt = (step: string | null) => {
    hold.step = step;
    hold.reached = null;
    const go = hold.release;
    hold.release = null;
    go?.();
  };

  before(async () => {
    twilio = await startTwilioCalls({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      numbers: [LINE],
      deliverTo: (u) => `${target.url}${u.slice(PUBLIC_URL.length)}`,
      gate: (step, placed) => {
        if (step !== hold.step) return Promise.resolve();
        hold.reached = placed;
        return new Promise<void>((resolve) => (hold.release = resolve));
      },
    });
    desk = await startPhoneDesk('sqlite', { apiUrl: twilio.url });
    target.url = desk.url;
    cast = await seedCast(desk.deps);
    assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [LINE] })).status, 200);
    browser = await launch();
  });
  after(async () => {
    holdAt(null);
    await browser?.close();
    await twilio?.close();
    await desk?.close();
  });

  /** A caller picks English and "how to use the wallet"; an agent adds a callback task. Returns the ticket's number. */
  async function callbackFrom(from: string): Promise<number> {
    const c = desk.sim.call(from, LINE);
    const first = await c.start();
    const lang = await c.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '2' });
    await c.follow(find(lang.doc!, 'Gather').attrs.action!, { Digits: '4' });
    await c.end('completed', '20');
    const record = await desk.deps.store.calls.getBySid(c.sid);
    assert.equal((await api(desk, cast.tokens.agentA, 'POST', '/api/v1/calls/callbacks', { ticket_id: record!.ticketId })).status, 201);
    return (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${record!.ticketId}`)).body.number as number;
  }

  async function signIn(lang: keyof typeof TEXT, email: string): Promise<Page> {
    const context = await browser.newContext({ locale: TEXT[lang].locale, timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${desk.url}/agent`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    // The sign-in page has a <main> too: wait for the form to go, or a goto right after races the session.
    await page.locator('#email').waitFor({ state: 'detached' });
    await page.locator('main').waitFor();
    return page;
  }

  const pageWidth = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);

  test("an admin sets an agent's number in Admin → Agents", async () => {
    const page = await signIn('en', cast.admin.email);
    const problems = watchErrors(page);
    await page.goto(`${desk.url}/agent/admin/agents`);
    await page.getByRole('button', { name: 'Edit Bob Agent' }).click();
    const field = page.getByLabel('Phone for callbacks');
    await field.fill('+49 151 0000 0099');
    await page.getByRole('button', { name: 'Save number' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal(await field.inputValue(), '+4915100000099');
    assert.equal((await api(desk, cast.tokens.admin, 'GET', `/api/v1/calls/agents/${cast.agentB.id}/phone`)).body.phone, '+4915100000099');
    assert.ok((await pageWidth(page)) <= 390, `Admin → Agents fits 390 px (${await pageWidth(page)})`);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    test(`${lang}: no number → the profile; Call now on the Calls page and on the phone ticket, its status live`, async () => {
      const x = TEXT[lang];
      // Each language run is its own agent: the English one starts without a number.
      const email = lang === 'en' ? cast.agentA.email : cast.supervisorA.email;
      const phone = lang === 'en' ? '+86 139 1234 0001' : '+86 139 1234 0002';
      const callerA = lang === 'en' ? '+8613800138101' : '+8613800138201';
      const callerB = lang === 'en' ? '+8613800138102' : '+8613800138202';
      await callbackFrom(callerA);
      const ticketB = await callbackFrom(callerB);
      const page = await signIn(lang, email);
      const problems = watchErrors(page);

      await page.goto(`${desk.url}/agent/calls`);
      const row = page.locator('tr[data-callback-id]', { hasText: callerA.slice(-4) });
      await row.waitFor();
      await row.getByRole('button', { name: new RegExp(`^${x.callNow}`) }).or(row.locator('[data-action="call-now"]')).first().click();
      await row.getByRole('alert').filter({ hasText: x.noPhone }).waitFor();
      await shot(page, `c2c-01-no-number-${lang}`);
      await row.getByRole('link', { name: x.setIt }).click();

      await page.getByLabel(x.label).fill(phone);
      await page.getByRole('button', { name: x.save }).click();
      await page.getByRole('status').filter({ hasText: x.saved }).waitFor();
      assert.ok((await pageWidth(page)) <= 390, 'the profile fits 390 px');
      assert.deepEqual(await unlabelledControls(page), []);
      await page.locator('[data-slot="agent-phone"]').screenshot({ path: join(SCREENSHOTS, `c2c-02-profile-${lang}.png`) });

      // The provider rings the agent and holds there: the Calls page shows it without a reload.
      holdAt('agent-answered');
      await page.goto(`${desk.url}/agent/calls`);
      await row.locator('[data-action="call-now"]').click();
      await row.locator('[data-c2c-status="ringing"]', { hasText: x.ringing }).waitFor();
      assert.ok(await row.locator('[data-action="call-now"]').isDisabled(), 'one placement at a time');
      assert.ok((await pageWidth(page)) <= 390, `the Calls page fits 390 px (${await pageWidth(page)})`);
      await shot(page, `c2c-03-ringing-${lang}`);
      const placed = hold.reached!;
      assert.equal(placed.to, phone.replace(/ /g, ''), "the agent's own phone is rung");

      // The agent answers; the customer answers and the provider holds the talk.
      holdAt('customer-done');
      await row.locator('[data-c2c-status="customer_answered"]', { hasText: x.connected }).waitFor();
      await shot(page, `c2c-04-connected-${lang}`);
      holdAt(null);
      await placed.done;
      await page.locator('.calls-status').getByText(x.made).waitFor();
      await row.waitFor({ state: 'detached' });

      // On the phone ticket: Call now, live, and the history's sentence.
      holdAt('customer-done');
      await page.goto(`${desk.url}/agent/tickets/${ticketB}`);
      const reach = page.locator('[data-slot="reach"]');
      await reach.locator('[data-action="call-now"]').click();
      await reach.locator('[data-c2c-status="customer_answered"]', { hasText: x.connected }).waitFor();
      assert.ok((await pageWidth(page)) <= 390, `the ticket fits 390 px (${await pageWidth(page)})`);
      await shot(page, `c2c-05-ticket-${lang}`);
      await reach.screenshot({ path: join(SCREENSHOTS, `c2c-05-ticket-reach-${lang}.png`) });
      const onTicket = await until('the ticket call to be held', () => hold.reached);
      assert.equal(find(onTicket.gatherAnswer!, 'Number').text, callerB);
      holdAt(null);
      await onTicket.done;
      await reach.locator('[data-c2c-status="completed"]', { hasText: x.made }).waitFor();
      await page.reload();
      await page.locator('details.history > summary').click();
      const history = page.locator('.history-list');
      await history.getByText(x.history).first().waitFor();
      assert.doesNotMatch((await history.textContent()) ?? '', /call\.callback_|c2c\./, 'sentences, not codes');
      await history.screenshot({ path: join(SCREENSHOTS, `c2c-06-history-${lang}.png`) });
      assert.deepEqual(problems, []);
      await page.context().close();
    });
  }
});
