/** Macros, articles, the public help-center search and deflection through the HTTP API, once per database. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildScenario } from '../fakes/scenario.js';
import { startEsplora, type FakeServer } from '../fakes/esplora-server.js';
import { createEsploraBackend } from '../../src/bitcoin/index.js';
import { seedKnowledgeBase, STARTER_ARTICLES, STARTER_MACROS } from '../../src/app/seed-knowledge-base.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

const sc = buildScenario();

for (const dialect of DIALECTS) {
  describe(`knowledge base and macros on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let esplora: FakeServer;
    before(async () => {
      esplora = await startEsplora({ transactions: sc.transactions, tipHeight: sc.tipHeight, feeEstimates: sc.feeEstimates, tipTime: Math.floor(sc.now.getTime() / 1000) });
      desk = await startTestDesk(dialect);
      desk.deps.chain = createEsploraBackend({ url: esplora.url });
      cast = await seedCast(desk.deps);
    });
    after(async () => {
      await desk.close();
      await esplora.close();
    });

    const help = (query: string) => api(desk, null, 'GET', `/api/v1/help/articles?${query}`);

    test('every brand starts with the starter articles in both languages, and seeding again adds nothing', async () => {
      const zh = await help('brand=satoshi&locale=zh-CN&limit=50');
      assert.equal(zh.status, 200, JSON.stringify(zh.body));
      assert.equal(zh.body.articles.length, STARTER_ARTICLES.length);
      const en = await help('brand=pocket&locale=en&limit=50');
      assert.equal(en.body.articles.length, STARTER_ARTICLES.length);
      assert.ok(en.body.articles.some((a: { title: string }) => /stuck or unconfirmed/.test(a.title)));
      await desk.deps.store.transaction((tx) => seedKnowledgeBase(tx, cast.brandA, new Date().toISOString()));
      assert.equal((await help('brand=satoshi&locale=zh-CN&limit=50')).body.articles.length, STARTER_ARTICLES.length);
      const macros = await api(desk, cast.tokens.admin, 'GET', '/api/v1/macros');
      assert.equal(macros.body.macros.length, STARTER_MACROS.length, 'the starter macros exist once for the desk');
    });

    test('two-character Chinese queries and Traditional characters find the stuck-transaction article', async () => {
      for (const q of ['到账', '转账一直没到账', '轉帳一直沒到賬', '交易卡住']) {
        const res = await help(`brand=satoshi&locale=zh-CN&q=${encodeURIComponent(q)}`);
        assert.equal(res.status, 200);
        assert.match(res.body.articles[0]?.title ?? '', /交易卡住/, `${q} → ${JSON.stringify(res.body.articles.map((a: { title: string }) => a.title))}`);
        assert.match(res.body.articles[0].url, /^\/help\/articles\/[0-9a-f-]+\?brand=satoshi&lang=zh-CN$/);
        assert.deepEqual(Object.keys(res.body.articles[0]).sort(), ['category', 'id', 'locale', 'snippet', 'title', 'url']);
      }
      const frozen = await help(`brand=satoshi&locale=zh-CN&q=${encodeURIComponent('冻结')}`);
      assert.match(frozen.body.articles[0]?.title ?? '', /被盗/);
    });

    test('POST /articles answers 201 with the id; the help center shows only public translations', async () => {
      const created = await api(desk, cast.tokens.supervisorA, 'POST', '/api/v1/articles', {
        brand_id: cast.brandA.id,
        category: 'fees',
        translations: [
          { locale: 'zh-CN', title: '矿工费是怎么计算的', body: '矿工费按交易的**虚拟字节**计算，与金额无关。', state: 'public' },
          { locale: 'en', title: 'How mining fees are calculated', body: 'Fees depend on the size in virtual bytes, not the amount.', state: 'draft' },
        ],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.ok(created.body.id);
      assert.match(created.body.translations[0].html, /<strong>虚拟字节<\/strong>/);
      const zh = await help(`brand=satoshi&locale=zh-CN&q=${encodeURIComponent('矿工费')}`);
      assert.equal(zh.body.articles[0]?.id, created.body.id);
      const en = await help('brand=satoshi&locale=en&q=virtual%20bytes%20fees');
      assert.ok(!en.body.articles.some((a: { id: string }) => a.id === created.body.id), 'the English draft stays hidden');
      assert.equal((await api(desk, null, 'GET', `/api/v1/help/articles/${created.body.id}?locale=en`)).body.locale, 'zh-CN', 'the public language is served instead');

      const internal = await api(desk, cast.tokens.supervisorA, 'PATCH', `/api/v1/articles/${created.body.id}`, {
        translations: [{ locale: 'zh-CN', title: '矿工费是怎么计算的', body: '内部说明：矿工费按虚拟字节计算。', state: 'internal' }],
      });
      assert.equal(internal.status, 200, JSON.stringify(internal.body));
      assert.equal((await api(desk, null, 'GET', `/api/v1/help/articles/${created.body.id}`)).status, 404, 'internal articles are not public');
      assert.ok(!(await help(`brand=satoshi&locale=zh-CN&q=${encodeURIComponent('矿工费')}`)).body.articles.some((a: { id: string }) => a.id === created.body.id));
      const revisions = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/articles/${created.body.id}/revisions`);
      assert.equal(revisions.status, 200);
      const kept = revisions.body.revisions.map((r: { locale: string; state: string }) => `${r.locale}:${r.state}`);
      assert.equal(kept[0], 'zh-CN:internal', 'newest first');
      assert.deepEqual(kept.slice(1).sort(), ['en:draft', 'zh-CN:public']);

      assert.equal((await api(desk, cast.tokens.agentA, 'POST', '/api/v1/articles', { brand_id: cast.brandA.id, translations: [{ locale: 'en', title: 'x', body: 'y', state: 'public' }] })).status, 403, 'agents read, supervisors write');
      assert.equal((await api(desk, cast.tokens.supervisorA, 'POST', '/api/v1/articles', { brand_id: cast.brandB.id, translations: [{ locale: 'en', title: 'x', body: 'y', state: 'public' }] })).status, 403, 'not another brand');
      const bad = await api(desk, cast.tokens.supervisorA, 'POST', '/api/v1/articles', { brand_id: cast.brandA.id, translations: [{ locale: 'fr', title: 'x', body: 'y', state: 'public' }] });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'invalid_input');
      assert.equal((await api(desk, cast.tokens.agentB, 'GET', `/api/v1/articles/${created.body.id}`)).status, 404, 'other brands do not see it');
    });

    test('an article shows an image from the attachment store while it is public, and only its author’s uploads', async () => {
      const upload = async (token: string) => {
        const form = new FormData();
        form.append('file', new Blob([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')], { type: 'image/png' }), 'diagram.png');
        const res = await fetch(`${desk.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
        assert.equal(res.status, 201);
        return ((await res.json()) as { id: string }).id;
      };
      const mine = await upload(cast.tokens.supervisorA);
      const theirs = await upload(cast.tokens.agentA);
      const draft = { locale: 'en', title: 'Where the fee setting is', body: 'See the picture.', state: 'draft' };
      const created = await api(desk, cast.tokens.supervisorA, 'POST', '/api/v1/articles', { brand_id: cast.brandA.id, translations: [draft], attachment_ids: [mine] });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const file = `/api/v1/help/articles/${created.body.id}/files/${mine}`;
      assert.equal((await api(desk, null, 'GET', file)).status, 404, 'not while the article is a draft');
      const published = await api(desk, cast.tokens.supervisorA, 'PATCH', `/api/v1/articles/${created.body.id}`, { translations: [{ ...draft, state: 'public', body: `See the picture:\n\n![fee setting](${file})` }] });
      assert.equal(published.status, 200);
      assert.match(published.body.translations[0].html, new RegExp(`<img alt="fee setting" src="${file}"`));
      const got = await fetch(`${desk.url}${file}`);
      assert.equal(got.status, 200);
      assert.equal(Buffer.from(await got.arrayBuffer()).toString('hex'), '89504e470d0a1a0a0000000d49484452');
      const page = await api(desk, null, 'GET', `/api/v1/help/articles/${created.body.id}`);
      assert.deepEqual(page.body.files, [{ id: mine, url: file }]);
      const other = await api(desk, cast.tokens.supervisorA, 'PATCH', `/api/v1/articles/${created.body.id}`, { attachment_ids: [mine, theirs] });
      assert.equal(other.status, 400, 'someone else’s upload cannot be published this way');
    });

    test('hostile HTML and Markdown never reach the page', async () => {
      const hostile = [
        '<script>alert(1)</script><p onclick="alert(2)">hi</p><img src=x onerror=alert(3)><a href="javascript:alert(4)">x</a><iframe src="https://evil.example"></iframe><style>body{}</style><svg onload=alert(5)></svg>',
        '[click](javascript:alert(6)) ![x](javascript:alert(7)) <script>alert(8)</script> <img src=x onerror=alert(9)> [ok](//evil.example/x)',
      ];
      for (const [i, body] of hostile.entries()) {
        const res = await api(desk, cast.tokens.supervisorA, 'POST', '/api/v1/articles', {
          brand_id: cast.brandA.id,
          translations: [{ locale: 'en', title: `Hostile ${i}`, body, state: 'public', format: i === 0 ? 'html' : 'markdown' }],
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        const page = await api(desk, null, 'GET', `/api/v1/help/articles/${res.body.id}`);
        const html: string = page.body.html;
        for (const bad of [/<script/i, /onerror/i, /onclick/i, /onload/i, /javascript:/i, /<iframe/i, /<style/i, /<svg/i, /href="\/\/evil/i, /alert\(/]) {
          assert.doesNotMatch(html.replace(/&lt;script&gt;alert\(8\)&lt;\/script&gt;|&lt;img src=x onerror=alert\(9\)&gt;/g, ''), bad, `${bad} in ${html}`);
        }
      }
    });

    test('a macro is created with {title, body, actions}, previewed without saving, applied in the ticket’s language and counted', async () => {
      const ticket = (
        await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', {
          subject: '转账一直没到账',
          body: `三天前转的比特币还没到账，交易 ID ${sc.txids.rbfLowFee}`,
          requester: { email: 'wang@example.com', name: '王先生', language: 'zh-CN' },
        })
      ).body;
      const created = await api(desk, cast.tokens.supervisorA, 'POST', '/api/v1/macros', {
        title: 'Transfer check',
        body: 'Hi {{customer_name}}, about #{{ticket_number}}: {{chain_status}}',
        bodies: { 'zh-CN': '{{customer_name}}您好，工单 #{{ticket_number}}：{{chain_status}}' },
        actions: { status: 'pending', priority: 'high', add_tags: ['checked'] },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.scope, 'shared');

      const preview = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticket.id}/macros/${created.body.id}?preview=1`);
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.equal(preview.body.locale, 'zh-CN');
      assert.match(preview.body.text, new RegExp(`^王先生您好，工单 #${ticket.number}：`));
      assert.doesNotMatch(preview.body.text, /\{\{/, 'every placeholder is filled in');
      assert.match(preview.body.text, /确认|未确认|内存池/, preview.body.text);
      const before = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticket.id}`);

      const applied = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticket.id}/macros/${created.body.id}`);
      assert.equal(applied.status, 201, JSON.stringify(applied.body));
      const after = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticket.id}`);
      const list = (r: { body: { messages: Array<{ id: string; body: string }> } }) => r.body.messages;
      assert.equal(list(after).length, list(before).length + 1, 'the preview saved nothing; the application one reply');
      assert.equal(list(after).find((m) => m.id === applied.body.message_id)?.body, preview.body.text);
      const t = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticket.id}`)).body;
      assert.equal(t.status, 'pending');
      assert.equal(t.priority, 'high');
      assert.ok(t.tags.includes('checked'));

      const forAdmin = (await api(desk, cast.tokens.admin, 'GET', '/api/v1/macros?q=Transfer')).body.macros[0];
      assert.equal(forAdmin.usage_count, 1);
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/macros?q=Transfer')).body.macros[0].usage_count, null, 'usage counts are for supervisors and admins');
    });

    test('a macro asking for a recovery phrase is stopped by the outbound guard and changes nothing', async () => {
      const ticket = (await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'Restore', body: 'Cannot restore', requester: { email: 'r@example.com' } })).body;
      const macro = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/macros', { title: 'Bad', body: 'Please send us your 12-word recovery phrase so we can restore your wallet.', actions: { status: 'solved' } });
      assert.equal(macro.status, 201);
      assert.equal(macro.body.scope, 'personal', 'an agent’s macro is personal');
      const res = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticket.id}/macros/${macro.body.id}`);
      assert.equal(res.status, 403, JSON.stringify(res.body));
      const t = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticket.id}`)).body;
      assert.notEqual(t.status, 'solved');
      assert.equal((await api(desk, cast.tokens.supervisorA, 'POST', `/api/v1/tickets/${ticket.id}/macros/${macro.body.id}?preview=1`)).status, 404, 'a personal macro is its owner’s');
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', '/api/v1/macros', { title: 'x', body: 'y', scope: 'shared' })).status, 403);
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', '/api/v1/macros', { title: 'x', body: 'y', actions: { status: 'nope' } })).status, 400);
    });

    test('the starter stuck-transaction macro fills in the chain status in Chinese', async () => {
      const ticket = (
        await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', {
          subject: '交易卡住',
          body: `交易一直未确认 ${sc.txids.rbfLowFee}`,
          requester: { email: 'li@example.com', name: '李女士', language: 'zh-CN' },
        })
      ).body;
      const starter = (await api(desk, cast.tokens.agentA, 'GET', '/api/v1/macros')).body.macros.find((m: { title: string }) => /交易卡住/.test(m.title));
      assert.ok(starter);
      const res = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticket.id}/macros/${starter.id}?preview=1`);
      assert.equal(res.status, 200);
      assert.match(res.body.text, /^李女士，您好/);
      assert.match(res.body.text, /RBF/);
      assert.doesNotMatch(res.body.text, /\{\{|未配置|暂时无法/);
    });

    test('deflection events give the self-service rate; the ticket page gets article suggestions', async () => {
      const ev = (session: string, kind: string, article_id?: string) => api(desk, null, 'POST', '/api/v1/help/deflection', { brand: 'satoshi', surface: 'help_form', session_key: session, kind, ...(article_id ? { article_id } : {}) });
      const article = (await help(`brand=satoshi&locale=zh-CN&q=${encodeURIComponent('到账')}`)).body.articles[0].id;
      // Session 1 read an article and left; session 2 read and still asked; session 3 only saw the list and asked.
      for (const [s, kinds] of [['session-one', ['suggestion_shown', 'article_opened', 'request_abandoned']], ['session-two', ['suggestion_shown', 'article_opened', 'request_sent']], ['session-three', ['suggestion_shown', 'request_sent']]] as const) {
        for (const k of kinds) assert.equal((await ev(s, k, k === 'article_opened' ? article : undefined)).status, 204);
      }
      assert.equal((await ev('session-one', 'suggestion_shown')).status, 204, 'a repeated event is recorded once');
      assert.equal((await ev('session-one', 'bogus')).status, 400);
      const report = await api(desk, cast.tokens.supervisorA, 'GET', `/api/v1/reports/self-service?brand_id=${cast.brandA.id}`);
      assert.equal(report.status, 200, JSON.stringify(report.body));
      assert.equal(report.body.shown, 3);
      assert.equal(report.body.opened, 2);
      assert.equal(report.body.deflected, 1);
      assert.equal(report.body.rate, 1 / 3);
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/reports/self-service')).status, 403);
      assert.equal((await api(desk, cast.tokens.admin, 'GET', `/api/v1/reports/self-service?brand_id=${cast.brandB.id}`)).body.shown, 0);

      const ticket = (await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'Help', body: '我的钱包被盗了，币被转走了怎么办', requester: { email: 'theft@example.com', language: 'zh-CN' } })).body;
      const suggestions = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticket.id}/article-suggestions`);
      assert.equal(suggestions.status, 200);
      assert.match(suggestions.body.articles[0].title, /被盗/);
      assert.equal((await api(desk, cast.tokens.agentB, 'GET', `/api/v1/tickets/${ticket.id}/article-suggestions`)).status, 404);
    });
  });
}
