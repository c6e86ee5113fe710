/**
 * Business calendars: a brand's time zone, opening intervals per weekday (several a day: a lunch break is two
 * intervals), holidays (whole local days closed) and make-up working days (调休: a weekend date that is worked on
 * the weekday schedule). Pure arithmetic over instants: is it open, how many business seconds lie between two
 * instants, which instant is N business seconds after another. Daylight-saving changes are handled by turning
 * each local opening interval into UTC instants for that very date.
 */

export const CALENDAR_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type CalendarWeekday = (typeof CALENDAR_WEEKDAYS)[number];

/** Local "HH:MM" to "HH:MM" per weekday (end exclusive; "24:00" is midnight at the end of the day). */
export type CalendarHours = Partial<Record<CalendarWeekday, Array<[string, string]>>>;

export interface BusinessCalendar {
  /** IANA time zone, e.g. Asia/Shanghai. */
  timeZone: string;
  /** Weekly opening hours; null is open around the clock (holidays still close). */
  hours: CalendarHours | null;
  /** Local dates (YYYY-MM-DD) closed all day. */
  holidays: readonly string[];
  /** Local dates (YYYY-MM-DD) worked although they fall on a closed weekday (调休 make-up days). */
  workdays: readonly string[];
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** How far the arithmetic looks before it decides a calendar never opens. */
const MAX_DAYS = 3 * 366;

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** True for a time written "HH:MM" (00:00 to 24:00). */
export const isHhmm = (value: string): boolean => HHMM.test(value);

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** True when the runtime knows the IANA time zone. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(ms: number, timeZone: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts = formatter(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour') % 24, min: get('minute'), s: get('second') };
}

/** The zone's offset from UTC at an instant, in ms (Shanghai: +8 h). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at local `date` + `minute` (may be 1440: midnight after). A local time skipped by a
 * daylight-saving jump is shifted forward by the gap (02:30 → 03:30); a repeated one maps to one of its occurrences.
 */
export function zonedInstant(date: string, minute: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, 0, minute);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  // The guesses disagree only for a local time the jump skipped: the later one is that time shifted past the gap.
  return first === second ? first : Math.max(first, second);
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  return `${String(w.y).padStart(4, '0')}-${String(w.m).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function weekdayOf(date: string): CalendarWeekday {
  const js = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return CALENDAR_WEEKDAYS[(js + 6) % 7]!;
}

/** The schedule a make-up working day follows: the first weekday (Monday onwards) that has opening hours. */
function workdaySchedule(hours: CalendarHours): Array<[string, string]> {
  for (const day of CALENDAR_WEEKDAYS) if ((hours[day] ?? []).length > 0) return hours[day]!;
  return [];
}

/** The opening intervals of one local date as UTC instants [start, end), in order. */
export function openIntervals(cal: BusinessCalendar, date: string): Array<[number, number]> {
  if (cal.holidays.includes(date)) return [];
  if (cal.hours === null) return [[zonedInstant(date, 0, cal.timeZone), zonedInstant(date, 1440, cal.timeZone)]];
  let intervals = cal.hours[weekdayOf(date)] ?? [];
  if (intervals.length === 0 && cal.workdays.includes(date)) intervals = workdaySchedule(cal.hours);
  return intervals
    .map(([from, to]): [number, number] => [zonedInstant(date, minutes(from), cal.timeZone), zonedInstant(date, minutes(to), cal.timeZone)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
}

/** True when the calendar is open at `at`. */
export function isOpenAt(cal: BusinessCalendar, at: Date): boolean {
  const ms = at.getTime();
  return openIntervals(cal, localDate(ms, cal.timeZone)).some(([a, b]) => ms >= a && ms < b);
}

/** Business seconds between two instants (0 when `to` is not after `from`). */
export function businessSecondsBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  let total = 0;
  // One day earlier than the local date of `from`: an interval of the day before may still run (24:00 ends).
  let date = addDays(localDate(start, cal.timeZone), -1);
  for (let i = 0; i < MAX_DAYS * 4; i++) {
    const intervals = openIntervals(cal, date);
    for (const [a, b] of intervals) {
      const lo = Math.max(a, start);
      const hi = Math.min(b, end);
      if (hi > lo) total += hi - lo;
    }
    if (zonedInstant(date, 1440, cal.timeZone) >= end) break;
    date = addDays(date, 1);
  }
  return Math.round(total / 1000);
}

/**
 * The instant that lies `seconds` business seconds after `from`; `from` itself when 0 and open, else the end of
 * the counted time. Null when the calendar has no opening in the next three years.
 */
export function addBusinessSeconds(cal: BusinessCalendar, from: Date, seconds: number): Date | null {
  let remaining = Math.max(0, seconds) * 1000;
  const start = from.getTime();
  let date = addDays(localDate(start, cal.timeZone), -1);
  for (let i = 0; i < MAX_DAYS; i++) {
    for (const [a, b] of openIntervals(cal, date)) {
      const lo = Math.max(a, start);
      if (b <= lo) continue;
      if (remaining <= b - lo) return new Date(lo + remaining);
      remaining -= b - lo;
    }
    date = addDays(date, 1);
  }
  return null;
}

/** Problems with a calendar, as [field, message] pairs (empty when valid). */
export function calendarProblems(cal: BusinessCalendar): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  if (!isTimeZone(cal.timeZone)) problems.push(['time_zone', `"${cal.timeZone}" is not a time zone; use an IANA name such as Asia/Shanghai.`]);
  if (cal.hours !== null) {
    for (const [day, intervals] of Object.entries(cal.hours)) {
      if (!(CALENDAR_WEEKDAYS as readonly string[]).includes(day)) {
        problems.push(['hours', `"${day}" is not a weekday; use ${CALENDAR_WEEKDAYS.join(', ')}.`]);
        continue;
      }
      const sorted = [...(intervals ?? [])].sort((x, y) => (x[0] < y[0] ? -1 : 1));
      let lastEnd = -1;
      for (const [from, to] of sorted) {
        if (!isHhmm(from) || !isHhmm(to) || minutes(from) >= minutes(to)) {
          problems.push(['hours', `Opening hours ${from}–${to} on ${day} are not a valid interval; write them as "09:00"–"12:00".`]);
          continue;
        }
        if (minutes(from) < lastEnd) problems.push(['hours', `Opening hours on ${day} overlap at ${from}.`]);
        lastEnd = minutes(to);
      }
    }
  }
  for (const [field, list] of [
    ['holidays', cal.holidays],
    ['workdays', cal.workdays],
  ] as const) {
    for (const day of list) if (!isIsoDate(day)) problems.push([field, `"${day}" is not a date; write it as YYYY-MM-DD.`]);
  }
  return problems;
}
