/**
 * SLA clocks of a ticket, recomputed from its history: the `sla-clocks` processor calls `recomputeTicketClocks`
 * after every event that can move a clock, the periodic check (`checkSlaDeadlines`) after a deadline or a
 * warning time passes, and a policy or calendar change recomputes every open ticket (`sla.recompute` job).
 * Recomputing is idempotent: the ticket is locked, the clocks are computed from the facts, and an event
 * (`sla.activated`, `sla.paused`, `sla.fulfilled`, `sla.breached`, `sla.warning`) is recorded only for a change
 * from what is stored, so two instances or a retried job never record one twice.
 */
import type { ActorRef, DeskEvent } from '../core/event.js';
import { computeClocks, matchPolicy, nextDeadline, raisedPriority, type ClockState, type SlaEscalationStep, type SlaFact } from '../core/sla.js';
import { TICKET_STATUSES, type Ticket, type TicketStatus } from '../core/ticket.js';
import { loadCalendar } from './business-calendar.js';
import { historyEvent } from './history.js';
import type { Deps, Repos } from './ports.js';
import type { StoredClock } from './sla-ports.js';
import { isDomainEvent, type DomainEvent } from '../core/domain-events.js';
import type { NewJob, Processor } from './ports.js';
import { PROCESSOR_JOB, processorJobKey, type ProcessorJobPayload } from './processors/processor.js';
export { SLA_CHECK_JOB, SLA_RECOMPUTE_JOB, queueSlaCheck, queueSlaRecompute } from './sla-jobs.js';

const SYSTEM_SLA: ActorRef = { type: 'system', id: null, via: 'sla' };
const isStatus = (v: unknown): v is TicketStatus => typeof v === 'string' && (TICKET_STATUSES as readonly string[]).includes(v);

/** The facts of a ticket's history that move clocks, and the status it started in. */
export function factsFromHistory(ticket: Ticket, events: readonly DeskEvent[]): { initialStatus: TicketStatus; facts: SlaFact[] } {
  const facts: SlaFact[] = [];
  let initialStatus: TicketStatus | null = null;
  for (const e of events) {
    const status = e.changes.status;
    if (status && isStatus(status[1])) {
      if (initialStatus === null && isStatus(status[0])) initialStatus = status[0];
      facts.push({ at: e.at, kind: 'status', status: status[1] });
    }
    if (e.type === 'message.added') {
      const d = e.data as { author_type?: string; public?: boolean; kind?: string };
      if (d.author_type === 'customer') facts.push({ at: e.at, kind: 'customer_message' });
      // A reply counts when public, written by a person (an agent acting, not the system), and not automatic.
      else if (d.author_type === 'agent' && d.public === true && e.actor.type === 'agent' && d.kind === undefined) facts.push({ at: e.at, kind: 'agent_reply' });
    }
  }
  return { initialStatus: initialStatus ?? (facts.length === 0 ? ticket.status : 'new'), facts };
}

async function ticketHistory(tx: Repos, ticketId: string): Promise<DeskEvent[]> {
  const all: DeskEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await tx.events.listForTicket(ticketId, { after, limit: 500 });
    all.push(...page);
    if (page.length < 500) return all;
    after = page[page.length - 1]!.id;
  }
}

/**
 * recordEvents (record-events.ts) for this module: the same history rows and processor jobs, over the processor
 * list the caller passes (`deps.processors`; the job handlers pass the registered list). It cannot import
 * record-events, which names the processors, one of which calls this module.
 */
