/**
 * Service-level agreements: policies (ordered; the first enabled one whose conditions match a ticket applies),
 * targets per priority, and the clocks they start. Pure: `computeClocks` replays a ticket's facts (status
 * changes, customer messages, agents' public replies) against a target and a calendar and says, for each
 * metric, its deadline and state at `now`. Recomputing from the facts (not patching stored clocks) is what keeps
 * deadlines right when a policy changes or is switched off.
 */
import { addBusinessSeconds, businessSecondsBetween, type BusinessCalendar } from './calendar.js';
import type { VerificationLevel } from './people.js';
import type { Category, Channel, Priority, TicketStatus } from './ticket.js';

export const SLA_METRICS = ['first_reply', 'next_reply', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export const SLA_STATES = ['active', 'paused', 'fulfilled', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** One priority's targets, in seconds; null: no clock for that metric. */
export interface SlaTarget {
  first_reply_s: number | null;
  next_reply_s: number | null;
  resolution_s: number | null;
  /** Count only the brand calendar's opening hours (true) or every hour (false). */
  business_hours: boolean;
}

/** What a ticket must be for the policy to apply: each listed field must contain the ticket's value. */
export interface SlaConditions {
  channels?: Channel[];
  categories?: Category[];
  priorities?: Priority[];
  verification_levels?: VerificationLevel[];
}

/** What happens before a deadline (`warn_before_s` ahead) and when it passes. */
export interface SlaEscalationStep {
  /** Raise the ticket's priority one step (low → normal → high → urgent). */
  raise_priority: boolean;
  /** Reassign the ticket to this team (and unassign the agent), or leave it. */
  team_id: string | null;
}

export interface SlaEscalation {
  /** Seconds before a deadline at which `sla.warning` is recorded; null: no warning. */
  warn_before_s: number | null;
  on_warning: SlaEscalationStep;
  on_breach: SlaEscalationStep;
}

export interface SlaPolicy {
  id: string;
  name: string;
  /** Only tickets of this brand; null for every brand. */
  brandId: string | null;
  /** Order of evaluation, smallest first. */
  position: number;
  enabled: boolean;
  conditions: SlaConditions;
  targets: Partial<Record<Priority, SlaTarget>>;
  /** Which ticket statuses stop which clock (data, not code): pending pauses every clock by default. */
  pausedBy: Record<SlaMetric, TicketStatus[]>;
  escalation: SlaEscalation;
  createdAt: string;
  updatedAt: string;
}

export const DEFAULT_PAUSED_BY: Record<SlaMetric, TicketStatus[]> = Object.freeze({
  first_reply: ['pending'],
  next_reply: ['pending'],
  resolution: ['pending'],
}) as Record<SlaMetric, TicketStatus[]>;

export const NO_ESCALATION: SlaEscalation = Object.freeze({
  warn_before_s: null,
  on_warning: { raise_priority: false, team_id: null },
  on_breach: { raise_priority: false, team_id: null },
}) as SlaEscalation;

/** The ticket fields policies look at. */
export interface SlaSubject {
  brandId: string;
  channel: Channel;
  category: Category;
  priority: Priority;
  verificationLevel: VerificationLevel | null;
}

/** The first enabled policy (by position) that matches and has a target for the ticket's priority. */
export function matchPolicy(policies: readonly SlaPolicy[], t: SlaSubject): { policy: SlaPolicy; target: SlaTarget } | null {
  const ordered = [...policies].sort((a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt));
  for (const p of ordered) {
    if (!p.enabled) continue;
    if (p.brandId !== null && p.brandId !== t.brandId) continue;
    const c = p.conditions;
    if (c.channels?.length && !c.channels.includes(t.channel)) continue;
    if (c.categories?.length && !c.categories.includes(t.category)) continue;
    if (c.priorities?.length && !c.priorities.includes(t.priority)) continue;
    if (c.verification_levels?.length && (t.verificationLevel === null || !c.verification_levels.includes(t.verificationLevel))) continue;
    const target = p.targets[t.priority];
    if (!target) continue;
    return { policy: p, target };
  }
  return null;
}

/** What happened on a ticket that moves its clocks, oldest first. */
export type SlaFact =
  | { at: string; kind: 'status'; status: TicketStatus }
  /** A customer's message (any channel). */
  | { at: string; kind: 'customer_message' }
  /** A public reply written by a person (not a note, not an automatic reply). */
  | { at: string; kind: 'agent_reply' };

/** One clock as of `now`. */
export interface ClockState {
  metric: SlaMetric;
  state: SlaState;
  /** The deadline; null while paused (and never breached). */
  dueAt: string | null;
  /** When this clock (this cycle, for next_reply) started. */
  startedAt: string;
  fulfilledAt: string | null;
  breachedAt: string | null;
  /** True when time counts against it now (active, or breached and still open and not paused). */
  running: boolean;
}

const DONE: readonly TicketStatus[] = ['solved', 'closed'];

/** A clock that accumulates time while it runs. */
class Run {
  consumedS = 0;
  segStart: number | null = null;
  fulfilledAt: number | null = null;
  breachedAt: number | null = null;
  lastDue: number | null = null;
  constructor(
    readonly startedAt: number,
    private readonly targetS: number,
    private readonly elapsed: (a: number, b: number) => number,
    private readonly add: (a: number, s: number) => number | null,
  ) {}

  due(): number | null {
    if (this.segStart === null) return null;
    return this.add(this.segStart, Math.max(0, this.targetS - this.consumedS));
  }
  /** Notes a breach that happened before `t` while running. */
  private check(t: number): void {
    const due = this.due();
    if (due !== null) this.lastDue = due;
    if (due !== null && due <= t && this.breachedAt === null) this.breachedAt = due;
  }
  setRunning(running: boolean, t: number): void {
    if (this.fulfilledAt !== null) return;
    if (running && this.segStart === null) {
      this.segStart = t;
      this.lastDue = this.due();
    } else if (!running && this.segStart !== null) {
      this.check(t);
      this.consumedS += this.elapsed(this.segStart, t);
      this.segStart = null;
    }
  }
  fulfil(t: number): void {
    if (this.fulfilledAt !== null) return;
    this.setRunning(false, t);
    this.fulfilledAt = t;
  }
  /** Takes up a fulfilled clock again (a reopened ticket's resolution). */
  resume(t: number, running: boolean): void {
    this.fulfilledAt = null;
    this.setRunning(running, t);
  }
  result(metric: SlaMetric, now: number): ClockState {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    if (this.fulfilledAt === null && this.segStart !== null) this.check(now);
    const running = this.fulfilledAt === null && this.segStart !== null;
    const state: SlaState = this.breachedAt !== null ? 'breached' : this.fulfilledAt !== null ? 'fulfilled' : running ? 'active' : 'paused';
    const dueAt = running ? this.due() : state === 'paused' ? null : this.lastDue;
    return {
      metric,
      state,
      dueAt: iso(state === 'breached' ? (this.breachedAt ?? dueAt) : dueAt),
      startedAt: iso(this.startedAt)!,
      fulfilledAt: iso(this.fulfilledAt),
      breachedAt: iso(this.breachedAt),
      running,
    };
  }
}

/**
 * Replays a ticket's facts and returns its clocks at `now`:
 * - first_reply runs from creation to the first agent reply;
 * - next_reply runs from the oldest customer message not yet answered to the next agent reply, and only once the
 *   first reply is given (a shorter next-reply target never overrides the first reply, Zammad #5177);
 * - resolution runs from creation until solved; a reopened ticket resumes it (time already used stays used);
 * - solving or closing stops every clock (next-reply no longer counts on a solved ticket, Chatwoot #10178);
 * - a status listed in `pausedBy[metric]` stops that clock until the status changes.
 * `calendar` null (or `business_hours` false) counts calendar time.
 */
export function computeClocks(input: {
  createdAt: string;
  initialStatus: TicketStatus;
  facts: readonly SlaFact[];
  target: SlaTarget;
  pausedBy: Record<SlaMetric, readonly TicketStatus[]>;
  calendar: BusinessCalendar | null;
  now: Date;
}): ClockState[] {
  const { target, pausedBy, calendar } = input;
  const business = target.business_hours && calendar !== null;
  const elapsed = (a: number, b: number) => (business ? businessSecondsBetween(calendar!, new Date(a), new Date(b)) : Math.max(0, (b - a) / 1000));
  const add = (a: number, s: number) => (business ? (addBusinessSeconds(calendar!, new Date(a), s)?.getTime() ?? null) : a + s * 1000);
  const runsIn = (metric: SlaMetric, status: TicketStatus) => !DONE.includes(status) && !pausedBy[metric].includes(status);

  const created = Date.parse(input.createdAt);
  let status = input.initialStatus;
  const first = target.first_reply_s !== null ? new Run(created, target.first_reply_s, elapsed, add) : null;
  const resolution = target.resolution_s !== null ? new Run(created, target.resolution_s, elapsed, add) : null;
  let next: Run | null = null;
  let firstReplied = false;
  first?.setRunning(runsIn('first_reply', status), created);
  resolution?.setRunning(runsIn('resolution', status), created);

  const facts = [...input.facts].sort((a, b) => a.at.localeCompare(b.at));
  for (const fact of facts) {
    const t = Date.parse(fact.at);
    if (t < created) continue;
    if (fact.kind === 'status') {
      const before = status;
      status = fact.status;
      if (DONE.includes(status) && !DONE.includes(before)) {
        first?.fulfil(t);
        next?.fulfil(t);
        resolution?.fulfil(t);
      } else if (!DONE.includes(status) && DONE.includes(before)) {
        resolution?.resume(t, runsIn('resolution', status));
      }
      first?.setRunning(runsIn('first_reply', status), t);
      next?.setRunning(runsIn('next_reply', status), t);
      resolution?.setRunning(runsIn('resolution', status), t);
    } else if (fact.kind === 'agent_reply') {
      if (!firstReplied) {
        firstReplied = true;
        first?.fulfil(t);
      }
      next?.fulfil(t);
    } else if (fact.kind === 'customer_message') {
      // Only once the first reply is given, and only the oldest unanswered message starts the clock.
      if (firstReplied && target.next_reply_s !== null && (next === null || next.fulfilledAt !== null)) {
        next = new Run(t, target.next_reply_s, elapsed, add);
        next.setRunning(runsIn('next_reply', status), t);
      }
    }
  }

  const now = input.now.getTime();
  const out: ClockState[] = [];
  if (first) out.push(first.result('first_reply', now));
  if (next) out.push(next.result('next_reply', now));
  if (resolution) out.push(resolution.result('resolution', now));
  return out;
}

/** The next deadline that still counts: the earliest due time among running clocks (breached ones included). */
export function nextDeadline(clocks: readonly ClockState[]): string | null {
  let best: string | null = null;
  for (const c of clocks) if (c.running && c.dueAt && (best === null || c.dueAt < best)) best = c.dueAt;
  return best;
}

const PRIORITY_UP: Record<Priority, Priority> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };

/** One step up the priority ladder (urgent stays urgent). */
export const raisedPriority = (p: Priority): Priority => PRIORITY_UP[p];
