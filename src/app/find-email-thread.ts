/**
 * Finds the ticket an incoming e-mail continues, in the order that keeps conversations whole:
 * 1. In-Reply-To / References naming a mail of the ticket (the desk's own signed Message-IDs, or a customer
 *    mail stored with that Message-ID), newest reference first; whoever sends it (a colleague in CC too);
 * 2. a signed reply address (help+t1234.sig@);
 * 3. a [#1234] subject token, but only from the ticket's requester or someone who already wrote on it,
 *    because ticket numbers are guessable and other desks use the same token shape.
 * Tickets of other brands never match. Returns null for a new conversation.
 */
import type { Message } from '../core/message.js';
import type { Deps } from './ports.js';

/**
 * The source id an e-mail is stored under in one brand. The first brand to receive a Message-ID stores it as
 * sent (every row stored before de-duplication became per brand has that form); another brand receiving the
 * same Message-ID stores it prefixed with its id, so `message(channel, source_id)` stays unique.
 */
export function brandScopedSourceId(brandId: string, messageId: string): string {
  return `brand:${brandId}:${messageId}`;
}

/**
 * The stored e-mail with this Message-ID in this brand, if any, and the source id a new one is stored under.
 * Mail of another brand never matches.
 */
export async function findEmailMessageInBrand(
  deps: Pick<Deps, 'store'>,
  brandId: string,
  messageId: string,
): Promise<{ message: Message | null; sourceId: string }> {
  const plain = await deps.store.messages.findBySource('email', messageId);
  if (!plain) return { message: null, sourceId: messageId };
  const ticket = await deps.store.tickets.get(plain.ticketId);
  if (!ticket || ticket.brandId === brandId) return { message: plain, sourceId: messageId };
  const scoped = brandScopedSourceId(brandId, messageId);
  return { message: await deps.store.messages.findBySource('email', scoped), sourceId: scoped };
}

export interface ThreadClues {
  brandId: string;
  /** Ticket ids the adapter read from its own signed Message-IDs, newest reference first. */
  ownTicketIds: readonly string[];
  /** Other Message-IDs (In-Reply-To first, then References newest first), with angle brackets. */
  messageIds: readonly string[];
  /** From a signed reply address, or null. */
  replyTokenNumber: number | null;
  /** [#1234] numbers in the subject. */
  subjectNumbers: readonly number[];
  /** The sender, lower-cased. */
  senderEmail: string;
}

export interface ThreadMatch {
  ticketId: string;
  via: 'message_id' | 'reply_token' | 'subject_token';
}

export async function findEmailThread(deps: Pick<Deps, 'store'>, clues: ThreadClues): Promise<ThreadMatch | null> {
  const { store } = deps;
  for (const ticketId of clues.ownTicketIds) {
    const ticket = await store.tickets.get(ticketId);
    if (ticket && ticket.brandId === clues.brandId) return { ticketId: ticket.id, via: 'message_id' };
  }
  for (const messageId of clues.messageIds.slice(0, 50)) {
    const { message } = await findEmailMessageInBrand(deps, clues.brandId, messageId);
    if (!message) continue;
    const ticket = await store.tickets.get(message.ticketId);
    if (ticket && ticket.brandId === clues.brandId) return { ticketId: ticket.id, via: 'message_id' };
  }
  if (clues.replyTokenNumber !== null) {
    const ticket = await store.tickets.getByNumber(clues.replyTokenNumber);
    if (ticket && ticket.brandId === clues.brandId) return { ticketId: ticket.id, via: 'reply_token' };
  }
  if (clues.subjectNumbers.length > 0) {
    const senderId = await store.customers.findByIdentity('email', clues.senderEmail);
    if (senderId) {
      for (const number of clues.subjectNumbers) {
        const ticket = await store.tickets.getByNumber(number);
        if (!ticket || ticket.brandId !== clues.brandId) continue;
        if (ticket.requesterId === senderId) return { ticketId: ticket.id, via: 'subject_token' };
        const messages = await store.messages.listForTicket(ticket.id);
        if (messages.some((m) => m.authorType === 'customer' && m.authorId === senderId)) return { ticketId: ticket.id, via: 'subject_token' };
      }
    }
  }
  return null;
}
