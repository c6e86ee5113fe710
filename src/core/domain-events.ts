/**
 * The domain events: the typed subset of the history that processors (app/processors/) react to. Each is a
 * history entry (`DeskEvent`) whose `data` has a known shape, written in the same transaction as the change it
 * records, so an event exists exactly when its change committed. Payload fields are snake_case, as stored.
 */
import type { DeskEvent } from './event.js';
import type { Category, Channel, Priority, TicketStatus } from './ticket.js';

/** Field changes as [before, after]: the `changes` of a ticket.assigned / ticket.updated event. */
export type Change<T> = [T, T];

/** The payload (`data`) of each domain event. */
export interface DomainEventPayloads {
  /** A ticket was opened (by a customer's message, the API, a follow-up of a closed one). */
  'ticket.created': {
    number: number;
    channel: Channel;
    priority: Priority;
    category: Category;
    follow_up_of?: string;
    /** How many transaction ids the customer named (the chain note looks them up). */
    txids?: number;
  };
  /** A message was stored on a ticket: a customer's, an agent's reply or note, or the desk's automatic reply. */
  'message.added': {
    message_id: string;
    public: boolean;
    author_type: 'customer' | 'agent' | 'system';
    channel?: Channel;
    /** The kind of an automatic reply (secret_exposed, missing_details, channel_check, chain_note). */
    kind?: string;
    /** A customer's message on an assigned ticket (not the one that opened it): the assignee, for the bell. */
    assignee_id?: string;
    /** How many links, numbers or accounts a customer's message names (the channel-answer processor checks them). */
    channel_refs?: number;
  };
  /** A public reply reached its channel. */
  'message.delivered': { message_id: string; channel: Channel; attempts: number };
  /** A public reply could not be sent after the last attempt. */
  'message.delivery_failed': { message_id: string; channel: Channel; attempts: number; error: string };
  /** A customer's message reopened a pending or solved ticket. */
  'ticket.reopened': { reason: string };
  /** The ticket's assignee or team changed (`changes` holds assigneeId / teamId). */
  'ticket.assigned': Record<string, never>;
  /** Status, priority, category, tags or subject changed (`changes` holds them). */
  'ticket.updated': Record<string, never>;
  /** Routing set the team or agent of a new ticket. */
  'ticket.routed': { reasons: string[] };
  /** Raised to an urgent security incident. */
  'ticket.escalated': { reasons: string[] };
  /** This ticket was merged into another. */
  'ticket.merged': { target_id: string; target_number: number; moved_messages: number };
  /** A customer's profile changed (`changes` holds the fields). */
  'customer.updated': Record<string, unknown>;
  /** A customer's account was frozen (core/freeze.ts); `webhook`: the brand is custodial with a webhook set. */
  'account.frozen': { freeze_id: string; account_ref: string; reason: string; source: string; webhook: boolean; notice_message_id?: string };
  /** A second agent approved an unfreeze; the account works again at `effective_at` (after any cooling-off). */
  'account.unfrozen': { freeze_id: string; account_ref: string; effective_at: string; webhook: boolean; notice_message_id?: string };
  /** A one-time "freeze my account now" link was made for the customer (its token is sealed in freeze_link). */
  'freeze.link_sent': { token_hash: string; base_url: string; to: string; via?: 'email' | 'sms' };
  /** An SLA clock started or resumed (issue 16; `due_at` null when it starts paused). */
  'sla.activated': SlaClockPayload;
  /** An SLA clock stopped counting (a pausing status); `due_at` is the deadline it had. */
  'sla.paused': SlaClockPayload;
  /** An SLA clock's target was met (the reply, or solving); `due_at` is its deadline. */
  'sla.fulfilled': SlaClockPayload;
  /** An SLA deadline passed unmet; `due_at` is that deadline. */
  'sla.breached': SlaClockPayload;
  /** An SLA deadline is near (the policy's warning time before it). */
  'sla.warning': SlaClockPayload;
}

/** The payload of every sla.* event. */
export type SlaClockPayload = {
  metric: 'first_reply' | 'next_reply' | 'resolution';
  due_at: string | null;
  policy_id: string;
};

export type DomainEventType = keyof DomainEventPayloads;

/** One domain event: a history entry of that type with its typed payload. */
export type DomainEvent<T extends DomainEventType = DomainEventType> = T extends DomainEventType
  ? Omit<DeskEvent, 'type' | 'data'> & { type: T; data: DomainEventPayloads[T] }
  : never;

/** The field changes of a ticket event, typed for the fields processors read. */
export interface TicketChanges {
  status?: Change<TicketStatus>;
  priority?: Change<Priority>;
  category?: Change<Category>;
  assigneeId?: Change<string | null>;
  teamId?: Change<string | null>;
}

const DOMAIN_TYPES: ReadonlySet<string> = new Set<DomainEventType>([
  'ticket.created',
  'message.added',
  'message.delivered',
  'message.delivery_failed',
  'ticket.reopened',
  'ticket.assigned',
  'ticket.updated',
  'ticket.routed',
  'ticket.escalated',
  'ticket.merged',
  'customer.updated',
  'account.frozen',
  'account.unfrozen',
  'freeze.link_sent',
  'sla.activated',
  'sla.paused',
  'sla.fulfilled',
  'sla.breached',
  'sla.warning',
]);

/** True for history entries that are domain events (processors may handle them). */
export function isDomainEvent(event: DeskEvent): event is DeskEvent & DomainEvent {
  return DOMAIN_TYPES.has(event.type);
}
