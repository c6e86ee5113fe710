/**
 * Whether an agent's public reply reaches the customer on the ticket's own channel, and which other ways can
 * (issue 19). The console's composer says so before the agent writes, and offers the others: the reply by e-mail
 * when an address is known, the private status link by e-mail, a phone callback on a phone ticket.
 */
import type { Customer } from '../core/people.js';
import type { Ticket } from '../core/ticket.js';
import type { Deps, Repos } from './ports.js';

/** Why replies on the ticket's channel reach nobody. */
export type UnreachableReason = 'phone' | 'no_sender' | 'chat_gone';

export interface ReplyReach {
  /** True when a public reply on the ticket's channel reaches the customer. */
  onChannel: boolean;
  reason: UnreachableReason | null;
  /** The reply can go by e-mail instead (an address is known and the desk sends mail). */
  email: boolean;
  /** A private status link can be e-mailed (same conditions; the page shows every public reply). */
  statusLink: boolean;
  /** A phone callback can be asked for (a phone ticket with the caller's number). */
  callback: boolean;
}

/** What the ticket's channel and the desk's senders allow for this requester. */
export async function replyReach(deps: Pick<Deps, 'senders'>, repos: Pick<Repos, 'chatSessions'>, ticket: Ticket, requester: Customer | null): Promise<ReplyReach> {
  const mails = deps.senders?.email !== undefined;
  const hasEmail = (requester?.emails.length ?? 0) > 0;
  let reason: UnreachableReason | null = null;
  switch (ticket.channel) {
    case 'phone':
      reason = 'phone';
      break;
    case 'web':
    case 'api':
      // The status page (web) and the API (integrators read replies there) show every public reply.
      break;
    case 'chat':
      if (!deps.senders?.chat) reason = 'no_sender';
      else if (!(await repos.chatSessions.findByTicket(ticket.id))) reason = 'chat_gone';
      break;
    default:
      if (!deps.senders?.[ticket.channel]) reason = 'no_sender';
  }
  return {
    onChannel: reason === null,
    reason,
    email: mails && hasEmail && ticket.channel !== 'email',
    statusLink: mails && hasEmail && deps.senders?.email?.notify !== undefined,
    callback: ticket.channel === 'phone' && (requester?.phones.length ?? 0) > 0,
  };
}
