/**
 * Live chat as visitors see it (the widget, apps): the messages, the `welcome` frame (also the HTTP fallback's
 * session answer) and the long-poll answer, on the WebSocket and the HTTP fallback alike (docs/chat.md).
 * channels/chat/presenters.ts is typed by these; web/widget reads them.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { literals, Nullable } from './common.js';

export const ChatAttachmentJson = Type.Object({ id: Type.String(), filename: Type.String(), content_type: Type.String(), size: Type.Integer() });

/** A public message of the conversation. */
export const ChatMessageJson = Type.Object({
  id: Type.String(),
  /** The visitor's own id of a message they sent (its ack and resend key); null for others. */
  client_id: Nullable(Type.String()),
  from: literals(['you', 'agent', 'system'] as const),
  author_name: Nullable(Type.String()),
  body: Type.String(),
  attachments: Type.Array(ChatAttachmentJson),
  created_at: Type.String(),
});

export const ChatConversationJson = Type.Object({
  ticket_number: Type.Integer(),
  status: Type.String(),
  messages: Type.Array(ChatMessageJson),
  agent_read_up_to: Nullable(Type.String()),
});

/** The `welcome` frame's fields, and POST /chat/v1/session's answer. */
export const ChatWelcomeJson = Type.Object({
  session: Type.String(),
  visitor: Type.Object({
    verified: Type.Boolean(),
    user_id: Nullable(Type.String()),
    name: Nullable(Type.String()),
    email: Nullable(Type.String()),
    language: Nullable(Type.String()),
    kind: Nullable(Type.String()),
  }),
  brand: Type.Object({ id: Type.String(), name: Type.String(), default_language: Type.String() }),
  conversation: Nullable(ChatConversationJson),
  agents_online: Type.Boolean(),
  reply_within_hours: Type.Integer(),
  needs_prechat: Type.Boolean(),
  limits: Type.Object({ max_chars: Type.Integer(), max_attachment_bytes: Type.Integer() }),
});

/** GET /chat/v1/messages (long poll). */
export const ChatPollJson = Type.Object({
  messages: Type.Array(ChatMessageJson),
  status: Nullable(Type.String()),
  agent_read_up_to: Nullable(Type.String()),
  agent_typing: Type.Boolean(),
});

const Identity = Type.Optional(Type.Unknown());
const S = (max: number, min = 0) => Type.String({ maxLength: max, minLength: min });
const frame = <K extends string, T extends Record<string, TSchema>>(type: K, fields: T) =>
  Type.Object({ type: Type.Literal(type), identity: Identity, ...fields }, { additionalProperties: false });

/**
 * The frames a visitor's client sends on the chat socket (docs/chat.md), each may carry `identity` (a proof).
 * Checked by channels/chat/protocol.ts; sizes only catch absurd input (the use cases clip and explain).
 */
export const ChatClientFrames = {
  hello: frame('hello', { brand: S(64, 1), session: Type.Optional(S(100)), language: Type.Optional(S(10)) }),
  prechat: frame('prechat', {
    kind: S(20, 1),
    language: S(10, 1),
    email: Type.Optional(S(1000)),
    name: Type.Optional(S(1000)),
    device: Type.Optional(S(1000)),
    os: Type.Optional(S(1000)),
    app_version: Type.Optional(S(1000)),
  }),
  // Text fields are clipped or refused with an error frame by the use case; only absurd sizes are malformed.
  // The body's length is checked after parsing, to answer an over-long message with a clear error, not a close.
  message: frame('message', { client_id: S(64, 1), body: Type.String(), attachment_ids: Type.Optional(Type.Array(S(64), { maxItems: 50 })) }),
  typing: frame('typing', { on: Type.Boolean() }),
  read: frame('read', { up_to: S(40, 1) }),
  ping: frame('ping', {}),
};
