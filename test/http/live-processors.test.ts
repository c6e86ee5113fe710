/**
 * What the console hears over its live socket now that live notices, routing and delivery are processors: a
 * new ticket and its messages at once (after the commit), routing's result as soon as the job worker ran it,
 * and a delivered reply as "sent" — each without a reload. Real socket, real job worker, both stores.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startJobWorker } from '../../src/bus/job-worker.js';
import { DIALECTS } from '../helpers/stores.js';
import { jobHandlers } from '../helpers/jobs.js';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

interface Notice {
  type: string;
  ticket_id: string | null;
  brand_id: string | null;
  data: Record<string, unknown>;
}

/** A signed-in console socket that keeps every notice it hears; `next` waits for one that matches. */
async function openConsole(desk: TestDesk, email: string) {
  const login = await fetch(`${desk.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const ws = new WebSocket(`${desk.url.replace('http', 'ws')}/api/v1/live`, { headers: { cookie } });
  const notices: Notice[] = [];
  const waiters: Array<() => void> = [];
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (d) => {
      const frame = JSON.parse(String(d)) as { type?: string; notice?: Notice };
      if (frame.type === 'ready') resolve();
      if (frame.type === 'notice' && frame.notice) {
        notices.push(frame.notice);
        for (const w of waiters.splice(0)) w();
      }
    });
    ws.once('error', reject);
  });
  return {
    notices,
    async next(what: string, match: (n: Notice) => boolean, ms = 10_000): Promise<Notice> {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = notices.find(match);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no ${what} notice within ${ms} ms; heard: ${notices.map((n) => `${n.type}/${String(n.data.event ?? '')}`).join(', ')}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => (clearTimeout(timer), resolve()));
        });
      }
    },
    close: () => ws.close(),
  };
}

for (const dialect of DIALECTS) {
  describe(`live notices from processors on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let worker: ReturnType<typeof startJobWorker>;
    const sent: string[] = [];
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      // As `walletdesk serve` runs it: a job worker woken after each commit that queued jobs.
      worker = startJobWorker({ store: desk.deps.store, clock: desk.deps.clock, handlers: jobHandlers(desk.deps), pollMs: 60_000 });
      desk.deps.jobsNudge = worker.nudge;
      desk.deps.senders = { api: { send: async ({ message }) => (sent.push(message.id), { externalId: `ext-${message.id}` }) } };
    });
    after(async () => {
      await worker.stop();
      desk.deps.senders = undefined;
      await desk.close();
    });

    test('a new ticket and its message are announced right after the commit, with no job', async () => {
      const socket = await openConsole(desk, 'li@desk.example');
      try {
        const t = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'Fee question', body: 'Why was the network fee so high?', requester: { email: 'live1@example.com' } });
        assert.equal(t.status, 201, JSON.stringify(t.body));
        const created = await socket.next('ticket.created', (n) => n.type === 'ticket.created' && n.ticket_id === t.body.id);
        assert.equal(created.brand_id, cast.brandA.id);
        assert.equal(created.data.number, t.body.number);
        const added = await socket.next('message.added', (n) => n.type === 'message.added' && n.ticket_id === t.body.id && n.data.author_type === 'customer');
        assert.equal(typeof added.data.message_id, 'string');
        assert.ok(!('body' in added.data), 'never a body');
        // Live notices cost no job: the ticket's jobs are routing's and the delivery of the desk's question.
        const jobs = (await desk.deps.store.jobs.list({}, 1000)).filter((j) => j.type === 'processor.run' && (j.payload.event as { subjectId?: string }).subjectId === t.body.id);
        assert.deepEqual(jobs.map((j) => j.payload.processor).sort(), ['auto-reply-delivery', 'routing']);
      } finally {
        socket.close();
      }
    });

    test('a routed ticket shows its team live once the worker has run routing', async () => {
      const team = await api(desk, cast.tokens.admin, 'POST', '/api/v1/teams', { name: `Security ${dialect}`, brand_id: cast.brandA.id, categories: ['security'], member_ids: [cast.agentA.id] });
      assert.equal(team.status, 201, JSON.stringify(team.body));
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', '/api/v1/settings/routing', { mode: 'team' })).status, 200);
      const socket = await openConsole(desk, 'li@desk.example');
      try {
        const t = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'Stolen', body: 'My bitcoin was stolen, an unauthorized transaction emptied my wallet', requester: { email: 'live2@example.com' } });
        assert.equal(t.status, 201);
        assert.equal(t.body.team_id, null, 'routing runs after the commit');
        const routed = await socket.next('routing', (n) => n.ticket_id === t.body.id && n.type === 'ticket.updated' && n.data.event === 'ticket.routed');
        assert.equal(routed.brand_id, cast.brandA.id);
        // What the console refetches on that notice:
        assert.equal((await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.body.id}`)).body.team_id, team.body.id);
      } finally {
        socket.close();
        await api(desk, cast.tokens.admin, 'PATCH', '/api/v1/settings/routing', { mode: 'off' });
      }
    });

    test('a delivered reply announces itself, so the console shows "sent" without a refetch loop', async () => {
      const socket = await openConsole(desk, 'li@desk.example');
      try {
        const t = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'Card', body: 'My card top-up failed twice.', requester: { email: 'live3@example.com' } });
        const reply = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.body.id}/messages`, { body: 'We are on it.' });
        assert.equal(reply.status, 201, JSON.stringify(reply.body));
        const messageId = (reply.body.message?.id ?? reply.body.id) as string;
        await socket.next('the reply', (n) => n.type === 'message.added' && n.data.message_id === messageId && n.data.author_type === 'agent');
        const delivered = await socket.next('message.delivered', (n) => n.type === 'message.delivered' && n.data.message_id === messageId);
        assert.equal(delivered.ticket_id, t.body.id);
        assert.ok(sent.includes(messageId), 'it went out through its channel');
        const view = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.body.id}`)).body;
        const shown = view.messages.find((m: { id: string }) => m.id === messageId);
        assert.equal(shown.delivery.status, 'sent');
      } finally {
        socket.close();
      }
    });

    test("another brand's agent hears none of it", async () => {
      const socket = await openConsole(desk, 'bob@desk.example');
      try {
        const t = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'Private', body: 'Only brand A may see this.', requester: { email: 'live4@example.com' } });
        assert.equal(t.status, 201);
        // A notice of B's own brand after A's shows the socket was listening the whole time.
        const own = await api(desk, cast.tokens.agentB, 'POST', '/api/v1/tickets', { subject: 'Mine', body: 'Brand B question.', requester: { email: 'live5@example.com' } });
        await socket.next('own brand', (n) => n.ticket_id === own.body.id);
        assert.ok(!socket.notices.some((n) => n.ticket_id === t.body.id));
      } finally {
        socket.close();
      }
    });
  });
}
