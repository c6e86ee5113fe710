import type { Channel } from './ticket.js';

export const AUTHOR_TYPES = ['customer', 'agent', 'system'] as const;
export type AuthorType = (typeof AUTHOR_TYPES)[number];

/** One entry of a ticket's conversation: a public reply or an internal note. */
export interface Message {
  id: string;
  ticketId: string;
  authorType: AuthorType;
  /** Customer or agent id; null for system messages. */
  authorId: string | null;
  public: boolean;
  /** Plain text, already through the shield. */
  body: string;
  /** Sanitised HTML when the channel delivered HTML (e-mail); never raw HTML. */
  bodyHtml: string | null;
  channel: Channel;
  /** The channel's own id for this message (e-mail Message-ID, call sid, chat client id): the de-duplication key. */
  sourceId: string | null;
  /** Channel metadata worth keeping (headers, call data); never secrets. */
  meta: Record<string, unknown>;
  /** How an outbound reply is getting to the customer; null for inbound messages and internal notes. */
  delivery: Delivery | null;
  createdAt: string;
}

/** The state of an agent reply on its way out through the ticket's channel. */
export interface Delivery {
  status: 'queued' | 'sent' | 'retrying' | 'failed';
  attempts: number;
  /** Why the last attempt failed, for the agent (never secrets). */
  error: string | null;
  /** The channel's id for the sent message (e-mail Message-ID, SMS sid). */
  externalId: string | null;
  at: string;
}

export const MAX_MESSAGE_CHARS = 100_000;
