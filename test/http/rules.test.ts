/**
 * Rules through /api/v1/rules over real HTTP, once per database: triggers on events in order, at most once per
 * event and never fired by rules (Chatwoot #4070, #6618 looped), automatic replies never answered, time
 * automations (the nullify rule, one action per ticket however often checked), the dry run and the starter set.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.js';
import type { DomainEvent } from '../../src/core/domain-events.js';
import { ingestInbound } from '../../src/app/ingest-inbound.js';
import { runTriggers, scheduleAutomations } from '../../src/app/run-rules.js';
import { DIALECTS } from '../helpers/stores.js';
import { drainJobs } from '../helpers/jobs.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

const HOUR = 3_600_000;

for (const dialect of DIALECTS) {
  describe(`rules on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    const clock = new ManualClock(new Date());
    before(async () => {
      desk = await startTestDesk(dialect, { clock });
      cast = await seedCast(desk.deps);
    });
    after(async () => desk.close());

    const admin = (method: string, path: string, body?: unknown) => api(desk, cast.tokens.admin, method, path, body);
    const newTicket = async (subject: string, body: string, extra: Record<string, unknown> = {}) => {
      const res = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject, body, requester: { email: `${subject.length}-${Date.now()}@example.com` }, ...extra });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body as { id: string; number: number };
    };
    const ticket = async (id: string) => (await admin('GET', `/api/v1/tickets/${id}`)).body;
    const ruleEvents = async (id: string) => (await desk.deps.store.events.listForTicket(id, { limit: 200 })).filter((e) => e.type === 'rule.applied');
    const switchOff = async () => {
      for (const r of (await admin('GET', '/api/v1/rules')).body.rules) await admin('PATCH', `/api/v1/rules/${r.id}`, { enabled: false });
    };

    test('a security trigger makes a new ticket urgent, gives it to the security team with a note, and the history names the rule', async () => {
      const team = await admin('POST', '/api/v1/teams', { name: `Security ${dialect}`, brand_id: cast.brandA.id, categories: ['security'], member_ids: [cast.agentA.id] });
      assert.equal(team.status, 201, JSON.stringify(team.body));
      const created = await admin('POST', '/api/v1/rules', {
        kind: 'trigger',
        name: 'Security to the team',
        conditions: { all: [{ field: 'event', operator: 'is', value: 'ticket.created' }, { field: 'category', operator: 'is', value: 'security' }] },
        actions: [
          { type: 'set_priority', value: 'urgent' },
          { type: 'set_team', value: team.body.id },
          { type: 'add_note', value: 'Check that the funds were moved to a new wallet.' },
        ],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.enabled, false, 'a new rule is saved switched off');
      const off = await newTicket('Two-factor question', 'Can I turn on two-factor sign-in for the app?', { category: 'security', priority: 'low' });
      await drainJobs(desk.deps);
      assert.equal((await ticket(off.id)).priority, 'low', 'switched off: nothing happens');

      assert.equal((await admin('PATCH', `/api/v1/rules/${created.body.id}`, { enabled: true })).status, 200);
      const t = await newTicket('Password change', 'Where do I change the password of my account?', { category: 'security', priority: 'low' });
      const other = await newTicket('How to back up', 'How do I export my wallet file?', { category: 'how_to' });
      const { failures } = await drainJobs(desk.deps);
      assert.deepEqual(failures, []);
      const after = await ticket(t.id);
      assert.equal(after.priority, 'urgent');
      assert.equal(after.team_id, team.body.id);
      assert.notEqual((await ticket(other.id)).priority, 'urgent', 'another category is left alone');
      const history = await desk.deps.store.events.listForTicket(t.id, { limit: 100 });
      const applied = history.filter((e) => e.type === 'rule.applied');
      assert.equal(applied.length, 1);
      assert.equal(applied[0]!.data.rule_name, 'Security to the team');
      const changed = history.filter((e) => (e.type === 'ticket.updated' || e.type === 'ticket.assigned') && e.actor.via === `rule:${created.body.id}`);
      assert.deepEqual(changed.map((e) => [e.type, e.data.rule_name]).sort(), [['ticket.assigned', 'Security to the team'], ['ticket.updated', 'Security to the team']], JSON.stringify(history.map((e) => [e.type, e.actor, e.data])));
      const messages = await desk.deps.store.messages.listForTicket(t.id);
      assert.ok(messages.some((m) => !m.public && m.authorType === 'system' && m.meta.rule_name === 'Security to the team'));
      await switchOff();
    });

    test('rules do not fire rules: two rules that undo each other act once each event, and the queue drains', async () => {
      const a = await admin('POST', '/api/v1/rules', {
        kind: 'trigger',
        name: 'High becomes normal',
        enabled: true,
        conditions: { all: [{ field: 'priority', operator: 'changed_to', value: 'high' }] },
        actions: [{ type: 'set_priority', value: 'normal' }, { type: 'add_tags', value: ['ping'] }],
      });
      const b = await admin('POST', '/api/v1/rules', {
        kind: 'trigger',
        name: 'Normal becomes high',
        enabled: true,
        conditions: { all: [{ field: 'priority', operator: 'changed_to', value: 'normal' }] },
        actions: [{ type: 'set_priority', value: 'high' }, { type: 'add_tags', value: ['pong'] }],
      });
      assert.equal(a.status, 201, JSON.stringify(a.body));
      assert.equal(b.status, 201, JSON.stringify(b.body));
      const t = await newTicket('Loop', 'Where is my withdrawal?', { priority: 'low' });
      await drainJobs(desk.deps);
      assert.equal((await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t.id}`, { priority: 'high' })).status, 200);
      const { failures } = await drainJobs(desk.deps, { maxRounds: 10 });
      assert.deepEqual(failures, []);
      const after = await ticket(t.id);
      assert.equal(after.priority, 'normal', 'the first rule acted on the agent\'s change');
      assert.deepEqual(after.tags.filter((x: string) => x === 'ping' || x === 'pong'), ['ping'], 'the second never saw the first one\'s change');
      const applied = await ruleEvents(t.id);
      assert.equal(applied.length, 1);

      // The same event again (a job run twice): the rule has fired for it already.
      const event = (await desk.deps.store.events.listForTicket(t.id, { limit: 100 })).find((e) => e.type === 'ticket.updated' && e.actor.type === 'agent')!;
      await runTriggers(desk.deps, event as DomainEvent);
      assert.equal((await ruleEvents(t.id)).length, 1, 'at most once per event');
      await switchOff();
    });

    test('an automatic reply never answers an automatic message, and the rule\'s own reply fires nothing', async () => {
      const rule = await admin('POST', '/api/v1/rules', {
        kind: 'trigger',
        name: 'Thank the customer',
        enabled: true,
        conditions: { all: [{ field: 'event', operator: 'is', value: 'message.added' }, { field: 'message_author', operator: 'is', value: 'customer' }] },
        actions: [{ type: 'send_reply', value: 'Thank you, we got your message and will answer soon.' }],
      });
      assert.equal(rule.status, 201, JSON.stringify(rule.body));
      const t = await newTicket('Question', 'When will my transaction confirm?');
      await drainJobs(desk.deps);
      const replies = async () => (await desk.deps.store.messages.listForTicket(t.id)).filter((m) => m.meta.kind === 'rule_reply');
      assert.equal((await replies()).length, 1);
      assert.equal((await replies())[0]!.meta.auto_submitted, true, 'marked as an automatic reply for its channel');

      // An out-of-office answer (Auto-Submitted: auto-generated, which the e-mail adapter records as bulk).
      await ingestInbound(desk.deps, {
        brandId: cast.brandA.id,
        channel: 'email',
        from: { email: 'robot@example.com' },
        subject: 'Re: Question',
        body: 'I am away until Monday.',
        ticketId: t.id,
        meta: { email: { bulk: 'auto-submitted: auto-generated' } },
        sourceId: `ooo-${dialect}`,
      });
      await drainJobs(desk.deps);
      assert.equal((await replies()).length, 1, 'no reply to an automatic message');
      const skipped = (await ruleEvents(t.id)).at(-1)!;
      assert.deepEqual((skipped.data.actions as Array<{ result: string; reason?: string }>)[0], { type: 'send_reply', result: 'skipped', reason: 'auto_submitted' });
      await switchOff();
    });

    test('saving refuses an automation that its own actions cannot make false, and time fields in triggers', async () => {
      const loops = await admin('POST', '/api/v1/rules', {
        kind: 'automation',
        name: 'Nag forever',
        conditions: { all: [{ field: 'status', operator: 'is', value: 'pending' }, { field: 'hours_since_updated', operator: 'greater_than', value: 72 }] },
        actions: [{ type: 'notify', value: 'assignee' }],
      });
      assert.equal(loops.status, 400);
      assert.equal(loops.body.error.details.rule, 'nullify');
      const wrongKind = await admin('POST', '/api/v1/rules', {
        kind: 'trigger',
        name: 'Hours in a trigger',
        conditions: { all: [{ field: 'hours_since_created', operator: 'greater_than', value: 1 }] },
        actions: [{ type: 'set_priority', value: 'high' }],
      });
      assert.equal(wrongKind.status, 400);
      const badValue = await admin('POST', '/api/v1/rules', { kind: 'trigger', name: 'Bad', conditions: { all: [{ field: 'status', operator: 'is', value: 'lost' }] }, actions: [{ type: 'set_priority', value: 'high' }] });
      assert.equal(badValue.status, 400);
      const seedAsk = await admin('POST', '/api/v1/rules', {
        kind: 'trigger',
        name: 'Ask for seed',
        conditions: { all: [{ field: 'event', operator: 'is', value: 'ticket.created' }] },
        actions: [{ type: 'send_reply', value: 'Please send us your 12-word recovery phrase so we can restore your wallet.' }],
      });
      assert.equal(seedAsk.status, 400, 'the outbound guard checks a rule\'s reply when it is saved');
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/rules')).status, 403);
      assert.equal((await api(desk, cast.tokens.supervisorA, 'POST', '/api/v1/rules/starter-set', {})).status, 403);
    });

    test('"solved 96 hours → closed": the dry run shows the ticket, then every check after it acts once', async () => {
      const t = await newTicket('Done', 'It arrived, thanks');
      assert.equal((await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved' })).status, 200);
      const fresh = await newTicket('Done later', 'Thanks again');
      clock.advance(90 * HOUR);
      assert.equal((await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${fresh.id}`, { status: 'solved' })).status, 200);
      clock.advance(7 * HOUR);

      const starter = await admin('POST', '/api/v1/rules/starter-set', { language: 'en' });
      assert.equal(starter.status, 200, JSON.stringify(starter.body));
      assert.deepEqual(starter.body.rules.map((r: { kind: string; enabled: boolean }) => [r.kind, r.enabled]), [['trigger', false], ['automation', false], ['automation', false]]);
      assert.equal((await admin('POST', '/api/v1/rules/starter-set', { language: 'en' })).body.rules.length, 0, 'installing twice adds nothing');
      const close = starter.body.rules.find((r: { name: string }) => r.name === 'Close 4 days after solved');

      const dry = await admin('POST', `/api/v1/rules/${close.id}/dry-run`);
      assert.equal(dry.status, 200, JSON.stringify(dry.body));
      const numbers = dry.body.matches.map((m: { number: number }) => m.number);
      assert.ok(numbers.includes(t.number), 'solved 97 hours ago');
      assert.ok(!numbers.includes(fresh.number), 'solved 7 hours ago');
      assert.equal((await ticket(t.id)).status, 'solved', 'a dry run changes nothing');

      assert.equal((await admin('PATCH', `/api/v1/rules/${close.id}`, { enabled: true })).status, 200);
      assert.equal(await scheduleAutomations(desk.deps), true);
      assert.equal(await scheduleAutomations(desk.deps), false, 'one check per slot, however many instances ask');
      assert.deepEqual((await drainJobs(desk.deps)).failures, []);
      assert.equal((await ticket(t.id)).status, 'closed');
      assert.equal((await ticket(fresh.id)).status, 'solved');
      const applied = await ruleEvents(t.id);
      assert.equal(applied.length, 1);
      assert.equal(applied[0]!.data.rule_name, 'Close 4 days after solved');

      clock.advance(5 * 60_000);
      await scheduleAutomations(desk.deps);
      await drainJobs(desk.deps);
      assert.equal((await ruleEvents(t.id)).length, 1, 'a closed ticket no longer matches: no second action');
      await switchOff();
    });

    test('a trigger\'s dry run lists recent tickets whose events match, and changes nothing', async () => {
      const t = await newTicket('Card lost', 'I lost my hardware wallet, what now?', { category: 'how_to' });
      await drainJobs(desk.deps);
      const dry = await admin('POST', '/api/v1/rules/dry-run', {
        kind: 'trigger',
        conditions: { all: [{ field: 'event', operator: 'is', value: 'ticket.created' }, { field: 'subject', operator: 'contains', value: 'card lost' }] },
        actions: [{ type: 'add_tags', value: ['hardware'] }],
      });
      assert.equal(dry.status, 200, JSON.stringify(dry.body));
      assert.deepEqual(dry.body.matches.map((m: { number: number; event: string }) => [m.number, m.event]), [[t.number, 'ticket.created']]);
      assert.ok(!(await ticket(t.id)).tags.includes('hardware'));
      const bad = await admin('POST', '/api/v1/rules/dry-run', { kind: 'automation', conditions: { all: [{ field: 'status', operator: 'is', value: 'open' }] }, actions: [{ type: 'notify', value: 'assignee' }] });
      assert.equal(bad.status, 400);
    });
  });
}
