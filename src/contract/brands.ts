/** /api/v1/brands and /teams. */
import { Type } from '@sinclair/typebox';
import { Id, LanguageT, Nullable } from './common.js';

const Strings = (max: number, itemMax = 200) => Type.Array(Type.String({ maxLength: itemMax }), { maxItems: max });

export const BrandJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  slug: Type.String(),
  default_language: LanguageT,
  time_zone: Type.String(),
  support_emails: Type.Array(Type.String()),
  phone_numbers: Type.Array(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export const BrandList = Type.Object({ brands: Type.Array(BrandJson) });

/** POST /brands (PATCH takes any part of it) */
export const BrandBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    slug: Type.Optional(Type.String({ maxLength: 40 })),
    default_language: Type.Optional(LanguageT),
    time_zone: Type.Optional(Type.String({ maxLength: 64 })),
    support_emails: Type.Optional(Strings(50, 254)),
    phone_numbers: Type.Optional(Strings(50, 40)),
  },
  { additionalProperties: false },
);
export const BrandPatch = Type.Partial(BrandBody, { additionalProperties: false, minProperties: 1 });

export const TeamJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  brand_id: Nullable(Type.String()),
  /** Ticket categories routing sends to the team ('*': what no other team takes). */
  categories: Type.Array(Type.String()),
  member_ids: Type.Array(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export const TeamList = Type.Object({ teams: Type.Array(TeamJson) });

/** POST /teams (PATCH takes any part of it) */
export const TeamBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    brand_id: Type.Optional(Type.Union([Id, Type.Null()])),
    member_ids: Type.Optional(Strings(500, 64)),
    categories: Type.Optional(Strings(6, 20)),
  },
  { additionalProperties: false },
);
export const TeamPatch = Type.Partial(TeamBody, { additionalProperties: false, minProperties: 1 });