async function recordWithJobs(tx: Repos, events: readonly DeskEvent[], deps: { processors?: readonly Processor[]; senders?: Deps['senders']; chain?: Deps['chain'] }): Promise<number> {
  if (events.length === 0) return 0;
  await tx.events.append(events);
  const jobs: NewJob[] = [];
  for (const event of events) {
    if (!isDomainEvent(event)) continue;
    for (const p of deps.processors ?? []) {
      if (!p.handles.includes(event.type) || (p.wants && !p.wants(event, deps))) continue;
      const payload: ProcessorJobPayload = { v: 1, processor: p.name, processor_version: p.version, event: event as DomainEvent };
      jobs.push({ type: PROCESSOR_JOB, payload: payload as unknown as Record<string, unknown>, dedupeKey: processorJobKey(p.name, event.id), maxAttempts: 6 });
    }
  }
  return jobs.length > 0 ? tx.jobs.enqueueMany(jobs, events[0]!.at) : 0;
}

const sameCycle = (a: StoredClock | undefined, b: ClockState) => a !== undefined && a.startedAt === b.startedAt;

/**
 * Recomputes one ticket's clocks inside its own transaction and records what changed. Returns the clocks now
 * stored (empty when no policy applies).
 */
export async function recomputeTicketClocks(deps: Pick<Deps, 'store' | 'clock' | 'senders' | 'chain' | 'processors' | 'jobsNudge'>, ticketId: string): Promise<StoredClock[]> {
  let queued = 0;
  const result = await deps.store.transaction(async (tx) => {
    await tx.sla.lockTicket(ticketId);
    const ticket = await tx.tickets.get(ticketId);
    if (!ticket) return [];
    const now = deps.clock.now();
    const at = now.toISOString();
    const [policies, customer, brand, stored] = await Promise.all([tx.sla.listPolicies(), tx.customers.get(ticket.requesterId), tx.brands.get(ticket.brandId), tx.sla.clocksFor(ticketId)]);
    const match = matchPolicy(policies, {
      brandId: ticket.brandId,
      channel: ticket.channel,
      category: ticket.category,
      priority: ticket.priority,
      verificationLevel: customer?.verificationLevel ?? null,
    });
    if (!match || !brand) {
      // No policy (any more): the ticket has no clocks and no deadline (Zammad #4353 left them escalated).
      if (stored.length > 0) await tx.sla.replaceClocks(ticketId, []);
      await tx.sla.setNextDue(ticketId, null);
      return [];
    }
    const { policy, target } = match;
    const calendar = target.business_hours ? await loadCalendar(tx, brand) : null;
    const { initialStatus, facts } = factsFromHistory(ticket, await ticketHistory(tx, ticketId));
    const clocks = computeClocks({ createdAt: ticket.createdAt, initialStatus, facts, target, pausedBy: policy.pausedBy, calendar, now });

    const events: DeskEvent[] = [];
    const escalations: SlaEscalationStep[] = [];
    const record = (type: 'sla.activated' | 'sla.paused' | 'sla.fulfilled' | 'sla.breached' | 'sla.warning', metric: string, dueAt: string | null) =>
      events.push(historyEvent({ type, actor: SYSTEM_SLA, at, subjectType: 'ticket', subjectId: ticketId, data: { metric, due_at: dueAt, policy_id: policy.id } }));
    const byMetric = new Map(stored.map((c) => [c.metric, c]));
    const next: StoredClock[] = clocks.map((c) => {
      const old = byMetric.get(c.metric);
      const prev = sameCycle(old, c) ? old : undefined;
      if (!prev || (!prev.running && c.running && !prev.breachedAt)) record('sla.activated', c.metric, c.dueAt);
      if ((prev ? prev.running : true) && !c.running && c.fulfilledAt === null) record('sla.paused', c.metric, prev?.dueAt ?? null);
      if (!prev?.fulfilledAt && c.fulfilledAt) record('sla.fulfilled', c.metric, c.dueAt);
      if (!prev?.breachedAt && c.breachedAt) {
        record('sla.breached', c.metric, c.breachedAt);
        escalations.push(policy.escalation.on_breach);
      }
      const warnBefore = policy.escalation.warn_before_s;
      const warnAt = c.state === 'active' && c.running && c.dueAt && warnBefore !== null ? new Date(Date.parse(c.dueAt) - warnBefore * 1000).toISOString() : null;
      // A warning stays recorded for this deadline; a deadline moved later may warn again.
      let warnedAt = prev?.warnedAt && warnAt && warnAt <= prev.warnedAt ? prev.warnedAt : null;
      if (warnAt && warnedAt === null && warnAt <= at) {
        record('sla.warning', c.metric, c.dueAt);
        escalations.push(policy.escalation.on_warning);
        warnedAt = at;
      }
      return { ticketId, metric: c.metric, policyId: policy.id, state: c.state, dueAt: c.dueAt, startedAt: c.startedAt, fulfilledAt: c.fulfilledAt, breachedAt: c.breachedAt, warnAt, warnedAt, running: c.running, updatedAt: at };
    });
    await tx.sla.replaceClocks(ticketId, next);
    await tx.sla.setNextDue(ticketId, nextDeadline(clocks));
    events.push(...(await escalate(tx, ticket, escalations, at)));
    queued = await recordWithJobs(tx, events, deps);
    return next;
  });
  if (queued > 0) deps.jobsNudge?.();
  return result;
}

