/**
 * Things that can hurt a customer or a ticket (issue 19), in Chromium, in English and Chinese: a keyboard `s`
 * can be undone and asks first on an unanswered security ticket; bulk actions never reach tickets a filter hid
 * and say what they will change first; drafts survive a reload (never a recovery phrase); Back keeps the list's
 * filter and scroll position.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { launch, shot, watchErrors } from './chromium.js';

/** The page's globals, for code that runs in the browser (this file is type-checked without the DOM lib). */
type W = { scrollY: number; scrollBy(x: number, y: number): void; localStorage: { getItem(k: string): string | null }; sessionStorage: { getItem(k: string): string | null } };

const catalogue = (lang: string) => JSON.parse(readFileSync(join(process.cwd(), 'web/shared/i18n', `${lang}.json`), 'utf8')) as { safety: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
const LANGS = [
  { locale: 'en-GB', lang: 'en' },
  { locale: 'zh-CN', lang: 'zh-CN' },
] as const;
const PHRASE = 'abandon ability able about above absent absorb abstract absurd abuse access accident';

describe('console safety, in Chromium', () => {
  let browser: Browser;
  let desk: TestDesk;
  let cast: Cast;
  before(async () => {
    browser = await launch();
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
  });
  after(async () => {
    await browser?.close();
    await desk?.close();
  });

  const ticket = async (subject: string, { status, ...extra }: Record<string, unknown> = {}) => {
    const r = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject, body: 'please help', category: 'how_to', requester: { email: `${subject.replace(/\W/g, '')}@mail.example` }, brand: 'satoshi', ...extra });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    if (status) assert.equal((await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${r.body.id}`, { status })).status, 200);
    return r.body as { id: string; number: number };
  };
  const statusOf = async (id: string) => (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${id}`)).body.status as string;
  const signIn = async (locale: string, width = 1280): Promise<Page> => {
    const page = await (await browser.newContext({ locale, viewport: { width, height: 800 } })).newPage();
    await page.goto(`${desk.url}/agent`);
    await page.locator('#email').fill(cast.agentA.email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.locator('#list-title').waitFor();
    return page;
  };

  for (const { locale, lang } of LANGS) {
    const s = catalogue(lang).safety;

    test(`${lang}: a keyboard "s" solves with an undo toast, and Undo restores the previous status`, async () => {
      const tk = await ticket(`undo ${lang}`, { status: 'pending' });
      // The Chinese run is at phone width: the toast must stay inside a 390 px window.
      const width = lang === 'zh-CN' ? 390 : 1280;
      const page = await signIn(locale, width);
      const problems = watchErrors(page);
      await page.goto(`${desk.url}/agent/tickets/${tk.number}`);
      await page.locator('#ticket-title').waitFor();
      await page.locator('body').press('s');
      const toast = page.locator('[data-slot="undo-toast"]');
      await toast.waitFor();
      assert.match((await toast.textContent()) ?? '', new RegExp(s.undo as string));
      assert.equal(await statusOf(tk.id), 'solved');
      const box = await toast.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= width, `the toast is inside the window (${JSON.stringify(box)})`);
      await shot(page, `safety-undo-toast-${lang}-${width}`);
      await toast.getByRole('button').click();
      await toast.waitFor({ state: 'detached' });
      // The page reloads the ticket after the undo request: its status badge says pending again.
      await page.locator('.ticket-head .badge.status-pending').waitFor();
      assert.equal(await statusOf(tk.id), 'pending', 'Undo puts the ticket back to pending');
      assert.deepEqual(problems, []);
      await page.context().close();
    });

    test(`${lang}: solving an unanswered security ticket from the keyboard asks first`, async () => {
      const tk = await ticket(`security ${lang}`, { category: 'security' });
      const page = await signIn(locale);
      await page.goto(`${desk.url}/agent/tickets/${tk.number}`);
      await page.locator('#ticket-title').waitFor();
      await page.locator('body').press('s');
      const ask = page.locator('[data-slot="confirm-solve"]');
      await ask.waitFor();
      assert.equal((await ask.locator('p').textContent())?.trim(), s.solve_security.question);
      await shot(page, `safety-confirm-solve-${lang}`);
      assert.notEqual(await statusOf(tk.id), 'solved', 'nothing changed while the question is open');
      await ask.getByRole('button', { name: s.cancel as string }).click();
      await ask.waitFor({ state: 'detached' });
      assert.notEqual(await statusOf(tk.id), 'solved', 'Cancel leaves the ticket as it was');
      await page.locator('body').press('s');
      await ask.getByRole('button', { name: s.solve_security.confirm as string }).click();
      await page.locator('[data-slot="undo-toast"]').waitFor();
      assert.equal(await statusOf(tk.id), 'solved');
      // Once an agent has answered publicly, `s` solves at once (still with its undo toast).
      const answered = await ticket(`answered ${lang}`, { category: 'security' });
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${answered.id}/messages`, { body: 'We are on it.', public: true })).status, 201);
      await page.goto(`${desk.url}/agent/tickets/${answered.number}`);
      await page.locator('[data-message-kind="public"]', { hasText: 'We are on it.' }).waitFor();
      await page.locator('body').press('s');
      await page.locator('[data-slot="undo-toast"]').waitFor();
      assert.equal(await ask.count(), 0);
      assert.equal(await statusOf(answered.id), 'solved');
      await page.context().close();
    });

    test(`${lang}: bulk actions clear the selection when the filter changes and preview before changing`, async () => {
      const a = await ticket(`bulk a ${lang}`, { status: 'open' });
      const b = await ticket(`bulk b ${lang}`, { status: 'open' });
      const page = await signIn(locale);
      await page.goto(`${desk.url}/agent/views/all`);
      const box = (subject: string) => page.locator('table.tickets tbody tr', { hasText: subject }).locator('input[type=checkbox]');
      await box(`bulk a ${lang}`).check();
      await box(`bulk b ${lang}`).check();
      await page.locator('.bulkbar').waitFor();
      // A filter change hides them: the selection goes, so nothing hidden can be changed.
      await page.locator('.row.spread select').first().selectOption('solved');
      await page.locator('.bulkbar').waitFor({ state: 'detached' });
      await page.locator('.row.spread select').first().selectOption('unsolved');
      await box(`bulk a ${lang}`).check();
      await box(`bulk b ${lang}`).check();
      await page.locator('.bulkbar select').first().selectOption('pending');
      const preview = page.locator('[data-slot="bulk-preview"]');
      await preview.waitFor();
      const text = (await preview.textContent()) ?? '';
      assert.ok(text.includes(String(s.bulk.title).replace('{{count}}', '2')), text);
      assert.ok(/→/.test(text), text);
      await shot(page, `safety-bulk-preview-${lang}`);
      assert.equal(await statusOf(a.id), 'open', 'nothing changes before Apply');
      await preview.getByRole('button', { name: s.cancel as string }).click();
      await preview.waitFor({ state: 'detached' });
      assert.equal(await statusOf(a.id), 'open', 'Cancel changes nothing');
      await page.locator('.bulkbar select').first().selectOption('pending');
      await preview.getByRole('button', { name: String(s.bulk.apply).replace('{{count}}', '2') }).click();
      await page.locator('.bulkbar').waitFor({ state: 'detached' });
      assert.equal(await statusOf(a.id), 'pending');
      assert.equal(await statusOf(b.id), 'pending');
      await page.context().close();
    });
  }

  test('the reply draft survives a reload, is cleared on send, and a recovery phrase is never stored', async () => {
    const tk = await ticket('draft');
    const page = await signIn('en-GB');
    await page.goto(`${desk.url}/agent/tickets/${tk.number}`);
    await page.locator('#reply').fill('Half-written answer about fees');
    await page.reload();
    await page.locator('#reply').waitFor();
    assert.equal(await page.locator('#reply').inputValue(), 'Half-written answer about fees');
    await page.locator('#reply').fill(`my words are ${PHRASE}`);
    const stored = await page.evaluate((k) => (globalThis as unknown as W).localStorage.getItem(k), `walletdesk.draft.reply.${tk.number}`);
    assert.equal(stored, null, 'a draft that looks like a recovery phrase is not written to storage');
    await page.locator('#reply').fill('Final answer');
    await page.locator('#reply').press('Control+Enter');
    await page.locator('[data-message-kind="public"]', { hasText: 'Final answer' }).waitFor();
    await page.reload();
    await page.locator('#reply').waitFor();
    assert.equal(await page.locator('#reply').inputValue(), '', 'a sent reply leaves no draft');
    await page.context().close();
  });

  test('the help-center request form keeps its draft across a reload (zh-CN)', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 800 } })).newPage();
    await page.goto(`${desk.url}/help?brand=satoshi`);
    await page.locator('input[name=kind][value=technical]').check();
    await page.locator('#f-description').fill('应用打开就闪退');
    await page.reload();
    await page.locator('#f-description').waitFor();
    assert.equal(await page.locator('#f-description').inputValue(), '应用打开就闪退');
    assert.ok(await page.locator('input[name=kind][value=technical]').isChecked());
    await shot(page, 'safety-help-draft-zh-CN-390');
    await page.context().close();
  });

  test('Back from a ticket keeps the list filter and its scroll position', async () => {
    for (let i = 0; i < 30; i++) await ticket(`scroll ${i}`, { status: 'on_hold' });
    const page = await signIn('en-GB', 1280);
    await page.goto(`${desk.url}/agent/views/all`);
    await page.locator('.row.spread select').first().selectOption('on_hold');
    await page.locator('table.tickets tbody tr', { hasText: 'scroll 29' }).waitFor();
    const row = page.locator('table.tickets tbody tr', { hasText: 'scroll 3' }).last();
    await row.scrollIntoViewIfNeeded();
    await page.evaluate(() => (globalThis as unknown as W).scrollBy(0, 200));
    await page.waitForFunction(() => (globalThis as unknown as W).scrollY > 300);
    const y = await page.evaluate(() => (globalThis as unknown as W).scrollY);
    await page.waitForFunction((k) => Number((globalThis as unknown as W).sessionStorage.getItem(k)) > 300, 'walletdesk.list.scroll.all::');
    await row.locator('a').click();
    await page.locator('#ticket-title').waitFor();
    await page.goBack();
    await page.locator('table.tickets tbody tr', { hasText: 'scroll 29' }).waitFor();
    assert.equal(await page.locator('.row.spread select').first().inputValue(), 'on_hold', 'the filter is kept');
    await page.waitForFunction((want) => Math.abs((globalThis as unknown as W).scrollY - want) < 5, y);
    await shot(page, 'safety-back-keeps-scroll');
    await page.context().close();
  });
});
