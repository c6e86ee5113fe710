import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeClocks, DEFAULT_PAUSED_BY, matchPolicy, nextDeadline, NO_ESCALATION, type SlaFact, type SlaPolicy, type SlaTarget } from './sla.js';
import type { BusinessCalendar } from './calendar.js';

const M = 60;
const target = (over: Partial<SlaTarget> = {}): SlaTarget => ({ first_reply_s: 60 * M, next_reply_s: 10 * M, resolution_s: 8 * 60 * M, business_hours: false, ...over });
const at = (hhmm: string) => `2026-03-02T${hhmm}:00.000Z`;
const run = (facts: SlaFact[], now: string, t = target(), pausedBy = DEFAULT_PAUSED_BY, calendar: BusinessCalendar | null = null) =>
  Object.fromEntries(computeClocks({ createdAt: at('10:00'), initialStatus: 'new', facts, target: t, pausedBy, calendar, now: new Date(now) }).map((c) => [c.metric, c]));

test('a shorter next-reply target never overrides the first reply (Zammad #5177)', () => {
  const clocks = run([{ at: at('10:05'), kind: 'customer_message' }, { at: at('10:20'), kind: 'customer_message' }], at('10:30'));
  assert.equal(clocks.next_reply, undefined, 'no next-reply clock before the first reply');
  assert.equal(clocks.first_reply!.state, 'active');
  assert.equal(clocks.first_reply!.dueAt, at('11:00'));
  assert.equal(nextDeadline(Object.values(clocks)), at('11:00'));
});

test('next reply runs from the oldest unanswered customer message to the next agent reply', () => {
  const facts: SlaFact[] = [
    { at: at('10:10'), kind: 'agent_reply' },
    { at: at('10:30'), kind: 'customer_message' },
    { at: at('10:35'), kind: 'customer_message' },
  ];
  const open = run(facts, at('10:36'));
  assert.equal(open.first_reply!.state, 'fulfilled');
  assert.equal(open.next_reply!.state, 'active');
  assert.equal(open.next_reply!.dueAt, at('10:40'), 'counted from 10:30, not 10:35');
  const late = run([...facts, { at: at('10:45'), kind: 'agent_reply' }], at('11:00'));
  assert.equal(late.next_reply!.state, 'breached');
  assert.equal(late.next_reply!.breachedAt, at('10:40'));
  assert.equal(late.next_reply!.running, false);
});

test('next reply stops when the ticket is solved (Chatwoot #10178)', () => {
  const clocks = run(
    [
      { at: at('10:10'), kind: 'agent_reply' },
      { at: at('10:30'), kind: 'customer_message' },
      { at: at('10:35'), kind: 'status', status: 'solved' },
    ],
    at('12:00'),
  );
  assert.equal(clocks.next_reply!.state, 'fulfilled');
  assert.equal(clocks.next_reply!.running, false);
  assert.equal(clocks.resolution!.state, 'fulfilled');
  assert.equal(nextDeadline(Object.values(clocks)), null);
});

test('pending pauses the clocks; on-hold pauses only when the policy says so', () => {
  const pending = run([{ at: at('10:20'), kind: 'status', status: 'pending' }], at('13:00'));
  assert.equal(pending.first_reply!.state, 'paused');
  assert.equal(pending.first_reply!.dueAt, null);
  const resumed = run([{ at: at('10:20'), kind: 'status', status: 'pending' }, { at: at('11:20'), kind: 'status', status: 'open' }], at('11:30'));
  assert.equal(resumed.first_reply!.dueAt, at('12:00'), 'the paused hour is added to the deadline');
  const onHold: SlaFact[] = [{ at: at('10:20'), kind: 'status', status: 'on_hold' }];
  assert.equal(run(onHold, at('10:30')).first_reply!.state, 'active', 'on-hold counts by default');
  assert.equal(run(onHold, at('10:30'), target(), { ...DEFAULT_PAUSED_BY, first_reply: ['pending', 'on_hold'] }).first_reply!.state, 'paused');
});

test('a reopened ticket resumes its resolution clock with the time already used', () => {
  const clocks = run(
    [
      { at: at('10:10'), kind: 'agent_reply' },
      { at: at('12:00'), kind: 'status', status: 'solved' },
      { at: at('14:00'), kind: 'customer_message' },
      { at: at('14:00'), kind: 'status', status: 'open' },
    ],
    at('14:05'),
  );
  // Two hours used before solving: six remain from 14:00.
  assert.equal(clocks.resolution!.state, 'active');
  assert.equal(clocks.resolution!.dueAt, at('20:00'));
  assert.equal(clocks.next_reply!.dueAt, at('14:10'), 'the customer message that reopened it awaits an answer');
});

test('business-hour targets count only opening hours', () => {
  const cal: BusinessCalendar = { timeZone: 'UTC', hours: { mon: [['09:00', '12:00'], ['13:00', '18:00']] }, holidays: [], workdays: [] };
  const clocks = run([], at('10:30'), target({ first_reply_s: 3 * 60 * M, business_hours: true }), DEFAULT_PAUSED_BY, cal);
  assert.equal(clocks.first_reply!.dueAt, at('14:00'), '10:00 + 2 h before lunch + 1 h after');
});

test('the first enabled policy that matches and has a target for the priority applies', () => {
  const policy = (id: string, position: number, over: Partial<SlaPolicy>): SlaPolicy => ({
    id,
    name: id,
    brandId: null,
    position,
    enabled: true,
    conditions: {},
    targets: { normal: target(), urgent: target({ first_reply_s: 600 }) },
    pausedBy: DEFAULT_PAUSED_BY,
    escalation: NO_ESCALATION,
    createdAt: at('09:00'),
    updatedAt: at('09:00'),
    ...over,
  });
  const ticket = { brandId: 'b1', channel: 'chat' as const, category: 'security' as const, priority: 'urgent' as const, verificationLevel: null };
  const policies = [
    policy('general', 3, {}),
    policy('security', 2, { conditions: { categories: ['security'] } }),
    policy('off', 1, { enabled: false }),
    policy('other-brand', 0, { brandId: 'b2' }),
  ];
  assert.equal(matchPolicy(policies, ticket)?.policy.id, 'security');
  assert.equal(matchPolicy(policies, { ...ticket, category: 'how_to' })?.policy.id, 'general');
  assert.equal(matchPolicy(policies, { ...ticket, priority: 'low' }), null, 'no target for low');
  assert.equal(matchPolicy([policy('verified', 0, { conditions: { verification_levels: ['address'] } })], ticket), null);
});
