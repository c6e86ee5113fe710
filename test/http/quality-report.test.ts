/**
 * The quality report's metric definitions on hand-built histories (docs/quality.md), through the real HTTP API
 * on both stores: GET /api/v1/reports/quality (the contract), /reports/full, the CSV tables and who may read them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { historyEvent } from '../../src/app/history.js';
import { newId } from '../../src/core/ids.js';
import type { DeskEvent } from '../../src/core/event.js';
import type { Category, Channel, Ticket } from '../../src/core/ticket.js';

const AGENT = { type: 'agent' as const, id: null };
const CUSTOMER = { type: 'customer' as const, id: null };
let numbers = 1000;

/** Writes a ticket and its history as the desk would have (the store's own rows, with chosen times). */
async function handBuilt(
  desk: TestDesk,
  o: { brandId: string; requesterId: string; channel?: Channel; category?: Category; createdAt: string; steps: Array<[string, 'reply' | 'note' | 'auto' | 'customer' | 'solved' | 'reopened' | 'open' | 'closed']> },
): Promise<string> {
  const id = newId();
  const events: DeskEvent[] = [
    historyEvent({ type: 'ticket.created', actor: CUSTOMER, at: o.createdAt, subjectType: 'ticket', subjectId: id, data: { number: ++numbers, channel: o.channel ?? 'email', priority: 'normal', category: o.category ?? 'how_to' } }),
  ];
  let status = 'new';
  for (const [at, step] of o.steps) {
    const base = { at, subjectType: 'ticket' as const, subjectId: id };
    if (step === 'reply' || step === 'note') events.push(historyEvent({ ...base, type: 'message.added', actor: AGENT, data: { message_id: newId(), public: step === 'reply', author_type: 'agent' } }));
    else if (step === 'auto') events.push(historyEvent({ ...base, type: 'message.added', actor: { type: 'system', id: null }, data: { message_id: newId(), public: true, author_type: 'system', kind: 'missing_details' } }));
    else if (step === 'customer') events.push(historyEvent({ ...base, type: 'message.added', actor: CUSTOMER, data: { message_id: newId(), public: true, author_type: 'customer' } }));
    else if (step === 'reopened') {
      events.push(historyEvent({ ...base, type: 'ticket.reopened', actor: CUSTOMER, changes: { status: [status, 'open'] }, data: { reason: 'customer_reply' } }));
      status = 'open';
    } else {
      events.push(historyEvent({ ...base, type: 'ticket.updated', actor: AGENT, changes: { status: [status, step] } }));
      status = step;
    }
  }
  const last = events[events.length - 1]!.at;
  const ticket: Ticket = {
    id,
    number: numbers,
    brandId: o.brandId,
    subject: 'hand-built',
    status: status as Ticket['status'],
    priority: 'normal',
    category: o.category ?? 'how_to',
    channel: o.channel ?? 'email',
    language: 'en',
    requesterId: o.requesterId,
    assigneeId: null,
    teamId: null,
    tags: [],
    details: {},
    firstResponseAt: null,
    solvedAt: null,
    closedAt: null,
    mergedIntoId: null,
    followUpOfId: null,
    createdAt: o.createdAt,
    updatedAt: last,
  };
  await desk.deps.store.tickets.insert(ticket);
  await desk.deps.store.tickets.update(id, {}, last);
  await desk.deps.store.events.append(events);
  return id;
}

async function customer(desk: TestDesk): Promise<string> {
  const id = newId();
  await desk.deps.store.customers.insert({ id, name: null, language: 'en', verificationLevel: 'unverified', createdAt: '2026-09-01T00:00:00.000Z', updatedAt: '2026-09-01T00:00:00.000Z' });
  return id;
}

const RANGE = 'from=2026-11-01&to=2026-11-08';

