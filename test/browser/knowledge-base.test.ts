/**
 * Macros and the knowledge base in real Chromium, once per database: a customer typing "转账一直没到账" in the
 * help-center form is shown the stuck-transaction article, opens it and says it helped (the deflection events
 * reach the self-service report); an agent answers a Chinese ticket with a starter macro picked from the
 * composer with the keyboard, and inserts a suggested article's link. Screenshots go to test-results/browser/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { DIALECTS } from '../helpers/stores.js';
import { PASSWORD, api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { launch, shot, unlabelledControls, watchErrors } from './chromium.js';

for (const dialect of DIALECTS) {
  describe(`knowledge base and macros in Chromium on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let browser: Browser;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      browser = await launch();
    });
    after(async () => {
      await browser?.close();
      await desk?.close();
    });

    test('a customer typing 转账一直没到账 in the help form is shown the stuck-transaction article', async () => {
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      const problems = watchErrors(page);
      await page.goto(`${desk.url}/help?brand=satoshi`);
      await page.getByLabel('交易问题（未到账、卡住、失败）').check();
      await page.getByLabel('请描述具体情况').fill('转账一直没到账');
      const suggestions = page.getByRole('complementary', { name: '这些文章也许能解答您的问题' });
      const link = suggestions.getByRole('link', { name: /交易卡住或一直未确认怎么办/ });
      await link.waitFor();
      assert.equal(await suggestions.getByRole('link').first().textContent(), '交易卡住或一直未确认怎么办（RBF 和 CPFP）', 'the stuck-transaction article comes first');
      assert.deepEqual(await unlabelledControls(page), []);
      await shot(page, `kb-01-help-form-suggestion-${dialect}`);

      const [article] = await Promise.all([context.waitForEvent('page'), link.click()]);
      await article.getByRole('heading', { level: 1, name: '交易卡住或一直未确认怎么办（RBF 和 CPFP）' }).waitFor();
      await article.getByText('RBF（手续费替换，Replace-By-Fee）').waitFor();
      await article.getByRole('heading', { name: '相关文章' }).waitFor();
      await article.getByRole('button', { name: '是' }).click();
      await article.getByText('感谢您的反馈。').waitFor();
      await shot(article, `kb-02-article-page-${dialect}`);
      assert.equal(await page.getByLabel('请描述具体情况').inputValue(), '转账一直没到账', 'the form keeps what was written');
      // The customer found the answer and leaves without sending.
      await page.close({ runBeforeUnload: true });

      const report = async () => (await api(desk, cast.tokens.supervisorA, 'GET', `/api/v1/reports/self-service?brand_id=${cast.brandA.id}`)).body;
      for (let i = 0; i < 100 && (await report()).abandoned < 1; i++) await new Promise((r) => setTimeout(r, 50));
      const numbers = await report();
      assert.equal(numbers.shown, 1);
      assert.equal(numbers.opened, 1);
      assert.equal(numbers.deflected, 1, 'opened an article and sent nothing: self-served');
      assert.equal(numbers.rate, 1);
      const stuck = (await desk.deps.store.articles.getByStarterKey(cast.brandA.id, 'stuck_tx'))!;
      assert.equal(stuck.helpfulYes, 1);
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('a hostile article body runs nothing on the help-center page', async () => {
      const created = await api(desk, cast.tokens.supervisorA, 'POST', '/api/v1/articles', {
        brand_id: cast.brandA.id,
        translations: [
          {
            locale: 'en',
            state: 'public',
            format: 'html',
            title: 'Hostile markup',
            body: '<p>Safe words</p><script>window.pwned=1;alert(1)</script><img src="x" onerror="window.pwned=2;alert(2)"><a href="javascript:alert(3)">click</a><svg onload="alert(4)"></svg><iframe src="https://example.com"></iframe>',
          },
        ],
      });
      assert.equal(created.status, 201);
      const context = await browser.newContext({ locale: 'en-GB' });
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`${desk.url}/help/articles/${created.body.id}?brand=satoshi&lang=en`);
      await page.getByText('Safe words').waitFor();
      await page.getByText('click', { exact: true }).click();
      assert.deepEqual(dialogs, []);
      assert.equal(await page.evaluate('window.pwned'), undefined);
      assert.equal(await page.locator('.kb-body script, .kb-body iframe, .kb-body svg, .kb-body [onerror]').count(), 0);
      assert.equal(await page.getByText('click', { exact: true }).getAttribute('href'), null, 'the javascript: link lost its address');
      await context.close();
    });

    test('an agent answers in Chinese with a macro picked with the keyboard, and inserts a suggested article', async () => {
      const ticket = (
        await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', {
          subject: '手机换了以后钱包怎么恢复',
          body: '我的手机坏了，换了新手机，钱包里的比特币怎么恢复？',
          requester: { email: 'zhou@example.com', name: '周先生', language: 'zh-CN' },
        })
      ).body;
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems = watchErrors(page);
      await page.goto(`${desk.url}/agent`);
      await page.getByLabel('邮箱').fill(cast.agentA.email);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('link', { name: /我的工单/ }).waitFor();
      await page.goto(`${desk.url}/agent/tickets/${ticket.number}`);
      await page.getByRole('heading', { name: new RegExp(`#${ticket.number}`) }).waitFor();

      // The suggested articles for this conversation; one click puts the link in the reply.
      const suggested = page.getByRole('region', { name: '推荐文章' });
      await suggested.getByRole('link', { name: /手机钱包/ }).waitFor();
      await suggested.getByRole('button', { name: /手机钱包/ }).click();
      assert.match(await page.locator('#reply').inputValue(), new RegExp(`手机钱包.*: ${desk.url.replace(/[.]/g, '\\.')}/help/articles/[0-9a-f-]+\\?brand=satoshi&lang=zh-CN`));
      await page.locator('#reply').fill('');

      await page.locator('h1').click();
      await page.keyboard.press('m');
      const search = page.getByRole('combobox', { name: '搜索宏…' });
      await search.waitFor();
      await search.fill('从不索要');
      await shot(page, `kb-03-macro-picker-${dialect}`);
      await search.press('Enter');
      const reply = page.locator('#reply');
      await page.getByText(/^宏“我们从不索要助记词/).waitFor();
      const text = await reply.inputValue();
      assert.match(text, /^周先生，您好/);
      assert.match(text, /我们永远不会索要您的助记词/);
      assert.match(text, new RegExp(`#${ticket.number}`));
      assert.doesNotMatch(text, /\{\{/);
      await page.getByRole('button', { name: '发送回复' }).click();
      await page.getByText('回复已发送。').waitFor();
      await page.locator('.msg', { hasText: '我们永远不会索要您的助记词' }).first().waitFor();
      await shot(page, `kb-04-macro-sent-${dialect}`);

      const macros = (await api(desk, cast.tokens.admin, 'GET', '/api/v1/macros')).body.macros as Array<{ title: string; usage_count: number }>;
      assert.equal(macros.find((m) => m.title.includes('我们从不索要助记词'))?.usage_count, 1, 'the use is counted');
      const after = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticket.id}`)).body;
      assert.ok(after.tags.includes('phishing-risk'), 'the macro’s actions applied');
      assert.ok(after.messages.some((m: { public: boolean; body: string }) => !m.public && m.body.includes('索要助记词')), 'and its internal note');
      assert.deepEqual(problems, []);
      await context.close();
    });
  });
}
