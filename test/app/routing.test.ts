/** Routing of new tickets by category, language and load; agents' corrections become training examples. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestInbound } from '../../src/app/ingest-inbound.js';
import { collectTriageCorrections } from '../../src/app/collect-triage-corrections.js';
import { createAgent } from '../../src/app/create-agent.js';
import { DESK_TOPIC } from '../../src/app/live.js';
import type { LiveNotice } from '../../src/app/ports.js';
import { PROCESSORS } from '../../src/app/processors/index.js';
import { routeNewTicket } from '../../src/app/route-ticket.js';
import { drainJobs } from '../helpers/jobs.js';
import { api, seedCast, startTestDesk, PASSWORD, type Cast, type TestDesk } from '../helpers/desk.js';

describe('routing and corrections', () => {
  let desk: TestDesk;
  let cast: Cast;
  let security: { id: string };
  let englishOnly: string;
  before(async () => {
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
    englishOnly = (await createAgent(desk.deps, null, { email: 'sec-en@desk.example', name: 'Sam', role: 'agent', password: PASSWORD, brand_ids: [cast.brandA.id], languages: ['en'] })).id;
  });
  after(async () => desk.close());

  const theft = (body: string, email: string) => ingestInbound(desk.deps, { brandId: cast.brandA.id, channel: 'web', from: { email }, body });
  /** Routing is a processor of ticket.created: it runs after the commit, from the job queue. */
  const routed = async (ticketId: string) => {
    assert.deepEqual((await drainJobs(desk.deps)).failures, []);
    return (await desk.deps.store.tickets.get(ticketId))!;
  };

  test('nothing is routed until an admin turns routing on, and only once a team takes a category', async () => {
    const r = await theft('我的比特币被盗了，有一笔未授权的转账', 'r1@example.com');
    assert.equal((await routed(r.ticket.id)).teamId, null);
    const early = await api(desk, cast.tokens.admin, 'PATCH', '/api/v1/settings/routing', { mode: 'agent' });
    assert.equal(early.status, 409);
    security = (
      await api(desk, cast.tokens.admin, 'POST', '/api/v1/teams', { name: 'Security', brand_id: cast.brandA.id, categories: ['security'], member_ids: [cast.agentA.id, englishOnly] })
    ).body;
    assert.deepEqual((security as unknown as { categories: string[] }).categories, ['security']);
    assert.equal((await api(desk, cast.tokens.admin, 'POST', '/api/v1/teams', { name: 'X', categories: ['stolen'] })).status, 400);
    assert.equal((await api(desk, cast.tokens.agentA, 'PATCH', '/api/v1/settings/routing', { mode: 'agent' })).status, 403);
    const on = await api(desk, cast.tokens.admin, 'PATCH', '/api/v1/settings/routing', { mode: 'agent' });
    assert.equal(on.status, 200, JSON.stringify(on.body));
  });

  test('a Chinese theft report goes to the security team and to its agent who reads Chinese', async () => {
    const notices: LiveNotice[] = [];
    const off = await desk.deps.bus.subscribe(DESK_TOPIC, (n) => notices.push(n));
    try {
      const r = await theft('救命，我的钱包被盗了，币全被转走了', 'r2@example.com');
      assert.equal(r.ticket.category, 'security');
      assert.equal(r.ticket.teamId, null, 'routed after the commit, not inside it');
      const ticket = await routed(r.ticket.id);
      assert.equal(ticket.teamId, security.id);
      assert.equal(ticket.assigneeId, cast.agentA.id);
      const event = (await desk.deps.store.events.listForTicket(r.ticket.id, { limit: 20 })).find((e) => e.type === 'ticket.routed');
      assert.ok(event && (event.data.reasons as string[]).length > 0);
      // Consoles hear it: the ticket list shows the team and agent without a reload.
      assert.ok(notices.some((n) => n.ticketId === r.ticket.id && n.type === 'ticket.updated' && n.data?.event === 'ticket.routed'), JSON.stringify(notices));
      // A second run (at least once) changes nothing.
      await routeNewTicket({ ...desk.deps, processors: PROCESSORS }, r.ticket.id);
      assert.equal((await desk.deps.store.events.listForTicket(r.ticket.id, { limit: 50 })).filter((e) => e.type === 'ticket.routed').length, 1);
    } finally {
      await off();
    }
  });

  test('English theft reports are balanced by open load among the agents who read English', async () => {
    const a = await theft('Someone stole all my bitcoin, unauthorized transaction emptied the wallet', 'r3@example.com');
    const b = await theft('My funds were stolen! A transaction I never made drained my wallet', 'r4@example.com');
    assert.deepEqual(new Set([(await routed(a.ticket.id)).assigneeId, (await routed(b.ticket.id)).assigneeId]), new Set([cast.agentA.id, englishOnly]));
  });

  test("an agent's change of category or priority is logged as a correction and becomes a training example", async () => {
    const r = await ingestInbound(desk.deps, { brandId: cast.brandA.id, channel: 'web', from: { email: 'c1@example.com' }, subject: 'export', body: 'How do I export my transaction history to a spreadsheet?' });
    assert.equal((await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${r.ticket.id}`, { category: 'technical', priority: 'normal' })).status, 200);
    const corrected = (await desk.deps.store.events.listForTicket(r.ticket.id, { limit: 20 })).find((e) => e.type === 'ticket.triage_corrected');
    assert.deepEqual(corrected?.data.to, { category: 'technical', priority: 'normal' });
    const examples = await collectTriageCorrections(desk.deps);
    const mine = examples.find((e) => e.body?.includes('export my transaction history'));
    assert.deepEqual([mine?.category, mine?.priority], ['technical', 'normal']);
  });
});
