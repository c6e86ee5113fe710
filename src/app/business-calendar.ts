/**
 * Each brand's business calendar: opening intervals per weekday (lunch breaks are two intervals), holidays and
 * make-up working days, in the brand's time zone. One calendar per brand serves both the SLA clocks and the phone
 * line's opening hours (phone-settings.ts reads it). A brand that never saved one gets its hotline hours (what
 * the phone line used before calendars existed), else "always open".
 */
import { calendarProblems, type BusinessCalendar, type CalendarHours } from '../core/calendar.js';
import { invalid, notFound } from '../core/errors.js';
import { HOLIDAY_LISTS } from '../core/holidays-cn.js';
import { actorOf, assertAdmin, canSeeBrand, type Principal } from '../core/policy.js';
import { historyEvent } from './history.js';
import type { Brand } from '../core/people.js';
import type { Deps, Repos } from './ports.js';
import { queueSlaRecompute } from './sla-jobs.js';

/** What is stored under `calendar:<brand id>` (the time zone is the brand's own). */
export interface StoredCalendar {
  hours: CalendarHours | null;
  holidays: string[];
  workdays: string[];
}

export const calendarKey = (brandId: string) => `calendar:${brandId}`;

/** The brand's calendar and where it came from (`calendar`: saved; `phone`: the hotline's hours; `default`). */
export async function loadCalendar(repos: Pick<Repos, 'settings'>, brand: Pick<Brand, 'id' | 'timeZone'>): Promise<BusinessCalendar & { source: 'calendar' | 'phone' | 'default' }> {
  const saved = await repos.settings.get<StoredCalendar>(calendarKey(brand.id));
  if (saved) return { timeZone: brand.timeZone, hours: saved.hours, holidays: saved.holidays ?? [], workdays: saved.workdays ?? [], source: 'calendar' };
  const phone = await repos.settings.get<{ hours?: CalendarHours | null; holidays?: string[] }>(`phone:${brand.id}`);
  if (phone && (phone.hours || phone.holidays?.length)) return { timeZone: brand.timeZone, hours: phone.hours ?? null, holidays: phone.holidays ?? [], workdays: [], source: 'phone' };
  return { timeZone: brand.timeZone, hours: null, holidays: [], workdays: [], source: 'default' };
}

export interface CalendarChange {
  time_zone?: string;
  hours?: CalendarHours | null;
  holidays?: string[];
  workdays?: string[];
  /** Ready lists to add (e.g. `cn-2026`): their holidays and make-up days join the calendar's. */
  add_lists?: string[];
}

const sortedUnique = (dates: readonly string[]) => [...new Set(dates)].sort();

/** Changes a brand's calendar (admins only); deadlines of the brand's open tickets are recomputed. */
export async function updateCalendar(deps: Pick<Deps, 'store' | 'clock' | 'jobsNudge'>, principal: Principal, brandId: string, change: CalendarChange) {
  assertAdmin(principal);
  if (!canSeeBrand(principal, brandId)) throw notFound('Brand');
  const at = deps.clock.now().toISOString();
  const result = await deps.store.transaction(async (tx) => {
    const brand = await tx.brands.get(brandId);
    if (!brand) throw notFound('Brand');
    const before = await loadCalendar(tx, brand);
    const lists = (change.add_lists ?? []).map((id) => {
      const list = HOLIDAY_LISTS.find((l) => l.id === id);
      if (!list) throw invalid(`"${id}" is not a ready holiday list; use ${HOLIDAY_LISTS.map((l) => l.id).join(', ')}.`, { field: 'add_lists' });
      return list;
    });
    const next: BusinessCalendar = {
      timeZone: change.time_zone ?? brand.timeZone,
      hours: change.hours !== undefined ? change.hours : before.hours,
      holidays: sortedUnique([...(change.holidays ?? before.holidays), ...lists.flatMap((l) => l.holidays)]),
      workdays: sortedUnique([...(change.workdays ?? before.workdays), ...lists.flatMap((l) => l.workdays)]),
    };
    const problems = calendarProblems(next);
    if (problems.length > 0) throw invalid(problems[0]![1], { field: problems[0]![0] });
    const clash = next.holidays.find((d) => next.workdays.includes(d));
    if (clash) throw invalid(`${clash} is both a holiday and a working day.`, { field: 'workdays' });
    if (next.timeZone !== brand.timeZone) await tx.brands.update(brand.id, { timeZone: next.timeZone }, at);
    const stored: StoredCalendar = { hours: next.hours, holidays: [...next.holidays], workdays: [...next.workdays] };
    await tx.settings.set(calendarKey(brand.id), stored);
    await tx.events.append([
      historyEvent({
        type: 'brand.calendar_changed',
        actor: actorOf(principal),
        at,
        subjectType: 'brand',
        subjectId: brand.id,
        data: { holidays: stored.holidays.length, workdays: stored.workdays.length, time_zone: next.timeZone },
      }),
    ]);
    await queueSlaRecompute(tx, brand.id, at);
    return { ...next, source: 'calendar' as const };
  });
  deps.jobsNudge?.();
  return result;
}

