/**
 * The help center's "freeze my account now" (issue 18): an agent has a one-time link e-mailed to the address on
 * the account (24 hours, single use; only its SHA-256 is looked up, the token itself sealed for the mail
 * processor), or texted to the number on the account through the phone channel's provider (freeze-link-sms);
 * the customer who opens it freezes their account with one button.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError, conflict, notFound } from '../core/errors.js';
import type { Principal } from '../core/policy.js';
import { actorOf } from '../core/policy.js';
import type { ActorRef } from '../core/event.js';
import type { Ticket } from '../core/ticket.js';
import { ticketHistory } from './freeze-delivery.js';
import { freezePagePath, type AccountFreeze } from '../core/freeze.js';
import { freezeFromLink } from './freeze-account.js';
import { loadFreezeSettings } from './freeze-settings.js';
import { historyEvent } from './history.js';
import type { Deps } from './ports.js';
import { recordEvents } from './record-events.js';
import { loadVisibleTicket } from './ticket-access.js';

export const FREEZE_LINK_TTL_MS = 24 * 3_600_000;
export { freezePagePath };
const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** How the one-time link reaches the customer: the e-mail address or the phone number already on the account. */
export type FreezeLinkVia = 'email' | 'sms';

type LinkDeps = Pick<Deps, 'store' | 'clock' | 'secrets' | 'jobsNudge' | 'senders' | 'chain' | 'processors' | 'textMessages' | 'publicUrl'>;

/** Makes the link and records `freeze.link_sent`; its processor (freeze-link-mail, freeze-link-sms) sends it. */
async function makeFreezeLink(deps: LinkDeps, ticket: Ticket, actor: ActorRef, via: FreezeLinkVia, to: string, baseUrl: string): Promise<{ to: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const at = deps.clock.now().toISOString();
  const expiresAt = new Date(deps.clock.now().getTime() + FREEZE_LINK_TTL_MS).toISOString();
  const tokenHash = hashToken(token);
  const queued = await deps.store.transaction(async (tx) => {
    await tx.freezes.insertLink({ tokenHash, brandId: ticket.brandId, ticketId: ticket.id, customerId: ticket.requesterId, createdAt: at, expiresAt, usedAt: null, tokenSealed: deps.secrets.seal(token) });
    return recordEvents(tx, [historyEvent({ type: 'freeze.link_sent', actor, at, subjectType: 'ticket', subjectId: ticket.id, data: { token_hash: tokenHash, base_url: baseUrl, to, via } })], deps);
  });
  if (queued > 0) deps.jobsNudge?.();
  return { to, expiresAt };
}

/** Where the link would go, or why it cannot: the account's first e-mail address or phone number, and a way to send. */
async function linkTarget(deps: LinkDeps, ticket: Ticket, via: FreezeLinkVia): Promise<string> {
  const settings = await loadFreezeSettings(deps.store, ticket.brandId);
  if (!settings.custodial || !settings.accountWebhookUrl) throw conflict('This brand cannot freeze accounts (not custodial, or no account webhook).', { reason: settings.custodial ? 'no_webhook' : 'not_custodial' });
  const customer = await deps.store.customers.get(ticket.requesterId);
  if (via === 'sms') {
    if (!deps.textMessages || !(await deps.textMessages.ready(ticket.brandId))) {
      throw new AppError('unavailable', 'This brand cannot send text messages: its phone number needs provider credentials (Admin → Channels, or TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN).');
    }
    const phone = customer?.phones[0];
    if (!phone) throw conflict('The customer has no phone number on record: the link goes only to the number already on the account.', { reason: 'no_phone' });
    return phone;
  }
  if (!deps.senders?.email?.notify) throw new AppError('unavailable', 'This desk cannot send e-mail (no SMTP relay is set): the link cannot reach the customer.');
  const to = customer?.emails[0];
  if (!to) throw conflict('The customer has no e-mail address on record: the link goes only to the address already on the account.', { reason: 'no_email' });
  return to;
}

/** POST /api/v1/tickets/:id/freeze/link `{via?}`: e-mails (default) or texts the customer a one-time freeze link. */
export async function sendFreezeLink(deps: LinkDeps, principal: Principal, ticketRef: string, baseUrl: string, via: FreezeLinkVia = 'email'): Promise<{ to: string; expiresAt: string }> {
  const ticket = await loadVisibleTicket(deps.store, principal, ticketRef);
  return makeFreezeLink(deps, ticket, actorOf(principal), via, await linkTarget(deps, ticket, via), baseUrl);
}

