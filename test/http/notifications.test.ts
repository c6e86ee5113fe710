/**
 * The agents' bell over real HTTP and the console's WebSocket, once per database: assigned to you, your
 * customer answered, a mention in a note, an SLA about to breach, a security ticket arrived; each arrives live
 * on the agent's own socket, once however often its job runs, and each kind can be switched off.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { ingestInbound } from '../../src/app/ingest-inbound.js';
import { historyEvent } from '../../src/app/history.js';
import { recordEvents } from '../../src/app/record-events.js';
import { runProcessorJob } from '../../src/app/processors/run-processor-job.js';
import { PROCESSOR_JOB } from '../../src/app/processors/processor.js';
import { redisBus } from '../../src/bus/live-bus.js';
import { DIALECTS, TEST_REDIS_URL } from '../helpers/stores.js';
import { drainJobs } from '../helpers/jobs.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

interface Client {
  ws: WebSocket;
  next(pred: (f: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
  frames: Array<Record<string, unknown>>;
}

async function connect(url: string, token: string): Promise<Client> {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  const frames: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (d) => {
    frames.push(JSON.parse(String(d)) as Record<string, unknown>);
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = (pred: (f: Record<string, unknown>) => boolean, ms = 3000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      let done = false;
      const timer = setTimeout(() => {
        done = true;
        reject(new Error(`no matching frame; got ${JSON.stringify(frames)}`));
      }, ms);
      const check = () => {
        if (done) return;
        const i = frames.findIndex(pred);
        if (i >= 0) {
          clearTimeout(timer);
          done = true;
          resolve(frames.splice(i, 1)[0]!);
        } else waiters.push(check);
      };
      check();
    });
  await next((f) => f.type === 'ready');
  return { ws, next, frames };
}

const notification = (kind: string) => (f: Record<string, unknown>) => f.type === 'notification' && (f.notification as { kind?: string }).kind === kind;

for (const dialect of DIALECTS) {
  describe(`the agents' bell on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let li: Client;
    let sun: Client;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      const url = `${desk.url.replace('http', 'ws')}/api/v1/live`;
      li = await connect(url, cast.tokens.agentA);
      sun = await connect(url, cast.tokens.supervisorA);
    });
    after(async () => {
      li?.ws.close();
      sun?.ws.close();
      await desk.close();
    });

    const mine = async (token: string) => (await api(desk, token, 'GET', '/api/v1/notifications')).body as { notifications: Array<{ id: string; kind: string; ticket_number: number | null; data: Record<string, unknown>; read_at: string | null }>; unread: number };
    const newTicket = async (subject: string, body: string, extra: Record<string, unknown> = {}) => {
      const res = await api(desk, cast.tokens.supervisorA, 'POST', '/api/v1/tickets', { subject, body, requester: { email: `c${Date.now()}@example.com` }, ...extra });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body as { id: string; number: number };
    };

    test('assigned to you: the assignee hears it live, once, and can mark it read', async () => {
      const t = await newTicket('Withdrawal stuck', 'My withdrawal has not arrived', { category: 'transaction' });
      assert.equal((await api(desk, cast.tokens.supervisorA, 'PATCH', `/api/v1/tickets/${t.id}`, { assignee_id: cast.agentA.id })).status, 200);
      await drainJobs(desk.deps);
      const frame = await li.next(notification('assigned'));
      const n = frame.notification as { id: string; ticket_number: number; data: Record<string, unknown>; desktop: boolean };
      assert.equal(n.ticket_number, t.number);
      assert.equal(n.data.by, 'Sun Supervisor');
      assert.equal(n.desktop, true);
      assert.equal(sun.frames.filter(notification('assigned')).length, 0, 'nobody else hears it');

      // The same job again: nobody is told twice.
      const jobs = await desk.deps.store.jobs.list({ type: PROCESSOR_JOB }, 500);
      const job = jobs.find((j) => (j.payload as { processor?: string }).processor === 'agent-notifications' && (j.payload as { event?: { ticketId?: string } }).event?.ticketId === t.id)!;
      await runProcessorJob(desk.deps, job);
      const list = await mine(cast.tokens.agentA);
      assert.equal(list.notifications.filter((x) => x.kind === 'assigned' && x.ticket_number === t.number).length, 1);
      assert.equal(list.unread, 1);
      assert.equal((await mine(cast.tokens.supervisorA)).notifications.some((x) => x.id === n.id), false, 'agents see only their own');

      const read = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/notifications/read', { ids: [n.id] });
      assert.equal(read.status, 200);
      assert.equal(read.body.unread, 0);
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', '/api/v1/notifications/read', {})).status, 400);
      // Self-assignment tells nobody.
      const own = await newTicket('Self', 'Question about fees');
      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${own.id}`, { assignee_id: cast.agentA.id });
      await drainJobs(desk.deps);
      assert.equal((await mine(cast.tokens.agentA)).unread, 0);

      // Your customer answered.
      await ingestInbound(desk.deps, { brandId: cast.brandA.id, channel: 'email', from: { email: 'answer@example.com' }, subject: 'Re', body: 'Here is the txid you asked for', ticketId: t.id, sourceId: `answer-${dialect}` });
      await drainJobs(desk.deps);
      await li.next(notification('customer_reply'));
    });

    test('a mention in a note tells the agent named, not the author; a kind switched off is not written', async () => {
      const t = await newTicket('Fee question', 'Why was the fee so high?');
      const note = await api(desk, cast.tokens.supervisorA, 'POST', `/api/v1/tickets/${t.id}/messages`, { body: '@李客服 can you check the fee estimate? @sun', public: false });
      assert.equal(note.status, 201, JSON.stringify(note.body));
      await drainJobs(desk.deps);
      const frame = await li.next(notification('mention'));
      assert.equal((frame.notification as { data: Record<string, unknown> }).data.by, 'Sun Supervisor');
      assert.ok(!JSON.stringify(frame).includes('fee estimate'), 'the note itself is not in the notification');
      assert.equal(sun.frames.filter(notification('mention')).length, 0, 'the author is not told about their own note');

      const off = await api(desk, cast.tokens.agentA, 'PATCH', '/api/v1/notifications/settings', { kinds: { mention: { bell: false } } });
      assert.equal(off.status, 200, JSON.stringify(off.body));
      assert.deepEqual(off.body.kinds.mention, { bell: false, desktop: true });
      assert.deepEqual(off.body.kinds.assigned, { bell: true, desktop: true });
      const before = (await mine(cast.tokens.agentA)).notifications.length;
      await api(desk, cast.tokens.supervisorA, 'POST', `/api/v1/tickets/${t.id}/messages`, { body: 'Again, @li: please look', public: false });
      await drainJobs(desk.deps);
      assert.equal((await mine(cast.tokens.agentA)).notifications.length, before, 'switched off: nothing');
      const bad = await api(desk, cast.tokens.agentA, 'PATCH', '/api/v1/notifications/settings', { kinds: { gossip: { bell: true } } });
      assert.equal(bad.status, 400);
      await api(desk, cast.tokens.agentA, 'PATCH', '/api/v1/notifications/settings', { kinds: { mention: { bell: true } } });
    });

    test('a security ticket tells the brand\'s supervisors when there is no security team; an SLA warning tells the assignee', async () => {
      const t = await newTicket('Account question', 'Someone may know my password', { category: 'security' });
      await drainJobs(desk.deps);
      const frame = await sun.next(notification('security'));
      assert.equal((frame.notification as { ticket_number: number }).ticket_number, t.number);

      await api(desk, cast.tokens.supervisorA, 'PATCH', `/api/v1/tickets/${t.id}`, { assignee_id: cast.agentA.id });
      await drainJobs(desk.deps);
      await li.next(notification('assigned'));
      const due = new Date(Date.now() + 10 * 60_000).toISOString();
      await desk.deps.store.transaction((tx) =>
        recordEvents(tx, [historyEvent({ type: 'sla.warning', actor: { type: 'system', id: null }, at: new Date().toISOString(), subjectType: 'ticket', subjectId: t.id, data: { metric: 'first_reply', due_at: due, policy_id: null } })], desk.deps),
      );
      await drainJobs(desk.deps);
      const sla = await li.next(notification('sla_warning'));
      assert.deepEqual((sla.notification as { data: Record<string, unknown> }).data.metric, 'first_reply');
    });
  });
}

describe('the bell across two instances (PostgreSQL + Redis)', () => {
  let a: TestDesk;
  let b: TestDesk;
  let cast: Cast;
  let li: Client;
  before(async () => {
    a = await startTestDesk('postgres', { bus: redisBus(TEST_REDIS_URL) });
    b = await startTestDesk('postgres', { bus: redisBus(TEST_REDIS_URL), sameDatabaseAs: a });
    cast = await seedCast(a.deps);
    // The agent's console is on instance B; the change and its processor job run on instance A.
    li = await connect(`${b.url.replace('http', 'ws')}/api/v1/live`, cast.tokens.agentA);
  });
  after(async () => {
    li?.ws.close();
    await b?.close();
    await a?.close();
  });

  test('a notification written on one instance reaches the agent\'s socket on the other', async () => {
    const created = await api(a, cast.tokens.supervisorA, 'POST', '/api/v1/tickets', { subject: 'Stuck', body: 'Withdrawal pending', requester: { email: 'two@example.com' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await api(a, cast.tokens.supervisorA, 'PATCH', `/api/v1/tickets/${created.body.id}`, { assignee_id: cast.agentA.id })).status, 200);
    await drainJobs(a.deps);
    const frame = await li.next(notification('assigned'), 5000);
    assert.equal((frame.notification as { ticket_number: number }).ticket_number, created.body.number);
  });
});
