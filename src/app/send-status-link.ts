/**
 * E-mails the customer a new private status link for a ticket (issue 19): the way to reach a customer whose
 * channel cannot carry a reply (a phone ticket, a chat whose visitor is gone). The page shows every public reply
 * and takes answers. The token goes only into the queued notice, never into the response or the history.
 */
import { invalid } from '../core/errors.js';
import { actorOf, type Principal } from '../core/policy.js';
import { issuePortalLink } from '../channels/help-center/portal-links.js';
import { historyEvent } from './history.js';
import { queueCustomerNotice } from './notify-customer.js';
import type { Deps } from './ports.js';
import { loadVisibleTicket } from './ticket-access.js';

export async function sendStatusLink(
  deps: Pick<Deps, 'store' | 'clock' | 'senders' | 'jobsNudge'>,
  principal: Principal,
  ticketRef: string,
  publicUrl: string,
): Promise<{ to: string }> {
  if (!deps.senders?.email?.notify) throw invalid('This desk sends no e-mail (SMTP_URL is not set), so a status link cannot be sent.', { field: 'channel' });
  const result = await deps.store.transaction(async (tx) => {
    const ticket = await loadVisibleTicket(tx, principal, ticketRef);
    const requester = await tx.customers.get(ticket.requesterId);
    const to = requester?.emails[0];
    if (!to) throw invalid('The customer has no e-mail address to send a status link to.', { field: 'email' });
    const at = deps.clock.now().toISOString();
    const link = await issuePortalLink(deps, ticket.id, { tx });
    await queueCustomerNotice(tx, { kind: 'status_link', ticketId: ticket.id, url: `${publicUrl.replace(/\/+$/, '')}${link.path}`, to, key: link.linkId }, at);
    await tx.events.append([
      historyEvent({ type: 'customer.notified', actor: actorOf(principal), at, subjectType: 'ticket', subjectId: ticket.id, data: { kind: 'status_link', channel: 'email', queued: true } }),
    ]);
    return { to };
  });
  deps.jobsNudge?.();
  return result;
}
