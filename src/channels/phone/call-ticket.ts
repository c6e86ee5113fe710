/**
 * A call's ticket and history: every call creates or joins a ticket through ingestInbound (channel "phone",
 * the caller's number as identity), and the call's timeline (menu choices, waiting, talking, recording,
 * answered or abandoned) is written into that ticket's history, each entry exactly once.
 */
import type { ActorRef, DeskEvent, HistoryEventType } from '../../core/event.js';
import type { UiLanguage } from '../../core/people.js';
import type { Category, Priority, Ticket } from '../../core/ticket.js';
import { t } from '../../i18n/index.js';
import { historyEvent } from '../../app/history.js';
import { ingestInbound, type IngestResult } from '../../app/ingest-inbound.js';
import { announce } from '../../app/live.js';
import type { CallRecord, CallStep, MenuChoice } from './phone-ports.js';
import type { Deps, Repos } from '../../app/ports.js';
import type { ContactIdentity } from '../../app/resolve-customer.js';
import { higherPriority } from '../../app/screen-inbound.js';

export type CallDeps = Pick<Deps, 'store' | 'clock' | 'bus' | 'senders' | 'jobsNudge'>;

/** The actor of the hotline's own entries: the system, by way of the phone line. */
export const PHONE_ACTOR: ActorRef = { type: 'system', id: null, via: 'phone' };

/** A joined ticket must have moved within this window; an older open ticket gets a new one beside it. */
const JOIN_WINDOW_MS = 7 * 24 * 3600_000;
const OPEN_STATUSES = ['new', 'open', 'pending', 'on_hold'] as const;

/** The caller as ingestInbound knows them: their number, or for a withheld number a per-call identity. */
export function callerIdentity(call: CallRecord): ContactIdentity {
  if (call.callerPhone) return { phone: call.callerPhone, language: call.language };
  return { externalId: `phone-call:${call.callSid}`, language: call.language };
}

const CHOICE_OVERRIDES: Record<MenuChoice, { category?: Category; priority?: Priority }> = {
  stolen: { category: 'security', priority: 'urgent' },
  transaction: { category: 'transaction' },
  app: { category: 'technical' },
  how_to: { category: 'how_to' },
  agent: {},
};

/** The words the ticket carries for a menu choice, in the caller's language. */
export function choiceSummary(choice: MenuChoice, language: UiLanguage): { subject: string; body: string } {
  const what = t(language, `phone.choice.${choice}`);
  return { subject: t(language, 'phone.choice_subject', { what }), body: t(language, 'phone.choice_body', { what }) };
}

/** The caller's most recent open ticket in this brand worth continuing, if any. */
async function ticketToJoin(deps: CallDeps, call: CallRecord, category: Category | undefined): Promise<Ticket | null> {
  if (!call.callerPhone || call.spoofed) return null;
  const customerId = await deps.store.customers.findByIdentity('phone', call.callerPhone);
  if (!customerId) return null;
  const { tickets } = await deps.store.tickets.list(
    { brandId: call.brandId, requesterId: customerId, status: [...OPEN_STATUSES], ...(category ? { category: [category] } : {}) },
    { limit: 1, sort: 'updated_desc' },
  );
  const ticket = tickets[0];
  if (!ticket) return null;
  return deps.clock.now().getTime() - Date.parse(ticket.updatedAt) <= JOIN_WINDOW_MS ? ticket : null;
}

/** Ticket history entries for the steps the call went through before it had a ticket. */
function earlyTimeline(call: CallRecord, steps: readonly CallStep[], ticketId: string): DeskEvent[] {
  const events: DeskEvent[] = [];
  const at = (key: string) => steps.find((s) => s.key === key);
  const start = at('start');
  events.push(
    historyEvent({
      type: 'call.received',
      actor: PHONE_ACTOR,
      at: start?.at ?? call.createdAt,
      subjectType: 'ticket',
      subjectId: ticketId,
      data: { call_id: call.id, call_sid: call.callSid, from: call.callerPhone ?? call.fromRaw, to: call.to, ...pick(call.meta, ['stir_verstat', 'forwarded_from']) },
    }),
  );
  if (call.spoofed) {
    events.push(
      historyEvent({
        type: 'call.flagged',
        actor: PHONE_ACTOR,
        at: start?.at ?? call.createdAt,
        subjectType: 'ticket',
        subjectId: ticketId,
        data: { call_id: call.id, reason: 'spoofed_caller_id', from: call.callerPhone },
      }),
    );
  }
  const language = at('language');
  if (language) {
    events.push(historyEvent({ type: 'call.language_chosen', actor: PHONE_ACTOR, at: language.at, subjectType: 'ticket', subjectId: ticketId, data: { call_id: call.id, ...language.data } }));
  }
  return events;
}

function pick(obj: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => obj[k] !== undefined && obj[k] !== null).map((k) => [k, obj[k]]));
}

/**
 * Links a call to the ticket that holds it and writes the call's early timeline there, once. Safe to call again
 * (a retried webhook): the "linked" step guards it.
 */
