/**
 * Live chat from the agent's side, in real Chromium against a real server: visitors talk through the chat's
 * HTTP fallback (/chat/v1, as an app would); the agent works on the console's Chats page. A new chat shows up
 * without a reload, the agent answers with Enter and the visitor receives it; the header tells a verified
 * visitor from an unverified one; read receipts and typing go both ways; several chats keep their drafts and
 * switch with Alt+↑/↓; the agent attaches a file and the visitor receives it listed; and an admin sets chat up
 * under Admin → Chat. Screenshots go to test-results/browser/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { launch, shot, unlabelledControls, watchErrors } from './chromium.js';
import { until } from '../helpers/until.js';

interface ChatMessage {
  id: string;
  client_id: string | null;
  from: 'you' | 'agent' | 'system';
  author_name: string | null;
  body: string;
  attachments: Array<{ id: string; filename: string; content_type: string; size: number }>;
}

/** A visitor on the chat's HTTP fallback: one session, optional identity headers on every call. */
class Visitor {
  private session = '';
  constructor(
    private readonly url: string,
    private readonly identity: Record<string, string> = {},
  ) {}

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/chat/v1${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.session ? { 'x-chat-session': this.session } : {}),
        ...this.identity,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} /chat/v1${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  async open(brand: string, prechat: Record<string, unknown>): Promise<void> {
    const welcome = await this.call<{ session: string }>('POST', '/session', { brand, language: 'en' });
    assert.ok(welcome.session, 'the welcome carries the session token');
    this.session = welcome.session;
    await this.call('POST', '/prechat', prechat);
  }

  async say(body: string): Promise<ChatMessage> {
    const clientId = `c${Math.random().toString(36).slice(2, 12)}x`;
    return (await this.call<{ message: ChatMessage }>('POST', '/messages', { client_id: clientId, body })).message;
  }

  /** Long-polls for public messages after `after`. */
  async messagesAfter(after: string, wait = 10): Promise<{ messages: ChatMessage[]; agent_typing?: boolean; agent_read_up_to?: string | null }> {
    return this.call('GET', `/messages?after=${encodeURIComponent(after)}&wait=${wait}`);
  }
}

