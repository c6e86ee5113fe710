/**
 * Quality metrics over the event history (issue 16), pure: a report feeds each ticket's history in, ticket by
 * ticket, and reads the totals out, so the numbers can always be recomputed from the history alone.
 * docs/quality.md defines each metric in one line; the definitions live here.
 */
import type { Category, Channel, Priority, TicketStatus } from './ticket.js';

/** The report's time range, ISO-8601 UTC, `to` exclusive. */
export interface QualityRange {
  from: string;
  to: string;
}

export interface Durations {
  count: number;
  median_s: number | null;
  p90_s: number | null;
}

/** Median (mean of the middle two for an even count) and p90 (nearest rank) of durations in seconds. */
export function durations(values: number[]): Durations {
  if (values.length === 0) return { count: 0, median_s: null, p90_s: null };
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
  const p90 = v[Math.max(0, Math.ceil(0.9 * v.length) - 1)]!;
  return { count: v.length, median_s: Math.round(median), p90_s: Math.round(p90) };
}

/** part ÷ whole, or null when nothing was counted. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** A ticket as a report sees it (current values of what it filters and groups by). */
export interface QualityTicket {
  id: string;
  brandId: string;
  channel: Channel;
  category: Category;
  priority: Priority;
  requesterId: string;
  createdAt: string;
}

/** One history entry of a ticket. */
export interface QualityEvent {
  type: string;
  at: string;
  data: Record<string, unknown>;
  changes: Record<string, [unknown, unknown]>;
}

const SOLVED: ReadonlySet<string> = new Set(['solved', 'closed']);
const seconds = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 1000;
const inRange = (at: string, r: QualityRange): boolean => at >= r.from && at < r.to;

/** A public reply written by a person (an agent), not the desk's automatic replies or notes. */
export function isHumanReply(e: QualityEvent): boolean {
  return e.type === 'message.added' && e.data.author_type === 'agent' && e.data.public === true;
}

/** The status a history entry moved the ticket to, when it changed the status. */
function statusTo(e: QualityEvent): TicketStatus | null {
  const pair = e.changes.status;
  return Array.isArray(pair) && typeof pair[1] === 'string' ? (pair[1] as TicketStatus) : null;
}

/** What one ticket's history (events before the range's end, oldest first) says about the range. */
export interface TicketFacts {
  createdAt: string;
  createdInRange: boolean;
  /** Seconds from creation to the first human public reply (for tickets created in the range that got one). */
  firstReplyS: number | null;
  /** When that first reply was written. */
  firstReplyAt: string | null;
  /** The last solve inside the range, when there is one. */
  solvedAt: string | null;
  /** Seconds from creation to that solve (full resolution time). */
  resolutionS: number | null;
  /** Solved in the range with exactly one human public reply before that solve. */
  oneTouch: boolean;
  /** Solved in the range, and moved from solved back to an unsolved status before the range's end. */
  reopened: boolean;
  /** Solved or closed at the range's end. */
  solvedAtEnd: boolean;
  /** [start, end) of each stretch the ticket was unsolved (end null: still unsolved at the range's end). */
  unsolved: Array<[string, string | null]>;
}

