/**
 * Issue 19 in Chromium, in English and Chinese: a phone ticket's composer says replies reach nobody and offers
 * e-mail, and a reply nothing carries says "not delivered"; a long thread opens at the latest message with the
 * middle collapsed; history reads as sentences (no event codes, no ISO times); the Customers list and page, and
 * merging a duplicate from it; an agent opening an admin page by its address sees only "admins only".
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { emailSender, type EmailSender } from '../../src/channels/email/sender.js';
import { emailTokens } from '../../src/channels/email/tokens.js';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startSmtpSink, type SmtpSink } from '../email/smtp-sink.js';
import { launch, shot, watchErrors } from './chromium.js';

const catalogue = (lang: string) => JSON.parse(readFileSync(join(process.cwd(), 'web/shared/i18n', `${lang}.json`), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const LANGS = [
  { locale: 'en-GB', lang: 'en' },
  { locale: 'zh-CN', lang: 'zh-CN' },
] as const;

describe('issue 19 console work, in Chromium', () => {
  let browser: Browser;
  let desk: TestDesk;
  let cast: Cast;
  let sink: SmtpSink;
  let sender: EmailSender;
  before(async () => {
    browser = await launch();
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
    sink = await startSmtpSink();
    sender = emailSender({ relay: sink.url, tokens: emailTokens('browser-work'), supportEmail: 'desk@default.example', files: desk.deps.files });
    desk.deps.senders = { email: sender };
  });
  after(async () => {
    await browser?.close();
    sender?.close();
    await sink?.close();
    await desk?.close();
  });

  const ticket = async (subject: string, channel: string, requester: Record<string, string>) => {
    const r = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject, body: 'please help', requester, channel, brand: 'satoshi' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body as { id: string; number: number; requester: { id: string } };
  };
  const signIn = async (locale: string, email = cast.agentA.email, width = 1280): Promise<Page> => {
    const page = await (await browser.newContext({ locale, viewport: { width, height: 800 } })).newPage();
    await page.goto(`${desk.url}/agent`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.locator('nav').first().waitFor({ state: 'attached' });
    return page;
  };

  for (const { locale, lang } of LANGS) {
    const c = catalogue(lang);

    test(`${lang}: a phone ticket says replies reach nobody, offers e-mail, and a reply nothing carries says so`, async () => {
      const tk = await ticket(`phone ${lang}`, 'phone', { email: `caller-${lang}@example.com`, phone: '+8613800138000' });
      const page = await signIn(locale);
      const problems = watchErrors(page);
      await page.goto(`${desk.url}/agent/tickets/${tk.number}`);
      const reach = page.locator('[data-slot="reach"]');
      await reach.waitFor();
      assert.match((await reach.textContent()) ?? '', new RegExp(c.reach.reason.phone.slice(0, 12)));
      assert.equal(await reach.locator('[data-action="reply-by-email"]').count(), 1);
      assert.equal(await reach.locator('[data-action="call-back"]').getAttribute('href'), 'tel:+8613800138000');
      await page.locator('#reply').fill('We are checking your withdrawal.');
      await page.locator('form.reply button[type=submit]').click();
      await page.locator('[data-delivery="no_channel"]').waitFor();
      assert.equal(await page.locator('[role=status]').filter({ hasText: c.thread.after_send.no_channel.slice(0, 8) }).count(), 1, 'never "Reply sent." for a reply nothing carries');
      await page.locator('[data-action="reply-by-email"]').check();
      await page.locator('#reply').fill('It was confirmed this morning.');
      await page.locator('form.reply button[type=submit]').click();
      await page.locator('[data-delivery="queued"]').waitFor();
      await shot(page, `work-reach-phone-${lang}`);
      assert.deepEqual(problems, []);
      await page.context().close();
    });

    test(`${lang}: a long thread opens at the latest message with the middle collapsed; history is sentences`, async () => {
      const tk = await ticket(`long thread ${lang}`, 'email', { email: `long-${lang}@example.com` });
      for (let i = 1; i <= 14; i++) {
        const r = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${tk.id}/messages`, { body: `note number ${i}`, public: false });
        assert.equal(r.status, 201);
      }
      const page = await signIn(locale, cast.agentA.email, 390);
      await page.goto(`${desk.url}/agent/tickets/${tk.number}`);
      const more = page.locator('.thread-more');
      await more.waitFor();
      assert.equal(await page.locator('.messages > li.msg').count(), 5, 'first message and the last four');
      await page.locator('.msg', { hasText: 'note number 14' }).waitFor();
      assert.ok(await page.locator('.msg', { hasText: 'note number 14' }).isVisible());
      const box = await page.locator('.msg', { hasText: 'note number 14' }).boundingBox();
      assert.ok(box && box.y < 800 && box.y + box.height > 0, `the latest message is on screen (${JSON.stringify(box)})`);
      await shot(page, `work-thread-collapsed-${lang}-390`);
      await more.click();
      // Every message of the ticket: its first, the 14 notes, and whatever the desk added itself (triage may ask
      // for missing details), as the API lists them.
      const all = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${tk.id}`)).body as { messages: unknown[] };
      assert.ok(all.messages.length >= 15);
      assert.equal(await page.locator('.messages > li.msg').count(), all.messages.length);
      await page.locator('details.history > summary').click();
      const history = (await page.locator('.history-list').textContent()) ?? '';
      assert.doesNotMatch(history, /ticket\.created|message\.added|\d{4}-\d\d-\d\dT/);
      assert.ok(history.includes(c.history.internal_note.replace('{{actor}} ', '').slice(0, 6)), history.slice(0, 200));
      await shot(page, `work-history-${lang}-390`);
      await page.context().close();
    });
  }

  test('customers: the list finds a customer, the page shows contacts and tickets, and a duplicate is merged from it', async () => {
    const a = await ticket('first record', 'email', { email: 'lin@example.com', name: 'Lin Mei' });
    const b = await ticket('second record', 'web', { email: 'lin.mei@work.example' });
    await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}/verification-requirements`, { merge_customers: 'unverified' });
    const page = await signIn('en-GB');
    const problems = watchErrors(page);
    await page.locator('nav a[href="/agent/customers"]').click();
    await page.locator('#customer-q').fill('lin');
    await page.locator('form[role=search] button').click();
    await page.locator(`[data-customer-id="${a.requester.id}"]`).waitFor();
    await shot(page, 'work-customers-list-en');
    await page.locator(`[data-customer-id="${a.requester.id}"] a`).click();
    await page.locator('#customer-name').waitFor();
    assert.match((await page.locator('[data-slot="emails"]').textContent()) ?? '', /lin@example\.com/);
    await page.locator('[data-slot="merge-customer"] > summary').click();
    await page.locator('#merge-q').fill('lin.mei');
    await page.locator('[data-slot="merge-customer"] form button').click();
    await page.locator('input[name="merge-source"]').first().check();
    await page.locator('[data-action="confirm-customer-merge"]').click();
    await page.locator('[data-slot="emails"]', { hasText: 'lin.mei@work.example' }).waitFor();
    await page.locator('[data-slot="customer-tickets"] li', { hasText: 'second record' }).waitFor();
    await shot(page, 'work-customer-merged-en');
    const moved = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${b.id}`);
    assert.equal(moved.body.requester.id, a.requester.id);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test('an agent sees no admin links and an admin page opened by its address says admins only', async () => {
    const page = await signIn('zh-CN');
    assert.equal(await page.locator('nav a[href^="/agent/admin/"]').count(), 0);
    await page.goto(`${desk.url}/agent/admin/agents`);
    await page.locator('[data-slot="admins-only"]').waitFor();
    assert.equal(await page.locator('[data-slot="admins-only"]').textContent(), catalogue('zh-CN').customers.admins_only);
    await shot(page, 'work-admins-only-zh-CN');
    await page.context().close();
  });
});
