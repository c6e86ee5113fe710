/**
 * The console's live notices for what changed on a ticket: a new ticket, a message (the customer's, an agent's,
 * the desk's automatic reply), a reopen, an assignment or routing, an update, an escalation, a merge. Runs right
 * after the commit (stage after_commit): a notice is a hint to refetch, lost without harm (consoles catch up on
 * their next fetch), so it costs no job. Notices carry the ticket, its number and status, and for a message its
 * id, author type and visibility: never a body. Chat visitors' sockets hear the same notices on the ticket's topic.
 */
import type { DomainEvent, DomainEventType } from '../../core/domain-events.js';
import type { Ticket } from '../../core/ticket.js';
import { announce } from '../live.js';
import type { LiveNotice, ProcessorDeps } from '../ports.js';
import type { Processor } from './processor.js';

type Announced = Exclude<DomainEventType, 'message.delivered' | 'message.delivery_failed' | 'customer.updated'>;

const HANDLES: readonly Announced[] = [
  'ticket.created',
  'message.added',
  'ticket.reopened',
  'ticket.assigned',
  'ticket.updated',
  'ticket.routed',
  'ticket.escalated',
  'ticket.merged',
];

/** The notice for one event on a ticket as it is after the commit. */
export function noticeFor(event: DomainEvent<Announced>, ticket: Ticket): LiveNotice {
  const base = { brandId: ticket.brandId, ticketId: ticket.id };
  switch (event.type) {
    case 'ticket.created':
      return { type: 'ticket.created', ...base, data: { number: ticket.number, status: ticket.status, priority: ticket.priority } };
    case 'message.added':
      return {
        type: 'message.added',
        ...base,
        data: { number: ticket.number, status: ticket.status, public: event.data.public, message_id: event.data.message_id, author_type: event.data.author_type },
      };
    default:
      // Every other change reads as "this ticket changed": the console refetches it, a chat shows its status.
      return { type: 'ticket.updated', ...base, data: { number: ticket.number, status: ticket.status, event: event.type } };
  }
}

async function announceAll(deps: ProcessorDeps, events: ReadonlyArray<DomainEvent<Announced>>): Promise<void> {
  const tickets = new Map<string, Ticket | null>();
  const notices: LiveNotice[] = [];
  for (const event of events) {
    if (!event.ticketId) continue;
    // One read per ticket per commit (an ingestion records three to five events on one ticket), none when the
    // use case handed over the ticket it committed.
    if (!tickets.has(event.ticketId)) tickets.set(event.ticketId, deps.committedTickets?.get(event.ticketId) ?? (await deps.store.tickets.get(event.ticketId)));
    const ticket = tickets.get(event.ticketId);
    if (ticket) notices.push(noticeFor(event, ticket));
  }
  await announce(deps, notices);
}

export const liveAnnounce: Processor<Announced> = {
  name: 'live-announce',
  version: 1,
  stage: 'after_commit',
  handles: HANDLES,
  run: (deps, event) => announceAll(deps, [event]),
  runAll: announceAll,
};