/** Reads one ticket's history. `events` are the ticket's, before `range.to`, oldest first. */
export function ticketFacts(ticket: Pick<QualityTicket, 'createdAt'>, events: readonly QualityEvent[], range: QualityRange): TicketFacts {
  const created = events.find((e) => e.type === 'ticket.created')?.at ?? ticket.createdAt;
  let firstReply: string | null = null;
  let solvedAt: string | null = null;
  let firstSolveInRange: string | null = null;
  let repliesBeforeSolve = 0;
  let replies = 0;
  let reopened = false;
  let solvedNow = false;
  const unsolved: Array<[string, string | null]> = [[created, null]];
  for (const e of events) {
    if (isHumanReply(e)) {
      replies++;
      if (firstReply === null) firstReply = e.at;
      continue;
    }
    if (e.type === 'ticket.merged') {
      if (!solvedNow) unsolved[unsolved.length - 1]![1] = e.at;
      solvedNow = true;
      continue;
    }
    const to = statusTo(e);
    if (to === null) continue;
    const nowSolved = SOLVED.has(to);
    if (nowSolved && !solvedNow) {
      unsolved[unsolved.length - 1]![1] = e.at;
      if (to === 'solved' && inRange(e.at, range)) {
        solvedAt = e.at;
        repliesBeforeSolve = replies;
        firstSolveInRange ??= e.at;
      }
    } else if (!nowSolved && solvedNow) {
      unsolved.push([e.at, null]);
      if (firstSolveInRange !== null && e.at > firstSolveInRange) reopened = true;
    }
    solvedNow = nowSolved;
  }
  const createdInRange = inRange(created, range);
  return {
    createdAt: created,
    createdInRange,
    firstReplyS: createdInRange && firstReply !== null ? seconds(created, firstReply) : null,
    firstReplyAt: createdInRange ? firstReply : null,
    solvedAt,
    resolutionS: solvedAt !== null ? seconds(created, solvedAt) : null,
    oneTouch: solvedAt !== null && repliesBeforeSolve === 1,
    reopened,
    solvedAtEnd: solvedNow,
    unsolved,
  };
}

export const SLA_METRICS = ['first_reply', 'next_reply', 'resolution'] as const;
export const CSAT_STATES = ['scheduled', 'requested', 'rated', 'cancelled'] as const;
export type CsatState = (typeof CSAT_STATES)[number];
export const CSAT_RATINGS = ['good', 'bad'] as const;
export type CsatRating = (typeof CSAT_RATINGS)[number];
/** Why a customer rated "bad": a closed list, so reports can count them. */
export const CSAT_REASONS = ['slow', 'not_solved', 'unfriendly', 'unclear', 'other'] as const;
export type CsatReason = (typeof CSAT_REASONS)[number];

export interface CountRow {
  key: string;
  count: number;
}

/** The full report (the Reports page); the quality endpoint's contract is a subset of it. */
export interface QualityReport {
  range: QualityRange;
  tickets: { created: number; solved: number };
  first_reply: Durations;
  resolution: Durations;
  /** The same in business seconds, for tickets of brands with a calendar (count 0 when none has one). */
  first_reply_business: Durations;
  resolution_business: Durations;
  one_touch_rate: number | null;
  reopen_rate: number | null;
  /** Of the tickets created in the range, the share solved or closed at its end. */
  resolution_rate: number | null;
  /** Of the tickets solved in the range, the share after which the customer opened no new ticket in the same category within 7 days. */
  first_contact_resolution_rate: number | null;
  csat: { good: number; bad: number; score: number | null; response_rate: number | null; requested: number; reasons: CountRow[] };
  sla: Array<{ metric: string; fulfilled: number; breached: number; achievement: number | null }>;
  volume: { channel: CountRow[]; category: CountRow[]; priority: CountRow[]; brand: CountRow[]; hour: CountRow[] };
  /** Unsolved tickets at the end of each UTC day of the range. */
  backlog: Array<{ date: string; count: number }>;
}

const DAY_MS = 86_400_000;
const FCR_WINDOW_MS = 7 * DAY_MS;

const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
const rows = (m: Map<string, number>): CountRow[] => [...m].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));

/**
 * Adds tickets one by one (with their history) and CSAT / SLA events, then reports. `hourOf` gives the local hour
 * of an instant in a brand's time zone (volume by hour of the day).
 */
