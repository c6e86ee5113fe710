/**
 * The quality report (GET /api/v1/reports/quality and the Reports page): computed from the history each time, so
 * it can always be recomputed. Supervisors and admins only; a supervisor sees their brands.
 */
import { forbidden, invalid } from '../core/errors.js';
import { canSeeBrand, visibleBrands, type Principal } from '../core/policy.js';
import { roleAtLeast } from '../core/people.js';
import { QualityAccumulator, type QualityRange, type QualityReport } from '../core/quality.js';
import type { Channel } from '../core/ticket.js';
import { localTime } from './business-hours.js';
import { businessSeconds, type BusinessCalendar } from './business-time.js';
import { loadPhoneSettings } from '../channels/phone/phone-settings.js';
import type { Deps } from './ports.js';
import type { ReportCursor, ReportEvent, ReportFilter } from './quality-ports.js';

/** Reports cover at most this many days at once. */
export const MAX_REPORT_DAYS = 366;
const DAY_MS = 86_400_000;
/** Tickets read per round trip. */
const PAGE = 2000;

export interface ReportQuery {
  from?: string;
  to?: string;
  brandId?: string;
  channel?: Channel;
  teamId?: string;
  agentId?: string;
}

/** Only supervisors and admins read reports. */
export function assertCanReadReports(principal: Principal): void {
  if (!roleAtLeast(principal.role, 'supervisor')) throw forbidden('Only a supervisor or an admin can read reports.');
}

function instant(raw: string | undefined, field: string, fallback: Date): string {
  if (raw === undefined || raw === '') return fallback.toISOString();
  // A bare date is midnight UTC of that day.
  const text = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw;
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(ms)) throw invalid(`"${raw.slice(0, 40)}" is not a date; write it as YYYY-MM-DD or an ISO-8601 time.`, { field });
  return new Date(ms).toISOString();
}

/** Checks and fills in a query: the last 30 days by default, `to` after `from`, at most a year. */
export function reportRange(query: Pick<ReportQuery, 'from' | 'to'>, now: Date): QualityRange {
  const to = instant(query.to, 'to', now);
  const from = instant(query.from, 'from', new Date(Date.parse(to) - 30 * DAY_MS));
  if (from >= to) throw invalid('"from" must be before "to".', { field: 'from' });
  if (Date.parse(to) - Date.parse(from) > MAX_REPORT_DAYS * DAY_MS) throw invalid(`A report covers at most ${MAX_REPORT_DAYS} days.`, { field: 'from' });
  return { from, to };
}

/** The filter for this principal; naming a brand they do not work for is forbidden. */
export function reportFilter(principal: Principal, query: ReportQuery): ReportFilter {
  if (query.brandId && !canSeeBrand(principal, query.brandId)) throw forbidden('You do not work for this brand.');
  return {
    visibleBrandIds: visibleBrands(principal),
    ...(query.brandId ? { brandId: query.brandId } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.teamId ? { teamId: query.teamId } : {}),
    ...(query.agentId ? { assigneeId: query.agentId } : {}),
  };
}

/** Computes the report over the store (exported without the role check for the benchmark). */
export async function computeQualityReport(deps: Pick<Deps, 'store'>, filter: ReportFilter, range: QualityRange): Promise<QualityReport> {
  const { store } = deps;
  const brands = await store.brands.list(filter.visibleBrandIds);
  const zones = new Map(brands.map((b) => [b.id, b.timeZone]));
  // A brand's calendar is its opening hours and holidays (one calendar, shared with the phone line).
  const calendars = new Map<string, BusinessCalendar>();
  for (const b of brands) {
    const phone = await loadPhoneSettings(store, b.id);
    if (phone.hours) calendars.set(b.id, { timeZone: b.timeZone, hours: phone.hours, holidays: phone.holidays });
  }
  const businessOf = (brandId: string, from: string, to: string): number | null => {
    const cal = calendars.get(brandId);
    return cal ? businessSeconds(from, to, cal) : null;
  };
  // Local hour per brand and UTC hour: a few thousand distinct keys at most, so Intl runs rarely.
  const hourCache = new Map<string, number>();
  const hourOf = (brandId: string, at: string): number => {
    const key = `${brandId}|${at.slice(0, 13)}|${at.slice(14, 16) >= '30' ? 1 : 0}`;
    let h = hourCache.get(key);
    if (h === undefined) {
      h = Math.floor(localTime(new Date(at), zones.get(brandId) ?? 'UTC').minute / 60);
      hourCache.set(key, h);
    }
    return h;
  };
  const acc = new QualityAccumulator(range, hourOf, businessOf);
  acc.addUntouchedBacklog(await store.reports.untouchedBacklog(filter, range.from));

  let after: ReportCursor | null = null;
  for (;;) {
    const tickets = await store.reports.ticketsTouched(filter, range.from, range.to, after, PAGE);
    if (tickets.length === 0) break;
    const history = await store.reports.historyOf(
      tickets.map((t) => t.id),
      range.to,
    );
    // The history comes sorted by ticket, then time.
    const byTicket = new Map<string, ReportEvent[]>();
    for (const e of history) {
      const list = byTicket.get(e.ticketId);
      if (list) list.push(e);
      else byTicket.set(e.ticketId, [e]);
    }
    for (const t of tickets) acc.addTicket(t, byTicket.get(t.id) ?? []);
    const last = tickets[tickets.length - 1]!;
    after = { updatedAt: last.updatedAt, id: last.id };
    if (tickets.length < PAGE) break;
  }

  for (const e of await store.reports.eventsOfTypes(['csat.requested', 'csat.rated'], filter, range.from, range.to)) acc.addCsatEvent(e);
  for (const e of await store.reports.eventsOfTypes(['sla.fulfilled', 'sla.breached'], filter, range.from, range.to)) acc.addSlaEvent(e);
  const later = await store.reports.ticketsCreated(filter.brandId ? [filter.brandId] : filter.visibleBrandIds, range.from, new Date(Date.parse(range.to) + 7 * DAY_MS).toISOString());
  return acc.report(later);
}

/** The report for a supervisor or admin. */
export async function readQualityReport(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, query: ReportQuery): Promise<QualityReport> {
  assertCanReadReports(principal);
  const range = reportRange(query, deps.clock.now());
  return computeQualityReport(deps, reportFilter(principal, query), range);
}
