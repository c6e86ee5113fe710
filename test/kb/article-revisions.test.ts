/**
 * Restoring an article's revision through POST /api/v1/articles/:id/revisions/:revision_id/restore, once per
 * database: the old title, text and state come back as a new revision, the other language is untouched, the help
 * center follows, and only the brand's supervisors and admins may do it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

for (const dialect of DIALECTS) {
  describe(`article revisions on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
    });
    after(async () => desk.close());

    test('a supervisor restores an older revision of one translation; agents and other brands cannot', async () => {
      const sup = (method: string, path: string, body?: unknown) => api(desk, cast.tokens.supervisorA, method, path, body);
      const created = await sup('POST', '/api/v1/articles', {
        brand_id: cast.brandA.id,
        category: 'fees',
        translations: [
          { locale: 'en', title: 'Fees v1', body: 'Fees depend on size.', state: 'public', keywords: 'fee cost' },
          { locale: 'zh-CN', title: '手续费', body: '手续费取决于大小。', state: 'draft' },
        ],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const id = created.body.id as string;
      const changed = await sup('PATCH', `/api/v1/articles/${id}`, { translations: [{ locale: 'en', title: 'Fees v2', body: 'Fees depend on size and congestion.', state: 'internal', keywords: 'fee cost' }] });
      assert.equal(changed.status, 200);
      assert.equal((await api(desk, null, 'GET', `/api/v1/help/articles/${id}?locale=en`)).status, 404, 'v2 is internal');

      const revisions = (await sup('GET', `/api/v1/articles/${id}/revisions`)).body.revisions as Array<{ id: string; locale: string; title: string }>;
      const v1 = revisions.find((r) => r.locale === 'en' && r.title === 'Fees v1')!;
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/articles/${id}/revisions/${v1.id}/restore`)).status, 403, 'agents read, supervisors write');
      assert.equal((await api(desk, cast.tokens.agentB, 'POST', `/api/v1/articles/${id}/revisions/${v1.id}/restore`)).status, 404, 'another brand does not see it');
      const zhRevision = revisions.find((r) => r.locale === 'zh-CN')!;
      const other = await sup('POST', '/api/v1/articles', { brand_id: cast.brandA.id, translations: [{ locale: 'en', title: 'Other', body: 'Other text.', state: 'draft' }] });
      assert.equal((await sup('POST', `/api/v1/articles/${other.body.id}/revisions/${zhRevision.id}/restore`)).status, 404, 'a revision of another article');
      assert.equal((await sup('POST', `/api/v1/articles/${id}/revisions/not-a-revision/restore`)).status, 404);

      const restored = await sup('POST', `/api/v1/articles/${id}/revisions/${v1.id}/restore`);
      assert.equal(restored.status, 200, JSON.stringify(restored.body));
      const en = restored.body.translations.find((x: { locale: string }) => x.locale === 'en');
      assert.deepEqual([en.title, en.body, en.state, en.keywords], ['Fees v1', 'Fees depend on size.', 'public', 'fee cost']);
      const zh = restored.body.translations.find((x: { locale: string }) => x.locale === 'zh-CN');
      assert.deepEqual([zh.title, zh.state], ['手续费', 'draft'], 'the other language is untouched');
      const after = (await sup('GET', `/api/v1/articles/${id}/revisions`)).body.revisions as Array<{ locale: string; title: string; state: string }>;
      assert.equal(after.length, revisions.length + 1, 'a restore is a new revision; the history keeps v2');
      assert.deepEqual([after[0]!.locale, after[0]!.title, after[0]!.state], ['en', 'Fees v1', 'public']);
      assert.ok(after.some((r) => r.title === 'Fees v2'));
      assert.equal((await api(desk, null, 'GET', `/api/v1/help/articles/${id}?locale=en`)).body.title, 'Fees v1', 'the help center shows it again');
    });
  });
}
