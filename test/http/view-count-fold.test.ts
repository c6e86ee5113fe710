/**
 * The view counts' scheduled fold (issue 20). PostgreSQL: two instances on one schema offer the same period's
 * fold and one job is queued; folds from both instances, run at once and beside ticket changes, leave the totals
 * equal to the tickets and the delta table empty, and a fold run again changes nothing; the counts served are
 * the same before and after. SQLite: nothing to fold, nothing queued, counts exact.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import BetterSqlite3 from 'better-sqlite3';
import { DIALECTS, TEST_DATABASE_URL } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { drainJobs } from '../helpers/jobs.js';
import { VIEW_COUNTS_FOLD_JOB, foldViewCounts, queueViewCountFold } from '../../src/app/view-count-jobs.js';

/** Rows of a query on the desk's database, beside the app. */
async function query<T>(desk: TestDesk, text: string): Promise<T[]> {
  if (desk.dialect === 'sqlite') {
    const raw = new BetterSqlite3(desk.location, { readonly: true });
    try {
      return raw.prepare(text).all() as T[];
    } finally {
      raw.close();
    }
  }
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${desk.location}` });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

/** The unsolved tickets per count key, counted from the tickets themselves, as "brand|assignee|urgent|chat" → n. */
async function truth(desk: TestDesk): Promise<Record<string, number>> {
  const rows = await query<{ k: string; n: number | string }>(
    desk,
    `select brand_id || '|' || coalesce(assignee_id, '') || '|' || (case when priority = 'urgent' or category = 'security' then 1 else 0 end)
       || '|' || (case when channel = 'chat' and status in ('new', 'open') and assignee_id is null then 1 else 0 end) as k, count(*) as n
     from ticket where status not in ('solved', 'closed') group by 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
}

/** The folded totals alone (without pending deltas), same keys. */
async function totals(desk: TestDesk): Promise<Record<string, number>> {
  const rows = await query<{ k: string; n: number | string }>(
    desk,
    `select brand_id || '|' || assignee_id || '|' || urgent || '|' || chat_waiting as k, n from ticket_view_count where n <> 0`,
  );
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
}

const deltaRows = async (desk: TestDesk) => Number((await query<{ n: number | string }>(desk, 'select count(*) as n from ticket_view_count_delta'))[0]!.n);

for (const dialect of DIALECTS) {
  describe(`view count fold job (${dialect})`, () => {
    let a: TestDesk;
    let b: TestDesk | null = null;
    let cast: Cast;
    before(async () => {
      a = await startTestDesk(dialect);
      cast = await seedCast(a.deps);
      if (dialect === 'postgres') b = await startTestDesk(dialect, { sameDatabaseAs: a });
    });
    after(async () => {
      await b?.close();
      await a?.close();
    });

    const open = async (desk: TestDesk, token: string, extra: Record<string, unknown> = {}) => {
      const r = await api(desk, token, 'POST', '/api/v1/tickets', { subject: 'count me', body: 'b', requester: { email: `c${Math.random()}@example.com` }, ...extra });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as string;
    };
    const views = async (desk: TestDesk) => {
      const r = await api(desk, cast.tokens.admin, 'GET', '/api/v1/views');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body as unknown;
    };

    test('folds from two instances at once leave exact totals and no deltas; a second fold changes nothing', async () => {
      const other = b ?? a;
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push(await open(a, cast.tokens.agentA, i === 0 ? { priority: 'urgent' } : i === 1 ? { channel: 'chat' } : {}));
      for (let i = 0; i < 3; i++) ids.push(await open(other, cast.tokens.agentB));
      const solved = await api(other, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${ids[2]}`, { status: 'solved' });
      assert.equal(solved.status, 200, JSON.stringify(solved.body));
      const assigned = await api(a, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${ids[1]}`, { assignee_id: cast.agentA.id });
      assert.equal(assigned.status, 200, JSON.stringify(assigned.body));

      const before = await views(a);
      if (dialect === 'postgres') {
        assert.ok((await deltaRows(a)) > 0, 'changes wait in the delta table');
        assert.notDeepEqual(await totals(a), await truth(a), 'the totals alone are behind before a fold');
      }

      // Both instances fold at once, several times, while tickets keep changing on both.
      await Promise.all([
        ...Array.from({ length: 4 }, () => foldViewCounts(a.deps)),
        ...Array.from({ length: 4 }, () => foldViewCounts(other.deps)),
        open(a, cast.tokens.agentA),
        open(other, cast.tokens.agentB, { category: 'security' }),
        api(other, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${ids[0]}`, { status: 'pending' }),
      ]);
      await foldViewCounts(other.deps);
      assert.equal(await deltaRows(a), 0);
      assert.deepEqual(await totals(a), await truth(a));

      const settled = await views(a);
      await foldViewCounts(a.deps);
      await foldViewCounts(other.deps);
      assert.deepEqual(await totals(a), await truth(a), 'folding again changes nothing');
      assert.deepEqual(await views(a), settled);
      assert.deepEqual(await views(other), settled, 'both instances serve the same counts');
      assert.notDeepEqual(settled, before, 'the changes during the folds were counted');
    });

    test('each period one fold job is queued across instances and runs from the durable queue', async () => {
      const other = b ?? a;
      await open(a, cast.tokens.agentA);
      const first = await queueViewCountFold(a.deps, 3_600_000);
      const second = await queueViewCountFold(other.deps, 3_600_000);
      if (dialect === 'sqlite') {
        assert.equal(first, false, 'SQLite keeps exact totals: nothing to queue');
        assert.equal(second, false);
        assert.deepEqual(await totals(a), await truth(a));
        return;
      }
      assert.deepEqual([first, second], [true, false], 'one job per period whichever instance offers it');
      const [ranA, ranB] = await Promise.all([drainJobs(a.deps), drainJobs(other.deps)]);
      const folds = [...ranA.ran, ...ranB.ran].filter((j) => j.type === VIEW_COUNTS_FOLD_JOB);
      assert.equal(folds.length, 1);
      assert.deepEqual([...ranA.failures, ...ranB.failures], []);
      assert.equal(await deltaRows(a), 0);
      assert.deepEqual(await totals(a), await truth(a));
    });
  });
}
