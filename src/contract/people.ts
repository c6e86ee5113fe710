/** /api/v1/agents and /customers: the people on both sides of a ticket. */
import { Type } from '@sinclair/typebox';
import { Nullable, RoleT, VerificationT } from './common.js';
import { Page } from './pages.js';

const Strings = (max: number, itemMax = 200) => Type.Array(Type.String({ maxLength: itemMax }), { maxItems: max });

export const AgentJson = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleT,
  languages: Type.Array(Type.String()),
  brand_ids: Type.Array(Type.String()),
  team_ids: Type.Array(Type.String()),
  active: Type.Boolean(),
  totp_enabled: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const AgentList = Type.Object({ agents: Type.Array(AgentJson) });
export const AgentListQuery = Type.Object({ include_inactive: Type.Optional(Type.Boolean()) });

/** POST /agents */
export const AgentBody = Type.Object(
  {
    email: Type.String({ maxLength: 254 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: RoleT,
    password: Type.Optional(Type.String({ maxLength: 256 })),
    languages: Type.Optional(Strings(20, 20)),
    brand_ids: Type.Optional(Strings(100, 64)),
    team_ids: Type.Optional(Strings(100, 64)),
  },
  { additionalProperties: false },
);

/** PATCH /agents/:id */
export const AgentPatch = Type.Object(
  {
    email: Type.Optional(Type.String({ maxLength: 254 })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    role: Type.Optional(RoleT),
    password: Type.Optional(Type.String({ maxLength: 256 })),
    active: Type.Optional(Type.Boolean()),
    languages: Type.Optional(Strings(20, 20)),
    brand_ids: Type.Optional(Strings(100, 64)),
    team_ids: Type.Optional(Strings(100, 64)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CustomerJson = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  emails: Type.Array(Type.String()),
  phones: Type.Array(Type.String()),
  external_ids: Type.Array(Type.Object({ brand_id: Type.String(), external_id: Type.String() })),
  language: Nullable(Type.String()),
  verification_level: VerificationT,
  created_at: Type.String(),
  updated_at: Type.String(),
  /** Set when this customer was merged into another (issue 19): open that one instead. */
  merged_into_id: Type.Optional(Nullable(Type.String())),
});

/** POST /customers/:id/merge: merge this customer into `target_id`. */
export const CustomerMergeBody = Type.Object({ target_id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export const CustomerMergeResult = Type.Object({ customer: CustomerJson, moved_tickets: Type.Integer() });

export const CustomerPage = Page('customers', CustomerJson);
export const CustomerListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  },
  { additionalProperties: false },
);

/** PATCH /customers/:id */
export const CustomerPatch = Type.Object(
  {
    name: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    language: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    add_emails: Type.Optional(Strings(20, 254)),
    add_phones: Type.Optional(Strings(20, 40)),
  },
  { additionalProperties: false, minProperties: 1 },
);
