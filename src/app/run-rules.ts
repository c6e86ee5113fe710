/**
 * Running rules (issue 17). Triggers run as the rule-triggers processor, once per domain event: in position
 * order, each sees the ticket as the rules before it left it, and each fires at most once per event (a
 * `rule_run` row per rule and event, written with its actions). What rules change is recorded with the actor
 * `rule:<id>`, and the processor does not want such events, so rules never fire rules (Chatwoot #4070, #6618
 * looped forever). Automations run on time from a durable job queued once per slot by any instance; their
 * nullifying condition and a `rule_run` per ticket version keep them from acting twice.
 */
import { isAppError } from '../core/errors.js';
import type { ActorRef, DeskEvent } from '../core/event.js';
import type { DomainEvent } from '../core/domain-events.js';
import { newId } from '../core/ids.js';
import type { Message } from '../core/message.js';
import type { Principal } from '../core/policy.js';
import { conditionsMatch, type Rule, type RuleAction, type RuleCondition } from '../core/rules.js';
import { TICKET_STATUSES, type Ticket, type TicketStatus } from '../core/ticket.js';
import { checkOutbound } from '../shield/index.js';
import { applyTicketChanges, type TicketChanges } from './apply-ticket-changes.js';
import { historyEvent } from './history.js';
import { announce } from './live.js';
import { announceNotifications, notifyAgents, type NotificationDraft } from './notifications.js';
import type { ProcessorDeps, Repos } from './ports.js';
import { deliversOn, queueDelivery } from './queue-delivery.js';
import type { AgentNotification } from './rules-ports.js';
import type { Macro } from './kb-ports.js';
import { fillPlaceholders, renderMacro, ruleMayUseMacro, ticketLanguage } from './macro-text.js';

/** The job that checks automations; one per slot, whichever instance queues it first. */
export const AUTOMATIONS_JOB = 'rules.automations';
/** How often automations are checked. */
export const AUTOMATION_INTERVAL_MS = 5 * 60_000;
/** The most tickets one automation looks at per check (the oldest first; the rest wait for the next check). */
export const AUTOMATION_TICKETS_PER_CHECK = 5000;

export type RuleDeps = ProcessorDeps;

/** The history's actor for what a rule does: the system, via the rule. */
export const ruleActor = (rule: Pick<Rule, 'id'>): ActorRef => ({ type: 'system', id: null, via: `rule:${rule.id}` });

/** True for events written by a rule: they never fire triggers. */
export const isRuleEvent = (event: Pick<DeskEvent, 'actor'>): boolean => event.actor.via?.startsWith('rule:') === true;

/** A principal for the checks of applyTicketChanges; the events carry the rule's actor instead. */
const rulePrincipal = (rule: Rule): Principal => ({ agentId: '', name: rule.name, role: 'admin', brandIds: [], tokenId: null });

interface Applied {
  ticket: Ticket;
  notifications: AgentNotification[];
  queued: number;
}

/** What one action did, for the history. */
interface ActionResult {
  type: RuleAction['type'];
  result: 'done' | 'skipped' | 'failed';
  reason?: string;
}

/** The field changes of a rule's set_* and tag actions, merged into one change. */
function fieldChanges(actions: readonly RuleAction[]): TicketChanges {
  const c: { -readonly [K in keyof TicketChanges]: TicketChanges[K] } = {};
  for (const a of actions) {
    if (a.type === 'set_status') c.status = a.value as TicketStatus;
    else if (a.type === 'set_priority') c.priority = a.value as Ticket['priority'];
    else if (a.type === 'set_category') c.category = a.value as Ticket['category'];
    else if (a.type === 'set_team') c.teamId = (a.value as string | null) ?? null;
    else if (a.type === 'set_assignee') c.assigneeId = (a.value as string | null) ?? null;
    else if (a.type === 'add_tags') c.addTags = [...(c.addTags ?? []), ...(a.value as string[])];
    else if (a.type === 'remove_tags') c.removeTags = [...(c.removeTags ?? []), ...(a.value as string[])];
  }
  return c;
}