/**
 * The hotline's "press 3": texts the freeze link to the phone number on the call's account (not to the caller's
 * number as such: a spoofed caller ID then only makes the real owner get the link). Null when it cannot.
 */
export async function sendFreezeLinkFromCall(deps: LinkDeps, ticketId: string, baseUrl: string): Promise<{ to: string } | null> {
  const ticket = await deps.store.tickets.get(ticketId);
  if (!ticket) return null;
  try {
    const to = await linkTarget(deps, ticket, 'sms');
    return await makeFreezeLink(deps, ticket, { type: 'customer', id: ticket.requesterId, via: 'phone' }, 'sms', to, baseUrl);
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  }
}

/** Whether the hotline can offer "press 3" for this brand and customer: texting works and a number is on file. */
export async function canTextFreezeLink(deps: Pick<Deps, 'store' | 'textMessages'>, brandId: string, customerId: string): Promise<boolean> {
  if (!deps.textMessages) return false;
  const customer = await deps.store.customers.get(customerId);
  return Boolean(customer?.phones[0]) && (await deps.textMessages.ready(brandId));
}

/** The provider's states of a text message worth keeping in the history (the rest are steps on the way). */
const FINAL_TEXT_STATES = new Set(['sent', 'delivered', 'undelivered', 'failed', 'read']);

/**
 * The SMS provider's status callback for a freeze link it carried: recorded on the ticket once per state
 * (`freeze.link_text_status`). not_found unless the desk texted that message on that ticket.
 */
export async function recordTextStatus(deps: Pick<Deps, 'store' | 'clock'>, ticketId: string, messageSid: string, status: string, errorCode: string | null): Promise<void> {
  const history = await ticketHistory(deps.store, ticketId);
  if (!history.some((e) => e.type === 'freeze.link_texted' && (e.data as { message_sid?: unknown }).message_sid === messageSid)) throw notFound('Message');
  if (!FINAL_TEXT_STATES.has(status)) return;
  if (history.some((e) => e.type === 'freeze.link_text_status' && (e.data as { message_sid?: unknown; status?: unknown }).message_sid === messageSid && (e.data as { status?: unknown }).status === status)) return;
  await deps.store.events.append([
    historyEvent({
      type: 'freeze.link_text_status',
      actor: { type: 'system', id: null },
      at: deps.clock.now().toISOString(),
      subjectType: 'ticket',
      subjectId: ticketId,
      data: { message_sid: messageSid, status, error_code: errorCode && /^\d{1,6}$/.test(errorCode) ? errorCode : null },
    }),
  ]);
}

/** What the freeze page shows before the button: the brand and request, and whether the link still works. */
export async function readFreezeLink(deps: Pick<Deps, 'store' | 'clock'>, token: string): Promise<{ brand: string; number: number; usable: boolean; frozen: boolean; custodial: boolean }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound('Link');
  const link = await deps.store.freezes.findLink(hashToken(token));
  if (!link) throw notFound('Link');
  const [ticket, brand, settings, active] = await Promise.all([
    deps.store.tickets.get(link.ticketId),
    deps.store.brands.get(link.brandId),
    loadFreezeSettings(deps.store, link.brandId),
    deps.store.freezes.active(link.brandId, link.customerId),
  ]);
  if (!ticket || !brand) throw notFound('Link');
  const usable = link.usedAt === null && link.expiresAt > deps.clock.now().toISOString();
  return { brand: brand.name, number: ticket.number, usable, frozen: active !== null, custodial: settings.custodial };
}

/** POST /api/v1/portal/freeze: the customer freezes their account; the link is then used up. */
export async function useFreezeLink(deps: Parameters<typeof freezeFromLink>[0], token: string): Promise<AccountFreeze> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound('Link');
  const tokenHash = hashToken(token);
  const link = await deps.store.freezes.findLink(tokenHash);
  const now = deps.clock.now().toISOString();
  if (!link || link.expiresAt <= now) throw notFound('Link');
  if (!(await deps.store.freezes.useLink(tokenHash, now))) throw new AppError('conflict', 'This link was already used.', { reason: 'used' });
  const ticket = await deps.store.tickets.get(link.ticketId);
  if (!ticket) throw notFound('Link');
  return freezeFromLink(deps, ticket);
}

export { hashToken as freezeLinkHash };
