/**
 * The emergency freeze and the customer's record in real Chromium, once per database: an agent freezes a
 * customer's account from the ticket (the provider's webhook receives the signed call; the same agent's
 * unfreeze is refused on screen; a second agent's is refused until the conversation passes a step-up), and a customer on a phone-size screen downloads the signed record of their
 * request from the status page (the PDF verifies).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { CustomerNotice } from '../../src/app/ports.js';
import { DIALECTS } from '../helpers/stores.js';
import { drainJobs } from '../helpers/jobs.js';
import { PASSWORD, api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startReceiver, type Receiver } from '../freeze/receiver.js';
import { passAddressStepUp } from '../freeze/step-up.js';
import { launch, shot, watchErrors } from './chromium.js';

for (const dialect of DIALECTS) {
  describe(`freeze and record in Chromium on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let browser: Browser;
    let receiver: Receiver;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      receiver = await startReceiver();
      const hook = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { custodial: true, account_webhook_url: receiver.url, min_hold_minutes: 0 });
      assert.equal(hook.status, 200, JSON.stringify(hook.body));
      receiver.secret.value = hook.body.account_webhook_secret;
      browser = await launch();
    });
    after(async () => {
      await browser?.close();
      await receiver?.close();
      await desk?.close();
    });

    test('an agent freezes the account from the ticket; the provider gets the signed call; the same agent cannot unfreeze, a second one only after a step-up', async () => {
      const created = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', {
        subject: 'Someone emptied my account',
        body: 'I did not send this withdrawal. Please freeze my account now!',
        brand: 'satoshi',
        requester: { email: 'victim@mail.example', external_id: 'acct-4711', language: 'en' },
      });
      assert.equal(created.status, 201);
      const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems = watchErrors(page);
      await page.goto(`${desk.url}/agent`);
      await page.getByLabel('E-mail').fill(cast.agentA.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: /Unassigned/ }).waitFor();
      await page.goto(`${desk.url}/agent/tickets/${created.body.number}`);
      const panel = page.locator('[data-slot="freeze-panel"]');
      await panel.getByRole('heading', { name: 'Emergency freeze' }).waitFor();
      await panel.getByLabel('Reason').fill('Withdrawal the customer did not make');
      await panel.getByRole('button', { name: 'Freeze account now' }).click();
      await panel.getByText('Account frozen').waitFor();
      await panel.getByText('The account is frozen. The provider is being told and the customer was notified.').waitFor();
      await shot(page, `freeze-agent-froze-${dialect}`);

      const { failures } = await drainJobs(desk.deps);
      assert.deepEqual(failures.map((f) => f.error), []);
      const call = receiver.calls.find((c) => c.body.ticket_id === created.body.id);
      assert.ok(call?.signatureOk, 'the provider verified the signature');
      assert.equal(call.body.action, 'freeze');
      assert.equal(call.body.account_ref, 'acct-4711');
      assert.equal(call.body.reason, 'Withdrawal the customer did not make');

      // The customer's notice is in the conversation.
      await page.reload();
      await page.getByText(/Still working: signing in/).first().waitFor();
      await panel.getByText('Provider calls: 1').waitFor();
      // Four eyes: the agent who froze is told a second agent must approve.
      await panel.getByRole('button', { name: 'Unfreeze (second agent)' }).click();
      await panel.getByRole('alert').filter({ hasText: 'a second agent must approve the unfreeze' }).waitFor();
      await shot(page, `freeze-agent-unfreeze-refused-${dialect}`);
      assert.deepEqual(problems, []);
      await context.close();

      // A second agent (working in Chinese): refused until the conversation meets the brand's requirement for
      // unfreezing (identity's, default app), the missing steps named in the console's language.
      const second = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
      const page2 = await second.newPage();
      const problems2 = watchErrors(page2);
      await page2.goto(`${desk.url}/agent`);
      await page2.getByLabel('邮箱').fill(cast.supervisorA.email);
      await page2.getByLabel('密码').fill(PASSWORD);
      await page2.getByRole('button', { name: '登录' }).click();
      await page2.getByRole('link', { name: /未分配/ }).waitFor();
      await page2.goto(`${desk.url}/agent/tickets/${created.body.number}`);
      const panel2 = page2.locator('[data-slot="freeze-panel"]');
      await panel2.getByRole('button', { name: '解冻（第二位客服）' }).click();
      await panel2.getByRole('alert').filter({ hasText: '解冻账户' }).waitFor();
      await shot(page2, `freeze-unfreeze-needs-verification-${dialect}`);
      assert.equal((await desk.deps.store.freezes.listForTicket(created.body.id))[0]!.state, 'frozen');
      assert.equal(await passAddressStepUp(desk, cast.tokens.agentA, created.body.id), 'address');
      await page2.reload();
      await panel2.getByRole('button', { name: '解冻（第二位客服）' }).click();
      await panel2.getByText('已记录解冻。').waitFor();
      assert.equal((await desk.deps.store.freezes.listForTicket(created.body.id))[0]!.state, 'unfrozen');
      await shot(page2, `freeze-unfreeze-after-step-up-${dialect}`);
      assert.deepEqual(problems2, []);
      await second.close();
    });

    test('a customer on a phone downloads the signed record of their request from the status page', async () => {
      const res = await api(desk, null, 'POST', '/api/v1/help/requests', { brand: 'satoshi', language: 'zh-CN', email: 'li.na@example.com', kind: 'stolen', description: '有人盗用了我的账户，转走了 0.2 BTC。' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${res.body.number}/messages`, { body: '您好，我们已冻结您的账户并在核查。' })).status, 201);
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true });
      const page = await context.newPage();
      const problems = watchErrors(page);
      await page.goto(`${desk.url}${res.body.status_path}`);
      await page.getByText('您好，我们已冻结您的账户并在核查。').waitFor();
      const section = page.locator('[data-slot="record-download"]');
      await section.getByRole('heading', { name: '下载本次对话' }).waitFor();
      await section.scrollIntoViewIfNeeded();
      const overflow = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
      assert.ok(overflow <= 390, `the page fits a 390 px screen (scrollWidth ${overflow})`);
      await shot(page, `record-status-page-phone-${dialect}`);

      const [pdf] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: '下载对话记录（PDF）' }).click()]);
      assert.equal(pdf.suggestedFilename(), `walletdesk-request-${res.body.number}.pdf`);
      const bytes = readFileSync((await pdf.path())!);
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      const verdict = await fetch(`${desk.url}/api/v1/records/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: bytes });
      const body = (await verdict.json()) as { valid: boolean; ticket_number: number };
      assert.equal(body.valid, true);
      assert.equal(body.ticket_number, res.body.number);

      const [html] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: '下载对话记录（HTML）' }).click()]);
      const text = readFileSync((await html.path())!, 'utf8');
      assert.match(text, /有人盗用了我的账户/);
      // The downloaded page itself, opened on the phone.
      const view = await context.newPage();
      await view.setContent(text);
      await view.getByText(`工单 #${res.body.number} 的记录`).waitFor();
      await shot(view, `record-html-phone-${dialect}`);
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('an admin edits a brand and connects its webhook (the secret shown once); a customer freezes from the e-mailed link on a phone', async () => {
      const mails: CustomerNotice[] = [];
      desk.deps.senders = { email: { foldsAutoReplies: true, send: async () => ({}), notify: async (n) => (mails.push(n), {}) } };
      const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems = watchErrors(page);
      await page.goto(`${desk.url}/agent`);
      await page.getByLabel('E-mail').fill(cast.admin.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: /Unassigned/ }).waitFor();
      await page.goto(`${desk.url}/agent/admin/brands`);
      await page.getByRole('button', { name: 'Edit Lightning Pocket' }).click();
      const form = page.locator('[data-slot="brand-edit"]');
      await form.getByLabel('Name').fill('Lightning Pocket Pro');
      await form.getByLabel('Custodial wallet (the provider can freeze accounts)').check();
      await form.getByLabel('Account webhook URL').fill(receiver.url);
      await form.getByRole('button', { name: 'Save' }).click();
      const secret = (await form.locator('[data-slot="webhook-secret"] code').textContent()) ?? '';
      assert.match(secret, /^whsec_/);
      await shot(page, `brand-edit-secret-once-${dialect}`);
      const brand = await api(desk, cast.tokens.admin, 'GET', `/api/v1/brands/${cast.brandB.id}`);
      assert.equal(brand.body.name, 'Lightning Pocket Pro');
      assert.equal(brand.body.freeze.custodial, true);
      assert.equal(brand.body.freeze.account_webhook_url, receiver.url);
      await page.reload();
      await page.getByRole('button', { name: 'Edit Lightning Pocket Pro' }).click();
      await page.getByText('Webhook secret set').waitFor();
      assert.equal(await page.locator('[data-slot="webhook-secret"]').count(), 0, 'not shown again');
      assert.deepEqual(problems, []);
      await context.close();

      // The customer's one-time link, opened on a phone.
      const created = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', { subject: 'Strange login', body: 'Someone logged into my account', brand: 'pocket', requester: { email: 'sam@mail.example', language: 'en' } });
      assert.equal((await api(desk, cast.tokens.agentB, 'POST', `/api/v1/tickets/${created.body.id}/freeze/link`)).status, 202);
      await drainJobs(desk.deps);
      const url = mails.find((m) => m.kind === 'freeze_link')?.url ?? '';
      assert.match(url, /\/help\/freeze#/);
      const phone = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const p = await phone.newPage();
      const phoneProblems = watchErrors(p);
      await p.goto(`${desk.url}${url.slice(url.indexOf('/help/'))}`);
      await p.getByText(`Lightning Pocket Pro, request #${created.body.number}`).waitFor();
      await p.getByText(/You can still sign in, see your balance and history, and receive funds/).waitFor();
      await p.getByRole('button', { name: 'Freeze my account now' }).click();
      await p.getByRole('status').filter({ hasText: 'Your account is frozen.' }).waitFor();
      await shot(p, `freeze-link-page-phone-${dialect}`);
      assert.equal((await desk.deps.store.freezes.listForTicket(created.body.id))[0]?.source, 'help_center');
      assert.deepEqual(phoneProblems, []);
      await phone.close();
    });
  });
}
