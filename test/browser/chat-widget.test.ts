/**
 * The embeddable chat widget in real Chromium, embedded cross-origin: a separate little web server plays the
 * wallet provider's site and serves a page with the snippet pointing at the desk. The visitor opens the widget,
 * passes the pre-chat step and writes; the agent (the REST API, and the console's live socket for typing and
 * read receipts) answers; the visitor sees it. Markup in messages shows as text; files go up and come back down;
 * a reload resumes the conversation; a phone gets a full-screen panel in Chinese; a lost session starts afresh
 * and still sends what was waiting in the outbox; and without WebSockets the HTTP fallback carries the chat.
 * Screenshots go to test-results/browser/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { Browser, BrowserContextOptions, Page, WebSocketRoute } from 'playwright-core';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { launch, shot, watchErrors } from './chromium.js';
import { until } from '../helpers/until.js';

// The suite is type-checked with Node's types, not the DOM's: the little of the page it touches is typed here.
// (Only types: functions given to page.evaluate run in the browser and cannot call anything from this module.)
interface El {
  outerHTML: string;
  tagName: string;
  labels?: { length: number } | null;
  getAttribute(name: string): string | null;
}
interface Win {
  document: { querySelector(s: string): { shadowRoot: { querySelectorAll(s: string): ArrayLike<El> } } | null; activeElement: El | null };
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  getComputedStyle(el: unknown): { fontSize: string };
  WebSocket: new (url: string) => object;
  __pwned?: number;
  __identityCalls?: number;
}

const NEVER_EN = 'We will never ask for your recovery phrase or private key.';
const NEVER_ZH = '我们绝不会向您索要助记词或私钥。';

/** The wallet provider's page: hostile CSS that must not reach the widget, app-supplied device details, the snippet. */
function hostPage(deskUrl: string, brand: string, language: string | null): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Satoshi Wallet</title>
<style>
  body *, walletdesk-chat { font-size: 30px !important; color: rgb(255, 0, 0) !important; font-family: serif !important; }
  button, input, textarea { display: none !important; }