export async function linkCallToTicket(tx: Repos, call: CallRecord, ticketId: string, at: string, extra: DeskEvent[] = []): Promise<void> {
  if (!(await tx.calls.addStep({ callId: call.id, key: 'linked', data: { ticket_id: ticketId }, at }))) return;
  await tx.calls.update(call.id, { ticketId }, at);
  const steps = await tx.calls.listSteps(call.id);
  await tx.events.append([...earlyTimeline(call, steps, ticketId), ...extra]);
}

/** Appends call timeline entries to the call's ticket (no-op before the call has one). */
export async function appendTimeline(tx: Repos, call: Pick<CallRecord, 'id' | 'ticketId'>, type: HistoryEventType & `call.${string}`, at: string, data: Record<string, unknown>, actor: ActorRef = PHONE_ACTOR): Promise<void> {
  if (!call.ticketId) return;
  await tx.events.append([historyEvent({ type, actor, at, subjectType: 'ticket', subjectId: call.ticketId, data: { call_id: call.id, ...data } })]);
}

/**
 * Opens the ticket for a call's menu choice, or joins the caller's recent open ticket of the same kind, and links
 * the call to it. A retried webhook finds the same ticket (the message's source id is the CallSid).
 */
export async function openCallTicket(deps: CallDeps, call: CallRecord, choice: MenuChoice, digits: string): Promise<Ticket> {
  const language: UiLanguage = call.language ?? 'en';
  const overrides = CHOICE_OVERRIDES[choice];
  const join = await ticketToJoin(deps, call, overrides.category);
  const { subject, body } = choiceSummary(choice, language);
  const result: IngestResult = await ingestInbound(deps, {
    brandId: call.brandId,
    channel: 'phone',
    from: callerIdentity(call),
    subject,
    body,
    sourceId: call.callSid,
    ticketId: join?.id ?? null,
    meta: { kind: 'call', call_id: call.id, call_sid: call.callSid, menu_choice: choice },
    // The words are the menu's, not the caller's: the choice decides category and priority, not triage.
    writtenBy: 'system',
    overrides: { ...overrides, tags: call.spoofed ? ['phone', 'spoofed-caller-id'] : ['phone'] },
  });
  let ticket = result.ticket;
  const at = deps.clock.now().toISOString();
  const menuEvent = historyEvent({
    type: 'call.menu_chosen',
    actor: PHONE_ACTOR,
    at,
    subjectType: 'ticket',
    subjectId: ticket.id,
    data: { call_id: call.id, choice, digits, joined: result.kind === 'appended' },
  });
  ticket = await deps.store.transaction(async (tx) => {
    const current = (await tx.tickets.get(ticket.id)) ?? ticket;
    const extra = [menuEvent];
    // A theft report joined to an open security ticket makes that ticket urgent, as a new one would be.
    if (overrides.priority && higherPriority(current.priority, overrides.priority) !== current.priority && current.status !== 'closed') {
      await tx.tickets.update(current.id, { priority: overrides.priority }, at);
      extra.push(
        historyEvent({
          type: 'ticket.escalated',
          actor: PHONE_ACTOR,
          at,
          subjectType: 'ticket',
          subjectId: current.id,
          changes: { priority: [current.priority, overrides.priority] },
          data: { reasons: ['phone_emergency'] },
        }),
      );
      await linkCallToTicket(tx, call, current.id, at, extra);
      return { ...current, priority: overrides.priority, updatedAt: at };
    }
    await linkCallToTicket(tx, call, current.id, at, extra);
    return current;
  });
  return ticket;
}

/** Opens (or finds) the ticket of a call that ended before the caller chose anything: every call leaves a ticket. */
export async function openMissedCallTicket(deps: CallDeps, call: CallRecord, durationSeconds: number | null): Promise<Ticket> {
  const language: UiLanguage = call.language ?? 'en';
  const secs = durationSeconds ?? 0;
  const text = { subject: t(language, 'phone.missed_subject'), body: t(language, 'phone.missed_body', { seconds: secs }) };
  const result = await ingestInbound(deps, {
    brandId: call.brandId,
    channel: 'phone',
    from: callerIdentity(call),
    subject: text.subject,
    body: text.body,
    sourceId: call.callSid,
    meta: { kind: 'call', call_id: call.id, call_sid: call.callSid, menu_choice: null },
    // "The caller hung up" is the desk's sentence: triaged, it read as a security report.
    writtenBy: 'system',
    overrides: { priority: 'low', tags: call.spoofed ? ['phone', 'spoofed-caller-id', 'missed-call'] : ['phone', 'missed-call'] },
  });
  await deps.store.transaction((tx) => linkCallToTicket(tx, call, result.ticket.id, deps.clock.now().toISOString()));
  return result.ticket;
}

/** Tells consoles that the queue changed (a caller joined, was taken, or left). */
export async function announceQueue(deps: Pick<Deps, 'bus'>, call: CallRecord, type: string): Promise<void> {
  await announce(deps, [{ type, brandId: call.brandId, ...(call.ticketId ? { ticketId: call.ticketId } : {}), data: { call_id: call.id, emergency: call.emergency } }]);
}