for (const dialect of DIALECTS) {
  describe(`quality report on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    const ids: Record<string, string> = {};
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      const a = cast.brandA.id;
      // Brand A's calendar (its opening hours, shared with the phone line): weekdays with a lunch break, a holiday.
      const day = [['09:00', '12:00'], ['13:00', '18:00']];
      await desk.deps.store.settings.set(`phone:${a}`, { hours: { mon: day, tue: day, wed: day, thu: day, fri: day }, holidays: ['2026-11-04'] });
      const alice = await customer(desk);
      const bob = await customer(desk);
      // T1: first reply after 10 min (the note and the automatic reply do not count), solved after 2 h with one reply.
      ids.t1 = await handBuilt(desk, { brandId: a, requesterId: alice, channel: 'chat', createdAt: '2026-11-01T10:00:00.000Z', steps: [['2026-11-01T10:01:00.000Z', 'auto'], ['2026-11-01T10:05:00.000Z', 'note'], ['2026-11-01T10:10:00.000Z', 'reply'], ['2026-11-01T12:00:00.000Z', 'solved']] });
      // T2: two replies, solved, reopened by the customer, solved again: resolution runs to the last solve.
      ids.t2 = await handBuilt(desk, {
        brandId: a,
        requesterId: bob,
        createdAt: '2026-11-02T00:00:00.000Z',
        steps: [['2026-11-02T01:00:00.000Z', 'reply'], ['2026-11-02T02:00:00.000Z', 'reply'], ['2026-11-02T04:00:00.000Z', 'solved'], ['2026-11-03T00:00:00.000Z', 'reopened'], ['2026-11-03T02:00:00.000Z', 'solved']],
      });
      // T3: no answer yet.
      ids.t3 = await handBuilt(desk, { brandId: a, requesterId: bob, category: 'technical', createdAt: '2026-11-04T09:00:00.000Z', steps: [] });
      // T4: opened before the range, solved inside it after 16 days with one reply.
      ids.t4 = await handBuilt(desk, { brandId: a, requesterId: bob, category: 'transaction', createdAt: '2026-10-20T00:00:00.000Z', steps: [['2026-10-21T00:00:00.000Z', 'reply'], ['2026-11-05T00:00:00.000Z', 'solved']] });
      // T6: Alice again, same category, two days after T1 was solved: T1 was not resolved at first contact.
      ids.t6 = await handBuilt(desk, { brandId: a, requesterId: alice, channel: 'chat', createdAt: '2026-11-03T08:00:00.000Z', steps: [] });
      // T7: unsolved and untouched since long before the range: only the backlog sees it.
      ids.t7 = await handBuilt(desk, { brandId: a, requesterId: bob, createdAt: '2026-10-01T00:00:00.000Z', steps: [] });
      // T5: another brand.
      ids.t5 = await handBuilt(desk, { brandId: cast.brandB.id, requesterId: await customer(desk), createdAt: '2026-11-02T00:00:00.000Z', steps: [['2026-11-02T00:30:00.000Z', 'reply'], ['2026-11-02T01:00:00.000Z', 'solved']] });
      // Surveys: T1's rated good, T2's asked and not answered; T5's rated bad (another brand).
      const csat = (ticketId: string, at: string, type: 'csat.requested' | 'csat.rated', data: Record<string, unknown>) =>
        historyEvent({ type, actor: type === 'csat.rated' ? CUSTOMER : { type: 'system', id: null }, at, subjectType: 'ticket', subjectId: ticketId, data });
      await desk.deps.store.events.append([
        csat(ids.t1, '2026-11-02T12:00:00.000Z', 'csat.requested', { survey_id: 's1' }),
        csat(ids.t1, '2026-11-02T13:00:00.000Z', 'csat.rated', { survey_id: 's1', rating: 'good', reason: null }),
        csat(ids.t2, '2026-11-04T02:00:00.000Z', 'csat.requested', { survey_id: 's2' }),
        csat(ids.t5, '2026-11-03T01:00:00.000Z', 'csat.requested', { survey_id: 's5' }),
        csat(ids.t5, '2026-11-03T02:00:00.000Z', 'csat.rated', { survey_id: 's5', rating: 'bad', reason: 'slow' }),
        historyEvent({ type: 'sla.fulfilled', actor: { type: 'system', id: null }, at: '2026-11-01T10:10:00.000Z', subjectType: 'ticket', subjectId: ids.t1, data: { metric: 'first_reply', due_at: '2026-11-01T11:00:00.000Z', policy_id: 'p' } }),
        historyEvent({ type: 'sla.breached', actor: { type: 'system', id: null }, at: '2026-11-02T00:30:00.000Z', subjectType: 'ticket', subjectId: ids.t2, data: { metric: 'first_reply', due_at: '2026-11-02T00:30:00.000Z', policy_id: 'p' } }),
      ]);
    });
    after(async () => desk.close());

    test('GET /reports/quality gives exactly the contract, computed from the history, for the supervisor’s brand', async () => {
      const res = await api(desk, cast.tokens.supervisorA, 'GET', `/api/v1/reports/quality?${RANGE}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body, {
        tickets: { created: 4, solved: 3 },
        // 600 s (T1) and 3,600 s (T2): median the mean of the two, p90 the nearest rank.
        first_reply: { count: 2, median_s: 2100, p90_s: 3600 },
        // T1 2 h, T2 26 h (to its last solve), T4 16 days.
        resolution: { count: 3, median_s: 93_600, p90_s: 1_382_400 },
        one_touch_rate: 2 / 3,
        reopen_rate: 1 / 3,
        csat: { good: 1, bad: 0, score: 1, response_rate: 0.5 },
      });
    });

    test('an admin sees every brand, or one with brand_id; empty ranges answer null rates', async () => {
      const all = (await api(desk, cast.tokens.admin, 'GET', `/api/v1/reports/quality?${RANGE}`)).body;
      assert.deepEqual(all.tickets, { created: 5, solved: 4 });
      assert.deepEqual(all.csat, { good: 1, bad: 1, score: 0.5, response_rate: 2 / 3 });
      const b = (await api(desk, cast.tokens.admin, 'GET', `/api/v1/reports/quality?${RANGE}&brand_id=${cast.brandB.id}`)).body;
      assert.deepEqual(b.tickets, { created: 1, solved: 1 });
      assert.deepEqual(b.first_reply, { count: 1, median_s: 1800, p90_s: 1800 });
      const empty = (await api(desk, cast.tokens.admin, 'GET', '/api/v1/reports/quality?from=2025-01-01&to=2025-01-02')).body;
      assert.deepEqual(empty, {
        tickets: { created: 0, solved: 0 },
        first_reply: { count: 0, median_s: null, p90_s: null },
        resolution: { count: 0, median_s: null, p90_s: null },
        one_touch_rate: null,
        reopen_rate: null,
        csat: { good: 0, bad: 0, score: null, response_rate: null },
      });
    });

    test('the full report: resolution and first-contact rates, SLA achievement, volumes, backlog per day', async () => {
      const r = (await api(desk, cast.tokens.supervisorA, 'GET', `/api/v1/reports/full?${RANGE}`)).body;
      assert.equal(r.resolution_rate, 0.5, 'T1 and T2 of the four created are solved at the end');
      assert.equal(r.first_contact_resolution_rate, 2 / 3, 'Alice came back about the same thing within 7 days of T1');
      assert.deepEqual(r.sla.find((s: { metric: string }) => s.metric === 'first_reply'), { metric: 'first_reply', fulfilled: 1, breached: 1, achievement: 0.5 });
      assert.deepEqual(r.volume.channel, [
        { key: 'chat', count: 2 },
        { key: 'email', count: 2 },
      ]);
      assert.deepEqual(r.volume.category, [
        { key: 'how_to', count: 3 },
        { key: 'technical', count: 1 },
      ]);
      // Hours in the brand's zone (Asia/Shanghai, UTC+8): T1 18:00, T2 08:00, T6 16:00, T3 17:00.
      const hours = Object.fromEntries(r.volume.hour.filter((h: { count: number }) => h.count > 0).map((h: { key: string; count: number }) => [h.key, h.count]));
      assert.deepEqual(hours, { '08': 1, '16': 1, '17': 1, '18': 1 });
      assert.deepEqual(
        r.backlog.map((b: { count: number }) => b.count),
        [2, 2, 3, 4, 3, 3, 3],
        'unsolved at each day’s end: T7 and T4 throughout, T6 from the 3rd, T3 from the 4th, T4 solved on the 5th',
      );
      assert.deepEqual(r.volume.brand, [{ key: cast.brandA.id, count: 4 }]);
      // In Shanghai's business hours: both first replies came outside them; T2 took 8 h on Monday and 1 h on
      // Tuesday; T4 eleven working days of 8 h (20 October to 5 November, the holiday on the 4th closed).
      assert.deepEqual(r.first_reply_business, { count: 2, median_s: 0, p90_s: 0 });
      assert.deepEqual(r.resolution_business, { count: 3, median_s: 32_400, p90_s: 316_800 });
    });

    test('CSV export of each table, with a BOM and quoted fields', async () => {
      const res = await fetch(`${desk.url}/api/v1/reports/full.csv?${RANGE}&table=summary`, { headers: { authorization: `Bearer ${cast.tokens.supervisorA}` } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
      const bytes = Buffer.from(await res.arrayBuffer());
      // fetch's text() would drop the BOM: read the bytes.
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = bytes.subarray(3).toString('utf8');
      assert.ok(text.startsWith('metric,value\r\n'));
      assert.match(text, /\r\ntickets_created,4\r\n/);
      assert.match(text, /\r\nfirst_reply_median_s,2100\r\n/);
      const backlog = await (await fetch(`${desk.url}/api/v1/reports/full.csv?${RANGE}&table=backlog`, { headers: { authorization: `Bearer ${cast.tokens.supervisorA}` } })).text();
      assert.equal(backlog.split('\r\n')[1], '2026-11-01,2');
    });

    test('agents may not read reports; a supervisor only their brands; bad ranges are 400', async () => {
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', `/api/v1/reports/quality?${RANGE}`)).status, 403);
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/reports/live')).status, 403);
      assert.equal((await api(desk, cast.tokens.supervisorA, 'GET', `/api/v1/reports/quality?${RANGE}&brand_id=${cast.brandB.id}`)).status, 403);
      assert.equal((await api(desk, cast.tokens.supervisorA, 'GET', '/api/v1/reports/quality?from=yesterday')).status, 400);
      assert.equal((await api(desk, cast.tokens.supervisorA, 'GET', '/api/v1/reports/quality?from=2026-11-08&to=2026-11-01')).status, 400);
      assert.equal((await api(desk, cast.tokens.supervisorA, 'GET', '/api/v1/reports/quality?from=2024-01-01&to=2026-01-01')).status, 400);
      assert.equal((await api(desk, null, 'GET', '/api/v1/reports/quality')).status, 401);
    });

    test('the live view counts queues per view and team and lists the oldest tickets waiting for a first reply', async () => {
      const res = await api(desk, cast.tokens.supervisorA, 'GET', '/api/v1/reports/live');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const views = Object.fromEntries(res.body.views.map((v: { id: string; count: number }) => [v.id, v.count]));
      assert.deepEqual(views, { unassigned: 3, urgent: 0, all: 3 });
      assert.deepEqual(res.body.teams, [{ team_id: null, name: null, count: 3 }]);
      assert.deepEqual(
        res.body.oldest_waiting.map((t: { id: string }) => t.id),
        [ids.t7, ids.t6, ids.t3],
      );
    });
  });
}
