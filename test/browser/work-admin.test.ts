/**
 * Issue 19 in Chromium, in English and Chinese: Admin → Agents renames an agent, moves them to a brand and a team,
 * e-mails a reset link and invites a new agent, who opens the mailed link, chooses a password and signs in; the
 * top search shows matching customers (name, e-mail, phone) above the tickets and links to the customer page; the
 * Calls page lists the call log and the callbacks an agent added from a phone ticket, marked done there.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { emailSender, type EmailSender } from '../../src/channels/email/sender.js';
import { emailTokens } from '../../src/channels/email/tokens.js';
import { api, PASSWORD, seedCast, type Cast } from '../helpers/desk.js';
import { startSmtpSink, type SmtpSink } from '../email/smtp-sink.js';
import { drainJobs } from '../helpers/jobs.js';
import { find, startPhoneDesk, type PhoneDesk } from '../phone/twilio-sim.js';
import { launch, shot, watchErrors } from './chromium.js';

const catalogue = (lang: string) => JSON.parse(readFileSync(join(process.cwd(), 'web/shared/i18n', `${lang}.json`), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const LANGS = [
  { locale: 'en-GB', lang: 'en' },
  { locale: 'zh-CN', lang: 'zh-CN' },
] as const;
const LINE = '+14155550100';

describe('issue 19 agents admin, search and phone, in Chromium', () => {
  let browser: Browser;
  let desk: PhoneDesk;
  let cast: Cast;
  let sink: SmtpSink;
  let sender: EmailSender;
  before(async () => {
    browser = await launch();
    desk = await startPhoneDesk('sqlite');
    cast = await seedCast(desk.deps);
    sink = await startSmtpSink();
    sender = emailSender({ relay: sink.url, tokens: emailTokens('browser-admin'), supportEmail: 'desk@default.example', files: desk.deps.files });
    desk.deps.senders = { email: sender };
    desk.deps.jobsNudge = undefined;
    assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [LINE] })).status, 200);
    assert.equal((await api(desk, cast.tokens.admin, 'POST', '/api/v1/teams', { name: 'Satoshi first line', brand_id: cast.brandA.id })).status, 201);
  });
  after(async () => {
    await browser?.close();
    sender?.close();
    await sink?.close();
    await desk?.close();
  });

  const signIn = async (locale: string, email: string, password = PASSWORD, width = 1280): Promise<Page> => {
    const page = await (await browser.newContext({ locale, viewport: { width, height: 900 } })).newPage();
    await page.goto(`${desk.url}/agent`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await page.locator('form button[type=submit]').click();
    await page.locator('nav').first().waitFor({ state: 'attached' });
    return page;
  };
  const drain = async () => assert.deepEqual((await drainJobs(desk.deps)).failures, []);
  const waitForMail = async (to: string, count: number) => {
    for (let i = 0; i < 200 && sink.mails.filter((m) => m.to.includes(to)).length < count; i++) {
      await drain();
      if (sink.mails.filter((m) => m.to.includes(to)).length >= count) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const mail = sink.mails.filter((m) => m.to.includes(to)).at(-1);
    assert.ok(mail, `a mail to ${to}`);
    return mail;
  };

  for (const { locale, lang } of LANGS) {
    const c = catalogue(lang);

    test(`${lang}: an admin edits an agent, sends a reset link and invites an agent who sets their own password`, async () => {
      const page = await signIn(locale, cast.admin.email);
      const problems = watchErrors(page);
      await page.goto(`${desk.url}/agent/admin/agents`);
      const bob = page.locator('tr[data-agent="bob@desk.example"]');
      await bob.waitFor();
      assert.equal(await page.locator('input[type=password]').count(), 0, 'no password field for the admin');

      await bob.locator('button[aria-expanded]').click();
      const editor = page.locator('form[aria-label]').filter({ has: page.locator('input[id^="ed-name-"]') });
      await editor.locator('input[id^="ed-name-"]').fill(`Bob ${lang}`);
      await editor.locator('fieldset').nth(0).locator('label', { hasText: 'Satoshi Wallet' }).locator('input').check();
      await editor.locator('fieldset').nth(1).locator('label', { hasText: 'Satoshi first line' }).locator('input').check();
      await editor.locator('button[type=submit]').click();
      await page.locator('[role=status]', { hasText: `Bob ${lang}` }).waitFor();
      assert.match((await bob.textContent()) ?? '', /Satoshi Wallet/);
      assert.match((await bob.textContent()) ?? '', /Satoshi first line/);

      const before = sink.mails.filter((m) => m.to.includes('bob@desk.example')).length;
      await bob.locator('button', { hasText: c.agents_admin.reset }).click();
      await page.locator('[role=status]', { hasText: 'bob@desk.example' }).waitFor();
      await waitForMail('bob@desk.example', before + 1);

      const invitee = `new-${lang.toLowerCase()}@desk.example`;
      await page.locator('#na-name').fill(lang === 'en' ? 'Nora New' : '王新');
      await page.locator('#na-email').fill(invitee);
      await page.locator('form[aria-labelledby="invite-title"] label', { hasText: 'Satoshi Wallet' }).locator('input').check();
      await page.locator('form[aria-labelledby="invite-title"] button[type=submit]').click();
      await page.locator('[role=status]', { hasText: invitee }).waitFor();
      await page.locator(`tr[data-agent="${invitee}"]`).waitFor();
      await shot(page, `work-agents-admin-${lang}`);
      assert.deepEqual(problems, []);
      await page.context().close();

      const mail = await waitForMail(invitee, 1);
      const token = /\/agent\/link#([A-Za-z0-9_-]+)/.exec(mail.parsed.text ?? '')?.[1];
      assert.ok(token, 'the invitation carries the link');
      const linkPage = await (await browser.newContext({ locale, viewport: { width: 390, height: 800 } })).newPage();
      await linkPage.goto(`${desk.url}/agent/link#${token}`);
      await linkPage.locator('#new-password').waitFor();
      assert.equal(new URL(linkPage.url()).hash, '', 'the token leaves the address bar');
      assert.match((await linkPage.locator('h1').textContent()) ?? '', new RegExp(c.agent_link.invite_title.slice(0, 6)));
      await linkPage.locator('#new-password').fill('my own long passphrase');
      await linkPage.locator('#repeat-password').fill('my own long passphrase');
      await shot(linkPage, `work-agent-link-${lang}-390`);
      await linkPage.locator('form button[type=submit]').click();
      await linkPage.locator('.ok', { hasText: invitee }).waitFor();
      await linkPage.locator('button', { hasText: c.agent_link.sign_in }).click();
      await linkPage.locator('#email').fill(invitee);
      await linkPage.locator('#password').fill('my own long passphrase');
      await linkPage.locator('form button[type=submit]').click();
      await linkPage.locator('nav').first().waitFor({ state: 'attached' });
      await linkPage.context().close();
    });

    test(`${lang}: the top search shows customers with e-mail and phone above the tickets and opens the customer`, async () => {
      const made = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: `Withdrawal stuck ${lang}`, body: 'two days', requester: { name: `Wang Lei ${lang}`, email: `wang-${lang}@example.cn`, phone: lang === 'en' ? '+8613800138011' : '+8613800138012' }, channel: 'email', brand: 'satoshi' });
      assert.equal(made.status, 201);
      const page = await signIn(locale, cast.agentA.email);
      await page.locator('#search').fill(`Wang Lei ${lang}`);
      await page.locator('#search').press('Enter');
      const customers = page.locator('[data-slot="search-customers"]');
      const row = customers.locator(`tr[data-customer-id="${made.body.requester.id}"]`);
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', new RegExp(`wang-${lang}@example.cn`, 'i'));
      assert.match((await row.textContent()) ?? '', /\+86138001380/);
      await page.locator('table.tickets', { hasText: `Withdrawal stuck ${lang}` }).waitFor();
      await shot(page, `work-search-${lang}`);
      await row.locator('a').click();
      await page.waitForURL(new RegExp(`/agent/customers/${made.body.requester.id}`));
      await page.context().close();
    });

    test(`${lang}: the Calls page shows the call log, and a callback added from a phone ticket is listed and marked done`, async () => {
      const caller = lang === 'en' ? '+8613800138021' : '+8613800138022';
      const sim = desk.sim.call(caller, LINE);
      const first = await sim.start();
      const menu = await sim.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '2' });
      await sim.follow(find(menu.doc!, 'Gather').attrs.action!, { Digits: '2' });
      await sim.end('completed', '75');
      const record = await desk.deps.store.calls.getBySid(sim.sid);
      const ticket = await desk.deps.store.tickets.get(record!.ticketId!);

      const page = await signIn(locale, cast.agentA.email);
      const problems = watchErrors(page);
      await page.goto(`${desk.url}/agent/tickets/${ticket!.number}`);
      await page.locator('[data-action="add-callback"]').click();
      await page.locator('[data-slot="reach"] [role=status]', { hasText: c.phone_work.callback_added.slice(0, 6) }).waitFor();

      await page.goto(`${desk.url}/agent/calls`);
      const logRow = page.locator(`[data-slot="call-log"] tr[data-log-call-id="${record!.id}"]`);
      await logRow.waitFor();
      const text = (await logRow.textContent()) ?? '';
      assert.ok(text.includes(caller.slice(-4)) && !text.includes(caller), `the caller is masked: ${text}`);
      assert.ok(text.includes(c.agent.calls.menu.transaction), 'the menu choice');
      assert.ok(text.includes(`#${ticket!.number}`), 'the ticket link');
      assert.ok(text.includes('1:15'), `the provider's duration: ${text}`);
      const cb = page.locator('.calls-callbacks tr', { hasText: caller.slice(-4) });
      await cb.waitFor();
      await shot(page, `work-calls-log-${lang}`);
      await cb.locator('button', { hasText: c.agent.calls.call_back }).click();
      await cb.locator('button', { hasText: c.agent.calls.mark_done }).click();
      await page.locator('p.ok', { hasText: caller.slice(-4) }).waitFor();
      assert.deepEqual(problems, []);
      await page.context().close();
    });
  }
});
