/**
 * The help center's public API (/api/v1/help/*, /api/v1/portal/*): the request form, the private status page and
 * the official contact page. web/portal reads these types; channels/help-center/routes.ts validates with them.
 */
import { Type } from '@sinclair/typebox';
import { HELP_KINDS } from '../core/help-kinds.js';
import { Id, LanguageT, literals, Nullable } from './common.js';
import { Details } from './tickets.js';

export const HelpKindT = literals(HELP_KINDS);
/** A random key the browser keeps per request, so a resent form or answer is stored once. */
export const ClientKey = Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' });

/** GET /help/brands */
export const HelpBrandJson = Type.Object({ slug: Type.String(), name: Type.String(), default_language: LanguageT });
export const HelpBrandList = Type.Object({ brands: Type.Array(HelpBrandJson) });

/** GET /help/form */
export const HelpFormJson = Type.Object({ kinds: Type.Array(Type.Object({ id: Type.String(), fields: Type.Array(Type.String()) })) });

/** GET /help/contact */
export const HelpContactQuery = Type.Object({ brand: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false });
export const HelpContactJson = Type.Object({
  brand: Type.Object({ name: Type.String(), slug: Type.String() }),
  emails: Type.Array(Type.String()),
  phones: Type.Array(Type.String()),
  channels: Type.Array(Type.Object({ kind: Type.String(), value: Type.String(), label: Nullable(Type.String()) })),
});

/** POST /help/requests */
export const HelpRequestBody = Type.Object(
  {
    brand: Type.Optional(Type.String({ maxLength: 40 })),
    kind: HelpKindT,
    email: Type.String({ maxLength: 254 }),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.String({ minLength: 1, maxLength: 20_000 }),
    language: LanguageT,
    details: Type.Optional(Details),
    client_key: Type.Optional(ClientKey),
  },
  { additionalProperties: false },
);
export const HelpRequestCreated = Type.Object({ number: Type.Integer(), status_path: Type.String(), expires_at: Type.String() });

/** A file on the status page. */
export const PortalFile = Type.Object({ id: Type.String(), filename: Type.String(), content_type: Type.String(), size: Type.Integer() });

export const PortalMessageJson = Type.Object({
  id: Type.String(),
  body: Type.String(),
  from: literals(['you', 'support', 'system'] as const),
  author_name: Nullable(Type.String()),
  attachments: Type.Array(PortalFile),
  created_at: Type.String(),
});

/** GET /portal/request: what a status link opens. */
export const PortalRequestJson = Type.Object({
  number: Type.Integer(),
  subject: Type.String(),
  status: Type.String(),
  created_at: Type.String(),
  updated_at: Type.String(),
  expires_at: Type.String(),
  brand: Type.Object({ name: Type.String(), slug: Type.String() }),
  details: Details,
  messages: Type.Array(PortalMessageJson),
});
export const PortalRequestQuery = Type.Object({ lang: Type.Optional(LanguageT) }, { additionalProperties: false });

/** POST /portal/request/messages: the customer's answer. */
export const PortalAnswerBody = Type.Object(
  { body: Type.String({ maxLength: 20_000 }), attachment_ids: Type.Optional(Type.Array(Id, { maxItems: 10 })), client_key: Type.Optional(ClientKey) },
  { additionalProperties: false },
);
export const PortalAnswerCreated = Type.Object({ message_id: Type.String(), follow_up_path: Nullable(Type.String()) });
