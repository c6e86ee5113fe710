import { invalid, notFound } from '../core/errors.js';
import { isUuid } from '../core/ids.js';
import { assertCanSeeTicket, type Principal } from '../core/policy.js';
import type { Ticket } from '../core/ticket.js';
import type { Repos } from './ports.js';

/**
 * Loads a ticket by id (UUID) or number (#1234, "1234") and checks the caller may see it. Tickets of other
 * brands answer not_found, exactly like tickets that do not exist.
 */
export async function loadVisibleTicket(repos: Repos, principal: Principal, ref: string): Promise<Ticket> {
  const trimmed = ref.trim().replace(/^#/, '');
  let ticket: Ticket | null;
  if (isUuid(trimmed)) ticket = await repos.tickets.get(trimmed.toLowerCase());
  else if (/^\d{1,15}$/.test(trimmed)) ticket = await repos.tickets.getByNumber(Number(trimmed));
  else throw invalid('A ticket is named by its id or its number, e.g. 1234.', { field: 'id' });
  if (!ticket) throw notFound('Ticket');
  assertCanSeeTicket(principal, ticket);
  return ticket;
}
