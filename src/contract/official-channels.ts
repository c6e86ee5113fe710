/** Official channels: each brand's registry (admins), and the public verifier. */
import { Type } from '@sinclair/typebox';
import { Bilingual, Verdict } from './common.js';

const Handles = Type.Array(Type.Object({ platform: Type.String({ maxLength: 30 }), handle: Type.String({ maxLength: 200 }) }, { additionalProperties: false }), { maxItems: 200 });

/** GET/PUT /brands/:id/channels */
export const ChannelsDoc = Type.Object(
  {
    domains: Type.Array(Type.String({ maxLength: 253 }), { maxItems: 200 }),
    emails: Type.Array(Type.String({ maxLength: 254 }), { maxItems: 200 }),
    phones: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 200 }),
    handles: Handles,
    app_ids: Type.Optional(Type.Array(Type.Object({ store: Type.String({ maxLength: 30 }), id: Type.String({ maxLength: 200 }) }, { additionalProperties: false }), { maxItems: 50 })),
    keywords: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

/** POST /channels/import */
export const ChannelsImport = Type.Object({ brands: Type.Array(Type.Any(), { maxItems: 1000 }) });
export const ChannelsImported = Type.Object({ brands: Type.Integer() });

/** GET /public/verify */
export const VerifyQuery = Type.Object({ value: Type.String({ minLength: 1, maxLength: 2048 }) }, { additionalProperties: false });
export const VerifyJson = Type.Object({
  verdict: Verdict,
  kind: Type.String(),
  brand: Type.Union([Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() }), Type.Null()]),
  reason: Bilingual,
  matched: Type.Union([Type.String(), Type.Null()]),
});

/** GET /public/channels */
export const PublicChannelsQuery = Type.Object({ brand: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false });
export const PublicChannels = Type.Object({
  brands: Type.Array(
    Type.Object({
      slug: Type.String(),
      name: Type.String(),
      domains: Type.Array(Type.String()),
      emails: Type.Array(Type.String()),
      phones: Type.Array(Type.String()),
      handles: Type.Array(Type.Object({ platform: Type.String(), handle: Type.String() })),
      app_ids: Type.Array(Type.Object({ store: Type.String(), id: Type.String() })),
      key_fingerprint: Type.String(),
    }),
  ),
});
