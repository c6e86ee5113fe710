import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertHours, isOpen, localTime } from './business-hours.js';

const WEEKDAYS_9_TO_6 = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] } as const;
const hours = WEEKDAYS_9_TO_6 as unknown as Parameters<typeof isOpen>[2];

test('reads the local weekday, date and minute in the brand\'s time zone', () => {
  // 2026-03-02 is a Monday; 01:30 UTC is 09:30 in Shanghai.
  assert.deepEqual(localTime(new Date('2026-03-02T01:30:00Z'), 'Asia/Shanghai'), { weekday: 'mon', date: '2026-03-02', minute: 570 });
  assert.deepEqual(localTime(new Date('2026-03-02T01:30:00Z'), 'America/New_York'), { weekday: 'sun', date: '2026-03-01', minute: 20 * 60 + 30 });
});

test('is open inside the hours of the local day and closed outside them', () => {
  assert.equal(isOpen(new Date('2026-03-02T01:30:00Z'), 'Asia/Shanghai', hours), true, 'Monday 09:30 in Shanghai');
  assert.equal(isOpen(new Date('2026-03-02T00:30:00Z'), 'Asia/Shanghai', hours), false, 'Monday 08:30 in Shanghai');
  assert.equal(isOpen(new Date('2026-03-02T10:00:00Z'), 'Asia/Shanghai', hours), false, 'Monday 18:00 in Shanghai: the end is exclusive');
  assert.equal(isOpen(new Date('2026-03-02T01:30:00Z'), 'Europe/Berlin', hours), false, 'the same instant is 02:30 in Berlin');
  assert.equal(isOpen(new Date('2026-03-01T03:00:00Z'), 'Asia/Shanghai', hours), false, 'Sunday');
});

test('a holiday closes the whole local day, and no hours at all means always open', () => {
  assert.equal(isOpen(new Date('2026-03-02T01:30:00Z'), 'Asia/Shanghai', hours, ['2026-03-02']), false);
  assert.equal(isOpen(new Date('2026-03-01T03:00:00Z'), 'Asia/Shanghai', null), true);
  assert.equal(isOpen(new Date('2026-03-01T03:00:00Z'), 'Asia/Shanghai', null, ['2026-03-01']), false);
});

test('refuses malformed schedules and holidays, naming the field', () => {
  assert.throws(() => assertHours({ mon: [['18:00', '09:00']] }, []), /not a valid interval/);
  assert.throws(() => assertHours({ mon: [['9:00', '18:00']] }, []), /not a valid interval/);
  assert.throws(() => assertHours({ funday: [['09:00', '18:00']] } as never, []), /not a weekday/);
  assert.throws(() => assertHours(null, ['2026-13-45x']), /not a date/);
  assert.doesNotThrow(() => assertHours({ sat: [['00:00', '24:00']] }, ['2026-10-01']));
});
