/**
 * What live chat needs from the store: visitor sessions (store/repos/chat-repo.ts) and agents' console
 * presence. A session is what a widget or an app holds between reloads: its token's hash, the customer, the
 * conversation's ticket, and whether the app user's identity was proven.
 */
import type { TicketDetails } from '../../core/ticket.js';

export interface ChatSessionRecord {
  id: string;
  /** SHA-256 hex of the resume token; the token itself is never stored. */
  tokenHash: string;
  brandId: string;
  customerId: string;
  /** The conversation's ticket; null until the first message. */
  ticketId: string | null;
  /** The app user id the provider's backend proved; null for an unverified visitor. */
  userId: string | null;
  /** A user id named without a valid proof: shown to agents as claimed, never matched to a customer. */
  claimedUserId: string | null;
  email: string | null;
  name: string | null;
  /** The kind of problem chosen in the pre-chat step. */
  kind: string | null;
  language: string | null;
  /** Device, OS and app version from the pre-chat step. */
  details: TicketDetails;
  visitorReadUpTo: string | null;
  agentReadUpTo: string | null;
  createdAt: string;
  lastSeenAt: string;
}

export type ChatSessionPatch = Partial<
  Pick<ChatSessionRecord, 'ticketId' | 'claimedUserId' | 'email' | 'name' | 'kind' | 'language' | 'details' | 'visitorReadUpTo' | 'agentReadUpTo' | 'lastSeenAt'>
>;

export interface ChatSessionRepo {
  insert(session: ChatSessionRecord): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<ChatSessionRecord | null>;
  get(id: string): Promise<ChatSessionRecord | null>;
  /** The session holding a ticket's conversation (the latest, if a ticket was merged into another). */
  findByTicket(ticketId: string): Promise<ChatSessionRecord | null>;
  update(id: string, patch: ChatSessionPatch): Promise<void>;
}

export interface PresenceRepo {
  /** Records that an agent's console is open now. */
  touch(agentId: string, at: string): Promise<void>;
  /** Marks an agent gone (their last console closed). */
  clear(agentId: string): Promise<void>;
  /** Agents whose console was seen at or after `since`. */
  seenSince(since: string): Promise<string[]>;
}
