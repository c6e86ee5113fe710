/**
 * Deflection in the chat widget through its HTTP endpoints (/chat/v1/articles, /chat/v1/deflection), once per
 * database: public articles only, for pages that may embed the chat; events recorded once per attempt under
 * surface "chat"; and the self-service report counting the help form and the chat together and apart.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

for (const dialect of DIALECTS) {
  describe(`chat widget deflection on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
    });
    after(async () => desk.close());

    const origin = { origin: 'https://wallet.example.com' };
    const suggest = (query: string, headers: Record<string, string> = origin) => api(desk, null, 'GET', `/chat/v1/articles?${query}`, undefined, headers);
    const event = (query: string, headers: Record<string, string> = origin) => api(desk, null, 'POST', `/chat/v1/deflection?${query}`, undefined, headers);

    test('suggests the brand’s public articles for what the visitor writes, in the widget’s language, to another site', async () => {
      const zh = await suggest(`brand=satoshi&locale=zh-CN&q=${encodeURIComponent('转账一直没到账')}`);
      assert.equal(zh.status, 200, JSON.stringify(zh.body));
      assert.match(zh.body.articles[0]?.title ?? '', /交易卡住/);
      assert.ok(zh.body.articles.length <= 3);
      assert.equal(zh.headers.get('access-control-allow-origin'), 'https://wallet.example.com');
      const en = await suggest(`brand=pocket&locale=en&q=${encodeURIComponent('my transaction is stuck unconfirmed')}`);
      assert.match(en.body.articles[0]?.title ?? '', /stuck or unconfirmed/i);
      assert.deepEqual((await suggest('brand=satoshi&locale=zh-CN&q=%E8%BD%AC')).body.articles, [], 'one character is not enough');

      // A draft is never suggested.
      const draft = await api(desk, cast.tokens.supervisorA, 'POST', '/api/v1/articles', {
        brand_id: cast.brandA.id,
        translations: [{ locale: 'zh-CN', title: '内部草稿：转账没到账的处理', body: '转账没到账 草稿 内容', state: 'draft' }],
      });
      assert.equal(draft.status, 201);
      const again = await suggest(`brand=satoshi&locale=zh-CN&q=${encodeURIComponent('转账没到账 草稿')}`);
      assert.ok(!again.body.articles.some((a: { id: string }) => a.id === draft.body.id));

      assert.equal((await suggest('brand=nope&q=stuck')).status, 404);
      assert.equal((await suggest('brand=satoshi')).status, 400, 'q is required');
      const limited = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}/chat-settings`, { allowed_origins: ['https://wallet.example.com'] });
      assert.equal(limited.status, 200, JSON.stringify(limited.body));
      assert.equal((await suggest('brand=satoshi&q=stuck', { origin: 'https://evil.example' })).status, 403, 'a page that may not embed the chat gets nothing');
      assert.equal((await suggest('brand=satoshi&q=stuck')).status, 200);
    });

    test('records shown, opened, sent and abandoned once per attempt, and the report counts the help form and the chat', async () => {
      const stuck = (await suggest(`brand=satoshi&locale=zh-CN&q=${encodeURIComponent('到账')}`)).body.articles[0].id as string;
      // Chat attempt 1: shown, opened (twice: kept once), then left → self-served.
      for (const q of ['kind=suggestion_shown', `kind=article_opened&article_id=${stuck}`, `kind=article_opened&article_id=${stuck}`, 'kind=request_abandoned']) {
        const res = await event(`brand=satoshi&session_key=chatattempt1&${q}`);
        assert.equal(res.status, 204, JSON.stringify(res.body));
      }
      // Chat attempt 2: shown, then the first message was sent anyway.
      for (const q of ['kind=suggestion_shown', 'kind=request_sent']) assert.equal((await event(`brand=satoshi&session_key=chatattempt2&${q}`)).status, 204);
      // A help-form attempt: shown and opened.
      for (const body of [{ kind: 'suggestion_shown' }, { kind: 'article_opened', article_id: stuck }]) {
        assert.equal((await api(desk, null, 'POST', '/api/v1/help/deflection', { brand: 'satoshi', surface: 'help_form', session_key: 'formattempt1', ...body })).status, 204);
      }

      assert.equal((await event('brand=satoshi&session_key=chatattempt3&kind=clicked')).status, 400);
      assert.equal((await event('brand=satoshi&session_key=bad key!&kind=suggestion_shown')).status, 400);
      const foreign = (await api(desk, null, 'GET', '/api/v1/help/articles?brand=pocket&locale=en&limit=1')).body.articles[0].id;
      assert.equal((await event(`brand=satoshi&session_key=chatattempt3&kind=article_opened&article_id=${foreign}`)).status, 404, 'an article of another brand');
      assert.equal((await event('brand=satoshi&session_key=chatattempt3&kind=suggestion_shown', { origin: 'https://evil.example' })).status, 403);

      const report = await api(desk, cast.tokens.supervisorA, 'GET', `/api/v1/reports/self-service?brand_id=${cast.brandA.id}`);
      assert.equal(report.status, 200, JSON.stringify(report.body));
      assert.deepEqual(
        { shown: report.body.shown, opened: report.body.opened, sent: report.body.sent, deflected: report.body.deflected, abandoned: report.body.abandoned },
        { shown: 3, opened: 2, sent: 1, deflected: 2, abandoned: 1 },
      );
      assert.equal(report.body.rate, 2 / 3);
      assert.deepEqual(report.body.by_surface.chat, { shown: 2, opened: 1, sent: 1, deflected: 1, abandoned: 1, rate: 0.5 });
      assert.deepEqual(report.body.by_surface.help_form, { shown: 1, opened: 1, sent: 0, deflected: 1, abandoned: 0, rate: 1 });
      const rows = await desk.deps.store.kbEvents.selfService({ from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z', brandIds: null, surface: 'chat' });
      assert.equal(rows.opened, 1, 'the second "opened" of the same article was not stored again');
    });
  });
}
