/**
 * The emergency freeze (issue 18). Anyone who can reach the ticket may freeze (the safe direction): an agent
 * from the ticket, the caller from the hotline's emergency menu, the customer through a one-time link. An
 * unfreeze needs two different agents (four eyes), the brand's minimum hold to have passed, and the
 * conversation's verification to meet the brand's requirement for `unfreeze` (identity's
 * verification-requirements, checked by requireTicketVerification). Each freeze and unfreeze is a domain event: the account-webhook
 * processor calls the custodial provider, the freeze-notice processor tells the customer on their channel.
 */
import { AppError, conflict, invalid, notFound } from '../core/errors.js';
import type { ActorRef, DeskEvent } from '../core/event.js';
import { addMinutes, unfreezeStep, type AccountFreeze, type FreezeSettings, type FreezeSource } from '../core/freeze.js';
import { newId } from '../core/ids.js';
import type { Message } from '../core/message.js';
import type { Brand, Customer } from '../core/people.js';
import { actorOf, type Principal } from '../core/policy.js';
import type { Ticket } from '../core/ticket.js';
import { language, t, type Language } from '../i18n/index.js';
import { ticketHistory, webhookDelivery, type WebhookDelivery } from './freeze-delivery.js';
import { loadFreezeSettings } from './freeze-settings.js';
import { historyEvent } from './history.js';
import type { Deps, Repos } from './ports.js';
import { recordEvents } from './record-events.js';
import { shieldWrittenText } from './shield-inbound.js';
import { requireTicketVerification } from './read-verification.js';
import { loadVisibleTicket } from './ticket-access.js';

export type FreezeDeps = Pick<Deps, 'store' | 'clock' | 'jobsNudge' | 'senders' | 'chain' | 'processors'>;

/**
 * What the provider knows the account by: the customer's user id in the brand's app when known, else their
 * e-mail or phone (`email:…`, `phone:…`), else the desk's customer id (`customer:…`).
 */
export function accountRefOf(customer: Customer, brandId: string): string {
  const external = customer.externalIds.find((e) => e.brandId === brandId)?.externalId;
  if (external) return external;
  if (customer.emails[0]) return `email:${customer.emails[0]}`;
  if (customer.phones[0]) return `phone:${customer.phones[0]}`;
  return `customer:${customer.id}`;
}

/** A time as the customer reads it: their language, the brand's time zone. */
export function customerTime(at: string, lang: Language, timeZone: string): string {
  return `${new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(at))} (${timeZone})`;
}

/** The language the customer reads in this conversation. */
export const conversationLanguage = (ticket: Ticket, customer: Customer | null, brand: Brand): Language =>
  language(ticket.language ?? customer?.language ?? null, brand.defaultLanguage);

function noticeMessage(ticket: Ticket, body: string, at: string): Message {
  return {
    id: newId(),
    ticketId: ticket.id,
    authorType: 'system',
    authorId: null,
    public: true,
    body,
    bodyHtml: null,
    channel: ticket.channel,
    sourceId: null,
    meta: { kind: 'freeze_notice' },
    delivery: null,
    createdAt: at,
  };
}

/** Refuses a freeze the brand cannot carry out (not custodial, or no webhook yet), naming what to do instead. */
function assertCanFreeze(settings: FreezeSettings, lang: Language): void {
  if (!settings.custodial) throw new AppError('conflict', t(lang, 'freeze.refused.not_custodial'), { reason: 'not_custodial', playbook: true });
  if (!settings.accountWebhookUrl) throw new AppError('conflict', t(lang, 'freeze.refused.no_webhook'), { reason: 'no_webhook' });
}

/**
 * Freezes the ticket's customer's account inside `tx`. A freeze already in force is returned as it is (no
 * second webhook call). Returns the events to nudge for.
 */