const FIELD_ACTIONS = new Set(['set_status', 'set_priority', 'set_category', 'set_team', 'set_assignee', 'add_tags', 'remove_tags']);

/**
 * Applies one rule's actions to a ticket inside `tx`, in their order (field changes as one change first, then
 * notes, replies and notifications), and records `rule.applied` with the rule's name and what each action did.
 * `autoSubmitted`: what started this was an automatic message, so no public reply is sent (RFC 3834).
 */
export async function applyRule(
  tx: Repos,
  deps: RuleDeps,
  rule: Rule,
  ticket: Ticket,
  context: { cause: string | null; autoSubmitted: boolean; at: string },
): Promise<Applied> {
  const actor = ruleActor(rule);
  const ruleData = { rule_id: rule.id, rule_name: rule.name };
  const events: DeskEvent[] = [];
  const results: ActionResult[] = [];
  let queued = 0;
  const record = async (t: Repos, list: readonly DeskEvent[]) => {
    if (deps.record) queued += await deps.record(t, list);
    else await t.events.append(list);
  };
  let current = ticket;

  const fields = rule.actions.filter((a) => FIELD_ACTIONS.has(a.type));
  if (fields.length > 0) {
    try {
      current = await applyTicketChanges(tx, rulePrincipal(rule), current, fieldChanges(fields), context.at, { actor, data: ruleData, record });
      for (const a of fields) results.push({ type: a.type, result: 'done' });
    } catch (err) {
      // A change the ticket refuses (a closed ticket, an agent no longer of the brand) is noted, not retried.
      if (!isAppError(err) || err.code === 'internal' || err.code === 'unavailable') throw err;
      for (const a of fields) results.push({ type: a.type, result: 'failed', reason: err.message });
    }
  }

  const drafts: NotificationDraft[] = [];
  for (const a of rule.actions) {
    if (FIELD_ACTIONS.has(a.type)) continue;
    if (a.type === 'notify') {
      const ids = a.value === 'assignee' ? (current.assigneeId ? [current.assigneeId] : []) : a.value === 'team' ? ((current.teamId ? (await tx.teams.get(current.teamId))?.memberIds : null) ?? []) : [String(a.value)];
      for (const agentId of ids) drafts.push({ agentId, kind: 'rule', ticket: current, cause: `${rule.id}:${context.cause ?? context.at}`, data: { rule: rule.name } });
      results.push(ids.length ? { type: a.type, result: 'done' } : { type: a.type, result: 'skipped', reason: 'nobody to notify' });
      continue;
    }
    const isPublic = a.type === 'send_reply' || a.type === 'send_macro';
    if (isPublic && context.autoSubmitted) {
      results.push({ type: a.type, result: 'skipped', reason: 'auto_submitted' });
      continue;
    }
    if (current.status === 'closed' || current.mergedIntoId) {
      results.push({ type: a.type, result: 'skipped', reason: 'ticket closed' });
      continue;
    }
    // The texts this action sends: a reply or a note as written, or a macro's reply (in the ticket's language)
    // and its note; placeholders filled in for this ticket.
    const render = { ...deps, store: tx };
    const lang = await ticketLanguage(render, current);
    const texts: Array<{ text: string; public: boolean }> = [];
    let macro: Macro | null = null;
    if (a.type === 'send_macro') {
      macro = await tx.macros.get(String(a.value));
      if (!macro || !ruleMayUseMacro(macro, rule.brandId) || (macro.brandId && macro.brandId !== current.brandId)) {
        results.push({ type: a.type, result: 'failed', reason: 'macro unavailable' });
        continue;
      }
      texts.push({ text: (await renderMacro(render, macro, current)).text, public: true });
      if (macro.note) texts.push({ text: await fillPlaceholders(render, macro.note, current, lang), public: false });
    } else {
      texts.push({ text: await fillPlaceholders(render, String(a.value ?? ''), current, lang), public: isPublic });
    }
    // Every text the desk sends goes through the outbound guard after its placeholders are filled in (a rule's
    // text was checked when saved, but the guard's rules may have grown since, and a placeholder brings text).
    const blocked = texts.map((x) => checkOutbound(x.text)).find((v) => !v.allowed);
    if (blocked) {
      events.push(historyEvent({ type: 'shield.outbound_blocked', actor, at: context.at, subjectType: 'ticket', subjectId: current.id, data: { rule: blocked.rule, ...ruleData } }));
      results.push({ type: a.type, result: 'failed', reason: 'outbound_guard' });
      continue;
    }
    for (const x of texts) {
      const kind = x.public ? 'rule_reply' : 'rule_note';
      const message: Message = {
        id: newId(),
        ticketId: current.id,
        authorType: 'system',
        authorId: null,
        public: x.public,
        body: x.text,
        bodyHtml: null,
        channel: current.channel,
        sourceId: null,
        // auto_submitted: the channel marks it as an automatic reply (e-mail: Auto-Submitted: auto-replied).
        meta: { kind, ...ruleData, ...(macro ? { macro_id: macro.id } : {}), ...(x.public ? { auto_submitted: true } : {}) },
        delivery: null,
        createdAt: context.at,
      };
      await tx.messages.insert(message);
      if (x.public && deliversOn(deps, current.channel)) {
        await queueDelivery(tx, message.id, context.at);
        queued += 1;
      }
      await tx.tickets.indexMessage(current, message.id, message.body);
      await tx.tickets.update(current.id, {}, context.at);
      current = { ...current, updatedAt: context.at };
      events.push(
        historyEvent({
          type: 'message.added',
          actor,
          at: context.at,
          subjectType: 'ticket',
          subjectId: current.id,
          data: { message_id: message.id, public: x.public, author_type: 'system', channel: current.channel, kind, ...(macro ? { macro_id: macro.id } : {}), ...ruleData },
        }),
      );
    }
    // A macro sent by a rule counts as a use, under the rule's name rather than an agent's.
    if (macro) await tx.macros.recordUse({ id: newId(), macroId: macro.id, ticketId: current.id, agentId: `rule:${rule.id}`, at: context.at });
    results.push({ type: a.type, result: 'done' });
  }

  events.push(
    historyEvent({
      type: 'rule.applied',
      actor,
      at: context.at,
      subjectType: 'ticket',
      subjectId: current.id,
      data: { ...ruleData, kind: rule.kind, cause: context.cause, actions: results },
    }),
  );
  await record(tx, events);
  const notifications = await notifyAgents(deps, drafts, tx);
  return { ticket: current, notifications, queued };
}