/** Signs an agent in through the English console and opens the Chats page from the sidebar. */
async function openChats(context: BrowserContext, url: string, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/agent`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: /^Chats/ }).click();
  await page.getByRole('heading', { name: 'Chats', level: 1 }).waitFor();
  return page;
}

const chatItem = (page: Page, text: string) => page.locator('li[data-chat-id]', { hasText: text });


describe('live chat on the agent console, in Chromium', () => {
  let desk: TestDesk;
  let cast: Cast;
  let browser: Browser;
  let wang: Visitor;
  before(async () => {
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await desk?.close();
  });

  test('a chat arrives live, the agent answers with Enter, the visitor receives it and the agent sees "Seen"', async () => {
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 860 } });
    const agent = await openChats(context, desk.url, cast.agentA.email);
    const problems = watchErrors(agent);
    await agent.getByRole('heading', { name: 'No chats yet' }).waitFor();
    await agent.getByText('An admin can embed the chat widget under Admin → Chat.').waitFor();
    await shot(agent, 'chat-01-empty');

    // A visitor who claims a user id without a valid proof: allowed (the brand does not enforce), never trusted.
    const visitor = new Visitor(desk.url, { 'x-chat-user-id': 'wallet-user-42', 'x-chat-user-hash': '0'.repeat(64) });
    wang = visitor;
    await visitor.open('satoshi', { kind: 'transaction', language: 'en', email: 'wang.fang@example.com', name: 'Wang Fang', device: 'iPhone 15', os: 'iOS 17.5', app_version: '3.2.1' });
    const first = await visitor.say('Hello, my transfer <b>is stuck</b> since yesterday');

    const item = chatItem(agent, 'Wang Fang');
    await item.waitFor({ timeout: 10_000 });
    await agent.locator('[data-chat-count="1"]').waitFor();
    await agent.locator('li[data-chat-id][data-unread="true"]', { hasText: 'Wang Fang' }).waitFor(); // a new chat is unread
    assert.match((await item.textContent()) ?? '', /Unassigned/, 'an unassigned chat is marked');
    await shot(agent, 'chat-02-arrived');

    await item.getByRole('link').click();
    const view = agent.locator('article.chat-view');
    await view.getByRole('heading', { name: /Wang Fang/ }).waitFor();
    const badge = view.locator('[data-identity]');
    await badge.waitFor();
    assert.equal(await badge.getAttribute('data-identity'), 'unverified');
    assert.match((await badge.textContent()) ?? '', /Unverified.*claims to be user wallet-user-42/);
    for (const fact of ['wang.fang@example.com', 'iPhone 15', 'iOS 17.5', '3.2.1', 'Transaction']) await view.locator('.chat-facts', { hasText: fact }).waitFor();
    await view.locator('[data-from="customer"]', { hasText: 'Hello, my transfer <b>is stuck</b> since yesterday' }).waitFor();
    assert.equal(await view.locator('.chat-log b').count(), 0, "the visitor's markup is shown as text, never parsed");
    await view.getByRole('link', { name: /Open ticket #\d+/ }).waitFor();
    await agent.getByText('Alt+↑ / Alt+↓ switch chats.').waitFor();
    await agent.getByText(/Enter sends, Shift\+Enter starts a new line/).waitFor();

    // Opening the chat tells the desk (and the visitor) that the agent has seen it.
    const ticketId = (await view.getAttribute('data-ticket-id'))!;
    await until('the agent read receipt', async () => (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticketId}/chat`)).body?.agent_read_up_to === first.id);
    assert.equal(await item.getAttribute('data-unread'), 'false', 'an open chat is read');

    // The agent typing shows on the visitor's side.
    const composer = agent.getByLabel('Message to Wang Fang');
    // The long poll ends when an agent starts a reply (after the desk's automatic answer, already there).
    const sofar = await visitor.messagesAfter(first.id, 0);
    const polling = visitor.messagesAfter(sofar.messages.at(-1)?.id ?? first.id, 10);
    await composer.pressSequentially('We found your transaction');
    assert.equal((await polling).agent_typing, true, 'the visitor sees the agent typing');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('it is waiting for a confirmation.');
    assert.equal(await composer.inputValue(), 'We found your transaction\nit is waiting for a confirmation.', 'Shift+Enter starts a new line');
    await composer.press('Enter');
    const reply = view.locator('[data-from="agent"]', { hasText: 'it is waiting for a confirmation.' });
    await reply.waitFor();
    assert.equal(await composer.inputValue(), '', 'Enter sent the message and emptied the composer');

    // The visitor's client receives the reply.
    const got = await until('the reply on the visitor side', async () => (await visitor.messagesAfter(first.id, 10)).messages.find((m) => m.from === 'agent'));
    assert.equal(got.body, 'We found your transaction\nit is waiting for a confirmation.');

    // The visitor reads it and types: the agent sees "Seen" and the typing indicator.
    await visitor.call('POST', '/read', { up_to: got.id });
    await reply.locator('[data-seen]', { hasText: 'Seen' }).waitFor({ timeout: 10_000 });
    await visitor.call('POST', '/typing', { on: true });
    await view.getByText('Wang Fang is typing…').waitFor({ timeout: 10_000 });
    await shot(agent, 'chat-03-seen-and-typing');

    // A later visitor message appears without a reload.
    const thanks = await visitor.say('Thank you! 谢谢');
    await view.locator('[data-from="customer"]', { hasText: 'Thank you! 谢谢' }).waitFor({ timeout: 10_000 });

    // Attachments: the "Attach file" button works from the keyboard; chosen files are removable chips with a size.
    const attach = view.getByRole('button', { name: 'Attach file' });
    const choose = async (how: () => Promise<void>, files: Array<{ name: string; mimeType: string; buffer: Buffer }>) => {
      const [chooser] = await Promise.all([agent.waitForEvent('filechooser'), how()]);
      await chooser.setFiles(files);
    };
    const steps = Buffer.from('1. Open the app\n2. Tap Retry\n');
    await choose(() => attach.press('Enter'), [{ name: 'steps.txt', mimeType: 'text/plain', buffer: steps }]);
    const chip = view.locator('.file-chip[data-file-state="uploaded"]', { hasText: 'steps.txt' });
    await chip.waitFor();
    assert.match((await chip.textContent()) ?? '', new RegExp(`steps\\.txt \\(${steps.length} B\\)`), 'a chip names the file and its size');

    // A second file, removed again; a file over the desk's limit (1 MB in tests) is refused with a clear error.
    await choose(() => attach.click(), [{ name: 'extra.txt', mimeType: 'text/plain', buffer: Buffer.from('extra') }]);
    await view.locator('.file-chip[data-file-state="uploaded"]', { hasText: 'extra.txt' }).waitFor();
    await view.getByRole('button', { name: 'Remove extra.txt' }).click();
    await until('the removed chip to go', async () => (await view.locator('.file-chip', { hasText: 'extra.txt' }).count()) === 0);
    await choose(() => attach.click(), [{ name: 'huge.log', mimeType: 'text/plain', buffer: Buffer.alloc(1_100_000, 0x61) }]);
    await view.getByRole('alert').filter({ hasText: '“huge.log” is too large to attach.' }).waitFor({ timeout: 10_000 });
    assert.equal(await view.locator('.file-chip', { hasText: 'huge.log' }).count(), 0, 'a refused file is not kept');
    assert.equal(await view.locator('.file-chip').count(), 1);
    await shot(agent, 'chat-03b-attachment-chips');

    // A reply may be files only: Send is enabled with an empty composer.
    assert.equal(await composer.inputValue(), '');
    await view.getByRole('button', { name: 'Send', exact: true }).click();
    const withFile = view.locator('[data-from="agent"]').filter({ has: agent.getByRole('link', { name: 'steps.txt' }) });
    await withFile.waitFor();
    assert.equal(await view.locator('.file-chip').count(), 0, 'sending empties the chips');
    const href = (await withFile.getByRole('link', { name: 'steps.txt' }).getAttribute('href'))!;
    assert.match(href, /^\/api\/v1\/attachments\//, 'the transcript links the authenticated download');
    const download = await agent.request.get(`${desk.url}${href}`);
    assert.equal(download.status(), 200);
    assert.equal(await download.text(), steps.toString(), 'the link downloads the file');

    // The visitor's client receives the message with the attachment listed.
    const withAttachment = await until('the attachment on the visitor side', async () => (await visitor.messagesAfter(thanks.id, 10)).messages.find((m) => m.from === 'agent' && m.attachments.length));
    assert.equal(withAttachment.attachments.length, 1);
    const [file] = withAttachment.attachments;
    assert.equal(file!.filename, 'steps.txt');
    assert.equal(file!.size, steps.length);
    assert.match(file!.content_type, /^text\/plain/);
    assert.ok(file!.id, 'the attachment has an id');

    await view.getByRole('button', { name: 'Assign to me' }).click();
    await view.getByText(`Assigned to ${cast.agentA.name}`).waitFor();
    await agent.locator('[data-chat-count="0"]').waitFor();
    assert.deepEqual(await unlabelledControls(agent), [], 'every control of the Chats page has a label');
    assert.deepEqual(problems, [], 'no script errors or CSP violations');
    await context.close();
  });

  test('several chats: a new visitor message raises the unread marker, Alt+↑/↓ switch, drafts stay, a verified visitor is Verified', async () => {
    const secret = (await api(desk, cast.tokens.admin, 'POST', `/api/v1/brands/${cast.brandA.id}/chat-secret`)).body.secret as string;
    assert.ok(secret, 'the admin API rotates a chat secret');
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 860 } });
    const agent = await openChats(context, desk.url, cast.agentA.email);
    const problems = watchErrors(agent);
    await chatItem(agent, 'Wang Fang').getByRole('link').click();
    const composer = agent.locator('#chat-reply');
    await composer.fill('A draft for Wang Fang');

    const userId = 'user-7';
    const verified = new Visitor(desk.url, { 'x-chat-user-id': userId, 'x-chat-user-hash': createHmac('sha256', secret).update(userId).digest('hex') });
    await verified.open('satoshi', { kind: 'stolen', language: 'en', name: 'Zhao Lei' });
    await verified.say('Someone emptied my wallet!');
    const other = chatItem(agent, 'Zhao Lei');
    await other.waitFor({ timeout: 10_000 });
    await agent.locator('li[data-chat-id][data-unread="true"]', { hasText: 'Zhao Lei' }).waitFor();
    await agent.locator('li.chat-item.flash', { hasText: 'Zhao Lei' }).waitFor({ timeout: 3000 }); // a short, silent highlight
    assert.equal(await agent.locator('li[data-chat-id][data-unread="true"]', { hasText: 'Wang Fang' }).count(), 0, 'the open chat stays read');
    await shot(agent, 'chat-04-second-chat-unread');

    // Newest activity first: Zhao Lei's chat is above Wang Fang's, so Alt+↑ goes there.
    await composer.press('Alt+ArrowUp');
    const view = agent.locator('article.chat-view');
    await view.getByRole('heading', { name: /Zhao Lei/ }).waitFor();
    const badge = view.locator('[data-identity="verified"]');
    await badge.waitFor();
    assert.match((await badge.textContent()) ?? '', /Verified.*user-7/);
    assert.equal(await agent.locator('#chat-reply').inputValue(), '', 'each chat has its own draft');
    await agent.locator('li[data-chat-id][data-unread="false"]', { hasText: 'Zhao Lei' }).waitFor();

    // The other chat's visitor writes: their chat is marked unread and highlighted, the open one is untouched.
    await wang.say('Are you still there?');
    await agent.locator('li[data-chat-id][data-unread="true"]', { hasText: 'Wang Fang' }).waitFor({ timeout: 10_000 });
    await agent.locator('li.chat-item.flash', { hasText: 'Wang Fang' }).waitFor({ timeout: 3000 });
    assert.match((await chatItem(agent, 'Wang Fang').textContent()) ?? '', /Are you still there\?/, 'the list previews the newest message');
    await view.getByRole('heading', { name: /Zhao Lei/ }).waitFor();
    await shot(agent, 'chat-05-other-chat-unread');

    // Newest activity first: Wang Fang's chat moved back to the top.
    await agent.locator('li[data-chat-id]').first().filter({ hasText: 'Wang Fang' }).waitFor();
    await agent.keyboard.press('Alt+ArrowUp');
    await view.getByRole('heading', { name: /Wang Fang/ }).waitFor();
    assert.equal(await agent.locator('#chat-reply').inputValue(), 'A draft for Wang Fang', 'switching back keeps the draft');
    await agent.locator('li[data-chat-id][data-unread="false"]', { hasText: 'Wang Fang' }).waitFor();
    assert.deepEqual(await unlabelledControls(agent), []);

    // Solving a chat takes it off the list.
    await agent.keyboard.press('Alt+ArrowDown');
    await view.getByRole('heading', { name: /Zhao Lei/ }).waitFor();
    await view.getByRole('button', { name: 'Solve' }).click();
    await agent.getByText(/Chat #\d+ solved\./).waitFor();
    await until('the solved chat to leave the list', async () => (await chatItem(agent, 'Zhao Lei').count()) === 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('Admin → Chat: settings per brand, warnings, the secret shown once, the snippet; the Chats page in Chinese', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const admin = await context.newPage();
    const problems = watchErrors(admin);
    await admin.goto(`${desk.url}/agent`);
    await admin.getByLabel('E-mail').fill(cast.admin.email);
    await admin.getByLabel('Password').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('link', { name: 'Chat', exact: true }).click();
    await admin.getByRole('heading', { name: 'Chat', level: 1 }).waitFor();
    await admin.getByLabel('Brand', { exact: true }).selectOption({ label: cast.brandB.name });
    await admin.getByRole('heading', { name: `Chat for ${cast.brandB.name}` }).waitFor();
    await admin.locator('[data-warning="any-origin"]').waitFor();
    await admin.locator('[data-slot="chat-snippet"]', { hasText: '<script' }).waitFor();

    await admin.getByLabel('Require a verified identity for every visitor').check();
    await admin.getByLabel('Sites allowed to embed the widget').fill('https://wallet.example.com/app');
    await admin.getByText(/Not an origin/).waitFor();
    await admin.getByLabel('Sites allowed to embed the widget').fill('https://wallet.example.com');
    await admin.getByLabel('Reply within (hours)').fill('8');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.locator('[data-warning="no-secret"]').waitFor();
    assert.equal(await admin.locator('[data-warning="any-origin"]').count(), 0, 'a listed origin removes the warning');
    const saved = (await api(desk, cast.tokens.admin, 'GET', `/api/v1/brands/${cast.brandB.id}/chat-settings`)).body;
    assert.deepEqual([saved.enforce_identity, saved.allowed_origins, saved.reply_within_hours], [true, ['https://wallet.example.com'], 8]);

    await admin.getByRole('button', { name: 'Create secret' }).click();
    await admin.getByRole('button', { name: 'Yes, create a new secret' }).click();
    const shown = admin.getByLabel('New secret');
    await shown.waitFor();
    const secret = await shown.inputValue();
    assert.ok(secret.length >= 32, 'the new secret is shown');
    await admin.getByText('it is shown only once').waitFor();
    await admin.getByRole('button', { name: 'Copy secret' }).waitFor();
    assert.equal(await admin.locator('[data-warning="no-secret"]').count(), 0, 'with a secret the warning goes');
    await admin.getByText("crypto.createHmac('sha256', secret).update(userId).digest('hex')").waitFor();
    await shot(admin, 'chat-06-admin');
    assert.deepEqual(await unlabelledControls(admin), [], 'every control of Admin → Chat has a label');

    // The proof an admin's backend makes with that secret opens a verified chat.
    const hash = createHmac('sha256', secret).update('pocket-user').digest('hex');
    const welcome = await fetch(`${desk.url}/chat/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-chat-user-id': 'pocket-user', 'x-chat-user-hash': hash },
      body: JSON.stringify({ brand: 'pocket' }),
    });
    assert.equal(welcome.status, 200);

    // The Chats page speaks Chinese too.
    await admin.getByLabel('Language', { exact: true }).first().selectOption('zh-CN');
    await admin.getByRole('link', { name: /^聊天/ }).click();
    await admin.getByRole('heading', { name: '聊天', level: 1 }).waitFor();
    await admin.getByText('Alt+↑ / Alt+↓ 切换聊天。').waitFor();
    await shot(admin, 'chat-07-chats-zh');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