async function freezeIn(
  tx: Repos,
  deps: FreezeDeps,
  ticket: Ticket,
  actor: ActorRef,
  source: FreezeSource,
  reason: string,
  agentLanguage: Language,
): Promise<{ freeze: AccountFreeze; created: boolean; queued: number }> {
  const settings = await loadFreezeSettings(tx, ticket.brandId);
  assertCanFreeze(settings, agentLanguage);
  const existing = await tx.freezes.active(ticket.brandId, ticket.requesterId);
  if (existing) return { freeze: existing, created: false, queued: 0 };
  const [brand, customer] = await Promise.all([tx.brands.get(ticket.brandId), tx.customers.get(ticket.requesterId)]);
  if (!brand || !customer) throw notFound('Ticket');
  const at = deps.clock.now().toISOString();
  const freeze: AccountFreeze = {
    id: newId(),
    brandId: ticket.brandId,
    ticketId: ticket.id,
    customerId: customer.id,
    accountRef: accountRefOf(customer, brand.id),
    state: 'frozen',
    source,
    reason,
    frozenBy: actor,
    frozenAt: at,
    holdUntil: addMinutes(at, settings.minHoldMinutes),
    unfreezeRequestedBy: null,
    unfrozenBy: null,
    unfrozenAt: null,
    effectiveAt: null,
    webhookAttempts: 0,
    updatedAt: at,
  };
  await tx.freezes.insert(freeze);
  const lang = conversationLanguage(ticket, customer, brand);
  const notice = noticeMessage(ticket, t(lang, 'freeze.notice.frozen', { brand: brand.name, number: ticket.number, hold_until: customerTime(freeze.holdUntil, lang, brand.timeZone) }), at);
  await tx.messages.insert(notice);
  const events: DeskEvent[] = [
    historyEvent({ type: 'message.added', actor: { type: 'system', id: null }, at, subjectType: 'ticket', subjectId: ticket.id, data: { message_id: notice.id, public: true, author_type: 'system', channel: ticket.channel, kind: 'freeze_notice' } }),
    historyEvent({
      type: 'account.frozen',
      actor,
      at,
      subjectType: 'ticket',
      subjectId: ticket.id,
      data: { freeze_id: freeze.id, account_ref: freeze.accountRef, reason, source, webhook: true, notice_message_id: notice.id },
    }),
  ];
  const queued = await recordEvents(tx, events, deps);
  return { freeze, created: true, queued };
}

function cleanReason(reason: string): string {
  const r = shieldWrittenText(reason.replace(/\s+/g, ' ').trim());
  if (r === '' || r.length > 500) throw invalid('A freeze needs a reason of 1 to 500 characters.', { field: 'reason' });
  return r;
}

/** POST /api/v1/tickets/:id/freeze: an agent freezes the ticket's customer's account (no verification needed). */
export async function freezeFromTicket(deps: FreezeDeps, principal: Principal, ticketRef: string, reason: string, agentLanguage: Language = 'en') {
  const clean = cleanReason(reason);
  const result = await deps.store.transaction(async (tx) => {
    const ticket = await loadVisibleTicket(tx, principal, ticketRef);
    return freezeIn(tx, deps, ticket, actorOf(principal), 'agent', clean, agentLanguage);
  });
  if (result.queued > 0) deps.jobsNudge?.();
  return result;
}

/**
 * The caller pressed 1 at the hotline's freeze offer: freezes the account of the call's ticket. Caller ID can
 * be spoofed; freezing is the safe direction, so the weak link is only recorded (`via: phone`).
 */
export async function freezeFromCall(deps: FreezeDeps, ticketId: string, callerPhone: string | null): Promise<AccountFreeze> {
  const result = await deps.store.transaction(async (tx) => {
    const ticket = await tx.tickets.get(ticketId);
    if (!ticket) throw notFound('Ticket');
    const reason = `caller chose "freeze now" in the hotline's emergency menu${callerPhone ? ` (caller ID ${callerPhone}: not proof of identity)` : ''}`;
    return freezeIn(tx, deps, ticket, { type: 'customer', id: ticket.requesterId, via: 'phone' }, 'phone', reason, language(ticket.language, 'en'));
  });
  if (result.queued > 0) deps.jobsNudge?.();
  return result.freeze;
}

/** True when the hotline should offer "press 1 to freeze now" for this brand and customer. */
export async function canOfferFreeze(repos: Pick<Repos, 'freezes'>, brandId: string, customerId: string): Promise<boolean> {
  const settings = await loadFreezeSettings(repos, brandId);
  if (!settings.custodial || !settings.accountWebhookUrl) return false;
  return (await repos.freezes.active(brandId, customerId)) === null;
}

/** A customer's one-time link was opened and confirmed: freezes that ticket's customer's account. */
export async function freezeFromLink(deps: FreezeDeps, ticket: Ticket): Promise<AccountFreeze> {
  const result = await deps.store.transaction(async (tx) =>
    freezeIn(tx, deps, ticket, { type: 'customer', id: ticket.requesterId, via: 'help_center' }, 'help_center', 'customer used the freeze link', language(ticket.language, 'en')),
  );
  if (result.queued > 0) deps.jobsNudge?.();
  return result.freeze;
}

