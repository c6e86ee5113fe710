/** Messages on a ticket: replies, internal notes, their attachments, link checks and delivery. */
import { Type, type Static } from '@sinclair/typebox';
import { Bilingual, ChannelT, Id, Nullable, Status, Verdict, literals } from './common.js';
import { TicketJson } from './tickets.js';

export const AttachmentJson = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  content_type: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
});

/** A link, number, e-mail or account in a customer's message, checked against the official channels. */
export const ChannelCheck = Type.Object({
  value: Type.String(),
  start: Type.Integer(),
  end: Type.Integer(),
  verdict: Verdict,
  brand_id: Nullable(Type.String()),
  reason: Bilingual,
});

/** `status_page`: a help-center reply nothing e-mailed (it waits on the status page); `no_channel`: nothing carried it. */
export const DeliveryStatus = literals(['queued', 'sent', 'retrying', 'failed', 'status_page', 'no_channel'] as const);

/** Whether a public reply on the ticket's channel reaches the customer, and the other ways that can (GET /tickets/:id). */
export const ReplyReachJson = Type.Object({
  on_channel: Type.Boolean(),
  reason: Nullable(literals(['phone', 'no_sender', 'chat_gone'] as const)),
  email: Type.Boolean(),
  status_link: Type.Boolean(),
  callback: Type.Boolean(),
});

export const MessageJson = Type.Object({
  id: Type.String(),
  body: Type.String(),
  body_html: Nullable(Type.String()),
  public: Type.Boolean(),
  channel: ChannelT,
  author: Type.Object({ type: literals(['customer', 'agent', 'system'] as const), id: Nullable(Type.String()), name: Nullable(Type.String()) }),
  attachments: Type.Array(AttachmentJson),
  /** Links, numbers, e-mails and accounts in a customer's message, checked against the official channels. */
  channel_checks: Type.Array(ChannelCheck),
  delivery: Nullable(
    Type.Object({
      status: DeliveryStatus,
      attempts: Type.Integer(),
      error: Nullable(Type.String()),
      at: Type.String(),
    }),
  ),
  created_at: Type.String(),
});

/** GET /tickets/:id */
export const TicketWithMessages = Type.Intersect([TicketJson, Type.Object({ messages: Type.Array(MessageJson), reply_reach: Type.Optional(ReplyReachJson) })]);

/** POST /tickets/:id/status-link: where the link went (the token itself only in the mail). */
export const StatusLinkSent = Type.Object({ to: Type.String() });

/** POST /tickets/:id/messages */
export const MessageBody = Type.Object(
  {
    body: Type.String({ maxLength: 100_000 }),
    public: Type.Optional(Type.Boolean()),
    status: Type.Optional(Status),
    attachment_ids: Type.Optional(Type.Array(Id, { maxItems: 20 })),
    /** Send this public reply by e-mail instead of the ticket's channel (see reply_reach). */
    via: Type.Optional(literals(['email'] as const)),
  },
  { additionalProperties: false },
);

export type MessageJsonT = Static<typeof MessageJson>;