/** After a commit: the bell, the worker and the consoles hear what rules did. */
async function afterCommit(deps: RuleDeps, applied: readonly Applied[]): Promise<void> {
  if (applied.length === 0) return;
  await announceNotifications(deps, applied.flatMap((a) => a.notifications));
  if (applied.some((a) => a.queued > 0)) deps.jobsNudge?.();
  const last = applied[applied.length - 1]!.ticket;
  await announce(deps, [{ type: 'ticket.updated', brandId: last.brandId, ticketId: last.id, data: { number: last.number, status: last.status } }]);
}

/** True when the message that caused the event was written by a machine (the desk, an auto-responder, a list). */
async function startedByMachine(deps: RuleDeps, event: DomainEvent, ticket: Ticket): Promise<boolean> {
  if (ticket.tags.includes('auto-submitted')) return true;
  if (event.type !== 'message.added') return false;
  if (event.data.author_type === 'system') return true;
  const message = await deps.store.messages.get(event.data.message_id);
  const email = message?.meta.email as { bulk?: unknown } | undefined;
  return Boolean(email?.bulk) || message?.meta.auto_submitted === true;
}

/** The trigger pass for one event (the rule-triggers processor). */
export async function runTriggers(deps: RuleDeps, event: DomainEvent): Promise<void> {
  if (!event.ticketId || isRuleEvent(event)) return;
  const triggers = await deps.store.rules.list({ kind: 'trigger', enabled: true });
  if (triggers.length === 0) return;
  const first = await deps.store.tickets.get(event.ticketId);
  if (!first) return;
  const autoSubmitted = await startedByMachine(deps, event, first);
  const authorType = event.type === 'message.added' ? event.data.author_type : null;
  const at = deps.clock.now().toISOString();
  const applied = await deps.store.transaction(async (tx) => {
    const done: Applied[] = [];
    let ticket = await tx.tickets.get(event.ticketId!);
    if (!ticket || ticket.mergedIntoId || ticket.status === 'closed') return done;
    for (const rule of triggers) {
      if (rule.brandId && rule.brandId !== ticket.brandId) continue;
      if (!conditionsMatch(rule.conditions, { ticket, event: { type: event.type, changes: event.changes, authorType } })) continue;
      // At most once per event, even when this job runs again.
      if (!(await tx.rules.claimRun(rule.id, event.id, at))) continue;
      const result = await applyRule(tx, deps, rule, ticket, { cause: event.id, autoSubmitted, at });
      done.push(result);
      ticket = result.ticket;
    }
    return done;
  });
  await afterCommit(deps, applied);
}