export class QualityAccumulator {
  private created = 0;
  private solved = 0;
  private firstReplies: number[] = [];
  private resolutions: number[] = [];
  private firstRepliesBusiness: number[] = [];
  private resolutionsBusiness: number[] = [];
  private oneTouch = 0;
  private reopened = 0;
  private createdSolvedAtEnd = 0;
  private solvedTickets: Array<{ requesterId: string; category: string; id: string; solvedAt: string }> = [];
  private volume = { channel: new Map<string, number>(), category: new Map<string, number>(), priority: new Map<string, number>(), brand: new Map<string, number>() };
  private hours = new Array<number>(24).fill(0);
  private backlogDelta: number[];
  private backlogBase = 0;
  private readonly fromMs: number;
  private readonly days: number;
  private csatRequested = new Set<string>();
  private csatRated = new Map<string, { rating: string; reason: string | null; at: string }>();
  private sla = new Map<string, { fulfilled: number; breached: number }>();

  constructor(
    private readonly range: QualityRange,
    private readonly hourOf: (brandId: string, at: string) => number = (_b, at) => new Date(at).getUTCHours(),
    /** Business seconds between two instants on the brand's calendar, or null when the brand has none. */
    private readonly businessOf: (brandId: string, from: string, to: string) => number | null = () => null,
  ) {
    this.fromMs = Date.parse(range.from);
    this.days = Math.max(1, Math.ceil((Date.parse(range.to) - this.fromMs) / DAY_MS));
    this.backlogDelta = new Array<number>(this.days + 1).fill(0);
  }

  /** Tickets unsolved through the whole range whose history has nothing in it (counted by the store). */
  addUntouchedBacklog(count: number): void {
    this.backlogBase += count;
  }

  /** The end of day i (exclusive instant), capped at the range's end. */
  private dayEnd(i: number): number {
    return Math.min(this.fromMs + (i + 1) * DAY_MS, Date.parse(this.range.to));
  }

  /** Index of the first day whose end is after `ms` (a ticket unsolved at that instant counts from that day). */
  private dayIndex(ms: number): number {
    if (ms < this.fromMs) return 0;
    return Math.min(this.days, Math.floor((ms - this.fromMs) / DAY_MS));
  }

  addTicket(ticket: QualityTicket, events: readonly QualityEvent[]): TicketFacts {
    const f = ticketFacts(ticket, events, this.range);
    if (f.createdInRange) {
      this.created++;
      if (f.solvedAtEnd) this.createdSolvedAtEnd++;
      bump(this.volume.channel, ticket.channel);
      bump(this.volume.category, ticket.category);
      bump(this.volume.priority, ticket.priority);
      bump(this.volume.brand, ticket.brandId);
      this.hours[this.hourOf(ticket.brandId, f.createdAt)]!++;
    }
    if (f.firstReplyS !== null) {
      this.firstReplies.push(f.firstReplyS);
      const b = this.businessOf(ticket.brandId, f.createdAt, f.firstReplyAt!);
      if (b !== null) this.firstRepliesBusiness.push(b);
    }
    if (f.solvedAt !== null) {
      this.solved++;
      this.resolutions.push(f.resolutionS!);
      const b = this.businessOf(ticket.brandId, f.createdAt, f.solvedAt);
      if (b !== null) this.resolutionsBusiness.push(b);
      if (f.oneTouch) this.oneTouch++;
      if (f.reopened) this.reopened++;
      this.solvedTickets.push({ requesterId: ticket.requesterId, category: ticket.category, id: ticket.id, solvedAt: f.solvedAt });
    }
    // Backlog: a ticket counts at a day's end when one of its unsolved stretches covers that instant.
    for (const [start, end] of f.unsolved) {
      const s = Date.parse(start);
      const e = end === null ? Infinity : Date.parse(end);
      let first = this.dayIndex(s);
      if (first < this.days && this.dayEnd(first) <= s) first++;
      let last = e === Infinity ? this.days : this.dayIndex(e);
      if (last < this.days && this.dayEnd(last) <= e) last++;
      // Days first..last-1 have s < dayEnd <= ... and dayEnd < e.
      if (first < last) {
        this.backlogDelta[first]!++;
        this.backlogDelta[last]!--;
      }
    }
    return f;
  }