/** The freezes of a ticket (newest first), for the console. */
export async function listTicketFreezes(
  deps: Pick<Deps, 'store'>,
  principal: Principal,
  ticketRef: string,
): Promise<{ ticket: Ticket; freezes: AccountFreeze[]; settings: FreezeSettings; deliveries: Map<string, WebhookDelivery> }> {
  const ticket = await loadVisibleTicket(deps.store, principal, ticketRef);
  const [freezes, settings] = await Promise.all([deps.store.freezes.listForTicket(ticket.id), loadFreezeSettings(deps.store, ticket.brandId)]);
  const history = freezes.length ? await ticketHistory(deps.store, ticket.id) : [];
  const deliveries = new Map(freezes.map((f) => [f.id, webhookDelivery(history, f, settings.custodial && settings.accountWebhookUrl !== null)]));
  return { ticket, freezes, settings, deliveries };
}

/**
 * POST /api/v1/tickets/:id/unfreeze. Refused (403) for the agent who froze; refused (409, with `available_at`)
 * before the minimum hold; refused (403, naming the missing steps in both languages) until this ticket's
 * conversation has proven the brand's level for `unfreeze` (a passed step-up, the chat's signed-in identity). When the customer froze, the first agent asks and a second approves. An approval with a cooling-off
 * unfreezes at `effective_at`, announced to the customer now.
 */
export async function unfreezeFromTicket(deps: FreezeDeps, principal: Principal, ticketRef: string): Promise<{ freeze: AccountFreeze; step: 'request' | 'approve' }> {
  const result = await deps.store.transaction(async (tx) => {
    const ticket = await loadVisibleTicket(tx, principal, ticketRef);
    const freeze = await tx.freezes.active(ticket.brandId, ticket.requesterId);
    if (!freeze) throw conflict('The customer of this ticket has no frozen account.', { reason: 'not_frozen' });
    const now = deps.clock.now().toISOString();
    const step = unfreezeStep(freeze, principal.agentId, now);
    const [settings, customer, brand] = await Promise.all([loadFreezeSettings(tx, ticket.brandId), tx.customers.get(ticket.requesterId), tx.brands.get(ticket.brandId)]);
    if (!customer || !brand) throw notFound('Ticket');
    await requireTicketVerification(tx, ticket, 'unfreeze');
    if (step.kind === 'request') {
      if (!(await tx.freezes.transition(freeze.id, 'frozen', { state: 'unfreeze_requested', unfreezeRequestedBy: principal.agentId }, now))) throw conflict('Another agent changed this freeze just now. Reload and try again.');
      await tx.events.append([historyEvent({ type: 'account.unfreeze_requested', actor: actorOf(principal), at: now, subjectType: 'ticket', subjectId: ticket.id, data: { freeze_id: freeze.id } })]);
      return { freeze: { ...freeze, state: 'unfreeze_requested' as const, unfreezeRequestedBy: principal.agentId }, step: 'request' as const, queued: 0 };
    }
    const effectiveAt = settings.coolingOffHours ? addMinutes(now, settings.coolingOffHours * 60) : now;
    const state = settings.coolingOffHours ? 'unfreezing' : 'unfrozen';
    if (!(await tx.freezes.transition(freeze.id, freeze.state, { state, unfrozenBy: principal.agentId, unfrozenAt: now, effectiveAt }, now))) {
      throw conflict('Another agent changed this freeze just now. Reload and try again.');
    }
    const lang = conversationLanguage(ticket, customer, brand);
    const text = settings.coolingOffHours
      ? t(lang, 'freeze.notice.cooling_off', { brand: brand.name, number: ticket.number, effective_at: customerTime(effectiveAt, lang, brand.timeZone) })
      : t(lang, 'freeze.notice.unfrozen', { brand: brand.name, number: ticket.number });
    const notice = noticeMessage(ticket, text, now);
    await tx.messages.insert(notice);
    const queued = await recordEvents(
      tx,
      [
        historyEvent({ type: 'message.added', actor: { type: 'system', id: null }, at: now, subjectType: 'ticket', subjectId: ticket.id, data: { message_id: notice.id, public: true, author_type: 'system', channel: ticket.channel, kind: 'freeze_notice' } }),
        historyEvent({
          type: 'account.unfrozen',
          actor: actorOf(principal),
          at: now,
          subjectType: 'ticket',
          subjectId: ticket.id,
          data: { freeze_id: freeze.id, account_ref: freeze.accountRef, effective_at: effectiveAt, webhook: Boolean(settings.custodial && settings.accountWebhookUrl), notice_message_id: notice.id },
        }),
      ],
      deps,
    );
    return { freeze: { ...freeze, state, unfrozenBy: principal.agentId, unfrozenAt: now, effectiveAt } as AccountFreeze, step: 'approve' as const, queued };
  });
  if (result.queued > 0) deps.jobsNudge?.();
  return { freeze: result.freeze, step: result.step };
}
