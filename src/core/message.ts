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
  createdAt: string;
}

export const MAX_MESSAGE_CHARS = 100_000;