  /** csat.requested / csat.rated events (data.survey_id, data.rating, data.reason) in the range, oldest first. */
  addCsatEvent(e: QualityEvent): void {
    const id = String(e.data.survey_id ?? '');
    if (!id) return;
    if (e.type === 'csat.requested') this.csatRequested.add(id);
    else if (e.type === 'csat.rated' && (e.data.rating === 'good' || e.data.rating === 'bad')) {
      this.csatRated.set(id, { rating: e.data.rating, reason: typeof e.data.reason === 'string' ? e.data.reason : null, at: e.at });
    }
  }

  /** sla.fulfilled / sla.breached events in the range (data.metric). */
  addSlaEvent(e: QualityEvent): void {
    const metric = typeof e.data.metric === 'string' ? e.data.metric : null;
    if (!metric) return;
    const row = this.sla.get(metric) ?? { fulfilled: 0, breached: 0 };
    if (e.type === 'sla.fulfilled') row.fulfilled++;
    else if (e.type === 'sla.breached') row.breached++;
    else return;
    this.sla.set(metric, row);
  }

  /**
   * The report. `later` are the tickets created from the range's start to 7 days after its end (requester,
   * category), for first-contact resolution.
   */
  report(later: ReadonlyArray<{ id: string; requesterId: string; category: string; createdAt: string }> = []): QualityReport {
    const byRequester = new Map<string, Array<{ id: string; category: string; at: number }>>();
    for (const t of later) {
      const list = byRequester.get(t.requesterId) ?? [];
      list.push({ id: t.id, category: t.category, at: Date.parse(t.createdAt) });
      byRequester.set(t.requesterId, list);
    }
    let fcr = 0;
    for (const s of this.solvedTickets) {
      const at = Date.parse(s.solvedAt);
      const again = (byRequester.get(s.requesterId) ?? []).some((o) => o.id !== s.id && o.category === s.category && o.at > at && o.at <= at + FCR_WINDOW_MS);
      if (!again) fcr++;
    }
    let good = 0;
    let bad = 0;
    const reasons = new Map<string, number>();
    for (const r of this.csatRated.values()) {
      if (r.rating === 'good') good++;
      else {
        bad++;
        if (r.reason) bump(reasons, r.reason);
      }
    }
    const answered = [...this.csatRequested].filter((id) => this.csatRated.has(id)).length;
    const backlog: Array<{ date: string; count: number }> = [];
    let running = this.backlogBase;
    for (let i = 0; i < this.days; i++) {
      running += this.backlogDelta[i]!;
      backlog.push({ date: new Date(this.fromMs + i * DAY_MS).toISOString().slice(0, 10), count: running });
    }
    return {
      range: this.range,
      tickets: { created: this.created, solved: this.solved },
      first_reply: durations(this.firstReplies),
      resolution: durations(this.resolutions),
      first_reply_business: durations(this.firstRepliesBusiness),
      resolution_business: durations(this.resolutionsBusiness),
      one_touch_rate: rate(this.oneTouch, this.solved),
      reopen_rate: rate(this.reopened, this.solved),
      resolution_rate: rate(this.createdSolvedAtEnd, this.created),
      first_contact_resolution_rate: rate(fcr, this.solved),
      csat: { good, bad, score: rate(good, good + bad), response_rate: rate(answered, this.csatRequested.size), requested: this.csatRequested.size, reasons: rows(reasons) },
      sla: [...new Set([...SLA_METRICS, ...this.sla.keys()])].map((metric) => {
        const r = this.sla.get(metric) ?? { fulfilled: 0, breached: 0 };
        return { metric, fulfilled: r.fulfilled, breached: r.breached, achievement: rate(r.fulfilled, r.fulfilled + r.breached) };
      }),
      volume: {
        channel: rows(this.volume.channel),
        category: rows(this.volume.category),
        priority: rows(this.volume.priority),
        brand: rows(this.volume.brand),
        hour: this.hours.map((count, h) => ({ key: String(h).padStart(2, '0'), count })),
      },
      backlog,
    };
  }
}
