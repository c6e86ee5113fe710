/**
 * Admin → Phone line in real Chromium against a real server: the admin finds the page in the sidebar, sees the
 * brand's numbers, sets opening hours (a malformed day is refused before saving), holidays, the queue's size,
 * emergencies after hours and the language menu, and the hotline then answers by them (a call outside the hours
 * goes to voicemail). A brand whose business calendar is saved (Admin → SLA) shows that calendar instead of
 * its own hours. English and Chinese.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { api, PASSWORD, seedCast, type Cast } from '../helpers/desk.js';
import { find, startPhoneDesk, type PhoneDesk } from '../phone/twilio-sim.js';
import { launch, shot, unlabelledControls, watchErrors } from './chromium.js';
import { until } from '../helpers/until.js';

const LINE_A = '+14155550100';
const LINE_B = '+14155550200';


describe('Admin → Phone line, in Chromium', () => {
  let browser: Browser;
  let desk: PhoneDesk;
  let cast: Cast;
  before(async () => {
    browser = await launch();
    desk = await startPhoneDesk('sqlite');
    cast = await seedCast(desk.deps);
    assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [LINE_A] })).status, 200);
    assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandB.id}`, { phone_numbers: [LINE_B] })).status, 200);
    // Brand B keeps a business calendar (Admin → SLA): the line follows it.
    const cal = await api(desk, cast.tokens.admin, 'PUT', `/api/v1/brands/${cast.brandB.id}/calendar`, { hours: { mon: [['08:00', '16:00']] }, holidays: ['2026-12-25'] });
    assert.equal(cal.status, 200, JSON.stringify(cal.body));
  });
  after(async () => {
    await browser?.close();
    await desk?.close();
  });

  async function open(locale: string, linkName: RegExp, heading: string): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await browser.newContext({ locale, timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${desk.url}/agent`);
    await page.locator('#email').fill(cast.admin.email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.getByRole('link', { name: linkName }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    return { page, close: () => context.close() };
  }

  test('sets the hours, queue and language of a brand; the line answers by them (English)', async () => {
    const { page, close } = await open('en-US', /^Phone line$/, 'Phone line');
    const problems = watchErrors(page);
    await page.locator('#pl-brand').selectOption({ label: 'Satoshi Wallet' });
    await page.locator('[data-phone-numbers]').getByText(`${LINE_A} — on the brand`).waitFor();
    await page.getByRole('heading', { name: 'Opening hours (Asia/Shanghai)' }).waitFor();

    assert.equal(await page.getByLabel('Wednesday').getAttribute('placeholder'), 'Always open', 'no hours yet: the line never closes');
    await page.getByLabel('Monday').fill('09:00-18:00');
    assert.equal(await page.getByLabel('Wednesday').getAttribute('placeholder'), 'Closed', 'with hours on Monday, an empty Wednesday is closed');
    await page.getByLabel('Tuesday').fill('9 to 5');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Tuesday: write times as 09:00-18:00, separated by commas.').waitFor();
    assert.equal((await api(desk, cast.tokens.admin, 'GET', `/api/v1/calls/settings/${cast.brandA.id}`)).body.hours, null, 'nothing saved while a day is wrong');

    await page.getByLabel('Tuesday').fill('09:00-12:00, 13:00-18:00');
    await page.getByLabel('Holidays (closed)').fill('2026-10-01 2026-10-02');
    await page.getByLabel('Callers who may wait at once').fill('5');
    await page.getByLabel('Emergencies reach on-call agents after hours').uncheck();
    await page.getByLabel('Language menu').selectOption('en');
    await page.getByRole('button', { name: 'Save' }).click();
    const saved = await until('the settings to be saved', async () => {
      const s = (await api(desk, cast.tokens.admin, 'GET', `/api/v1/calls/settings/${cast.brandA.id}`)).body;
      return s.max_queue === 5 ? s : null;
    });
    assert.deepEqual(saved.hours, { mon: [['09:00', '18:00']], tue: [['09:00', '12:00'], ['13:00', '18:00']] });
    assert.deepEqual(saved.holidays, ['2026-10-01', '2026-10-02']);
    assert.equal(saved.emergency_after_hours, false);
    assert.equal(saved.ivr_language, 'en');

    // The hotline follows: English without the language menu, and (open Monday and Tuesday only) voicemail on
    // the other days, or the menu on those days in opening hours.
    const call = desk.sim.call('+8613800138123', LINE_A);
    const first = await call.start();
    assert.equal(first.status, 200, first.body);
    const now = new Date();
    const shanghai = new Date(now.getTime() + 8 * 3600_000);
    const day = shanghai.getUTCDay();
    const minute = shanghai.getUTCHours() * 60 + shanghai.getUTCMinutes();
    const isOpen = (day === 1 && minute >= 540 && minute < 1080) || (day === 2 && ((minute >= 540 && minute < 720) || (minute >= 780 && minute < 1080)));
    assert.doesNotMatch(first.body, /普通话服务请按/, 'the language menu is skipped');
    const menu = await call.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '2' });
    assert.equal(menu.status, 200, menu.body);
    if (isOpen) assert.ok(find(menu.doc!, 'Enqueue'), 'in the hours the caller waits for an agent');
    else assert.match(menu.body, /<Record/, 'outside the hours the caller leaves a voicemail');

    assert.deepEqual(await unlabelledControls(page), []);
    await shot(page, 'phone-line-01-own-hours-en');
    assert.deepEqual(problems, []);
    await close();
  });

  test("a brand with a business calendar shows it and links to Admin → SLA (Chinese)", async () => {
    const { page, close } = await open('zh-CN', /^电话线路$/, '电话线路');
    const problems = watchErrors(page);
    await page.locator('#pl-brand').selectOption({ label: 'Lightning Pocket' });
    await page.locator('[data-hours-source="calendar"]').waitFor();
    await page.getByText('此线路使用品牌的工作日历').waitFor();
    await page.getByRole('link', { name: '编辑工作日历' }).waitFor();
    const week = (await page.locator('.phone-line-week').textContent()) ?? '';
    assert.match(week, /08:00-16:00/);
    assert.match(week, /2026-12-25/);
    assert.equal(await page.locator('#pl-h-mon').count(), 0, 'no second set of hours to edit');
    await page.locator('[data-phone-numbers]').getByText(`${LINE_B} — 品牌设置中的号码`).waitFor();
    await page.getByLabel('可同时等待的来电数').fill('7');
    await page.getByRole('button', { name: '保存' }).click();
    await until('the queue size to be saved', async () => (await api(desk, cast.tokens.admin, 'GET', `/api/v1/calls/settings/${cast.brandB.id}`)).body.max_queue === 7);
    const s = (await api(desk, cast.tokens.admin, 'GET', `/api/v1/calls/settings/${cast.brandB.id}`)).body;
    assert.deepEqual(s.hours, { mon: [['08:00', '16:00']] }, 'the calendar still decides the hours');
    await shot(page, 'phone-line-02-calendar-zh');
    assert.deepEqual(problems, []);
    await close();
  });

  test("the Calls page's settings link leads admins here", async () => {
    const { page, close } = await open('en-US', /^Calls/, 'Calls');
    await page.getByRole('link', { name: 'Phone line settings' }).click();
    await page.getByRole('heading', { name: 'Phone line', level: 1 }).waitFor();
    assert.match(page.url(), /\/agent\/admin\/phone$/);
    await close();
  });

  test('opened by its address (a reload), the page loads the first brand', async () => {
    const { page, close } = await open('en-US', /^Phone line$/, 'Phone line');
    await page.reload();
    await page.locator('[data-phone-line]').waitFor();
    await page.locator('[data-phone-numbers]').getByText(LINE_B).or(page.locator('[data-phone-numbers]').getByText(LINE_A)).first().waitFor();
    await close();
  });

  test('agents do not see the page in the sidebar', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${desk.url}/agent`);
    await page.locator('#email').fill(cast.agentA.email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.getByRole('link', { name: /^Calls/ }).waitFor();
    assert.equal(await page.getByRole('link', { name: /^Phone line$/ }).count(), 0);
    await context.close();
  });
});
