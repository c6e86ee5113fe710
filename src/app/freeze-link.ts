/**
 * The help center's "freeze my account now" (issue 18): an agent has a one-time link e-mailed to the address on
 * the account (24 hours, single use; only its SHA-256 is looked up, the token itself sealed for the mail
 * processor), and the customer who opens it freezes their account with one button. No SMS: the desk has no SMS
 * provider.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError, conflict, notFound } from '../core/errors.js';
import type { Principal } from '../core/policy.js';
import { actorOf } from '../core/policy.js';
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

/** POST /api/v1/tickets/:id/freeze/link: e-mails the customer a one-time freeze link. */
export async function sendFreezeLink(
  deps: Pick<Deps, 'store' | 'clock' | 'secrets' | 'jobsNudge' | 'senders' | 'chain' | 'processors'>,
  principal: Principal,
  ticketRef: string,
  baseUrl: string,
): Promise<{ to: string; expiresAt: string }> {
  const ticket = await loadVisibleTicket(deps.store, principal, ticketRef);
  const settings = await loadFreezeSettings(deps.store, ticket.brandId);
  if (!settings.custodial || !settings.accountWebhookUrl) throw conflict('This brand cannot freeze accounts (not custodial, or no account webhook).', { reason: settings.custodial ? 'no_webhook' : 'not_custodial' });
  if (!deps.senders?.email?.notify) throw new AppError('unavailable', 'This desk cannot send e-mail (no SMTP relay is set): the link cannot reach the customer.');
  const customer = await deps.store.customers.get(ticket.requesterId);
  const to = customer?.emails[0];
  if (!to) throw conflict('The customer has no e-mail address on record: the link goes only to the address already on the account.', { reason: 'no_email' });
  const token = randomBytes(32).toString('base64url');
  const at = deps.clock.now().toISOString();
  const expiresAt = new Date(deps.clock.now().getTime() + FREEZE_LINK_TTL_MS).toISOString();
  const tokenHash = hashToken(token);
  const queued = await deps.store.transaction(async (tx) => {
    await tx.freezes.insertLink({ tokenHash, brandId: ticket.brandId, ticketId: ticket.id, customerId: ticket.requesterId, createdAt: at, expiresAt, usedAt: null, tokenSealed: deps.secrets.seal(token) });
    return recordEvents(tx, [historyEvent({ type: 'freeze.link_sent', actor: actorOf(principal), at, subjectType: 'ticket', subjectId: ticket.id, data: { token_hash: tokenHash, base_url: baseUrl, to } })], deps);
  });
  if (queued > 0) deps.jobsNudge?.();
  return { to, expiresAt };
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
