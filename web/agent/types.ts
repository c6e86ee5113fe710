/**
 * The API's JSON shapes the console reads, derived from the server's contract (src/contract): a field the
 * server renames or retypes breaks `npm run build:web`, not the console at run time. Type-only imports: none of
 * the server's code ships in the bundle; the lists of statuses and the like come from core/ (pure constants).
 */
import type { Static } from '@sinclair/typebox';
import type {
  AgentJson,
  AttachmentJson,
  ChannelsDoc as ChannelsDocSchema,
  TicketPage as TicketPageSchema,
  TicketWithMessages,
  TokenJson,
  ViewCounts,
  BrandJson,
  CallbackJson,
  CallJson,
  ChatFactsJson,
  ChatSettingsJson,
  CustomerJson,
  Details as DetailsSchema,
  EventJson,
  LiveNoticeJson,
  Me as MeSchema,
  MessageJson,
  QueuedCallJson,
  TeamJson,
  TicketChain,
  TicketJson,
} from '../../src/contract/index.js';

export type Agent = Static<typeof AgentJson>;
export type Me = Static<typeof MeSchema>;
export type Details = Static<typeof DetailsSchema>;
export type Ticket = Static<typeof TicketJson>;
export type Message = Static<typeof MessageJson>;
/** GET /api/v1/tickets/:id: the ticket with its whole conversation. */
export type TicketView = Static<typeof TicketWithMessages>;
/** One page of the ticket list (GET /api/v1/tickets, /api/v1/views/:view/tickets). */
export type TicketPage = Static<typeof TicketPageSchema>;
/** GET /api/v1/views: counts per view and brand, and chats nobody has taken. */
export type Counts = Static<typeof ViewCounts>;
/** POST /api/v1/attachments: a file uploaded for a message; its id goes in the message's attachment_ids. */
export type UploadedFile = Static<typeof AttachmentJson>;
export type Token = Static<typeof TokenJson>;
/** GET/PUT /api/v1/brands/:id/channels */
export type ChannelsDoc = Static<typeof ChannelsDocSchema>;
/** GET /api/v1/tickets/:id/chain */
export type ChainStatus = Static<typeof TicketChain>;
export type DeskEvent = Static<typeof EventJson>;
export type Brand = Static<typeof BrandJson>;
export type Team = Static<typeof TeamJson>;
export type Customer = Static<typeof CustomerJson>;
/** A `notice` frame of the live socket. */
export type Notice = Static<typeof LiveNoticeJson>;
/** GET /api/v1/tickets/:id/chat: what the chat channel knows about the visitor of a chat ticket. */
export type ChatFacts = Static<typeof ChatFactsJson>;
/** GET/PATCH /api/v1/brands/:id/chat-settings */
export type ChatSettings = Static<typeof ChatSettingsJson>;
/** GET /api/v1/calls/:id (the call part), and each entry of the queue. */
export type Call = Static<typeof CallJson>;
/** GET /api/v1/calls/queue: a waiting caller, in the order agents should take them. */
export type QueuedCall = Static<typeof QueuedCallJson>;
/** GET /api/v1/calls/callbacks: a caller who asked to be called back at the number they called from. */
export type CallbackRequest = Static<typeof CallbackJson>;

export { TICKET_STATUSES as STATUSES, PRIORITIES, CATEGORIES, CHANNELS } from '../../src/core/ticket.js';
export { MENU_CHOICES } from '../../src/core/phone.js';

/** The kinds of problem the chat's pre-chat step offers (docs/chat.md); the console translates the known ones. */
export const CHAT_KINDS = ['stolen', 'transaction', 'technical', 'account', 'how_to', 'other'] as const;

/** The contract's schemas, for the typed client: `get<typeof contract.CallQueue>(path)` (types only). */
export type * as contract from '../../src/contract/index.js';
