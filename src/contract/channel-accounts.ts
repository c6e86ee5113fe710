/** /api/v1/channel-accounts: a brand's mailboxes, phone numbers and bots (admins); secrets are write-only. */
import { Type } from '@sinclair/typebox';
import { Id, Time } from './common.js';

const Settings = Type.Record(Type.String(), Type.Unknown());
const Secrets = Type.Record(Type.String({ maxLength: 64 }), Type.Union([Type.String({ maxLength: 4000 }), Type.Null()]));
export const ChannelKind = Type.String({ minLength: 1, maxLength: 40 });
const Name = Type.String({ minLength: 1, maxLength: 100 });

export const ChannelAccountJson = Type.Object({
  id: Id,
  brand_id: Id,
  kind: Type.String(),
  name: Type.String(),
  settings: Settings,
  secrets_set: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  created_at: Time,
  updated_at: Time,
});

export const ChannelAccountKindJson = Type.Object({ kind: Type.String(), settings_schema: Type.Unknown(), secret_fields: Type.Array(Type.String()), required_secrets: Type.Array(Type.String()) });

export const ChannelAccountCreate = Type.Object(
  { brand_id: Id, kind: ChannelKind, name: Name, settings: Settings, secrets: Type.Optional(Secrets), enabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const ChannelAccountPatch = Type.Object(
  { name: Type.Optional(Name), settings: Type.Optional(Settings), secrets: Type.Optional(Secrets), enabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
