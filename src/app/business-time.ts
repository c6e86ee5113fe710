/**
 * Business seconds between two instants over a brand's calendar (weekly opening intervals in its time zone,
 * holidays as whole local days closed): the reports' business-hours variants of first reply and resolution time.
 * Pure. Walks local days: each day's intervals are placed from that day's local midnight, so on a day when the
 * clocks change an interval after the change is off by the change (an hour at most).
 */
import { localTime, WEEKDAYS, type WeeklyHours } from './business-hours.js';

const DAY_MS = 86_400_000;
const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export interface BusinessCalendar {
  timeZone: string;
  hours: WeeklyHours;
  holidays: readonly string[];
}

/** Open seconds of the calendar in [start, end). */
export function businessSeconds(startIso: string, endIso: string, cal: BusinessCalendar): number {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  if (!(end > start)) return 0;
  const holidays = new Set(cal.holidays);
  const week = WEEKDAYS.map((d) => (cal.hours[d] ?? []).map(([a, b]) => [minutes(a), minutes(b)] as const));
  let open = 0;
  let cursor = start;
  // A calendar with no interval at all would never end the walk early; cap it at the span's days (+2).
  for (let guard = 0; cursor < end && guard < (end - start) / DAY_MS + 3; guard++) {
    const local = localTime(new Date(cursor), cal.timeZone);
    const midnight = cursor - local.minute * 60_000 - (cursor % 60_000);
    if (!holidays.has(local.date)) {
      for (const [a, b] of week[WEEKDAYS.indexOf(local.weekday)]!) {
        const from = Math.max(start, midnight + a * 60_000);
        const to = Math.min(end, midnight + b * 60_000);
        if (to > from) open += to - from;
      }
    }
    // Into the next local day whatever the clocks did (a day is 23 to 25 hours long).
    cursor = midnight + 26 * 3_600_000;
    if (cursor <= start) cursor = start + DAY_MS;
  }
  return Math.round(open / 1000);
}
