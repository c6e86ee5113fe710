/** The emergency freeze (issue 18): /api/v1/tickets/:id/freeze, /unfreeze, the playbook, and brands' freeze settings. */
import { Type } from '@sinclair/typebox';
import { FREEZE_SOURCES, FREEZE_STATES, MAX_COOLING_OFF_HOURS, MAX_MIN_HOLD_MINUTES, MIN_COOLING_OFF_HOURS } from '../core/freeze.js';
import { BrandJson } from './brands.js';
import { LanguageT, Nullable, literals } from './common.js';

/** POST /tickets/:id/freeze (exact: `{reason}`). */
export const FreezeBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });

export const FreezeJson = Type.Object({
  id: Type.String(),
  state: literals(FREEZE_STATES),
  source: literals(FREEZE_SOURCES),
  reason: Type.String(),
  account_ref: Type.String(),
  frozen_by: Type.Object({ type: Type.String(), id: Nullable(Type.String()) }),
  frozen_at: Type.String(),
  /** No unfreeze before this time. */
  hold_until: Type.String(),
  unfreeze_requested_by: Nullable(Type.String()),
  unfrozen_by: Nullable(Type.String()),
  unfrozen_at: Nullable(Type.String()),
  /** When the account works again (after any cooling-off). */
  effective_at: Nullable(Type.String()),
  webhook_attempts: Type.Number(),
  /** Where the provider's webhook stands (GET /tickets/:id/freeze): `failed` once the last attempt failed. */
  webhook: Type.Optional(
    Type.Object({
      state: literals(['not_needed', 'pending', 'delivered', 'retrying', 'failed'] as const),
      action: Nullable(literals(['freeze', 'unfreeze'] as const)),
      attempts: Type.Integer(),
      last_status: Nullable(Type.Integer()),
      last_error: Nullable(Type.String()),
      last_at: Nullable(Type.String()),
    }),
  ),
});

/** The 202 answer of freeze and unfreeze; `step` says whether an unfreeze was asked for or approved. */
export const FreezeAccepted = Type.Object({ freeze: FreezeJson, step: Type.Optional(literals(['freeze', 'request', 'approve'] as const)) });

/** A brand's freeze settings (the webhook secret is never part of it). */
export const FreezeSettingsJson = Type.Object({
  custodial: Type.Boolean(),
  account_webhook_url: Nullable(Type.String()),
  account_webhook_secret_set: Type.Boolean(),
  min_hold_minutes: Type.Number(),
  cooling_off_hours: Nullable(Type.Number()),
});

/** GET /tickets/:id/freeze: the ticket's freezes and what its brand allows. */
export const TicketFreezes = Type.Object({ settings: FreezeSettingsJson, freezes: Type.Array(FreezeJson) });

/** GET /brands/:id and PATCH /brands/:id: the brand with its freeze settings; the secret only the once it is made. */
export const BrandDetailJson = Type.Composite([
  BrandJson,
  Type.Object({ freeze: FreezeSettingsJson, account_webhook_secret: Type.Optional(Type.String()) }),
]);

/** PATCH /brands/:id: any of the brand's fields and of its freeze settings (exact: `account_webhook_url`). */
export const BrandPatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    slug: Type.Optional(Type.String({ maxLength: 40 })),
    default_language: Type.Optional(LanguageT),
    time_zone: Type.Optional(Type.String({ maxLength: 64 })),
    support_emails: Type.Optional(Type.Array(Type.String({ maxLength: 254 }), { maxItems: 50 })),
    phone_numbers: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 })),
    account_webhook_url: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    custodial: Type.Optional(Type.Boolean()),
    min_hold_minutes: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_MIN_HOLD_MINUTES })),
    cooling_off_hours: Type.Optional(Nullable(Type.Integer({ minimum: MIN_COOLING_OFF_HOURS, maximum: MAX_COOLING_OFF_HOURS }))),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** POST /brands/:id/account-webhook-secret: a new secret, shown once. */
export const WebhookSecretJson = Type.Object({ account_webhook_secret: Type.String() });

/** GET /tickets/:id/freeze/playbook: the non-custodial playbook in the customer's language, filled in from the conversation. */
export const PlaybookJson = Type.Object({ language: LanguageT, text: Type.String(), txids: Type.Array(Type.String()), addresses: Type.Array(Type.String()) });
export const PlaybookQuery = Type.Object({ language: Type.Optional(LanguageT) }, { additionalProperties: false });
/** POST /tickets/:id/freeze/playbook: sends it to the customer as a public reply (through the outbound guard). */
export const PlaybookSendBody = Type.Object({ language: Type.Optional(LanguageT) }, { additionalProperties: false });
export const PlaybookSent = Type.Object({ message_id: Type.String() });

/** POST /tickets/:id/freeze/link: by e-mail (default) or by SMS to the number on the account. */
export const FreezeLinkBody = Type.Object({ via: Type.Optional(literals(['email', 'sms'] as const)) }, { additionalProperties: false });
/** Where the one-time link went (the address or number on the account) and until when it works. */
export const FreezeLinkSent = Type.Object({ to: Type.String(), expires_at: Type.String(), via: Type.Optional(literals(['email', 'sms'] as const)) });
/** GET /portal/freeze: what the customer's freeze page shows. */
export const FreezeLinkView = Type.Object({ brand: Type.String(), number: Type.Integer(), usable: Type.Boolean(), frozen: Type.Boolean(), custodial: Type.Boolean() });
