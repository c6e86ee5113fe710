/**
 * Issue 20: the view counts come from totals the database maintains (migration 20261209T0100-view-counts), and
 * the views' lists read indexes in page order. These suites check, over HTTP on both databases, that the counts
 * stay exactly the number of tickets each view lists after every kind of change, and that pages are complete,
 * ordered and without repeats when many tickets share a timestamp.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { Clock } from '../../src/core/clock.js';
import { DIALECTS, TEST_DATABASE_URL } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

interface TicketJson {
  id: string;
  number: number;
  updated_at: string;
  status: string;
}

/** A clock that moves only when told: many tickets share one updated_at, so pages must break ties by id. */
function steppedClock(): Clock & { step(ms: number): void } {
  let now = Date.parse('2026-12-09T01:00:00.000Z');
  return { now: () => new Date(now), step: (ms: number) => void (now += ms) };
}

/** Runs SQL on the desk's own database beside the app (what no API sets: an SLA deadline, a removed row). */
async function onDatabase(desk: TestDesk, statement: string, params: unknown[]): Promise<void> {
  if (desk.dialect === 'sqlite') {
    const raw = new BetterSqlite3(desk.location);
    try {
      raw.prepare(statement.replace(/\$\d+/g, '?')).run(...params);
    } finally {
      raw.close();
    }
    return;
  }
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${desk.location}` });
  await c.connect();
  try {
    await c.query(statement, params);
  } finally {
    await c.end();
  }
}

for (const dialect of DIALECTS) {
  describe(`view counts and pages on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    const clock = steppedClock();
    before(async () => {
      desk = await startTestDesk(dialect, { clock });
      cast = await seedCast(desk.deps);
    });
    after(async () => desk.close());

    const open = async (token: string, extra: Record<string, unknown> = {}) => {
      const res = await api(desk, token, 'POST', '/api/v1/tickets', { subject: 'count me', body: 'b', requester: { email: `c${Math.random()}@example.com` }, ...extra });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body as TicketJson;
    };
    const patch = async (token: string, id: string, body: Record<string, unknown>) => {
      const res = await api(desk, token, 'PATCH', `/api/v1/tickets/${id}`, body);
      assert.equal(res.status, 200, JSON.stringify(res.body));
    };
    /** Every ticket of a view, page by page (limit as given), in the order served. */
    const walk = async (token: string, path: string, limit: number): Promise<TicketJson[]> => {
      const out: TicketJson[] = [];
      let cursor: string | null = null;
      const sep = path.includes('?') ? '&' : '?';
      for (let i = 0; i < 1000; i++) {
        const res = await api(desk, token, 'GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        out.push(...(res.body.tickets as TicketJson[]));
        cursor = res.body.next_cursor;
        if (!cursor) return out;
      }
      throw new Error('pagination did not end');
    };
    const counts = async (token: string) => {
      const res = await api(desk, token, 'GET', '/api/v1/views');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const body = res.body as { views: Array<{ id: string; count: number }>; brands: Array<{ id: string; count: number }>; chats_waiting: number };
      const views = Object.fromEntries(body.views.map((v) => [v.id, v.count])) as Record<'mine' | 'unassigned' | 'urgent' | 'sla_at_risk' | 'all', number>;
      return { ...views, brands: Object.fromEntries(body.brands.map((b) => [b.id, b.count])), chats: body.chats_waiting };
    };
    /** What the counts must be: the number of tickets each view lists, walked through the same API. */
    const listed = async (token: string, brandIds: string[]) => {
      const n = async (path: string) => (await walk(token, path, 100)).length;
      return {
        mine: await n('/api/v1/views/mine/tickets'),
        unassigned: await n('/api/v1/views/unassigned/tickets'),
        urgent: await n('/api/v1/views/urgent/tickets'),
        sla_at_risk: await n('/api/v1/views/sla_at_risk/tickets'),
        all: await n('/api/v1/views/all/tickets'),
        brands: Object.fromEntries(await Promise.all(brandIds.map(async (b) => [b, await n(`/api/v1/views/all/tickets?brand_id=${b}`)] as const))),
        chats: (await walk(token, '/api/v1/tickets?channel=chat&status=new,open&assignee_id=none', 100)).length,
      };
    };
    const assertExact = async (token: string, brandIds: string[], expected: Record<string, unknown>, when: string) => {
      const got = await counts(token);
      assert.deepEqual(got, await listed(token, brandIds), `${when}: counts equal what the views list`);
      assert.deepEqual(got, expected, `${when}: counts`);
    };

    test('counts stay exact through create, assign, priority, status, merge, chat pick-up and a changed brand access', async () => {
      const { brandA, brandB } = cast;
      const a1 = await open(cast.tokens.agentA);
      const a2 = await open(cast.tokens.agentA, { priority: 'urgent' });
      const a3 = await open(cast.tokens.agentA, { channel: 'chat' });
      const b1 = await open(cast.tokens.agentB, { category: 'security' });
      const brandsA = [brandA.id];
      await assertExact(cast.tokens.agentA, brandsA, { mine: 0, unassigned: 3, urgent: 1, sla_at_risk: 0, all: 3, brands: { [brandA.id]: 3 }, chats: 1 }, 'after create');
      await assertExact(
        cast.tokens.admin,
        [brandA.id, brandB.id],
        { mine: 0, unassigned: 4, urgent: 2, sla_at_risk: 0, all: 4, brands: { [brandA.id]: 3, [brandB.id]: 1 }, chats: 1 },
        'admin after create',
      );

      await patch(cast.tokens.agentA, a1.id, { assignee_id: cast.agentA.id });
      await patch(cast.tokens.agentA, a3.id, { assignee_id: cast.agentA.id });
      await assertExact(cast.tokens.agentA, brandsA, { mine: 2, unassigned: 1, urgent: 1, sla_at_risk: 0, all: 3, brands: { [brandA.id]: 3 }, chats: 0 }, 'after assign (the chat is taken)');

      await patch(cast.tokens.agentA, a1.id, { priority: 'urgent' });
      await patch(cast.tokens.agentA, a2.id, { priority: 'normal', category: 'security' });
      await assertExact(cast.tokens.agentA, brandsA, { mine: 2, unassigned: 1, urgent: 2, sla_at_risk: 0, all: 3, brands: { [brandA.id]: 3 }, chats: 0 }, 'after priority and category');

      await patch(cast.tokens.agentA, a1.id, { status: 'pending' });
      await patch(cast.tokens.agentA, a2.id, { status: 'solved' });
      await assertExact(cast.tokens.agentA, brandsA, { mine: 2, unassigned: 0, urgent: 1, sla_at_risk: 0, all: 2, brands: { [brandA.id]: 2 }, chats: 0 }, 'after pending and solved');
      await patch(cast.tokens.agentA, a2.id, { status: 'open' });
      await assertExact(cast.tokens.agentA, brandsA, { mine: 2, unassigned: 1, urgent: 2, sla_at_risk: 0, all: 3, brands: { [brandA.id]: 3 }, chats: 0 }, 'after reopening');

      const merged = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${a2.id}/merge`, { target_id: a1.id });
      assert.equal(merged.status, 200, JSON.stringify(merged.body));
      await assertExact(cast.tokens.agentA, brandsA, { mine: 2, unassigned: 0, urgent: 1, sla_at_risk: 0, all: 2, brands: { [brandA.id]: 2 }, chats: 0 }, 'after merge (the source closes)');

      const due = new Date(clock.now().getTime() + 10 * 60_000).toISOString();
      await onDatabase(desk, 'update ticket set sla_due_at = $1 where id = $2', [due, a3.id]);
      await onDatabase(desk, 'update ticket set sla_due_at = $1 where id = $2', [new Date(clock.now().getTime() + 86_400_000).toISOString(), a1.id]);
      await assertExact(cast.tokens.agentA, brandsA, { mine: 2, unassigned: 0, urgent: 1, sla_at_risk: 1, all: 2, brands: { [brandA.id]: 2 }, chats: 0 }, 'with one deadline within the hour');

      const access = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/agents/${cast.agentA.id}`, { brand_ids: [brandA.id, brandB.id] });
      assert.equal(access.status, 200, JSON.stringify(access.body));
      await assertExact(
        cast.tokens.agentA,
        [brandA.id, brandB.id],
        { mine: 2, unassigned: 1, urgent: 2, sla_at_risk: 1, all: 3, brands: { [brandA.id]: 2, [brandB.id]: 1 }, chats: 0 },
        'after the agent joins brand B',
      );
      const removed = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/agents/${cast.agentA.id}`, { brand_ids: [brandB.id] });
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
      await assertExact(
        cast.tokens.agentA,
        [brandB.id],
        { mine: 0, unassigned: 1, urgent: 1, sla_at_risk: 0, all: 1, brands: { [brandB.id]: 1 }, chats: 0 },
        "after the agent leaves brand A: its tickets, even the agent's own, are not counted",
      );
      await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/agents/${cast.agentA.id}`, { brand_ids: [brandA.id] });

      // Rows written or removed outside the use cases (no use case deletes tickets today) are counted too: the
      // database keeps the totals.
      const before = await counts(cast.tokens.admin);
      await onDatabase(
        desk,
        `insert into ticket (id, number, brand_id, subject, status, priority, category, channel, language, requester_id, assignee_id, team_id,
          tags, details, created_at, updated_at)
         select 'copy-of-b1', 999999, brand_id, subject, 'new', priority, category, channel, language, requester_id, null, null, tags, details,
          created_at, updated_at from ticket where id = $1`,
        [b1.id],
      );
      const withCopy = await counts(cast.tokens.admin);
      assert.equal(withCopy.all, before.all + 1);
      assert.equal(withCopy.urgent, before.urgent + 1);
      await onDatabase(desk, "update ticket set status = 'closed' where id = $1", [b1.id]);
      await onDatabase(desk, 'delete from ticket where id = $1', ['copy-of-b1']);
      const afterDelete = await counts(cast.tokens.admin);
      assert.equal(afterDelete.all, before.all - 1);
      assert.equal(afterDelete.urgent, before.urgent - 1);
      assert.deepEqual(afterDelete, await listed(cast.tokens.admin, [brandA.id, brandB.id]));
      await onDatabase(desk, "update ticket set status = 'open' where id = $1", [b1.id]);
    });

    test('counts stay exact under concurrent creation, changes and reads', async () => {
      const brandIds = [cast.brandA.id, cast.brandB.id];
      const base = await counts(cast.tokens.admin);
      const made = await Promise.all(Array.from({ length: 24 }, (_, i) => open(i % 2 ? cast.tokens.agentA : cast.tokens.agentB, i % 3 === 0 ? { priority: 'urgent' } : {})));
      const writes = made.map((t, i) =>
        i % 4 === 0
          ? patch(cast.tokens.admin, t.id, { status: 'solved' })
          : i % 4 === 1
            ? patch(cast.tokens.admin, t.id, { priority: 'low' })
            : patch(cast.tokens.admin, t.id, { assignee_id: i % 2 ? cast.agentA.id : cast.agentB.id }),
      );
      const reads = Array.from({ length: 12 }, () => counts(cast.tokens.admin));
      await Promise.all([...writes, ...reads]);
      const now = await counts(cast.tokens.admin);
      assert.deepEqual(now, await listed(cast.tokens.admin, brandIds));
      assert.equal(now.all, base.all + 18, 'six of the 24 were solved');
    });

    test('pages of every view are complete, ordered and without repeats when tickets share a timestamp', async () => {
      // Tickets in groups of four with the same instant, urgent/security/chat mixed in, some solved.
      const made: TicketJson[] = [];
      for (let i = 0; i < 26; i++) {
        if (i % 4 === 0) clock.step(1000);
        made.push(
          await open(i % 2 ? cast.tokens.agentA : cast.tokens.admin, {
            ...(i % 3 === 0 ? { priority: 'urgent' } : i % 5 === 0 ? { category: 'security' } : {}),
            ...(i % 4 === 1 ? { channel: 'chat' } : {}),
            ...(i % 2 ? {} : { brand: cast.brandA.id }),
          }),
        );
      }
      for (const [i, t] of made.entries()) if (i % 7 === 3) await patch(cast.tokens.admin, t.id, { status: i % 2 ? 'pending' : 'solved' });
      for (const [i, t] of made.entries()) {
        if (i % 6 === 2) {
          const due = new Date(clock.now().getTime() - 60_000 + (i % 3) * 1000).toISOString();
          await onDatabase(desk, 'update ticket set sla_due_at = $1 where id = $2', [due, t.id]);
        }
      }
      const byActivity = (x: TicketJson, y: TicketJson) => (x.updated_at === y.updated_at ? (x.id < y.id ? 1 : -1) : x.updated_at < y.updated_at ? 1 : -1);
      for (const [path, token] of [
        ['/api/v1/views/all/tickets', cast.tokens.admin],
        ['/api/v1/views/all/tickets', cast.tokens.agentA],
        ['/api/v1/views/urgent/tickets', cast.tokens.admin],
        ['/api/v1/views/unassigned/tickets', cast.tokens.agentA],
        [`/api/v1/views/all/tickets?brand_id=${cast.brandA.id}`, cast.tokens.admin],
        ['/api/v1/tickets?status=new,open', cast.tokens.admin],
        ['/api/v1/tickets?channel=chat&status=new,open&sort=updated_desc', cast.tokens.admin],
        ['/api/v1/views/sla_at_risk/tickets', cast.tokens.admin],
      ] as const) {
        const whole = await walk(token, path, 100);
        const paged = await walk(token, path, 3);
        assert.ok(whole.length > 3, `${path} has several pages`);
        assert.deepEqual(
          paged.map((t) => t.id),
          whole.map((t) => t.id),
          `${path}: pages of 3 give the same tickets as one page`,
        );
        assert.equal(new Set(paged.map((t) => t.id)).size, paged.length, `${path}: no repeats`);
        if (!path.includes('sla_at_risk')) {
          assert.deepEqual(paged.map((t) => t.id), [...paged].sort(byActivity).map((t) => t.id), `${path}: newest activity first, then id`);
        }
      }
      const atRisk = await walk(cast.tokens.admin, '/api/v1/views/sla_at_risk/tickets', 2);
      const dues = atRisk.map((t) => (t as TicketJson & { sla_due_at: string }).sla_due_at);
      assert.deepEqual(dues, [...dues].sort(), 'the nearest deadline first');
      // Unsolved statuses only, and the urgent view holds exactly urgent-or-security tickets.
      const all = await walk(cast.tokens.admin, '/api/v1/views/all/tickets', 7);
      assert.ok(all.every((t) => !['solved', 'closed'].includes(t.status)));
      const urgent = (await walk(cast.tokens.admin, '/api/v1/views/urgent/tickets', 5)) as Array<TicketJson & { priority: string; category: string }>;
      assert.ok(urgent.length > 0 && urgent.every((t) => t.priority === 'urgent' || t.category === 'security'));
    });
  });
}
