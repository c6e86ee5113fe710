/**
 * Admin → Channels in real Chromium: an admin adds two mailboxes and a phone number to a brand from the form
 * drawn from the channels' settings schemas, sees them listed without their password, and disables one; sets up
 * a brand's live chat (origins as a list, a pasted secret) and a number with its own provider credentials; the
 * page reads in Chinese too. Screenshots go to test-results/browser/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { launch, shot, unlabelledControls, watchErrors } from './chromium.js';

describe('Admin → Channels in the console', () => {
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

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${desk.url}/agent`);
    await page.getByLabel('E-mail').fill(cast.admin.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  test('an admin adds two mailboxes and a number to a brand, sees no password, and disables one', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await signIn(page);
    await page.getByRole('link', { name: 'Channels', exact: true }).click();
    await page.getByRole('heading', { name: 'Channels: mailboxes, numbers, accounts', level: 1 }).waitFor();
    await page.getByLabel('Brand', { exact: true }).selectOption({ label: cast.brandB.name });
    await page.getByText('This brand has no channel accounts yet.').waitFor();

    for (const [name, user] of [['Support', 'support@pocket.example'], ['Security reports', 'security@pocket.example']] as const) {
      await page.getByLabel('Channel', { exact: true }).selectOption({ label: 'E-mail mailbox (IMAP)' });
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('IMAP server').fill('imap.pocket.example');
      await page.getByLabel('User name').fill(user);
      await page.getByLabel('Password', { exact: true }).fill('mailbox-Secret-1');
      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('cell', { name, exact: true }).waitFor();
    }
    await page.getByLabel('Channel', { exact: true }).selectOption({ label: 'Phone number' });
    await page.getByLabel('Name', { exact: true }).fill('Berlin hotline');
    await page.getByLabel(/^Number/).fill('+493055550123');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('cell', { name: 'Berlin hotline', exact: true }).waitFor();
    assert.deepEqual(await unlabelledControls(page), []);
    assert.equal(await page.getByText('mailbox-Secret-1').count(), 0, 'the password is never shown');
    await shot(page, 'channel-accounts-01-added');

    const listed = (await api(desk, cast.tokens.admin, 'GET', `/api/v1/channel-accounts?brand_id=${cast.brandB.id}`)).body.accounts as Array<{ id: string; name: string; kind: string; enabled: boolean; settings: Record<string, unknown> }>;
    assert.deepEqual(listed.map((a) => [a.kind, a.name]), [['email', 'Support'], ['email', 'Security reports'], ['phone', 'Berlin hotline']]);
    assert.equal(listed[0]!.settings.imap_port, 993, 'the schema default fills an empty port');
    assert.equal(listed[0]!.settings.imap_secure, true, 'an untouched yes/no field keeps the default it shows');

    await page.getByRole('row', { name: /Security reports/ }).getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('row', { name: /Security reports/ }).getByRole('button', { name: 'Enable' }).waitFor();
    const after = (await api(desk, cast.tokens.admin, 'GET', `/api/v1/channel-accounts?brand_id=${cast.brandB.id}&kind=email`)).body.accounts as Array<{ name: string; enabled: boolean }>;
    assert.deepEqual(after.map((a) => [a.name, a.enabled]), [['Support', true], ['Security reports', false]]);

    // A refused account shows the server's reason, and nothing is added.
    await page.getByLabel('Channel', { exact: true }).selectOption({ label: 'Phone number' });
    await page.getByLabel('Name', { exact: true }).fill('Copy');
    await page.getByLabel(/^Number/).fill('+493055550123');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('alert').filter({ hasText: '+493055550123' }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("an admin sets up a brand's chat and a number with its own provider account; secrets are never shown", async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await signIn(page);
    await page.getByRole('link', { name: 'Channels', exact: true }).click();
    await page.getByRole('heading', { name: 'Channels: mailboxes, numbers, accounts', level: 1 }).waitFor();
    await page.getByLabel('Brand', { exact: true }).selectOption({ label: cast.brandA.name });

    const chatSecret = 'wallet-backend-chat-secret-0123456789-abcdef';
    await page.getByLabel('Channel', { exact: true }).selectOption({ label: 'Live chat' });
    await page.getByLabel('Name', { exact: true }).fill('App chat');
    await page.getByLabel('Every chat must prove the app user').selectOption({ label: 'Yes' });
    await page.getByLabel(/^Sites that may embed the widget/).fill('https://wallet.example.com\nhttps://Pay.Example.com/');
    await page.getByLabel(/^Promised reply time/).fill('8');
    await page.getByLabel(/^Chat secret/).fill(chatSecret);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('cell', { name: 'App chat', exact: true }).waitFor();

    const authToken = '5d0c9e8b7a6f4e3d2c1b0a9f8e7d6c5b';
    await page.getByLabel('Channel', { exact: true }).selectOption({ label: 'Phone number' });
    await page.getByLabel('Name', { exact: true }).fill('London line');
    await page.getByLabel(/^Number/).fill('+442075550123');
    await page.getByLabel(/^Provider account SID/).fill('ACfedcba9876543210fedcba9876543210');
    await page.getByLabel(/^Provider auth token/).fill(authToken);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('cell', { name: 'London line', exact: true }).waitFor();
    await page.getByRole('row', { name: /London line/ }).getByText(/^Provider auth token/).waitFor();
    assert.deepEqual(await unlabelledControls(page), []);
    const html = await page.content();
    assert.equal(html.includes(chatSecret) || html.includes(authToken), false, 'no secret on the page');
    await shot(page, 'channel-accounts-03-chat-and-number');

    const accounts = (await api(desk, cast.tokens.admin, 'GET', `/api/v1/channel-accounts?brand_id=${cast.brandA.id}`)).body.accounts as Array<{
      kind: string;
      settings: Record<string, unknown>;
      secrets_set: string[];
    }>;
    const chat = accounts.find((a) => a.kind === 'chat')!;
    assert.deepEqual(chat.settings, { enforce_identity: true, allowed_origins: ['https://wallet.example.com', 'https://pay.example.com'], reply_within_hours: 8 });
    assert.deepEqual(chat.secrets_set, ['secret']);
    assert.deepEqual(accounts.find((a) => a.kind === 'phone')!.secrets_set, ['auth_token']);
    const settings = (await api(desk, cast.tokens.admin, 'GET', `/api/v1/brands/${cast.brandA.id}/chat-settings`)).body;
    assert.deepEqual([settings.enforce_identity, settings.reply_within_hours, settings.secret_set], [true, 8, true], 'Admin → Chat shows the same account');

    // A second chat for the brand is refused with the server's reason.
    await page.getByLabel('Channel', { exact: true }).selectOption({ label: 'Live chat' });
    await page.getByLabel('Name', { exact: true }).fill('Another chat');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('alert').filter({ hasText: 'already has a chat account' }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the page reads in Chinese', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${desk.url}/agent`);
    await page.locator('input[type=email], input[autocomplete=username]').first().fill(cast.admin.email);
    await page.locator('input[type=password]').first().fill(PASSWORD);
    await page.locator('button[type=submit]').first().click();
    await page.getByRole('link', { name: '渠道接入', exact: true }).click();
    await page.getByRole('heading', { name: '渠道接入：邮箱、电话号码、账号', level: 1 }).waitFor();
    await page.getByLabel('IMAP 服务器').waitFor();
    await shot(page, 'channel-accounts-02-zh');
    await context.close();
  });
});
