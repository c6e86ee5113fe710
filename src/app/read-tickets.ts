/** Read-side use cases for tickets: one ticket with its conversation, lists, and the history. */
import { visibleBrands, type Principal } from '../core/policy.js';
import type { DeskEvent } from '../core/event.js';
import type { Message } from '../core/message.js';
import type { Agent, Customer } from '../core/people.js';
import type { Ticket } from '../core/ticket.js';
import type { Attachment, Deps, TicketFilter, TicketSort, UnsolvedCount } from './ports.js';
import { loadVisibleTicket } from './ticket-access.js';
import type { StoredClock } from './sla-ports.js';

export interface TicketView {
  ticket: Ticket;
  requester: Customer | null;
  messages: Message[];
  attachments: Attachment[];
  /** Agents named in the conversation, for author names. */
  agents: Map<string, Agent>;
  /** The ticket's SLA clocks (empty when no policy applies). */
  slaClocks: StoredClock[];
}

export async function getTicket(deps: Pick<Deps, 'store'>, principal: Principal, ref: string): Promise<TicketView> {
  const { store } = deps;
  const ticket = await loadVisibleTicket(store, principal, ref);
  const messages = await store.messages.listForTicket(ticket.id);
  const [requester, attachments] = await Promise.all([
    store.customers.get(ticket.requesterId),
    store.attachments.listForMessages(messages.map((m) => m.id)),
  ]);
  const agentIds = [...new Set(messages.filter((m) => m.authorType === 'agent' && m.authorId).map((m) => m.authorId!))];
  const agents = new Map<string, Agent>();
  for (const id of agentIds) {
    const agent = await store.agents.get(id);
    if (agent) agents.set(id, agent);
  }
  return { ticket, requester, messages, attachments, agents, slaClocks: await store.sla.clocksFor(ticket.id) };
}

export interface TicketList {
  tickets: Ticket[];
  requesters: Map<string, Customer>;
  /** Each listed ticket's next SLA deadline (absent: none). */
  slaDue: Map<string, string>;
  nextCursor: string | null;
}

export async function listTickets(
  deps: Pick<Deps, 'store'>,
  principal: Principal,
  filter: Omit<TicketFilter, 'visibleBrandIds'>,
  page: { cursor?: string | null; limit: number; sort?: TicketSort },
): Promise<TicketList> {
  const { tickets, nextCursor } = await deps.store.tickets.list({ ...filter, visibleBrandIds: visibleBrands(principal) }, page);
  const [requesters, slaDue] = await Promise.all([deps.store.customers.getMany(tickets.map((t) => t.requesterId)), deps.store.sla.nextDue(tickets.map((t) => t.id))]);
  return { tickets, requesters, slaDue, nextCursor };
}

export async function countTickets(deps: Pick<Deps, 'store'>, principal: Principal, filter: Omit<TicketFilter, 'visibleBrandIds'>): Promise<number> {
  return deps.store.tickets.count({ ...filter, visibleBrandIds: visibleBrands(principal) });
}

/**
 * The unsolved tickets this principal may see, in groups (brand, assignee, urgent-or-security, waiting chat):
 * the view counts are sums over these few groups, maintained by the store, never a count of the tickets.
 */
export async function unsolvedCounts(deps: Pick<Deps, 'store'>, principal: Principal): Promise<UnsolvedCount[]> {
  return deps.store.tickets.unsolvedCounts(visibleBrands(principal));
}

export async function listTicketEvents(
  deps: Pick<Deps, 'store'>,
  principal: Principal,
  ref: string,
  page: { after?: string | null; limit: number },
): Promise<{ ticket: Ticket; events: DeskEvent[] }> {
  const ticket = await loadVisibleTicket(deps.store, principal, ref);
  return { ticket, events: await deps.store.events.listForTicket(ticket.id, page) };
}
