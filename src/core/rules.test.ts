import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterActions, conditionHolds, conditionsMatch, nullifyingCondition, validateRule, type RuleTicket } from './rules.js';

const ticket: RuleTicket = {
  status: 'solved',
  priority: 'normal',
  category: 'transaction',
  channel: 'email',
  brandId: 'b1',
  teamId: null,
  assigneeId: 'a1',
  tags: ['vip'],
  subject: 'Withdrawal stuck',
  language: 'en',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  solvedAt: '2026-01-02T00:00:00.000Z',
};

test('"changed to" holds only when the event changed the field to that value', () => {
  const event = { type: 'ticket.updated', changes: { status: ['open', 'solved'] as [unknown, unknown] } };
  assert.equal(conditionHolds({ field: 'status', operator: 'changed_to', value: 'solved' }, { ticket, event }), true);
  assert.equal(conditionHolds({ field: 'status', operator: 'changed_from', value: 'open' }, { ticket, event }), true);
  assert.equal(conditionHolds({ field: 'status', operator: 'changed_to', value: 'open' }, { ticket, event }), false);
  assert.equal(conditionHolds({ field: 'priority', operator: 'changed', value: null }, { ticket, event }), false);
  assert.equal(conditionHolds({ field: 'status', operator: 'is', value: 'solved' }, { ticket }), true, 'a plain condition reads the ticket');
});

test('all and any: every all-condition and, when there are any, one of them', () => {
  const conditions = {
    all: [{ field: 'category' as const, operator: 'is' as const, value: 'transaction' }],
    any: [
      { field: 'tags' as const, operator: 'contains' as const, value: 'vip' },
      { field: 'priority' as const, operator: 'is' as const, value: 'urgent' },
    ],
  };
  assert.equal(conditionsMatch(conditions, { ticket }), true);
  assert.equal(conditionsMatch(conditions, { ticket: { ...ticket, tags: [] } }), false);
  assert.equal(conditionsMatch({ ...conditions, any: [] }, { ticket: { ...ticket, tags: [] } }), true);
});

test('hours since solved compare against the clock', () => {
  const c = { field: 'hours_since_solved' as const, operator: 'greater_than' as const, value: 96 };
  assert.equal(conditionHolds(c, { ticket, now: new Date('2026-01-06T01:00:00.000Z') }), true);
  assert.equal(conditionHolds(c, { ticket, now: new Date('2026-01-05T23:00:00.000Z') }), false);
  assert.equal(conditionHolds(c, { ticket: { ...ticket, solvedAt: null }, now: new Date() }), false);
});

test('the nullify rule: an action must make one of the automation\'s own conditions false', () => {
  const solved = { field: 'status' as const, operator: 'is' as const, value: 'solved' };
  const hours = { field: 'hours_since_solved' as const, operator: 'greater_than' as const, value: 96 };
  assert.deepEqual(nullifyingCondition({ all: [solved, hours], any: [] }, [{ type: 'set_status', value: 'closed' }]), solved);
  assert.equal(nullifyingCondition({ all: [solved, hours], any: [] }, [{ type: 'set_status', value: 'solved' }]), null, 'setting what it already is');
  assert.equal(nullifyingCondition({ all: [solved, hours], any: [] }, [{ type: 'notify', value: 'assignee' }]), null);
  const untagged = { field: 'tags' as const, operator: 'not_contains' as const, value: 'reminded' };
  assert.deepEqual(nullifyingCondition({ all: [untagged, hours], any: [] }, [{ type: 'add_tags', value: ['Reminded'] }]), untagged);
  assert.throws(() => validateRule('automation', { all: [solved, hours], any: [] }, [{ type: 'notify', value: 'assignee' }]), /own actions make false/);
  assert.throws(() => validateRule('automation', { all: [solved], any: [] }, [{ type: 'set_status', value: 'closed' }]), /hours since/);
  assert.doesNotThrow(() => validateRule('automation', { all: [solved, hours], any: [] }, [{ type: 'set_status', value: 'closed' }]));
});

test('actions applied in order leave the ticket as the next rule sees it', () => {
  const next = afterActions(ticket, [
    { type: 'add_tags', value: ['Exchange'] },
    { type: 'remove_tags', value: ['vip'] },
    { type: 'set_priority', value: 'high' },
  ]);
  assert.deepEqual(next.tags, ['exchange']);
  assert.equal(next.priority, 'high');
  assert.deepEqual(ticket.tags, ['vip'], 'the input is not changed');
});
