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
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { launch, shot, watchErrors } from './chromium.js';

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

/** WCAG contrast ratio of two colours given as CSS rgb()/rgba(). */
export function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

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
    consolePlaces.push(
      ...['mine', 'unassigned', 'urgent', 'sla_at_risk', 'all'].map((v) => ({ name: `view-${v}`, path: `/agent/views/${v}`, ready: 'h1' })),
      { name: 'brand', path: `/agent/brands/${cast.brandA.id}`, ready: 'h1' },
      { name: 'search', path: '/agent/search?q=wallet', ready: 'h1' },
      { name: 'ticket', path: `/agent/tickets/${ticketNumber}`, ready: '#ticket-title' },
      { name: 'chats', path: '/agent/chats', ready: 'h1' },
      { name: 'calls', path: '/agent/calls', ready: 'h1' },
      { name: 'reports', path: '/agent/reports', ready: '[data-report]' },
      { name: 'reports-live', path: '/agent/reports/live', ready: 'h1' },
      { name: 'account', path: '/agent/account', ready: 'h1' },
      ...['agents', 'teams', 'brands', 'channel-accounts', 'channels', 'chat', 'routing', 'sla', 'verification', 'tokens', 'security', 'rules'].map((p) => ({
        name: `admin-${p}`,
        path: `/agent/admin/${p}`,
        ready: 'h1',
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