/** The statuses an automation can match: those its `all` conditions name, else every status but closed. */
function candidateStatuses(conditions: readonly RuleCondition[]): TicketStatus[] {
  for (const c of conditions) {
    if (c.field !== 'status') continue;
    if (c.operator === 'is') return [c.value as TicketStatus];
    if (c.operator === 'in' && Array.isArray(c.value)) return c.value as TicketStatus[];
  }
  return TICKET_STATUSES.filter((s) => s !== 'closed');
}

/** Tickets an automation's conditions match now (up to the per-check limit), oldest first. */
export async function automationMatches(deps: Pick<RuleDeps, 'store' | 'clock'>, rule: Rule, limit = AUTOMATION_TICKETS_PER_CHECK): Promise<Ticket[]> {
  const now = deps.clock.now();
  const out: Ticket[] = [];
  let cursor: string | null = null;
  let seen = 0;
  do {
    const page = await deps.store.tickets.list(
      { status: candidateStatuses(rule.conditions.all), ...(rule.brandId ? { brandId: rule.brandId } : {}) },
      { cursor, limit: 200, sort: 'created_asc' },
    );
    for (const t of page.tickets) {
      if (!t.mergedIntoId && conditionsMatch(rule.conditions, { ticket: t, now })) out.push(t);
    }
    seen += page.tickets.length;
    cursor = page.nextCursor;
  } while (cursor && seen < limit);
  return out;
}

/** Checks every enabled automation once (the AUTOMATIONS_JOB). Returns how many tickets were acted on. */
export async function runAutomations(deps: RuleDeps): Promise<number> {
  let count = 0;
  for (const rule of await deps.store.rules.list({ kind: 'automation', enabled: true })) {
    for (const candidate of await automationMatches(deps, rule)) {
      const at = deps.clock.now().toISOString();
      const applied = await deps.store.transaction(async (tx) => {
        const ticket = await tx.tickets.get(candidate.id);
        // Looked at again inside the transaction: another instance may have acted in between.
        if (!ticket || ticket.mergedIntoId || !conditionsMatch(rule.conditions, { ticket, now: new Date(at) })) return null;
        if (!(await tx.rules.claimRun(rule.id, `${ticket.id}@${ticket.updatedAt}`, at))) return null;
        return applyRule(tx, deps, rule, ticket, { cause: null, autoSubmitted: false, at });
      });
      if (applied) {
        count += 1;
        await afterCommit(deps, [applied]);
      }
    }
  }
  return count;
}

/** Queues the automation check of the current slot (once, whichever instance asks first). */
export async function scheduleAutomations(deps: Pick<RuleDeps, 'store' | 'clock' | 'jobsNudge'>): Promise<boolean> {
  const now = deps.clock.now().getTime();
  const slot = new Date(now - (now % AUTOMATION_INTERVAL_MS)).toISOString();
  const id = await deps.store.jobs.enqueue({ type: AUTOMATIONS_JOB, payload: { slot }, dedupeKey: `${AUTOMATIONS_JOB}:${slot}`, maxAttempts: 3 }, new Date(now).toISOString());
  if (id) deps.jobsNudge?.();
  return id !== null;
}