/** The calendar of a brand the principal can see. */
export async function readCalendar(deps: Pick<Deps, 'store'>, principal: Principal, brandId: string) {
  if (!canSeeBrand(principal, brandId)) throw notFound('Brand');
  const brand = await deps.store.brands.get(brandId);
  if (!brand) throw notFound('Brand');
  return loadCalendar(deps.store, brand);
}

const WORK_WORDS = /班|上班|补班|调休上班|working day|workday|make-up/i;

/**
 * Reads the all-day events of an iCal feed as dates: an event named like a working day (班, 上班, "working
 * day") is a make-up day, every other all-day event a holiday. Timed events are ignored (a calendar of opening
 * hours is edited in the form, not imported).
 */
export async function datesFromIcal(text: string): Promise<{ holidays: string[]; workdays: string[]; skipped: number }> {
  const ICAL = (await import('ical.js')).default;
  let root: InstanceType<typeof ICAL.Component>;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch {
    throw invalid('This is not an iCalendar file (.ics): it could not be read.', { field: 'ical' });
  }
  const holidays: string[] = [];
  const workdays: string[] = [];
  let skipped = 0;
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const start = event.startDate;
    if (!start || !start.isDate) {
      skipped++;
      continue;
    }
    const end = event.endDate && event.endDate.isDate ? event.endDate : null;
    const first = start.toString().slice(0, 10);
    const last = end ? end.toString().slice(0, 10) : null; // DTEND of an all-day event is exclusive
    const into = WORK_WORDS.test(event.summary ?? '') ? workdays : holidays;
    let t = Date.parse(`${first}T00:00:00Z`);
    const stop = last ? Date.parse(`${last}T00:00:00Z`) : t + 86_400_000;
    for (let n = 0; t < stop && n < 366; t += 86_400_000, n++) into.push(new Date(t).toISOString().slice(0, 10));
  }
  return { holidays: sortedUnique(holidays), workdays: sortedUnique(workdays), skipped };
}

/** Adds an iCal feed's dates to a brand's calendar. */
export async function importCalendar(deps: Pick<Deps, 'store' | 'clock' | 'jobsNudge'>, principal: Principal, brandId: string, ical: string) {
  assertAdmin(principal);
  if (!canSeeBrand(principal, brandId)) throw notFound('Brand');
  const dates = await datesFromIcal(ical);
  const brand = await deps.store.brands.get(brandId);
  if (!brand) throw notFound('Brand');
  const current = await loadCalendar(deps.store, brand);
  const calendar = await updateCalendar(deps, principal, brandId, {
    holidays: [...current.holidays, ...dates.holidays],
    workdays: [...current.workdays, ...dates.workdays],
  });
  return { calendar, imported: { holidays: dates.holidays.length, workdays: dates.workdays.length, skipped: dates.skipped } };
}
