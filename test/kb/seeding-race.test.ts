/**
 * Brands created at the same moment (two admins, two requests) each get the starter articles, and the desk's
 * starter macros exist exactly once: on PostgreSQL the two transactions seed at the same time.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAgent } from '../../src/app/create-agent.js';
import { createBrand } from '../../src/app/create-brand.js';
import { createApiToken } from '../../src/app/create-api-token.js';
import { STARTER_ARTICLES, STARTER_MACROS } from '../../src/app/seed-knowledge-base.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, PASSWORD, startTestDesk, type TestDesk } from '../helpers/desk.js';

for (const dialect of DIALECTS) {
  describe(`starter content for brands created at once on ${dialect}`, () => {
    let desk: TestDesk;
    let token: string;
    before(async () => {
      desk = await startTestDesk(dialect);
      const admin = await createAgent(desk.deps, null, { email: 'admin@desk.example', name: 'Ada Admin', role: 'admin', password: PASSWORD });
      token = (await createApiToken(desk.deps, null, { agentId: admin.id, name: 'test' })).token;
    });
    after(async () => desk.close());

    test('two brands created concurrently both get their starter articles, and the starter macros exist once', async () => {
      // The first pair is started in the same tick through the use case (HTTP staggers requests by the token
      // check), racing on an empty macro table; then requests three at a time, when the macros exist.
      const first = ['race-a', 'race-b'];
      const created = await Promise.allSettled(first.map((slug) => createBrand(desk.deps, null, { name: `Wallet ${slug}`, slug })));
      assert.deepEqual(created.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status)), ['fulfilled', 'fulfilled']);
      const slugs = [...first];
      for (let round = 0; round < 2; round += 1) {
        const group = [0, 1, 2].map((i) => `race-${round}-${i}`);
        const answers = await Promise.all(group.map((slug) => api(desk, token, 'POST', '/api/v1/brands', { name: `Wallet ${slug}`, slug, default_language: round % 2 ? 'zh-CN' : 'en' })));
        for (const res of answers) assert.equal(res.status, 201, JSON.stringify(res.body));
        slugs.push(...group);
      }
      for (const slug of slugs) {
        for (const locale of ['en', 'zh-CN']) {
          const list = await api(desk, null, 'GET', `/api/v1/help/articles?brand=${slug}&locale=${locale}&limit=50`);
          assert.equal(list.status, 200);
          assert.equal(list.body.articles.length, STARTER_ARTICLES.length, `${slug} ${locale}`);
        }
      }
      const all = await desk.deps.store.articles.list({ brandIds: null });
      assert.equal(all.length, STARTER_ARTICLES.length * slugs.length, 'no brand has its starter articles twice');
      const macros = await api(desk, token, 'GET', '/api/v1/macros');
      assert.equal(macros.status, 200);
      assert.equal(macros.body.macros.length, STARTER_MACROS.length);
      assert.deepEqual(new Set(macros.body.macros.map((m: { title: string }) => m.title)).size, STARTER_MACROS.length);
    });
  });
}
