import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addBusinessSeconds, businessSecondsBetween, calendarProblems, isOpenAt, zonedInstant, type BusinessCalendar, type CalendarHours } from './calendar.js';
import { CHINA_MAINLAND_2026 } from './holidays-cn.js';

const LUNCH: CalendarHours = Object.fromEntries(
  (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [d, [['09:00', '12:00'], ['13:00', '18:00']] as Array<[string, string]>]),
);
const NINE_TO_FIVE: CalendarHours = Object.fromEntries((['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [d, [['09:00', '17:00']] as Array<[string, string]>]));
const cal = (timeZone: string, hours: CalendarHours | null, extra: Partial<BusinessCalendar> = {}): BusinessCalendar => ({ timeZone, hours, holidays: [], workdays: [], ...extra });
const iso = (d: Date | null) => d?.toISOString() ?? null;
const H = 3600;

test('counts across a lunch break: an hour from 11:30 ends at 13:30 (Shanghai)', () => {
  const shanghai = cal('Asia/Shanghai', LUNCH);
  // Monday 2026-03-02 11:30 in Shanghai is 03:30 UTC.
  assert.equal(iso(addBusinessSeconds(shanghai, new Date('2026-03-02T03:30:00Z'), H)), '2026-03-02T05:30:00.000Z');
  assert.equal(businessSecondsBetween(shanghai, new Date('2026-03-02T03:30:00Z'), new Date('2026-03-02T05:30:00Z')), H);
  assert.equal(isOpenAt(shanghai, new Date('2026-03-02T04:30:00Z')), false, '12:30 is lunch');
  assert.equal(isOpenAt(shanghai, new Date('2026-03-02T05:00:00Z')), true, '13:00 opens again');
  // A whole working day is 8 hours; 9 hours from Monday 09:00 ends Tuesday 10:00.
  assert.equal(iso(addBusinessSeconds(shanghai, new Date('2026-03-02T01:00:00Z'), 9 * H)), '2026-03-03T02:00:00.000Z');
});

test('skips holidays and works the make-up Saturday of the 2026 Spring Festival (调休)', () => {
  const shanghai = cal('Asia/Shanghai', LUNCH, { holidays: CHINA_MAINLAND_2026.holidays, workdays: CHINA_MAINLAND_2026.workdays });
  // Friday 13 Feb 17:00 local + 2 h: one hour on Friday, then Saturday 14 Feb is a working day (09:00–10:00).
  assert.equal(iso(addBusinessSeconds(shanghai, new Date('2026-02-13T09:00:00Z'), 2 * H)), '2026-02-14T02:00:00.000Z');
  // Saturday 14 Feb 17:30 + 1 h: half an hour that day, then 15–23 Feb are the holiday; Tuesday 24 Feb 09:30.
  assert.equal(iso(addBusinessSeconds(shanghai, new Date('2026-02-14T09:30:00Z'), H)), '2026-02-24T01:30:00.000Z');
  assert.equal(isOpenAt(shanghai, new Date('2026-02-16T02:00:00Z')), false, 'Monday 16 Feb is a holiday');
  assert.equal(isOpenAt(shanghai, new Date('2026-02-28T02:00:00Z')), true, 'Saturday 28 Feb is worked');
  assert.equal(isOpenAt(shanghai, new Date('2026-03-07T02:00:00Z')), false, 'an ordinary Saturday is not');
  // Without the make-up day the same two hours end on Tuesday 24 Feb.
  const noMakeUp = { ...shanghai, workdays: [] };
  assert.equal(iso(addBusinessSeconds(noMakeUp, new Date('2026-02-13T09:00:00Z'), 2 * H)), '2026-02-24T02:00:00.000Z');
});

test('keeps local opening hours across the spring-forward weekend in New York', () => {
  const ny = cal('America/New_York', NINE_TO_FIVE);
  // Friday 6 Mar 2026 16:00 EST (21:00 UTC) + 2 h → Monday 9 Mar 10:00 EDT (14:00 UTC): clocks moved on 8 Mar.
  assert.equal(iso(addBusinessSeconds(ny, new Date('2026-03-06T21:00:00Z'), 2 * H)), '2026-03-09T14:00:00.000Z');
  // Around the clock, the local Sunday of the change has 23 hours.
  const always = cal('America/New_York', null);
  assert.equal(businessSecondsBetween(always, new Date(zonedInstant('2026-03-08', 0, 'America/New_York')), new Date(zonedInstant('2026-03-09', 0, 'America/New_York'))), 23 * H);
  // 02:30 does not exist that night: it reads as 03:30 EDT.
  assert.equal(new Date(zonedInstant('2026-03-08', 150, 'America/New_York')).toISOString(), '2026-03-08T07:30:00.000Z');
});

test('keeps local opening hours across the autumn change in London, whose Sunday has 25 hours', () => {
  const london = cal('Europe/London', NINE_TO_FIVE);
  // Friday 23 Oct 2026 16:00 BST (15:00 UTC) + 2 h → Monday 26 Oct 10:00 GMT (10:00 UTC).
  assert.equal(iso(addBusinessSeconds(london, new Date('2026-10-23T15:00:00Z'), 2 * H)), '2026-10-26T10:00:00.000Z');
  const always = cal('Europe/London', { sun: [['00:00', '24:00']] });
  assert.equal(businessSecondsBetween(always, new Date('2026-10-24T20:00:00Z'), new Date('2026-10-26T12:00:00Z')), 25 * H);
});

test('the same instant is open in one zone and closed in another', () => {
  const at = new Date('2026-03-02T02:00:00Z'); // 10:00 Shanghai, 21:00 Sunday New York, 02:00 London
  assert.equal(isOpenAt(cal('Asia/Shanghai', NINE_TO_FIVE), at), true);
  assert.equal(isOpenAt(cal('America/New_York', NINE_TO_FIVE), at), false);
  assert.equal(isOpenAt(cal('Europe/London', NINE_TO_FIVE), at), false);
});

test('a calendar that never opens has no deadline, and bad calendars are named field by field', () => {
  assert.equal(addBusinessSeconds(cal('Asia/Shanghai', {}), new Date('2026-03-02T00:00:00Z'), 60), null);
  const problems = calendarProblems(cal('Mars/Olympus', { mon: [['12:00', '09:00']], xyz: [] } as unknown as CalendarHours, { holidays: ['2026-02-30'] }));
  assert.deepEqual(problems.map(([field]) => field).sort(), ['holidays', 'hours', 'hours', 'time_zone']);
  assert.deepEqual(calendarProblems(cal('Asia/Shanghai', { mon: [['09:00', '12:00'], ['11:00', '18:00']] })).map(([f]) => f), ['hours'], 'overlapping intervals');
});