/** Applies escalation steps (raise priority, reassign to a team) and returns their history entries. */
async function escalate(tx: Repos, ticket: Ticket, steps: readonly SlaEscalationStep[], at: string): Promise<DeskEvent[]> {
  if (steps.length === 0 || ticket.status === 'closed') return [];
  const raise = steps.some((s) => s.raise_priority);
  const teamId = steps.map((s) => s.team_id).find((t): t is string => t !== null) ?? null;
  const events: DeskEvent[] = [];
  const priority = raise ? raisedPriority(ticket.priority) : ticket.priority;
  if (priority !== ticket.priority) {
    await tx.tickets.update(ticket.id, { priority }, at);
    events.push(historyEvent({ type: 'ticket.updated', actor: SYSTEM_SLA, at, subjectType: 'ticket', subjectId: ticket.id, changes: { priority: [ticket.priority, priority] } }));
  }
  if (teamId && teamId !== ticket.teamId && (await tx.teams.get(teamId))) {
    await tx.tickets.update(ticket.id, { teamId, assigneeId: null }, at);
    events.push(
      historyEvent({ type: 'ticket.assigned', actor: SYSTEM_SLA, at, subjectType: 'ticket', subjectId: ticket.id, changes: { teamId: [ticket.teamId, teamId], assigneeId: [ticket.assigneeId, null] } }),
    );
  }
  return events;
}

/**
 * The periodic check: recomputes every ticket with a running clock past its deadline or its warning time, so
 * `sla.breached` and `sla.warning` are recorded (once) even when nothing else happens on the ticket.
 */
export async function checkSlaDeadlines(deps: Parameters<typeof recomputeTicketClocks>[0]): Promise<number> {
  let done = 0;
  for (let round = 0; round < 20; round++) {
    const now = deps.clock.now().toISOString();
    const [overdue, warnings] = await Promise.all([deps.store.sla.overdue(now, 200), deps.store.sla.warningsDue(now, 200)]);
    const ids = [...new Set([...overdue, ...warnings].map((c) => c.ticketId))];
    if (ids.length === 0) break;
    for (const id of ids) await recomputeTicketClocks(deps, id);
    done += ids.length;
    if (overdue.length < 200 && warnings.length < 200) break;
  }
  return done;
}

/** Recomputes every unsolved ticket (of one brand, or all): after a policy or calendar change. */
export async function recomputeOpenTickets(deps: Parameters<typeof recomputeTicketClocks>[0], brandId: string | null): Promise<number> {
  let after: string | null = null;
  let n = 0;
  for (;;) {
    const ids = await deps.store.sla.unsolvedTicketIds(brandId, after, 200);
    for (const id of ids) await recomputeTicketClocks(deps, id);
    n += ids.length;
    if (ids.length < 200) return n;
    after = ids[ids.length - 1]!;
  }
}
