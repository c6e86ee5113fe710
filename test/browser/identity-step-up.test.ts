/**
 * A step-up in real Chromium against a real server (issue 18): an agent opens a ticket, sees it unverified and
 * starts "Verify identity" with an e-mailed code; the customer, on a phone in Chinese, opens the link from the
 * e-mail (caught by a real SMTP relay) and types the code; the agent's panel turns "Contact verified" without a
 * reload, and the code appears nowhere on the agent's page. An admin then raises a brand's level. Screenshots go
 * to test-results/browser/identity-*.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { emailSender, type EmailSender } from '../../src/channels/email/sender.js';
import { emailTokens } from '../../src/channels/email/tokens.js';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startSmtpSink, type SmtpSink } from '../email/smtp-sink.js';
import { launch, shot, unlabelledControls, watchErrors } from './chromium.js';

describe('identity step-up, in Chromium', () => {
  let desk: TestDesk;
  let cast: Cast;
  let browser: Browser;
  let sink: SmtpSink;
  let sender: EmailSender;
  before(async () => {
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
    sink = await startSmtpSink();
    sender = emailSender({ relay: sink.url, tokens: emailTokens('browser-identity'), supportEmail: 'desk@default.example', files: desk.deps.files });
    desk.deps.senders = { email: sender };
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    sender?.close();
    await sink?.close();
    await desk?.close();
  });

  test('an agent starts an e-mailed code, the customer types it on a phone, and the agent sees it pass live', async () => {
    const created = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: '账户被盗', body: '有人转走了我的比特币，请帮我冻结账户', requester: { email: 'wang.fang@example.com' }, brand: 'satoshi' });
    assert.equal(created.status, 201);
    const number = created.body.number as number;

    const desktop = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 900 } });
    const agent = await desktop.newPage();
    const agentProblems = watchErrors(agent);
    await agent.goto(`${desk.url}/agent`);
    await agent.getByLabel('E-mail').fill(cast.agentA.email);
    await agent.getByLabel('Password').fill(PASSWORD);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('link', { name: /Unassigned/ }).waitFor();
    await agent.goto(`${desk.url}/agent/tickets/${number}`);
    const panel = agent.locator('[data-slot="verification-panel"]');
    await panel.locator('[data-slot="conversation-level"][data-level="unverified"]').waitFor();
    await panel.getByRole('button', { name: 'Verify identity' }).click();
    await panel.getByLabel('How should the customer prove it?').selectOption('email_code');
    assert.deepEqual(await unlabelledControls(agent), [], 'every control of the console has a label');
    await shot(agent, 'identity-01-agent-methods');
    await panel.getByRole('button', { name: 'Start' }).click();
    await panel.getByText('Code sent to w***@example.com.').waitFor();
    await panel.locator('[data-slot="step-ups"] li[data-status="pending"]').waitFor();

    await sink.mails.length; // the mail is sent before the API answers
    const mail = sink.mails.at(-1)!.parsed.text ?? '';
    const code = /(\d{6})/.exec(mail)![1]!;
    const link = /(http:\/\/\S+\/help\/identity#[A-Za-z0-9_-]+)/.exec(mail)![1]!.replace('http://localhost', desk.url);

    const phone = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const customer = await phone.newPage();
    const customerProblems = watchErrors(customer);
    await customer.goto(link);
    await customer.getByRole('heading', { name: '验证您的身份' }).waitFor();
    assert.deepEqual(await unlabelledControls(customer), []);
    await customer.getByLabel('验证码').fill(code);
    await shot(customer, 'identity-02-customer-code-zh');
    await customer.getByRole('button', { name: '验证' }).click();
    await customer.getByText('谢谢，您已通过验证。').waitFor();
    await shot(customer, 'identity-03-customer-passed-zh');

    await panel.locator('[data-slot="conversation-level"][data-level="contact"]').waitFor();
    await panel.locator('[data-slot="step-ups"] li[data-status="passed"]').waitFor();
    await panel.getByText('Contact verified').first().waitFor();
    assert.ok(!(await agent.content()).includes(code), 'the code is nowhere on the agent’s page');
    await shot(agent, 'identity-04-agent-verified');
    assert.deepEqual(agentProblems, []);
    assert.deepEqual(customerProblems, []);
    await desktop.close();
    await phone.close();
  });

  test('an admin sets the level a brand needs for an unfreeze', async () => {
    const desktop = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const admin = await desktop.newPage();
    await admin.goto(`${desk.url}/agent`);
    await admin.locator('#email').fill(cast.admin.email);
    await admin.locator('#password').fill(PASSWORD);
    await admin.locator('button[type=submit]').click();
    await admin.getByRole('link', { name: '验证级别' }).click();
    await admin.getByRole('heading', { name: '验证级别' }).waitFor();
    await admin.getByLabel('品牌').selectOption(cast.brandA.id);
    await admin.getByLabel('解冻').selectOption('address');
    await admin.getByText('已保存。').waitFor();
    await shot(admin, 'identity-05-admin-levels-zh');
    const req = await api(desk, cast.tokens.admin, 'GET', `/api/v1/brands/${cast.brandA.id}/verification-requirements`);
    assert.equal(req.body.unfreeze, 'address');
    await desktop.close();
  });
});
