/**
 * The last look-and-feel items of issue 19, in Chromium, in English and Chinese: on a 390 px phone every card cell
 * of the console's tables (agents, brands, rules, customers, search, calls, macros, articles) shows its column's name
 * beside the value, on one line, with nothing scrolling sideways; the phone's top bar is one row with a ⋯ menu; the
 * chat widget takes the embedding site's theme (light, dark, auto) and follows the help center's switch on our own
 * pages; an admin removes the two-factor sign-in of an agent who lost their phone, after a confirmation.
 * Screenshots under test-results/browser/look2/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { authenticator } from 'otplib';
import { emailSender, type EmailSender } from '../../src/channels/email/sender.js';
import { emailTokens } from '../../src/channels/email/tokens.js';
import { api, PASSWORD, seedCast, type Cast } from '../helpers/desk.js';
import { drainJobs } from '../helpers/jobs.js';
import { until } from '../helpers/until.js';
import { startSmtpSink, type SmtpSink } from '../email/smtp-sink.js';
import { find, startPhoneDesk, type PhoneDesk } from '../phone/twilio-sim.js';
import { launch, shot, watchErrors } from './chromium.js';

const catalogue = (lang: string) => JSON.parse(readFileSync(join(process.cwd(), 'web/shared/i18n', `${lang}.json`), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const LANGS = [
  { locale: 'en-GB', lang: 'en' },
  { locale: 'zh-CN', lang: 'zh-CN' },
] as const;
const LINE = '+14155550100';
/** The accent colour of the widget's launcher in each theme (web/shared/tokens.css). */
const ACCENT = { light: 'rgb(11, 92, 173)', dark: 'rgb(108, 176, 245)' } as const;

type El = {
  tagName: string;
  textContent: string | null;
  innerText: string;
  colSpan: number;
  cellIndex: number;
  closest(s: string): El | null;
  querySelector(s: string): El | null;
  querySelectorAll(s: string): ArrayLike<El>;
  getBoundingClientRect(): { top: number; bottom: number; left: number; right: number; width: number; height: number };
  getAttribute(n: string): string | null;
  rows: ArrayLike<{ cells: ArrayLike<El> }>;
  tHead: El | null;
};
type Win = {
  document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): ArrayLike<El>; createRange(): { selectNodeContents(n: unknown): void; getClientRects(): ArrayLike<{ top: number; width: number; height: number }> } };
  getComputedStyle(e: unknown, pseudo?: string): Record<'content' | 'display' | 'visibility' | 'lineHeight' | 'fontSize' | 'height' | 'backgroundColor', string>;
};

interface CellCheck {
  table: string;
  cells: number;
  problems: string[];
  scrollWidth: number;
}

/**
 * Every visible card cell of every table.tickets but the ticket list: its label, beside the value. A Chinese label
 * stays on one line; an English one may take a second line only by breaking between words.
 */
async function cardCells(page: Page, lang: string): Promise<CellCheck[]> {
  return page.evaluate((lang) => {
    const w = globalThis as unknown as Win;
    return Array.from(w.document.querySelectorAll('table.tickets'))
      .filter((table) => !table.querySelector('td[data-slot="sla-due"]'))
      .map((table) => {
        // A header that is only for screen readers (a column of row actions) names no card cell.
        const heads = Array.from(table.tHead?.rows[0]?.cells ?? []).map((th) =>
          (th.textContent ?? '').trim() === (th.querySelector('.sr-only')?.textContent ?? '').trim() ? '' : th.innerText.replace(/[▲▼]/g, '').trim(),
        );
        const problems: string[] = [];
        let cells = 0;
        for (const td of Array.from(table.querySelectorAll('tbody td'))) {
          const box = td.getBoundingClientRect();
          if (td.colSpan > 1 || box.height === 0 || td.innerText.trim() === '') continue;
          const head = heads[td.cellIndex] ?? '';
          if (!head) continue; // a column of row actions, named for screen readers only
          cells++;
          const before = w.getComputedStyle(td, '::before');
          const shown = before.content === JSON.stringify(head) && before.display !== 'none' && before.visibility !== 'hidden';
          if (!shown) {
            problems.push(`"${td.innerText.trim().slice(0, 30)}" has no label "${head}" (content ${before.content})`);
            continue;
          }
          const lineHeight = parseFloat(before.lineHeight) || parseFloat(before.fontSize) * 1.6;
          const lines = parseFloat(before.height) / lineHeight;
          if (lines > 1.5 && (lang === 'zh-CN' || lines > 2.5 || !head.includes(' '))) problems.push(`the label "${head}" wraps (${before.height} for a ${lineHeight}px line)`);
          // The value starts on the label's line: beside it, not under it.
          const range = w.document.createRange();
          range.selectNodeContents(td);
          const tops = Array.from(range.getClientRects())
            .filter((r) => r.width > 2 && r.height > 2)
            .map((r) => r.top);
          if (tops.length && Math.min(...tops) - box.top > lineHeight) problems.push(`"${td.innerText.trim().slice(0, 30)}" starts below its label "${head}"`);
        }
        return { table: String(table.getAttribute('class')), cells, problems, scrollWidth: w.document.documentElement.scrollWidth };
      });
  }, lang);
}

