/**
 * The look of the console, the help center and the chat widget (issue 19): every page fits a 390 px phone in
 * both languages (no horizontal scroll anywhere), dark mode follows the system and a per-browser switch,
 * the design tokens give readable contrast in both themes, and every page is photographed in light/dark ×
 * desktop/phone under test-results/browser/look/ for a person to look at.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startChat, type ChatClient } from '../helpers/chat-client.js';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { contrast, launch, shot, watchErrors } from './chromium.js';

const TXID = 'a1075db55d416d3ca199f55b6084e2115b9345e16c5cf302fc80e9d5fbf5d48d';
const ADDRESS = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';

type Win = {
  document: {
    documentElement: { scrollWidth: number; clientWidth: number; dataset: Record<string, string> };
    querySelector(s: string): { scrollWidth: number; clientWidth: number } | null;
    querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { right: number; width: number }; tagName: string; className: unknown; id: string; children: ArrayLike<unknown> }>;
  };
  innerWidth: number;
  getComputedStyle(e: unknown): Record<string, string> & { getPropertyValue(n: string): string };
};

/** How far the page scrolls sideways: the document, and the console's content area (it could scroll on its own). */
async function overflow(page: Page): Promise<{ doc: number; inner: number; main: number; culprits: string[] }> {
  return page.evaluate(() => {
    const w = globalThis as unknown as Win;
    const doc = w.document.documentElement;
    const main = w.document.querySelector('#main');
    const culprits = Array.from(w.document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > w.innerWidth + 1 && e.getBoundingClientRect().width > 0)
      .filter((e) => !Array.from(e.children as ArrayLike<{ getBoundingClientRect(): { right: number } }>).some((c) => c.getBoundingClientRect().right > w.innerWidth + 1))
      .slice(0, 6)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${String(e.className).replace(/\s+/g, '.')} → ${Math.round(e.getBoundingClientRect().right)}`);
    return { doc: doc.scrollWidth, inner: w.innerWidth, main: main ? main.scrollWidth - main.clientWidth : 0, culprits };
  });
}

interface Place {
  name: string;
  path: string;
  /** What shows that the page has loaded (a selector). */
  ready: string;
}

describe('the look: phone layout, dark mode, tokens, screenshots, in Chromium', () => {
  let browser: Browser;
  let desk: TestDesk;
  let cast: Cast;
  let site: Server;
  let siteUrl = '';
  let ticketNumber = 0;
  let statusHash = '';
  let chat: ChatClient | null = null;
  const consolePlaces: Place[] = [];
  const helpPlaces: Place[] = [];

  before(async () => {
    browser = await launch();
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
    // A help-center request with a txid (the ticket page's chain panel, the status page) and a long thread.
    const sent = await api(desk, null, 'POST', '/api/v1/help/requests', {
      brand: 'satoshi',
      kind: 'transaction',
      email: 'customer@mail.example',
      name: '王小明',
      description: `我的提现一直没有到账，交易编号 ${TXID}，收款地址 ${ADDRESS}。请帮忙看看。`,
      language: 'zh-CN',
      details: { txids: [TXID], tx_time: '2026-12-01T10:00' },
    });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    ticketNumber = sent.body.number as number;
    statusHash = String(sent.body.status_path).split('#')[1] ?? '';
    const ticket = await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets/${ticketNumber}`);
    assert.equal(ticket.status, 200, JSON.stringify(ticket.body));
    const ticketId = (ticket.body as { id: string }).id;
    const reply = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticketId}/messages`, { body: `您好，我们查到了交易 ${TXID}，它正在等待确认。`, public: true });
    assert.ok(reply.status < 300, JSON.stringify(reply.body));
    for (let i = 0; i < 6; i++) {
      const r = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', {
        brand: i % 2 ? 'satoshi' : 'pocket',
        subject: i === 0 ? `Withdrawal stuck ${TXID}` : `Cannot restore wallet on my new phone #${i}`,
        body: 'Details in the ticket.',
        requester: { email: `c${i}@mail.example`, name: `Customer ${i}` },
        ...(i === 1 ? { priority: 'urgent' } : {}),
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    // A live chat whose message carries a txid (it once forced the chat column to 423 px inside 390).
    const started = await startChat(desk.url, { brand: 'satoshi', language: 'zh-CN' });
    chat = started.client;
    chat.send({ type: 'prechat', kind: 'transaction', language: 'zh-CN', email: 'chat@mail.example', device: 'Pixel 8', os: 'Android 14', app_version: '3.2.1' });
    await chat.next((f) => f.type === 'prechat_ok');
    chat.send({ type: 'message', client_id: 'look-chat-1', body: `转账还没到：${TXID}` });
    await chat.next((f) => f.type === 'ack');
    const chats = await api(desk, cast.tokens.admin, 'GET', '/api/v1/tickets?channel=chat');
    const chatNumber = (chats.body.tickets as Array<{ number: number }>)[0]!.number;
    consolePlaces.push(
      { name: 'chat', path: `/agent/chats/${chatNumber}`, ready: '.chat-log' },
      ...['mine', 'unassigned', 'urgent', 'sla_at_risk', 'all'].map((v) => ({ name: `view-${v}`, path: `/agent/views/${v}`, ready: 'h1' })),
      { name: 'brand', path: `/agent/brands/${cast.brandA.id}`, ready: 'h1' },
      { name: 'search', path: '/agent/search?q=wallet', ready: 'h1' },
      { name: 'ticket', path: `/agent/tickets/${ticketNumber}`, ready: '#ticket-title' },
      { name: 'chats', path: '/agent/chats', ready: 'h1' },
      { name: 'calls', path: '/agent/calls', ready: 'h1' },
      { name: 'reports', path: '/agent/reports', ready: '[data-report]' },
      { name: 'reports-live', path: '/agent/reports/live', ready: 'h1' },
      { name: 'account', path: '/agent/account', ready: 'h1' },
      ...['agents', 'teams', 'brands', 'channel-accounts', 'channels', 'chat', 'phone', 'routing', 'sla', 'verification', 'tokens', 'security', 'rules'].map((p) => ({
        name: `admin-${p}`,
        path: `/agent/admin/${p}`,
        // The phone line's form appears once its four reads are in (the heading comes first).
        ready: p === 'phone' ? '[data-phone-line]' : 'h1',
      })),
    );
    helpPlaces.push(
      { name: 'help-brands', path: '/help', ready: 'h1' },
      { name: 'help-form', path: '/help?brand=satoshi', ready: 'h1' },
      { name: 'help-contact', path: '/help/contact?brand=satoshi', ready: 'h1' },
      { name: 'help-articles', path: '/help/articles?brand=satoshi', ready: 'h1' },
      { name: 'help-status', path: `/help/status#${statusHash}`, ready: '.thread' },
    );
    site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Satoshi Wallet</title></head>
<body><h1>Satoshi Wallet</h1><p>Buy, hold and send bitcoin.</p>
<script src="${desk.url}/chat/widget.js" data-brand="satoshi" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  after(async () => {
    chat?.ws.terminate();
    await browser?.close();
    if (site) await new Promise((resolve) => site.close(resolve));
    await desk?.close();
  });

  const signIn = async (context: BrowserContext): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${desk.url}/agent`);
    await page.locator('#email').fill(cast.admin.email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.locator('#search').waitFor();
    return page;
  };

  /** Opens each place; at phone width checks that nothing scrolls sideways; saves a screenshot of each. */
  async function tour(page: Page, places: Place[], label: string, phone: boolean): Promise<string[]> {
    const wide: string[] = [];
    for (const p of places) {
      await page.goto(`${desk.url}${p.path}`);
      await page.locator(p.ready).first().waitFor();
      // Loading placeholders gone: the page shows what it loaded.
      await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('[aria-busy="true"]'), null, { timeout: 10_000 }).catch(() => undefined);
      if (phone) {
        const o = await overflow(page);
        if (o.doc > o.inner || o.main > 1) wide.push(`${p.name}: document ${o.doc} px, content overflows by ${o.main} px in ${o.inner} (${o.culprits.join(', ')})`);
      }
      await shot(page, `look/${label}-${p.name}`);
    }
    return wide;
  }

  for (const lang of ['en', 'zh-CN'] as const) {
    test(`every console and help-center page fits a 390 px phone in ${lang}, light and dark`, async () => {
      for (const scheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'zh-CN', viewport: { width: 390, height: 844 }, colorScheme: scheme, deviceScaleFactor: 1 });
        const page = await signIn(context);
        const problems = watchErrors(page);
        const wide = [...(await tour(page, consolePlaces, `${lang}-phone-${scheme}`, true)), ...(await tour(page, helpPlaces, `${lang}-phone-${scheme}`, true))];
        assert.deepEqual(wide, [], `pages wider than the phone (${lang}, ${scheme})`);
        assert.deepEqual(problems, []);
        await context.close();
      }
    });
  }

  /** Text colour against the first opaque background behind it, for a few kinds of text on the page. */
  const textPairs = (page: Page) =>
    page.evaluate(() => {
      type El = { parentElement: El | null; textContent: string };
      const w = globalThis as unknown as { document: { documentElement: El; querySelectorAll(s: string): ArrayLike<El> }; getComputedStyle(e: El): { color: string; backgroundColor: string } };
      const out: Array<{ what: string; fg: string; bg: string }> = [];
      for (const sel of ['h1', '.content p', '.muted', '.content a', 'button:not(.link):not(:disabled)', '.badge', '.topbar a', '#search', '.nav-title', 'table.tickets td', '.portal nav a', '.shield', '.kinds label', '.kinds .hint', '.thread li']) {
        const el = Array.from(w.document.querySelectorAll(sel)).find((e) => e.textContent.trim() || sel === '#search');
        if (!el) continue;
        // The first opaque background behind the text (a named helper would need esbuild's __name in the page).
        let bg = w.getComputedStyle(w.document.documentElement).backgroundColor;
        for (let e: El | null = el; e; e = e.parentElement) {
          const c = w.getComputedStyle(e).backgroundColor;
          if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) {
            bg = c;
            break;
          }
        }
        out.push({ what: sel, fg: w.getComputedStyle(el).color, bg });
      }
      return out;
    });

  test('dark mode follows the system, and the switch keeps a choice per browser across reloads and pages', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    const page = await context.newPage();
    const problems = watchErrors(page);
    const theme = () => page.evaluate(() => (globalThis as unknown as Win).document.documentElement.dataset.theme);
    const background = () => page.evaluate(() => (globalThis as unknown as Win).getComputedStyle((globalThis as unknown as { document: { body: unknown } }).document.body).backgroundColor);
    await page.goto(`${desk.url}/agent`);
    await page.locator('#email').waitFor();
    assert.equal(await theme(), 'light', 'a light system gives the light theme');
    const light = await background();
    const button = page.locator('.theme-switch');
    assert.equal(await button.getAttribute('data-theme-choice'), 'system');
    await button.click();
    assert.equal(await button.getAttribute('data-theme-choice'), 'light');
    await button.click();
    assert.equal(await button.getAttribute('data-theme-choice'), 'dark');
    assert.equal(await theme(), 'dark');
    assert.match(await button.getAttribute('aria-label') ?? '', /Colour theme: dark/);
    assert.notEqual(await background(), light, 'the page repaints dark');
    await shot(page, 'look/theme-login-dark');
    await page.reload();
    await page.locator('#email').waitFor();
    assert.equal(await theme(), 'dark', 'the choice outlives a reload');
    assert.equal(await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('walletdesk.theme')), 'dark');
    // The help center follows the same choice.
    await page.goto(`${desk.url}/help?brand=satoshi`);
    await page.locator('h1').first().waitFor();
    assert.equal(await theme(), 'dark');
    assert.notEqual(await background(), light);
    // Back to following the system: one more step of the switch.
    await page.goto(`${desk.url}/agent`);
    await page.locator('.theme-switch').click();
    assert.equal(await page.locator('.theme-switch').getAttribute('data-theme-choice'), 'system');
    assert.equal(await theme(), 'light');
    assert.deepEqual(problems, []);
    await context.close();

    const dark = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 800 }, colorScheme: 'dark' });
    const p2 = await dark.newPage();
    await p2.goto(`${desk.url}/agent`);
    await p2.locator('#email').waitFor();
    assert.equal(await p2.evaluate(() => (globalThis as unknown as Win).document.documentElement.dataset.theme), 'dark', 'a dark system gives the dark theme with no choice made');
    assert.match((await p2.locator('.theme-switch').getAttribute('aria-label')) ?? '', /配色：跟随系统/);
    // The script-free /verify page follows the system with the same tokens.
    await p2.goto(`${desk.url}/verify?q=satoshi.example`);
    assert.equal(await p2.evaluate(() => (globalThis as unknown as Win).getComputedStyle((globalThis as unknown as { document: { body: unknown } }).document.body).backgroundColor), 'rgb(15, 20, 26)', '/verify is dark on a dark system (--bg)');
    await shot(p2, 'look/verify-dark-phone');
    await dark.close();
  });

  test('text reads at 4.5:1 or more on the rendered pages, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 860 }, colorScheme: scheme });
      const page = await signIn(context);
      const weak: string[] = [];
      for (const path of ['/agent/views/all', `/agent/tickets/${ticketNumber}`, '/agent/admin/tokens', '/help?brand=satoshi', `/help/status#${statusHash}`]) {
        await page.goto(`${desk.url}${path}`);
        await page.locator('h1').first().waitFor();
        await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('[aria-busy="true"]'), null, { timeout: 10_000 }).catch(() => undefined);
        const pairs = await textPairs(page);
        assert.ok(pairs.length >= 4, `${path}: text found (${pairs.length})`);
        for (const p of pairs) if (contrast(p.fg, p.bg) < 4.5) weak.push(`${scheme} ${path} ${p.what}: ${p.fg} on ${p.bg} = ${contrast(p.fg, p.bg).toFixed(2)}`);
      }
      assert.deepEqual(weak, []);
      await context.close();
    }
  });

  test('loading shows a skeleton of the console, the file input is styled, the favicon is served', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await signIn(context);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/v1/auth/me', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${desk.url}/agent/views/all`);
    const skeleton = page.locator('.skeleton-page[aria-busy="true"]');
    await skeleton.waitFor();
    assert.equal(await page.locator('.skeleton-row').count(), 5);
    assert.equal((await skeleton.locator('.sr-only').textContent())?.trim(), 'Loading walletdesk…');
    await shot(page, 'look/skeleton');
    release();
    await page.locator('#search').waitFor();
    assert.equal(await page.locator('.skeleton-page').count(), 0);
    await page.unroute('**/api/v1/auth/me');

    await page.goto(`${desk.url}/agent/tickets/${ticketNumber}`);
    const file = page.locator('input[type=file]').first();
    await file.waitFor();
    const styled = await file.evaluate((el) => {
      const w = globalThis as unknown as { getComputedStyle(e: unknown, pseudo?: string): Record<string, string> };
      return { border: w.getComputedStyle(el, '::file-selector-button').borderTopColor, accent: w.getComputedStyle(el).accentColor, radius: w.getComputedStyle(el, '::file-selector-button').borderTopLeftRadius };
    });
    assert.equal(styled.border, 'rgb(11, 92, 173)', 'the file button is drawn in the accent colour');
    assert.equal(styled.radius, '6px');

    assert.equal(await page.locator('link[rel=icon]').getAttribute('href'), '/assets/favicon.svg');
    const icon = await fetch(`${desk.url}/assets/favicon.svg`);
    assert.equal(icon.status, 200);
    assert.match(icon.headers.get('content-type') ?? '', /image\/svg\+xml/);
    assert.match(await icon.text(), /^<svg /);
    await context.close();
  });

  test('a new admin sees the setup checklist instead of a bare empty list, read from the desk as it is', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await signIn(context);
    await page.goto(`${desk.url}/agent/views/mine`);
    const list = page.locator('[data-setup-checklist]');
    await list.waitFor();
    assert.equal(await list.locator('h2').textContent(), '设置您的服务台');
    const state = async () => Object.fromEntries(await list.locator('li').evaluateAll((lis) => lis.map((li) => [(li as unknown as { dataset: Record<string, string> }).dataset.step, (li as unknown as { dataset: Record<string, string> }).dataset.done])));
    // The cast has brands, a support address on one and several agents; no channel account and no official channels.
    assert.deepEqual(await state(), { brand: 'true', support_address: 'true', channels: 'false', agents: 'true', official_channels: 'false' });
    await shot(page, 'look/checklist-zh-phone');
    const put = await api(desk, cast.tokens.admin, 'PUT', `/api/v1/brands/${cast.brandA.id}/channels`, { domains: ['satoshi-wallet.com'], emails: [], phones: [], handles: [] });
    assert.ok(put.status < 300, JSON.stringify(put.body));
    await page.reload();
    await list.waitFor();
    assert.equal((await state()).official_channels, 'true', 'official channels, once listed, are ticked');
    await list.getByRole('link', { name: '接入邮箱或电话号码（聊天插件只需嵌入代码）' }).click();
    await page.waitForURL(/\/agent\/admin\/channel-accounts$/);
    await context.close();
    // An agent never sees it.
    const agentContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const agentPage = await agentContext.newPage();
    await agentPage.goto(`${desk.url}/agent/views/urgent`);
    await agentPage.locator('#email').fill(cast.agentB.email);
    await agentPage.locator('#password').fill(PASSWORD);
    await agentPage.locator('form button[type=submit]').click();
    await agentPage.locator('h1').first().waitFor();
    await agentPage.getByText('No tickets here.').or(agentPage.locator('table.tickets')).first().waitFor();
    assert.equal(await agentPage.locator('[data-setup-checklist]').count(), 0);
    await agentContext.close();
  });

  test('desktop screenshots, light and dark, in both languages', async () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ locale: lang === 'en' ? 'en-GB' : 'zh-CN', viewport: { width: 1280, height: 860 }, colorScheme: scheme });
        const page = await signIn(context);
        const problems = watchErrors(page);
        await tour(page, [...consolePlaces, ...helpPlaces], `${lang}-desktop-${scheme}`, false);
        assert.deepEqual(problems, []);
        await context.close();
      }
    }
  });

  test('the chat widget on another site, light and dark, phone and desktop', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const [size, viewport] of [
        ['phone', { width: 390, height: 844 }],
        ['desktop', { width: 1280, height: 860 }],
      ] as const) {
        const context = await browser.newContext({ locale: 'en-GB', viewport, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(siteUrl);
        await page.getByRole('button', { name: 'Open support chat' }).click();
        await page.getByRole('dialog', { name: 'Satoshi Wallet' }).waitFor();
        await shot(page, `look/widget-${size}-${scheme}`);
        await context.close();
      }
    }
  });
});
