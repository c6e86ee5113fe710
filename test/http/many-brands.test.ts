/**
 * Lists and counts for someone who sees more than eight brands (issue 20): each brand's page is read apart and
 * the pages are merged in one statement. Over HTTP on both databases, a supervisor of 10 of 11 brands walks the
 * console views and the ticket list page by page in every order, with many tickets sharing a timestamp: every
 * ticket of those brands comes exactly once, in order, none of the eleventh; the counts equal what is listed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Clock } from '../../src/core/clock.js';
import { createBrand } from '../../src/app/create-brand.js';
import { createAgent } from '../../src/app/create-agent.js';
import { createApiToken } from '../../src/app/create-api-token.js';
import { DIALECTS } from '../helpers/stores.js';
import { PASSWORD, api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

interface TicketJson {
  id: string;
  number: number;
  brand_id: string;
  status: string;
  priority: string;
  assignee_id: string | null;
  created_at: string;
  updated_at: string;
}

function steppedClock(): Clock & { step(ms: number): void } {
  let now = Date.parse('2026-12-10T01:00:00.000Z');
  return { now: () => new Date(now), step: (ms: number) => void (now += ms) };
}

const UNSOLVED = ['new', 'open', 'pending', 'on_hold'];

for (const dialect of DIALECTS) {
  describe(`lists and counts over more than eight brands (${dialect})`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let token = '';
    let supervisorId = '';
    const brandIds: string[] = [];
    let outside = '';
    const clock = steppedClock();
    before(async () => {
      desk = await startTestDesk(dialect, { clock });
      cast = await seedCast(desk.deps);
      for (let i = 0; i < 11; i++) {
        const b = await createBrand(desk.deps, null, { name: `Brand ${i}`, slug: `many${i}`, default_language: 'en', time_zone: 'UTC' });
        if (i < 10) brandIds.push(b.id);
        else outside = b.id;
      }
      const sup = await createAgent(desk.deps, null, { email: 'many@desk.example', name: 'Many Brands', role: 'supervisor', password: PASSWORD, brand_ids: brandIds });
      supervisorId = sup.id;
      token = (await createApiToken(desk.deps, null, { agentId: sup.id, name: 'test' })).token;
      // 44 tickets, four per brand, several per timestamp; some urgent, assigned, solved.
      for (let i = 0; i < 44; i++) {
        const brand = i % 11 < 10 ? `many${i % 11}` : 'many10';
        const r = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', {
          brand,
          subject: `ticket ${i}`,
          body: 'hello',
          priority: i % 5 === 0 ? 'urgent' : 'normal',
          requester: { email: `r${i}@example.com` },
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        if (i % 7 === 0) {
          const p = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/tickets/${r.body.id as string}`, { status: 'solved' });
          assert.equal(p.status, 200, JSON.stringify(p.body));
        } else if (i % 4 === 0 && i % 11 < 10) {
          const p = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/tickets/${r.body.id as string}`, { assignee_id: supervisorId });
          assert.equal(p.status, 200, JSON.stringify(p.body));
        }
        if (i % 3 === 2) clock.step(1000);
      }
    });
    after(async () => desk?.close());

    const walk = async (path: string, limit: number): Promise<TicketJson[]> => {
      const out: TicketJson[] = [];
      let cursor: string | null = null;
      const sep = path.includes('?') ? '&' : '?';
      for (let i = 0; i < 200; i++) {
        const r = await api(desk, token, 'GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        out.push(...(r.body.tickets as TicketJson[]));
        cursor = r.body.next_cursor as string | null;
        if (!cursor) return out;
      }
      throw new Error('paging did not end');
    };
    /** Every ticket of the supervisor's brands, from the admin's view of the desk. */
    const everything = async () => {
      const r = await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets?limit=100&status=${[...UNSOLVED, 'solved', 'closed'].join(',')}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.next_cursor, null);
      return (r.body.tickets as TicketJson[]).filter((t) => brandIds.includes(t.brand_id));
    };
    const byKey = (key: (t: TicketJson) => string, desc: boolean) => (a: TicketJson, b: TicketJson) => {
      const c = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      return desc ? -c : c;
    };

    test('every view and order lists each ticket of the ten brands once, in order, on every page size', async () => {
      const all = await everything();
      const unsolved = all.filter((t) => UNSOLVED.includes(t.status));
      assert.ok(unsolved.length > 20);
      const ids = (ts: TicketJson[]) => ts.map((t) => t.id);
      const newest = byKey((t) => t.updated_at, true);
      for (const limit of [1, 4, 25]) {
        assert.deepEqual(ids(await walk('/api/v1/views/all/tickets', limit)), ids([...unsolved].sort(newest)), `all, limit ${limit}`);
        assert.deepEqual(
          ids(await walk('/api/v1/views/unassigned/tickets', limit)),
          ids(unsolved.filter((t) => t.assignee_id === null).sort(newest)),
          `unassigned, limit ${limit}`,
        );
        assert.deepEqual(ids(await walk('/api/v1/views/mine/tickets', limit)), ids(unsolved.filter((t) => t.assignee_id === supervisorId).sort(newest)), `mine, limit ${limit}`);
        assert.deepEqual(ids(await walk('/api/v1/views/urgent/tickets', limit)), ids(unsolved.filter((t) => t.priority === 'urgent').sort(newest)), `urgent, limit ${limit}`);
      }
      const statuses = `status=${[...UNSOLVED, 'solved', 'closed'].join(',')}`;
      assert.deepEqual(ids(await walk(`/api/v1/tickets?${statuses}&sort=created_asc`, 4)), ids([...all].sort(byKey((t) => t.created_at, false))));
      assert.deepEqual(ids(await walk(`/api/v1/tickets?${statuses}&sort=created_desc`, 4)), ids([...all].sort(byKey((t) => t.created_at, true))));
      assert.deepEqual(ids(await walk(`/api/v1/tickets?status=new,open&sort=updated_desc`, 3)), ids(all.filter((t) => t.status === 'new' || t.status === 'open').sort(newest)));
      const listed = await walk(`/api/v1/tickets?${statuses}`, 7);
      assert.ok(listed.every((t) => t.brand_id !== outside), 'nothing of the eleventh brand');
    });

    test('the counts equal what the views list', async () => {
      const r = await api(desk, token, 'GET', '/api/v1/views');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const body = r.body as { views: Array<{ id: string; count: number }>; brands: Array<{ id: string; count: number }> };
      const views = Object.fromEntries(body.views.map((v) => [v.id, v.count]));
      for (const view of ['all', 'mine', 'unassigned', 'urgent']) {
        assert.equal(views[view], (await walk(`/api/v1/views/${view}/tickets`, 50)).length, view);
      }
      assert.deepEqual(body.brands.map((b) => b.id).sort(), [...brandIds].sort());
      for (const b of body.brands) assert.equal(b.count, (await walk(`/api/v1/views/all/tickets?brand_id=${b.id}`, 50)).length);
    });
  });
}