describe('issue 19, the last look items, in Chromium', () => {
  let browser: Browser;
  let desk: PhoneDesk;
  let cast: Cast;
  let sink: SmtpSink;
  let sender: EmailSender;
  let site: Server;
  let siteUrl = '';
  let bobSecret = '';

  const signIn = async (locale: string, email: string, width: number, extra: Parameters<Browser['newContext']>[0] = {}): Promise<Page> => {
    const context: BrowserContext = await browser.newContext({ locale, viewport: { width, height: 844 }, ...extra });
    const page = await context.newPage();
    await page.goto(`${desk.url}/agent`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.locator('nav').first().waitFor({ state: 'attached' });
    return page;
  };
  const enrol = async (email: string): Promise<string> => {
    const res = await api(desk, null, 'POST', '/api/v1/auth/login', { email, password: PASSWORD });
    const headers = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': String(res.body.csrf_token) };
    const setup = await api(desk, null, 'POST', '/api/v1/auth/totp/setup', undefined, headers);
    assert.equal(setup.status, 200, JSON.stringify(setup.body));
    const secret = String(setup.body.secret);
    assert.equal((await api(desk, null, 'POST', '/api/v1/auth/totp/confirm', { code: authenticator.generate(secret) }, headers)).status, 204);
    return secret;
  };

  before(async () => {
    browser = await launch();
    desk = await startPhoneDesk('sqlite');
    cast = await seedCast(desk.deps);
    sink = await startSmtpSink();
    sender = emailSender({ relay: sink.url, tokens: emailTokens('browser-look2'), supportEmail: 'desk@default.example', files: desk.deps.files });
    desk.deps.senders = { email: sender };
    desk.deps.jobsNudge = undefined;
    assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [LINE] })).status, 200);
    // Rows for every table: a customer (help-center request), the starter rules, a finished call in the log, a
    // caller waiting in the queue, a callback.
    const sent = await api(desk, null, 'POST', '/api/v1/help/requests', { brand: 'satoshi', kind: 'how_to', email: 'wang.xiaoming@mail.example', name: '王小明', description: '怎样备份钱包？', language: 'zh-CN' });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    assert.equal((await api(desk, cast.tokens.admin, 'POST', '/api/v1/rules/starter-set', { language: 'en' })).status < 300, true);
    const done = desk.sim.call('+8613800138000', LINE);
    const first = await done.start();
    const menu = await done.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '2' });
    await done.follow(find(menu.doc!, 'Gather').attrs.action!, { Digits: '2' });
    await done.end('completed', '75');
    const record = await desk.deps.store.calls.getBySid(done.sid);
    assert.equal((await api(desk, cast.tokens.admin, 'POST', '/api/v1/calls/callbacks', { ticket_id: record!.ticketId })).status < 300, true);
    const waiting = desk.sim.call('+8613900139000', LINE);
    const w1 = await waiting.start();
    const w2 = await waiting.follow(find(w1.doc!, 'Gather').attrs.action!, { Digits: '1' });
    await waiting.follow(find(w2.doc!, 'Gather').attrs.action!, { Digits: '2' });
    bobSecret = await enrol('bob@desk.example');

    site = createServer((req, res) => {
      const theme = new URL(req.url ?? '/', 'http://x').searchParams.get('theme');
      const init = new URL(req.url ?? '/', 'http://x').searchParams.get('init');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Satoshi Wallet</title></head>
<body><h1>Satoshi Wallet</h1>${init ? `<script>window.walletdeskChat = { theme: ${JSON.stringify(init)} };</script>` : ''}
<script src="${desk.url}/chat/widget.js" data-brand="satoshi"${theme ? ` data-theme="${theme}"` : ''} async></script></body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  after(async () => {
    await browser?.close();
    sender?.close();
    await sink?.close();
    if (site) await new Promise((resolve) => site.close(resolve));
    await desk?.close();
  });

  const TABLE_PAGES = [
    { name: 'agents', path: '/agent/admin/agents', rows: 'tr[data-agent]' },
    { name: 'brands', path: '/agent/admin/brands', rows: 'table.tickets tbody tr' },
    { name: 'rules', path: '/agent/admin/rules', rows: 'table.tickets tbody tr' },
    { name: 'customers', path: '/agent/customers', rows: 'tr[data-customer-id]' },
    { name: 'search', path: `/agent/search?q=${encodeURIComponent('王小明')}`, rows: 'tr[data-customer-id]' },
    { name: 'calls', path: '/agent/calls', rows: 'tr[data-log-call-id]' },
    { name: 'macros', path: '/agent/macros', rows: 'tr[data-macro]' },
    { name: 'articles', path: '/agent/articles', rows: 'tr[data-article]' },
    { name: 'tokens', path: '/agent/admin/tokens', rows: 'table.tickets tbody tr' },
  ];

  for (const { locale, lang } of LANGS) {
    test(`${lang}: at 390 px every card cell of the console's tables shows its column's name beside it, on one line`, async () => {
      const page = await signIn(locale, cast.admin.email, 390);
      const problems = watchErrors(page);
      for (const place of TABLE_PAGES) {
        await page.goto(`${desk.url}${place.path}`);
        await page.locator(place.rows).first().waitFor();
        if (place.name === 'calls') await page.locator('tr[data-call-id]').first().waitFor();
        const tables = await cardCells(page, lang);
        assert.ok(tables.length > 0, `${place.name}: a table`);
        const cells = tables.reduce((n, x) => n + x.cells, 0);
        assert.ok(cells >= 2, `${place.name}: labelled cells checked (${cells})`);
        assert.deepEqual(tables.flatMap((x) => x.problems.map((p) => `${place.name} ${x.table}: ${p}`)), []);
        assert.ok(tables[0]!.scrollWidth <= 390, `${place.name}: the page scrolls sideways (${tables[0]!.scrollWidth} px)`);
        await shot(page, `look2/cards-${lang}-${place.name}`);
      }
      assert.deepEqual(problems, []);
      await page.context().close();
    });

    test(`${lang}: the phone's top bar is one compact row; theme, language, account and sign-out open from ⋯`, async () => {
      const c = catalogue(lang);
      const page = await signIn(locale, cast.agentA.email, 390);
      const problems = watchErrors(page);
      await page.goto(`${desk.url}/agent/views/all`);
      await page.locator('table.tickets').first().waitFor();
      const bar = page.locator('header.topbar');
      const measure = () =>
        bar.evaluate((header) => {
          const h = header as unknown as El & { children: ArrayLike<El> };
          const box = h.getBoundingClientRect();
          const items = Array.from(h.children)
            .map((e) => e.getBoundingClientRect())
            .filter((r) => r.height > 0);
          return { height: box.height, lowest: Math.max(...items.map((r) => r.top)) - box.top, highest: Math.min(...items.map((r) => r.top)) - box.top, items: items.length };
        });
      const m = await measure();
      assert.ok(m.height <= 60, `one row: the bar is ${m.height} px high`);
      assert.ok(m.lowest - m.highest < 20, `every item on one row (${m.highest}…${m.lowest})`);
      assert.ok(m.items >= 4, `menu, search, bell, ⋯ (${m.items})`);
      assert.ok(await page.locator('#search').isVisible(), 'the search box stays in the bar');
      assert.equal(await page.locator('.topbar-more select').isVisible(), false, 'the language switch waits behind ⋯');
      assert.ok((await page.evaluate(() => (globalThis as unknown as Win).document.documentElement.scrollWidth)) <= 390);

      const more = page.getByRole('button', { name: c.look2.topbar.more });
      await more.click();
      assert.equal(await more.getAttribute('aria-expanded'), 'true');
      const menu = page.locator('#topbar-more');
      for (const item of [menu.locator('.theme-switch'), menu.locator('select'), menu.getByRole('link', { name: cast.agentA.name }), menu.getByRole('button', { name: c.agent.sign_out })]) {
        assert.ok(await item.isVisible(), 'every secondary item is in the menu');
      }
      const box = await menu.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, 'the menu fits the screen');
      await shot(page, `look2/topbar-${lang}-390-open`);
      await page.keyboard.press('Escape');
      await until('Escape closes the menu', async () => !(await menu.isVisible()));
      assert.equal(await more.evaluate((b) => b === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement), true, 'focus returns to ⋯');
      // The other language fits in one row too.
      await more.click();
      await menu.locator('select').selectOption(lang === 'en' ? 'zh-CN' : 'en');
      const otherSignOut = catalogue(lang === 'en' ? 'zh-CN' : 'en').agent.sign_out as string;
      await menu.getByRole('button', { name: otherSignOut }).waitFor();
      await page.mouse.click(200, 400);
      await until('a click elsewhere closes the menu', async () => !(await menu.isVisible()));
      const other = await measure();
      assert.ok(other.height <= 60 && other.lowest - other.highest < 20, `one row in the other language too (${other.height} px)`);
      await shot(page, `look2/topbar-${lang}-390`);

      // On a wide screen everything sits in the bar and there is no ⋯.
      await page.setViewportSize({ width: 1280, height: 800 });
      assert.equal(await more.isVisible(), false);
      assert.ok(await menu.locator('select').isVisible());
      assert.ok(await menu.getByRole('button', { name: otherSignOut }).isVisible());
      assert.deepEqual(problems, []);
      await page.context().close();
    });
  }

  test('zh-CN: in the ticket list a short requester name and Chinese cells stay on one line beside a long subject; a card shows no lone dash', async () => {
    const txid = 'a1075db55d416d3ca199f55b6084e2115b9345e16c5cf302fc80e9d5fbf5d48d';
    const made = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', { brand: 'pocket', subject: `转账还没到：${txid}`, body: '请帮忙', requester: { email: 'customer5@mail.example', name: 'Customer 5' } });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    // Long plain subjects claim the most width in an automatic table layout: the short cells must not give way.
    for (let i = 1; i <= 3; i++) {
      const more = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', { brand: 'pocket', subject: `Cannot restore my wallet on the new phone after the update, the recovery words are refused (${i})`, body: 'help', requester: { email: `customer${i}@mail.example`, name: `Customer ${i}` } });
      assert.equal(more.status, 201, JSON.stringify(more.body));
    }
    const page = await signIn('zh-CN', cast.admin.email, 1280);
    // The brand's list holds only these tickets: no wide requester (a phone number) makes room for the short ones.
    await page.goto(`${desk.url}/agent/brands/${cast.brandB.id}`);
    const row = page.locator('table.tickets tbody tr', { hasText: 'Customer 5' });
    await row.waitFor();
    const lines = await row.evaluate((tr) => {
      const w = globalThis as unknown as Win;
      return Array.from((tr as unknown as El).querySelectorAll('td'))
        .filter((td) => !td.querySelector('a') && td.innerText.trim() !== '')
        .map((td) => {
          const range = w.document.createRange();
          range.selectNodeContents(td);
          const rects = Array.from(range.getClientRects()).filter((r) => r.width > 2 && r.height > 2);
          const height = Math.max(...rects.map((r) => r.top + r.height)) - Math.min(...rects.map((r) => r.top));
          const style = w.getComputedStyle(td);
          const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.6;
          return { text: td.innerText.trim(), lines: Math.round(height / line) };
        });
    });
    assert.ok(lines.some((l) => l.text === 'Customer 5'), JSON.stringify(lines));
    assert.deepEqual(lines.filter((l) => l.lines > 1), [], 'every short cell on one line');
    const subjectLines = await row.locator('td a').evaluate((a) => Math.round((a as unknown as El).getBoundingClientRect().height));
    assert.ok(subjectLines > 30, 'the long subject is the one that wraps');
    await shot(page, 'look2/ticket-list-zh-CN-desktop');

    await page.setViewportSize({ width: 390, height: 844 });
    const dash = await page.locator('table.tickets tbody td[data-slot="sla-due"]').evaluateAll((tds) => tds.filter((td) => (td as unknown as El).getBoundingClientRect().height > 0).map((td) => (td as unknown as El).innerText.trim()));
    assert.ok(!dash.includes('–'), `no card shows a lone "–" for a ticket without a deadline (${JSON.stringify(dash)})`);
    await shot(page, 'look2/ticket-list-zh-CN-390');
    await page.context().close();
  });

  test("the chat widget takes the embedding site's theme: data-theme, the init option, auto following the system, setTheme", async () => {
    const launcherColour = (page: Page) =>
      page.locator('walletdesk-chat').evaluate((el) => {
        const root = (el as unknown as { shadowRoot: { querySelector(s: string): unknown } }).shadowRoot;
        return (globalThis as unknown as Win).getComputedStyle(root.querySelector('.launcher')).backgroundColor;
      });
    const open = async (query: string, scheme: 'light' | 'dark') => {
      const context = await browser.newContext({ viewport: { width: 390, height: 700 }, colorScheme: scheme });
      const page = await context.newPage();
      const problems = watchErrors(page);
      await page.goto(`${siteUrl}/${query}`);
      await page.locator('walletdesk-chat').waitFor({ state: 'attached' });
      return { page, problems };
    };

    const dark = await open('?theme=dark', 'light');
    assert.equal(await dark.page.locator('walletdesk-chat').getAttribute('data-theme'), 'dark', 'data-theme="dark" on a light system');
    assert.equal(await launcherColour(dark.page), ACCENT.dark);
    await dark.page.evaluate(() => (globalThis as unknown as { walletdeskChat: { open(): void } }).walletdeskChat.open());
    await shot(dark.page, 'look2/widget-site-dark-on-light-system');
    await dark.page.evaluate(() => (globalThis as unknown as { walletdeskChat: { setTheme(t: string): void } }).walletdeskChat.setTheme('light'));
    assert.equal(await launcherColour(dark.page), ACCENT.light, "the site's own switch calls setTheme");
    assert.deepEqual(dark.problems, []);
    await dark.page.context().close();

    const light = await open('?init=light&theme=dark', 'dark');
    assert.equal(await light.page.locator('walletdesk-chat').getAttribute('data-theme'), 'light', 'the init option wins over the attribute, on a dark system');
    assert.equal(await launcherColour(light.page), ACCENT.light);
    await light.page.context().close();

    const auto = await open('', 'dark');
    assert.equal(await launcherColour(auto.page), ACCENT.dark, 'auto (the default) follows the system');
    await auto.page.emulateMedia({ colorScheme: 'light' });
    await until('auto follows the system as it changes', async () => (await launcherColour(auto.page)) === ACCENT.light);
    // Another site's own <html data-theme> means nothing to the widget there.
    await auto.page.evaluate(() => ((globalThis as unknown as { document: { documentElement: { dataset: Record<string, string> } } }).document.documentElement.dataset.theme = 'dark'));
    await auto.page.emulateMedia({ colorScheme: 'light' });
    assert.equal(await launcherColour(auto.page), ACCENT.light);
    assert.deepEqual(auto.problems, []);
    await auto.page.context().close();
  });

  test("on the help center (our own page) the widget follows the page's theme switch", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', locale: 'zh-CN' });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await page.goto(`${desk.url}/help?brand=satoshi`);
    await page.locator('h1').first().waitFor();
    // The help center carries no widget yet; a page of ours that embeds it gets the same script as any site.
    await page.evaluate((src) => {
      const d = (globalThis as unknown as { document: { createElement(t: string): Record<string, unknown> & { dataset: Record<string, string> }; body: { append(n: unknown): void } } }).document;
      const s = d.createElement('script');
      s.src = src;
      s.dataset.brand = 'satoshi';
      d.body.append(s);
    }, `${desk.url}/chat/widget.js`);
    const widget = page.locator('walletdesk-chat');
    await widget.waitFor({ state: 'attached' });
    assert.equal(await widget.getAttribute('data-theme'), 'light');
    const switcher = page.locator('.theme-switch').first();
    for (let i = 0; i < 3 && (await page.locator('html').getAttribute('data-theme')) !== 'dark'; i++) await switcher.click();
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark', "the help center's switch chose dark");
    await until("the widget follows the page's switch, not the light system", async () => (await widget.getAttribute('data-theme')) === 'dark');
    await page.evaluate(() => (globalThis as unknown as { walletdeskChat: { open(): void } }).walletdeskChat.open());
    await shot(page, 'look2/widget-help-center-dark');
    await switcher.click(); // dark → as the system (light)
    await until('and back', async () => (await widget.getAttribute('data-theme')) === 'light');
    assert.deepEqual(problems, []);
    await context.close();
  });

  for (const { locale, lang } of LANGS) {
    test(`${lang}: an admin removes the two-factor sign-in of an agent who lost their phone, after confirming`, async () => {
      const c = catalogue(lang);
      if (!bobSecret) bobSecret = await enrol('bob@desk.example');
      // Bob is signed in on his (lost) phone.
      const bob = await api(desk, null, 'POST', '/api/v1/auth/login', { email: 'bob@desk.example', password: PASSWORD, totp: authenticator.generate(bobSecret) });
      assert.equal(bob.status, 200);
      const bobCookie = (bob.headers.get('set-cookie') ?? '').split(';')[0]!;

      const page = await signIn(locale, cast.admin.email, 390);
      const problems = watchErrors(page);
      await page.goto(`${desk.url}/agent/admin/agents`);
      const row = page.locator('tr[data-agent="bob@desk.example"]');
      await row.waitFor();
      assert.equal(await row.locator('[data-two-factor]').getAttribute('data-two-factor'), 'on');
      assert.equal(await page.locator('tr[data-agent="admin@desk.example"]').getByRole('button', { name: c.look2.two_factor.remove }).count(), 0, 'not for yourself');
      const remove = row.getByRole('button', { name: c.look2.two_factor.remove_of.replace('{{name}}', 'Bob Agent') });

      // Cancel changes nothing.
      await remove.click();
      const dialog = page.getByRole('dialog', { name: c.look2.two_factor.confirm_title.replace('{{name}}', 'Bob Agent') });
      await dialog.waitFor();
      await dialog.getByText(c.look2.two_factor.confirm_optional).waitFor();
      await shot(page, `look2/remove-2fa-confirm-${lang}-390`);
      await dialog.getByRole('button', { name: c.look2.two_factor.cancel }).click();
      await until('the dialog closes', async () => !(await dialog.isVisible()));
      assert.equal((await api(desk, null, 'GET', '/api/v1/auth/me', undefined, { cookie: bobCookie })).status, 200, 'Cancel signed nobody out');

      await remove.click();
      await dialog.getByRole('button', { name: c.look2.two_factor.confirm_button }).click();
      const done = page.locator('p.ok[role=status]');
      await done.waitFor();
      const text = (await done.textContent()) ?? '';
      assert.ok(text.includes('Bob Agent') && text.includes(c.look2.two_factor.done_mailed), text);
      await until('the row shows two-factor off', async () => (await row.locator('[data-two-factor]').getAttribute('data-two-factor')) === 'off');
      assert.equal((await api(desk, null, 'GET', '/api/v1/auth/me', undefined, { cookie: bobCookie })).status, 401, "Bob's phone is signed out");
      assert.ok((await page.evaluate(() => (globalThis as unknown as Win).document.documentElement.scrollWidth)) <= 390);
      await shot(page, `look2/remove-2fa-done-${lang}-390`);

      const events = await desk.deps.store.events.listForSubject('agent', cast.agentB.id, 100);
      assert.equal(events.filter((e) => e.type === 'agent.two_factor_disabled').at(-1)?.actor.id, cast.admin.id, 'the history names the admin');
      assert.deepEqual((await drainJobs(desk.deps)).failures, []);
      assert.ok(sink.mails.some((m) => m.to.includes('bob@desk.example') && /two-factor/i.test(m.parsed.subject ?? '')), 'Bob was told by e-mail');
      assert.deepEqual(problems, []);
      await page.context().close();
      bobSecret = '';
    });
  }
});
