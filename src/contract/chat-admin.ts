/** The desk's side of live chat: each brand's chat settings and secret (admins), and a chat's visitor. */
import { Type } from '@sinclair/typebox';
import { Nullable } from './common.js';

/** GET/PATCH /brands/:id/chat-settings */
export const ChatSettingsJson = Type.Object({
  enabled: Type.Boolean(),
  enforce_identity: Type.Boolean(),
  allowed_origins: Type.Array(Type.String()),
  reply_within_hours: Type.Integer(),
  secret_set: Type.Boolean(),
  snippet: Type.String(),
});

export const ChatSettingsPatch = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    enforce_identity: Type.Optional(Type.Boolean()),
    allowed_origins: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })),
    reply_within_hours: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

/** POST /brands/:id/chat-secret: the new secret, shown only in this answer. */
export const ChatSecret = Type.Object({ secret: Type.String() });

/** GET /tickets/:id/chat: what the chat channel knows about the visitor of a chat ticket. */
export const ChatFactsJson = Type.Object({
  verified: Type.Boolean(),
  user_id: Nullable(Type.String()),
  /** A user id the visitor sent without a valid proof: shown, never trusted. */
  claimed_user_id: Nullable(Type.String()),
  email: Nullable(Type.String()),
  name: Nullable(Type.String()),
  kind: Nullable(Type.String()),
  language: Nullable(Type.String()),
  online: Type.Boolean(),
  visitor_read_up_to: Nullable(Type.String()),
  agent_read_up_to: Nullable(Type.String()),
});
