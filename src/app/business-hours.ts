/**
 * Business hours in a brand's own time zone: weekly intervals plus holidays (whole local days closed).
 * Pure; the phone line asks it whether a human can answer now.
 */
import { invalid } from '../core/errors.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening intervals per weekday, local "HH:MM" to "HH:MM" (end exclusive; "24:00" closes at midnight). */
export type WeeklyHours = Partial<Record<Weekday, Array<[string, string]>>>;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The local weekday, date (YYYY-MM-DD) and minute of the day of an instant in a time zone. */
export function localTime(at: Date, timeZone: string): { weekday: Weekday; date: string; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = get('weekday').toLowerCase().slice(0, 3) as Weekday;
  return { weekday, date: `${get('year')}-${get('month')}-${get('day')}`, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** True when `at` falls inside the brand's hours and not on a holiday. Null hours mean always open. */
export function isOpen(at: Date, timeZone: string, hours: WeeklyHours | null, holidays: readonly string[] = []): boolean {
  const local = localTime(at, timeZone);
  if (holidays.includes(local.date)) return false;
  if (hours === null) return true;
  return (hours[local.weekday] ?? []).some(([from, to]) => local.minute >= minutes(from) && local.minute < minutes(to));
}

/** Checks a weekly schedule and holiday list; throws invalid_input naming the field. */
export function assertHours(hours: WeeklyHours | null, holidays: readonly string[]): void {
  if (hours !== null) {
    for (const [day, intervals] of Object.entries(hours)) {
      if (!(WEEKDAYS as readonly string[]).includes(day)) throw invalid(`"${day}" is not a weekday; use ${WEEKDAYS.join(', ')}.`, { field: 'hours' });
      for (const interval of intervals ?? []) {
        const [from, to] = interval;
        if (!HHMM.test(from) || !HHMM.test(to) || minutes(from) >= minutes(to)) {
          throw invalid(`Opening hours ${from}–${to} on ${day} are not a valid interval; write them as "09:00"–"18:00".`, { field: 'hours' });
        }
      }
    }
  }
  for (const day of holidays) {
    if (!DATE.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      throw invalid(`Holiday "${day}" is not a date; write it as YYYY-MM-DD.`, { field: 'holidays' });
    }
  }
}
