/**
 * Issue 17's console pages and the chat widget's suggestions in real Chromium: a supervisor finds articles by
 * category, state and language, writes one in two languages (the draft survives a reload), links it, adds an
 * image, changes it and restores an older revision; the Macros page lists macros by use, writes one with
 * placeholders in both languages, and an agent sees only what is theirs to write; a visitor typing in the chat
 * widget on another site is shown the stuck-transaction article, and the Reports page counts the chat and the
 * help form. Screenshots go to test-results/browser/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { launch, shot, unlabelledControls, watchErrors } from './chromium.js';
import { until } from '../helpers/until.js';

// A 1×1 PNG.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cfc0f01f0005000201e221bc330000000049454e44ae426082', 'hex');


describe('knowledge-base authoring and chat suggestions in Chromium', () => {
  let desk: TestDesk;
  let cast: Cast;
  let browser: Browser;
  let site: Server;
  let siteUrl: string;

  before(async () => {
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
    site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Satoshi Wallet</title></head>
<body><h1>Satoshi Wallet</h1><script src="${desk.url}/chat/widget.js" data-brand="satoshi" data-language="zh-CN" async></script></body></html>`);
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

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${desk.url}/agent`);
    await page.locator('input[type=email]').fill(email);
    await page.locator('input[type=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.locator('nav.sidebar').waitFor();
  }

  test('a supervisor filters articles, writes one in two languages across a reload, links it, adds an image and restores a revision', async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await signIn(page, cast.supervisorA.email);
    await page.getByRole('link', { name: 'Articles', exact: true }).click();
    await page.getByRole('heading', { name: 'Articles', level: 1 }).waitFor();
    const rows = page.locator('tr[data-article]');
    await until('the starter articles', async () => (await rows.count()) === 9);
    await shot(page, 'answers-01-articles-list');

    await page.getByLabel('Category').selectOption({ label: 'Transactions' });
    await until('one transactions article', async () => (await rows.count()) === 1);
    assert.match(await rows.first().innerText(), /stuck or unconfirmed/i);
    await page.getByLabel('State').selectOption({ label: 'Draft' });
    await page.getByText('No article matches these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await until('all articles again', async () => (await rows.count()) === 9);
    assert.deepEqual(await unlabelledControls(page), []);

    await page.getByRole('link', { name: 'New article' }).first().click();
    const en = page.locator('[data-translation="en"]');
    const zh = page.locator('[data-translation="zh-CN"]');
    await en.getByLabel('Title').fill('Why is the fee so high?');
    await en.getByLabel('Text').fill('Fees depend on the **size in virtual bytes** and on how busy the network is, not on the amount.');
    await en.getByLabel('State').selectOption('public');
    await zh.getByLabel('Write this translation').check();
    await zh.getByLabel('Title').fill('为什么手续费这么高？');
    await zh.getByLabel('Text').fill('手续费取决于交易的虚拟字节大小和网络拥堵程度，与金额无关。');
    await page.getByLabel('Category', { exact: true }).fill('fees');
    await page.locator('.related-list label').filter({ hasText: /stuck or unconfirmed/i }).getByRole('checkbox').check();

    // A reload keeps what was typed.
    await page.reload();
    await page.getByText('Your unsaved changes from before were restored.').waitFor();
    assert.equal(await en.getByLabel('Title').inputValue(), 'Why is the fee so high?');
    assert.equal(await zh.getByLabel('Text').inputValue(), '手续费取决于交易的虚拟字节大小和网络拥堵程度，与金额无关。');
    assert.equal(await zh.getByLabel('State').inputValue(), 'draft', 'each translation keeps its own state');
    assert.equal(await page.getByLabel('Category', { exact: true }).inputValue(), 'fees');
    assert.deepEqual(await unlabelledControls(page), []);
    await shot(page, 'answers-02-article-editor-restored');
    await page.getByRole('button', { name: 'Save article' }).click();
    await page.getByText('Article saved.').or(page.getByRole('heading', { name: 'Why is the fee so high?', level: 1 })).first().waitFor();
    await page.waitForURL(/\/agent\/articles\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    const saved = (await api(desk, cast.tokens.supervisorA, 'GET', `/api/v1/articles/${id}`)).body;
    assert.equal(saved.category, 'fees');
    assert.deepEqual(saved.translations.map((x: { locale: string; state: string }) => `${x.locale}:${x.state}`).sort(), ['en:public', 'zh-CN:draft']);
    const stuck = (await desk.deps.store.articles.getByStarterKey(cast.brandA.id, 'stuck_tx'))!;
    assert.deepEqual(saved.related_ids, [stuck.id]);
    assert.equal(await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('walletdesk.answers.article.new')), null, 'the draft is gone after saving');

    // An image: uploaded, inserted into the English text, saved; the help center serves it.
    await page.getByRole('heading', { name: 'Why is the fee so high?', level: 1 }).waitFor();
    await page.getByLabel('Upload files').setInputFiles({ name: 'fee-setting.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('Uploaded. Save the article to keep them.').waitFor();
    await page.getByRole('button', { name: 'Insert as image in English' }).click();
    await en.getByLabel('Text').fill(`${await en.getByLabel('Text').inputValue()}\nChoose a lower fee only when you are not in a hurry.`);
    await page.getByRole('button', { name: 'Save article' }).click();
    await page.getByText('Article saved.').waitFor();
    const withImage = (await api(desk, null, 'GET', `/api/v1/help/articles/${id}?locale=en`)).body;
    assert.match(withImage.html, new RegExp(`<img[^>]+src="/api/v1/help/articles/${id}/files/`));
    assert.equal(withImage.files.length, 1);
    assert.equal((await fetch(`${desk.url}${withImage.files[0].url}`)).status, 200);

    // The history: two English revisions and one Chinese; the older English one is viewed and restored.
    const history = page.locator('[data-revisions] li');
    await until('three revisions', async () => (await history.count()) === 3);
    await shot(page, 'answers-03-article-revisions');
    const older = history.filter({ hasText: 'English' }).last();
    await older.getByRole('button', { name: 'View' }).click();
    await older.locator('pre').filter({ hasText: 'size in virtual bytes' }).waitFor();
    page.once('dialog', (d) => void d.accept());
    await older.getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Restored as a new revision.').waitFor();
    await until('four revisions', async () => (await history.count()) === 4);
    await until('the restored text in the editor', async () => (await en.getByLabel('Text').inputValue()) === 'Fees depend on the **size in virtual bytes** and on how busy the network is, not on the amount.');
    const restored = (await api(desk, null, 'GET', `/api/v1/help/articles/${id}?locale=en`)).body;
    assert.doesNotMatch(restored.html, /<img/, 'the restored text is what the help center shows');
    await shot(page, 'answers-04-article-restored');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the Macros page lists by use, writes a macro in both languages with placeholders across a reload, and an agent writes only personal ones', async () => {
    const ticket = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: '转账没到账', body: '我的转账一直没到账', requester: { email: 'm@example.com', name: '王伟' } });
    const macros = (await api(desk, cast.tokens.admin, 'GET', '/api/v1/macros')).body.macros as Array<{ id: string; title: string }>;
    const official = macros.find((m) => /official channels/i.test(m.title))!;
    for (let i = 0; i < 2; i += 1) assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticket.body.id}/macros/${official.id}`)).status, 201);

    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await signIn(page, cast.supervisorA.email);
    await page.getByRole('link', { name: '宏', exact: true }).click();
    await page.getByRole('heading', { name: '宏', level: 1 }).waitFor();
    const rows = page.locator('tr[data-macro]');
    await until('the starter macros', async () => (await rows.count()) === 6);
    assert.equal(await rows.first().getAttribute('data-macro'), official.id, 'the most used macro comes first');
    assert.equal(await rows.first().locator('[data-uses]').innerText(), '2');
    await page.getByRole('button', { name: /使用次数/ }).click();
    assert.notEqual(await rows.first().getAttribute('data-macro'), official.id, 'a click sorts the other way');
    await shot(page, 'answers-05-macros-list');

    await page.getByRole('link', { name: '新建宏' }).first().click();
    await page.getByLabel('标题').fill('提现延迟 · Withdrawal delayed');
    await page.getByLabel('简体中文回复').fill('您好，');
    await page.getByRole('button', { name: '{{customer_name}}' }).click();
    await page.getByLabel('英文回复').fill('Hello, your ticket ');
    await page.getByRole('button', { name: '{{ticket_number}}' }).click();
    await page.getByLabel('然后设置状态').selectOption('pending');
    await page.getByLabel('添加标签').fill('withdrawal, delayed');
    await page.reload();
    await page.getByText('已恢复您之前未保存的修改。').waitFor();
    assert.equal(await page.getByLabel('简体中文回复').inputValue(), '您好，{{customer_name}}');
    assert.equal(await page.getByLabel('英文回复').inputValue(), 'Hello, your ticket {{ticket_number}}');
    assert.deepEqual(await unlabelledControls(page), []);
    await shot(page, 'answers-06-macro-editor');
    await page.getByRole('button', { name: '保存宏' }).click();
    await page.waitForURL(/\/agent\/macros\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    const saved = ((await api(desk, cast.tokens.admin, 'GET', '/api/v1/macros')).body.macros as Array<Record<string, unknown>>).find((m) => m.id === id)!;
    assert.deepEqual(saved.bodies, { 'zh-CN': '您好，{{customer_name}}', en: 'Hello, your ticket {{ticket_number}}' });
    assert.deepEqual(saved.actions, { status: 'pending', add_tags: ['withdrawal', 'delayed'] });
    assert.equal(saved.scope, 'shared');
    const preview = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticket.body.id}/macros/${id}?preview=1`);
    assert.equal(preview.body.text, '您好，王伟', 'the placeholders are filled in the ticket’s language');
    assert.deepEqual(problems, []);
    await context.close();

    const agentContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const agentPage = await agentContext.newPage();
    await signIn(agentPage, cast.agentA.email);
    await agentPage.goto(`${desk.url}/agent/macros`);
    await agentPage.locator('tr[data-macro]').first().waitFor();
    assert.equal(await agentPage.getByRole('columnheader', { name: /Uses/ }).count(), 0, 'use counts are for supervisors and admins');
    await agentPage.locator(`tr[data-macro="${official.id}"]`).getByRole('link').click();
    await agentPage.getByText('Only supervisors and admins change shared and team macros; you can use this one.').waitFor();
    assert.equal(await agentPage.getByRole('button', { name: 'Save macro' }).count(), 0);
    await agentPage.goto(`${desk.url}/agent/macros/new`);
    // The scope choices follow the signed-in agent's role, which the page learns after its first paint.
    const scopes = await until('the scope choices', async () => {
      const options = await agentPage.getByLabel('Scope').locator('option').allTextContents();
      return options.length > 0 && options;
    });
    assert.deepEqual(scopes, ['Personal']);
    await shot(agentPage, 'answers-07-macro-editor-agent');
    // A recovery phrase pasted into a macro is never kept as a draft.
    await agentPage.getByLabel('Title').fill('Careful');
    await agentPage.getByLabel('Reply in English').fill('legal winner thank year wave sausage worth useful legal winner thank yellow');
    await agentPage.reload();
    await agentPage.getByLabel('Reply in English').waitFor();
    assert.equal(await agentPage.getByLabel('Reply in English').inputValue(), '');
    assert.equal(await agentPage.getByText('Your unsaved changes from before were restored.').count(), 0);
    // Articles: an agent reads and does not write.
    await agentPage.goto(`${desk.url}/agent/articles`);
    await agentPage.locator('tr[data-article]').first().waitFor();
    assert.equal(await agentPage.getByRole('link', { name: 'New article' }).count(), 0);
    await agentPage.locator('tr[data-article] a').first().click();
    await agentPage.getByText('You can read this article; supervisors and admins change it.').waitFor();
    assert.equal(await agentPage.getByRole('button', { name: 'Save article' }).count(), 0);
    assert.equal(await agentPage.locator('[data-translation="en"]').getByLabel('Title').isDisabled(), true);
    await agentContext.close();
  });

  test('an admin makes a trigger send a macro from Admin → Rules', async () => {
    const own = await api(desk, cast.tokens.admin, 'POST', '/api/v1/macros', { title: 'Ada’s own words', body: 'Personal text.', scope: 'personal' });
    assert.equal(own.status, 201);
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await signIn(page, cast.admin.email);
    await page.getByRole('link', { name: 'Rules', exact: true }).click();
    await page.getByRole('heading', { name: 'Rules: triggers and automations', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Answer stuck transactions');
    await page.getByLabel('Condition 1: value').selectOption({ label: 'Ticket created' });
    await page.getByLabel('Action 1', { exact: true }).selectOption({ label: 'Send a macro' });
    const choice = page.getByLabel('Action 1: value');
    const options = await choice.locator('option').allTextContents();
    assert.ok(options.some((o) => /Stuck transaction/.test(o)), options.join(' | '));
    assert.ok(!options.includes('Ada’s own words'), 'personal macros are not offered');
    await choice.selectOption({ label: options.find((o) => /Stuck transaction/.test(o))! });
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByLabel('Action 2', { exact: true }).selectOption({ label: 'Add internal note' });
    await page.getByText(/Texts may use \{\{customer_name\}\}, \{\{ticket_number\}\}/).waitFor();
    await page.getByLabel('Action 2: value').fill('Sent the stuck-transaction macro to {{customer_name}}.');
    await shot(page, 'answers-11-rule-send-macro');
    await page.getByRole('button', { name: 'Save (switched off)' }).click();
    await page.getByRole('row', { name: /Answer stuck transactions/ }).waitFor();
    const rule = ((await api(desk, cast.tokens.admin, 'GET', '/api/v1/rules')).body.rules as Array<{ name: string; actions: Array<{ type: string; value: string }> }>).find((r) => r.name === 'Answer stuck transactions')!;
    const stuck = ((await api(desk, cast.tokens.admin, 'GET', '/api/v1/macros')).body.macros as Array<{ id: string; title: string }>).find((m) => /Stuck transaction/.test(m.title))!;
    assert.deepEqual(rule.actions, [
      { type: 'send_macro', value: stuck.id },
      { type: 'add_note', value: 'Sent the stuck-transaction macro to {{customer_name}}.' },
    ]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a visitor typing in the chat widget is shown the stuck-transaction article; the Reports page counts the chat and the help form', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await page.goto(siteUrl);
    await page.getByRole('button', { name: '打开在线客服' }).click();
    const panel = page.getByRole('dialog', { name: 'Satoshi Wallet' });
    await panel.getByLabel('交易问题（未到账、卡住、失败）').check();
    await panel.getByRole('button', { name: '开始聊天' }).click();
    const input = panel.getByRole('textbox', { name: '消息' });
    await input.fill('转账一直没到账');
    const suggestions = panel.getByRole('complementary', { name: '这些文章也许能解答您的问题' });
    const link = suggestions.getByRole('link').first();
    await link.waitFor();
    assert.match((await link.textContent()) ?? '', /交易卡住/);
    assert.match((await link.getAttribute('href')) ?? '', new RegExp(`^${desk.url}/help/articles/[0-9a-f-]+\\?brand=satoshi&lang=zh-CN$`));
    await shot(page, 'answers-08-widget-suggestions');
    const [article] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await article.getByRole('heading', { level: 1, name: /交易卡住/ }).waitFor();
    await article.close();
    // The visitor writes anyway: the suggestions go, and this attempt counts as sent.
    await input.press('Enter');
    await suggestions.waitFor({ state: 'hidden' });
    // Only before the first message: more typing asks for nothing (a lookup would start 350 ms after typing).
    const lookup = page.waitForRequest(/\/chat\/v1\/articles/, { timeout: 1500 }).then(
      () => 'asked',
      () => 'not asked',
    );
    await input.fill('还有一个问题：手续费');
    assert.equal(await lookup, 'not asked');
    assert.equal(await suggestions.isVisible(), false);

    // A second visitor (another browser, so another chat) is shown suggestions and leaves without writing.
    const otherContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const other = await otherContext.newPage();
    await other.goto(siteUrl);
    await other.getByRole('button', { name: '打开在线客服' }).click();
    const otherPanel = other.getByRole('dialog', { name: 'Satoshi Wallet' });
    await otherPanel.getByLabel('交易问题（未到账、卡住、失败）').check();
    await otherPanel.getByRole('button', { name: '开始聊天' }).click();
    await otherPanel.getByRole('textbox', { name: '消息' }).fill('冻结');
    await otherPanel.getByRole('complementary').getByRole('link').first().waitFor();
    await shot(other, 'answers-09-widget-suggestions-phone');
    await other.close({ runBeforeUnload: true });

    const report = async () => (await api(desk, cast.tokens.supervisorA, 'GET', `/api/v1/reports/self-service?brand_id=${cast.brandA.id}`)).body;
    const numbers = await until('the chat attempts counted', async () => {
      const r = await report();
      return r.by_surface.chat.shown === 2 && r.by_surface.chat.abandoned === 1 && r.by_surface.chat.sent === 1 ? r : null;
    });
    assert.deepEqual(numbers.by_surface.chat, { shown: 2, opened: 1, sent: 1, deflected: 0, abandoned: 1, rate: 0 });
    assert.deepEqual(problems, []);
    await context.close();
    await otherContext.close();

    // A help-form attempt that self-served, through the API the help center uses.
    for (const body of [{ kind: 'suggestion_shown' }, { kind: 'article_opened', article_id: (await desk.deps.store.articles.getByStarterKey(cast.brandA.id, 'stuck_tx'))!.id }]) {
      assert.equal((await api(desk, null, 'POST', '/api/v1/help/deflection', { brand: 'satoshi', surface: 'help_form', session_key: 'formattempt01', ...body })).status, 204);
    }
    const supervisor = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 1100 } });
    const reports = await supervisor.newPage();
    await signIn(reports, cast.supervisorA.email);
    const asked: string[] = [];
    reports.on('request', (r) => /\/api\/v1\/reports\/(full|self-service)/.test(r.url()) && asked.push(new URL(r.url()).pathname));
    await reports.goto(`${desk.url}/agent/reports`);
    const card = reports.locator('[data-self-service]');
    await card.locator('[data-metric="self_service_rate"]').waitFor();
    // The page settles: each report is asked for once, not again after every render.
    await reports.waitForLoadState('networkidle', { timeout: 10_000 });
    assert.deepEqual(asked.sort(), ['/api/v1/reports/full', '/api/v1/reports/self-service']);
    assert.equal(await card.locator('[data-metric="self_service_rate"]').innerText(), '33.3%', 'one of three attempts self-served');
    assert.match(await card.locator('tr[data-surface="chat"]').innerText(), /Chat widget\s+2\s+1\s+0\s+1\s+0%/);
    assert.match(await card.locator('tr[data-surface="help_form"]').innerText(), /Help-center form\s+1\s+1\s+1\s+0\s+100%/);
    await card.scrollIntoViewIfNeeded();
    await shot(reports, 'answers-10-reports-self-service');
    await supervisor.close();
  });
});
