import { test } from 'node:test';
import assert from 'node:assert/strict';
import { businessSeconds } from './business-time.js';

const LUNCH = { mon: [['09:00', '12:00'], ['13:00', '18:00']], tue: [['09:00', '12:00'], ['13:00', '18:00']], wed: [['09:00', '12:00'], ['13:00', '18:00']], thu: [['09:00', '12:00'], ['13:00', '18:00']], fri: [['09:00', '12:00'], ['13:00', '18:00']] } as const;
const shanghai = { timeZone: 'Asia/Shanghai', hours: LUNCH as never, holidays: ['2026-11-04'] };

test('counts only opening hours in the brand’s zone: the lunch break and the weekend are closed', () => {
  // Monday 08:00 to 14:00 Shanghai: 09:00–12:00 and 13:00–14:00.
  assert.equal(businessSeconds('2026-11-02T00:00:00.000Z', '2026-11-02T06:00:00.000Z', shanghai), 4 * 3600);
  // Friday 17:00 to Monday 10:00: one hour on Friday, one on Monday.
  assert.equal(businessSeconds('2026-11-06T09:00:00.000Z', '2026-11-09T02:00:00.000Z', shanghai), 2 * 3600);
  assert.equal(businessSeconds('2026-11-01T10:00:00.000Z', '2026-11-01T12:00:00.000Z', shanghai), 0, 'a Sunday evening');
});

test('a holiday is closed all day', () => {
  // Tuesday 18:00 to Thursday 10:00 with Wednesday 4 November a holiday: only Thursday 09:00–10:00.
  assert.equal(businessSeconds('2026-11-03T10:00:00.000Z', '2026-11-05T02:00:00.000Z', shanghai), 3600);
});

test('a day when the clocks change still counts its opening hours once', () => {
  const berlin = { timeZone: 'Europe/Berlin', hours: { sat: [['09:00', '17:00']], sun: [['09:00', '17:00']], mon: [['09:00', '17:00']] } as never, holidays: [] };
  // Saturday 24 and Sunday 25 October 2026 (summer time ends on the Sunday), whole days.
  assert.equal(businessSeconds('2026-10-23T22:00:00.000Z', '2026-10-25T23:00:00.000Z', berlin), 16 * 3600);
  assert.equal(businessSeconds('2026-10-25T00:00:00.000Z', '2026-10-25T00:00:00.000Z', berlin), 0, 'an empty span');
});