</style></head>
<body><h1>Satoshi Wallet</h1><p>Buy, hold and send bitcoin.</p>
<script>window.walletdeskChat = Object.assign(window.walletdeskChat || {}, { device: { device: 'Pixel 8', os: 'Android 14', app_version: '3.2.1' } });</script>
<script src="${deskUrl}/chat/widget.js" data-brand="${brand}" ${language ? `data-language="${language}"` : ''} async></script>
</body></html>`;
}


/** The console's live socket with an API token: enough to be "typing" on a chat and to mark it read. */
async function consoleSocket(desk: TestDesk, token: string): Promise<{ send(frame: object): void; close(): void }> {
  const ws = new WebSocket(`${desk.url.replace('http', 'ws')}/api/v1/live`, { headers: { authorization: `Bearer ${token}` } });
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (d) => (JSON.parse(String(d)) as { type: string }).type === 'ready' && resolve());
    ws.once('error', reject);
  });
  return { send: (frame) => ws.send(JSON.stringify(frame)), close: () => ws.terminate() };
}

/** Form controls in the widget's shadow root without an accessible name. */
function unlabelledInWidget(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as Win).document.querySelector('walletdesk-chat')!.shadowRoot;
    return Array.from(root.querySelectorAll('input, select, textarea'))
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
      .map((el) => el.outerHTML.slice(0, 120));
  });
}

/** Elements of a tag inside the widget: markup in messages must never become elements. */
function widgetElements(page: Page, selector: string): Promise<number> {
  return page.evaluate((s) => (globalThis as unknown as Win).document.querySelector('walletdesk-chat')!.shadowRoot.querySelectorAll(s).length, selector);
}

describe('chat widget embedded on another site, in Chromium', () => {
  let desk: TestDesk;
  let cast: Cast;
  let browser: Browser;
  let site: Server;
  let siteUrl: string;

  before(async () => {
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
    site = createServer((req, res) => {
      const query = new URL(req.url ?? '/', 'http://x').searchParams;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(desk.url, query.get('brand') ?? 'satoshi', query.get('lang')));
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await desk?.close();
  });

  /** The brand's chat tickets, newest first. */
  const chatTickets = async () => (await api(desk, cast.tokens.agentA, 'GET', '/api/v1/tickets?channel=chat&sort=created_desc')).body.tickets as Array<{ id: string; number: number }>;
  const ticketMessages = async (id: string) =>
    (await desk.deps.store.messages.listForTicket(id)).map((m) => ({ id: m.id, body: m.body, author: m.authorType, public: m.public }));
  const newContext = (options: BrowserContextOptions) => browser.newContext({ ...options, acceptDownloads: true });

  test('a visitor chats with an agent: pre-chat, message, typing, answer, Seen, markup as text, files, and a reload resumes it', async () => {
    const context = await newContext({ locale: 'en-GB', viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await page.goto(`${siteUrl}/?lang=en`);
    assert.notEqual(new URL(siteUrl).origin, new URL(desk.url).origin, 'the widget is embedded from another origin');

    await page.getByRole('button', { name: 'Open support chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Satoshi Wallet' });
    await panel.waitFor();
    await panel.getByText(NEVER_EN, { exact: true }).waitFor();
    // Nobody has the console open: the visitor is told so before starting (and again in the transcript).
    await panel.getByRole('paragraph').filter({ hasText: /No one from support is online right now\. We usually answer within 24 hours/ }).waitFor();
    assert.equal(await panel.getByText(NEVER_EN, { exact: true }).evaluate((el) => (globalThis as unknown as Win).getComputedStyle(el).fontSize), '13px', "the host page's CSS does not reach into the widget");
    await shot(page, 'chat-widget-01-prechat');
    assert.deepEqual(await unlabelledInWidget(page), [], 'every control of the widget has a label');

    await panel.getByRole('button', { name: 'Start chat' }).click();
    await panel.getByText('Choose what it is about.').waitFor();
    await panel.getByLabel('A transaction problem (not arrived, stuck, failed)').check();
    await panel.getByLabel(/E-mail for replies/).fill('visitor@example.com');
    await panel.getByRole('button', { name: 'Start chat' }).click();

    const input = panel.getByRole('textbox', { name: 'Message' });
    await input.fill('My transaction has not arrived after three hours.');
    await input.press('Enter');
    const ticket = await until('the chat ticket', async () => (await chatTickets())[0]);
    await until('the first message stored', async () => (await ticketMessages(ticket.id)).some((m) => m.body.includes('has not arrived')));
    const full = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticket.id}`)).body;
    assert.match(JSON.stringify(full), /Pixel 8/, 'the device details of the pre-chat step reach the ticket');

    // The agent starts typing, then answers through the API with markup in the text.
    const agent = await consoleSocket(desk, cast.tokens.agentA);
    agent.send({ type: 'watch', ticket_id: ticket.id });
    await new Promise((r) => setTimeout(r, 200));
    agent.send({ type: 'replying', ticket_id: ticket.id, mode: 'reply' });
    await panel.getByText('Support is typing…').waitFor();
    const answer = 'We found it: it waits for a confirmation. <img src=x onerror="window.__pwned=1">';
    const reply = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { body: answer });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    await panel.getByText(answer, { exact: true }).waitFor();
    await panel.getByText('Support is typing…').waitFor({ state: 'hidden' });
    await panel.getByText(NEVER_EN, { exact: true }).waitFor();
    await until('the visitor read receipt', async () => (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticket.id}/chat`)).body.visitor_read_up_to === reply.body.id);

    // The visitor writes markup: it is shown as text, and no element is made of it.
    const markup = 'Is this right? <img src=x onerror="window.__pwned=1"><b>bold</b>';
    await input.fill(markup);
    await input.press('Enter');
    await panel.getByText(markup, { exact: true }).waitFor();
    assert.equal(await widgetElements(page, 'img, b'), 0, 'message bodies are never parsed as HTML');
    assert.equal(await page.evaluate(() => (globalThis as unknown as Win).__pwned), undefined);

    // The agent reads up to the visitor's last message: "Seen" appears under it (and only there).
    const visitorLast = await until('the markup message stored', async () => (await ticketMessages(ticket.id)).find((m) => m.body === markup));
    agent.send({ type: 'chat_read', ticket_id: ticket.id, up_to: visitorLast.id });
    await panel.locator('li.msg.you', { hasText: 'Is this right?' }).getByText('Seen').waitFor();
    assert.equal(await panel.getByText('Seen', { exact: true }).count(), 1);
    agent.close();

    // A file goes up with the next message and comes back down (the download needs the session header).
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), panel.getByRole('button', { name: 'Attach a file' }).click()]);
    await chooser.setFiles({ name: 'wallet-log.txt', mimeType: 'text/plain', buffer: Buffer.from('sync stopped at block 840000\n') });
    await panel.locator('.pending li', { hasText: 'wallet-log.txt' }).filter({ hasNotText: 'Uploading' }).waitFor();
    await input.fill('Here is the log.');
    await input.press('Enter');
    const link = panel.locator('li.msg.you', { hasText: 'Here is the log.' }).getByRole('link', { name: 'wallet-log.txt' });
    await link.waitFor();
    await until('the file on the ticket', async () => {
      const stored = (await ticketMessages(ticket.id)).find((m) => m.body === 'Here is the log.');
      return stored && (await desk.deps.store.attachments.listForMessages([stored.id])).length === 1;
    });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'wallet-log.txt');
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    assert.equal(Buffer.concat(chunks).toString(), 'sync stopped at block 840000\n');
    await shot(page, 'chat-widget-02-conversation');

    // A reload resumes the same conversation, without the pre-chat step.
    await until('every message acknowledged', async () => (await panel.getByText('Sending…').count()) === 0);
    const before = await panel.locator('li.msg').allTextContents();
    await page.reload();
    await page.getByRole('button', { name: 'Open support chat' }).click();
    await panel.getByText('Here is the log.').waitFor();
    await panel.locator('li.msg', { hasText: 'Here is the log.' }).getByText('wallet-log.txt').waitFor();
    assert.deepEqual(await panel.locator('li.msg').allTextContents(), before, 'the same messages, in the same order');
    assert.equal(await panel.getByRole('button', { name: 'Start chat' }).isVisible(), false);
    assert.equal((await chatTickets()).length, 1, 'still one conversation');

    // Esc closes the panel and gives the focus back to the launcher.
    await input.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => (globalThis as unknown as Win).document.activeElement?.tagName), 'WALLETDESK-CHAT');
    assert.deepEqual(problems, [], 'no script errors on the host page');
    await context.close();
  });

  test('on a phone, in Chinese: a full-screen panel; a session the desk no longer knows starts afresh and still sends the outbox', async () => {
    const context = await newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    // A stale session (unknown to the desk) and a message typed before the page was closed, never acknowledged.
    await context.addInitScript(() => {
      const storage = (globalThis as unknown as Win).localStorage;
      if (!storage.getItem('walletdesk-chat:satoshi')) {
        storage.setItem('walletdesk-chat:satoshi', JSON.stringify({ session: 'no-such-session-token', outbox: [{ client_id: 'outbox-0001', body: '之前没发出去的消息', attachment_ids: [], attachments: [] }] }));
      }
    });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await page.goto(siteUrl);
    const before = (await chatTickets()).length;

    await page.getByRole('button', { name: /打开在线客服/ }).click();
    const panel = page.getByRole('dialog');
    await panel.getByText(NEVER_ZH, { exact: true }).waitFor();
    const box = await panel.boundingBox();
    assert.deepEqual(box && [box.x, box.y, box.width, box.height], [0, 0, 390, 844], 'the panel fills a narrow screen');
    // The unknown session was dropped: the pre-chat step is back, the waiting message is still shown.
    await panel.getByRole('button', { name: '开始聊天' }).waitFor();
    await panel.getByLabel('资金被盗，或出现了我没有进行的交易').check();
    await panel.getByText('请立即行动').waitFor();
    await shot(page, 'chat-widget-03-phone-prechat');
    await panel.getByRole('button', { name: '开始聊天' }).click();

    await panel.getByText('之前没发出去的消息').waitFor();
    const ticket = await until('the new chat ticket', async () => (await chatTickets()).length > before && (await chatTickets())[0]);
    await until('the outbox message stored once', async () => (await ticketMessages(ticket.id)).filter((m) => m.body === '之前没发出去的消息').length === 1);
    // The ack reaches the browser a moment after the commit: then the message leaves the saved outbox.
    const saved = await until('the outbox emptied', async () => {
      const s = await page.evaluate(() => JSON.parse((globalThis as unknown as Win).localStorage.getItem('walletdesk-chat:satoshi')!) as { session: string; outbox: unknown[] });
      return s.outbox.length === 0 && s;
    });
    assert.notEqual(saved.session, 'no-such-session-token', 'the new session replaced the stale one');

    // Shift+Enter is a new line, Enter sends.
    const input = panel.getByRole('textbox', { name: '消息' });
    await input.pressSequentially('第一行');
    await input.press('Shift+Enter');
    await input.pressSequentially('第二行');
    await input.press('Enter');
    await until('the two-line message', async () => (await ticketMessages(ticket.id)).some((m) => m.body === '第一行\n第二行'));
    await shot(page, 'chat-widget-04-phone-chat');
    await page.getByRole('button', { name: '关闭聊天' }).click();
    await panel.waitFor({ state: 'hidden' });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('where WebSockets cannot connect, the widget falls back to HTTP with a long poll', async () => {
    const context = await newContext({ locale: 'en-US', viewport: { width: 1280, height: 860 } });
    // Every socket fails to connect, as behind a proxy that blocks WebSockets.
    await context.addInitScript(() => {
      const g = globalThis as unknown as Win;
      const Real = g.WebSocket;
      g.WebSocket = class extends Real {
        constructor() {
          super('ws://127.0.0.1:9/');
        }
      };
    });
    const page = await context.newPage();
    const problems = watchErrors(page);
    const polls: string[] = [];
    page.on('request', (r) => r.url().includes('/chat/v1/messages?') && polls.push(r.url()));
    await page.goto(`${siteUrl}/?lang=en`);
    const before = (await chatTickets()).length;
    await page.getByRole('button', { name: 'Open support chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Satoshi Wallet' });
    await panel.getByLabel("The app doesn't work").check({ timeout: 15_000 });
    await panel.getByRole('button', { name: 'Start chat' }).click();
    const input = panel.getByRole('textbox', { name: 'Message' });
    await input.fill('The app freezes on start.');
    await input.press('Enter');
    const ticket = await until('the chat ticket', async () => (await chatTickets()).length > before && (await chatTickets())[0], 15_000);
    await until('the message stored', async () => (await ticketMessages(ticket.id)).some((m) => m.body === 'The app freezes on start.'));
    await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Please update to version 3.3.' });
    await panel.getByText('Please update to version 3.3.').waitFor();
    assert.ok(polls.some((u) => /wait=25/.test(u)), 'the answer came through the long poll');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a brand that enforces identity: the widget proves the user on every frame and fetches a new proof after a 4401', async () => {
    const brand = cast.brandB;
    assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${brand.id}/chat-settings`, { enforce_identity: true })).status, 200);
    const { secret } = (await api(desk, cast.tokens.admin, 'POST', `/api/v1/brands/${brand.id}/chat-secret`)).body as { secret: string };
    const userHash = createHmac('sha256', secret).update('user-42').digest('hex');
    const context = await newContext({ locale: 'en-US', viewport: { width: 1280, height: 860 } });
    // The host's identity() first hands over a stale proof (the desk closes with 4401), then a good one. A script
    // text, not a function: tsx would wrap a function's inner functions in a helper the page does not have.
    await context.addInitScript({
      content: `window.__identityCalls = 0;
        window.walletdeskChat = { identity: () => Promise.resolve({ user_id: 'user-42', user_hash: ++window.__identityCalls === 1 ? '${'0'.repeat(64)}' : '${userHash}' }) };`,
    });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await page.goto(`${siteUrl}/?brand=pocket&lang=en`);
    await page.getByRole('button', { name: 'Open support chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Lightning Pocket' });
    await panel.getByLabel('A problem with my account or sign-in').check();
    await panel.getByRole('button', { name: 'Start chat' }).click();
    const input = panel.getByRole('textbox', { name: 'Message' });
    await input.fill('I cannot sign in since yesterday.');
    await input.press('Enter');
    const ticket = await until('the verified chat', async () => (await api(desk, cast.tokens.agentB, 'GET', '/api/v1/tickets?channel=chat')).body.tickets[0] as { id: string } | undefined);
    // Typing and read frames went out too: with enforcement, any frame without a proof would have closed the socket.
    await input.pressSequentially('Still there?');
    await input.press('Enter');
    await until('both messages', async () => (await ticketMessages(ticket.id)).filter((m) => m.author === 'customer').length === 2);
    const facts = (await api(desk, cast.tokens.agentB, 'GET', `/api/v1/tickets/${ticket.id}/chat`)).body;
    assert.equal(facts.verified, true);
    assert.equal(facts.user_id, 'user-42');
    assert.equal(await page.evaluate(() => (globalThis as unknown as Win).__identityCalls), 2, 'one refused proof, one good one, kept for every later frame');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a dropped connection: the visitor is told, writes meanwhile, and the message goes out once after the reconnect', async () => {
    const context = await newContext({ locale: 'en-GB', viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    // Between the page and the desk: pass sockets through while "up", refuse them like a restarting desk while not.
    let up = true;
    const open: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/chat\/v1\/socket$/, (ws) => {
      if (!up) return void ws.close({ code: 1012, reason: 'restarting' });
      ws.connectToServer();
      open.push(ws);
    });
    await page.goto(`${siteUrl}/?lang=en`);
    const before = (await chatTickets()).length;
    await page.getByRole('button', { name: 'Open support chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Satoshi Wallet' });
    await panel.getByLabel('Something else').check();
    await panel.getByRole('button', { name: 'Start chat' }).click();
    const input = panel.getByRole('textbox', { name: 'Message' });
    await input.fill('Hello?');
    await input.press('Enter');
    const ticket = await until('the chat ticket', async () => (await chatTickets()).length > before && (await chatTickets())[0]);

    up = false;
    for (const ws of open.splice(0)) await ws.close({ code: 1012, reason: 'restarting' });
    await panel.getByText('Connection lost. Reconnecting…').waitFor();
    await input.fill('Written while the desk was away.');
    await input.press('Enter');
    await panel.locator('li.msg.you', { hasText: 'Written while the desk was away.' }).getByText('Sending…').waitFor();
    await shot(page, 'chat-widget-05-reconnecting');
    up = true;
    await panel.getByText('Connection lost. Reconnecting…').waitFor({ state: 'hidden', timeout: 20_000 });
    await panel.locator('li.msg.you', { hasText: 'Written while the desk was away.' }).getByText('Sending…').waitFor({ state: 'hidden' });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await ticketMessages(ticket.id)).filter((m) => m.body === 'Written while the desk was away.').length, 1, 'stored once');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
