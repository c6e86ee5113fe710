/**
 * TypeBox schemas for the API: they validate requests, shape responses (fields not listed are dropped, so
 * nothing leaks by accident) and generate the OpenAPI document at /api/docs.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CATEGORIES, CHANNELS, PRIORITIES, TICKET_STATUSES } from '../core/ticket.js';
import { ROLES, VERIFICATION_LEVELS, LANGUAGES } from '../core/people.js';
import { ERROR_CODES } from '../core/errors.js';

/** A closed set of strings: an `enum` in JSON Schema and OpenAPI, the literal union in TypeScript. */
const literals = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);

export const Status = literals(TICKET_STATUSES);
export const PriorityT = literals(PRIORITIES);
export const CategoryT = literals(CATEGORIES);
export const ChannelT = literals(CHANNELS);
export const RoleT = literals(ROLES);
export const LanguageT = literals(LANGUAGES);
export const VerificationT = literals(VERIFICATION_LEVELS);

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const Time = Type.String({ format: 'date-time' });

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: literals(ERROR_CODES),
      message: Type.String(),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      request_id: Type.Optional(Type.String()),
    }),
  },
  { $id: 'Error' },
);

export const Details = Type.Object(
  {
    txids: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
    addresses: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
    tx_time: Type.Optional(Type.String({ maxLength: 100 })),
    device: Type.Optional(Type.String({ maxLength: 200 })),
    os: Type.Optional(Type.String({ maxLength: 200 })),
    app_version: Type.Optional(Type.String({ maxLength: 100 })),
    account: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const PersonRef = Type.Object({ id: Type.String(), name: Nullable(Type.String()), email: Nullable(Type.String()), phone: Nullable(Type.String()) });

export const TicketJson = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  subject: Type.String(),
  status: Status,
  priority: PriorityT,
  category: CategoryT,
  channel: ChannelT,
  language: Nullable(Type.String()),
  brand_id: Type.String(),
  requester: PersonRef,
  assignee_id: Nullable(Type.String()),
  team_id: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  details: Details,
  first_response_at: Nullable(Type.String()),
  solved_at: Nullable(Type.String()),
  closed_at: Nullable(Type.String()),
  merged_into_id: Nullable(Type.String()),
  follow_up_of_id: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});

export const AttachmentJson = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  content_type: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
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
  channel_checks: Type.Array(
    Type.Object({
      value: Type.String(),
      start: Type.Integer(),
      end: Type.Integer(),
      verdict: Type.Unsafe<'official' | 'lookalike' | 'unknown'>({ type: 'string', enum: ['official', 'lookalike', 'unknown'] }),
      brand_id: Nullable(Type.String()),
      reason: Type.Object({ en: Type.String(), 'zh-CN': Type.String() }),
    }),
  ),
  delivery: Nullable(
    Type.Object({
      status: Type.Unsafe<'queued' | 'sent' | 'retrying' | 'failed'>({ type: 'string', enum: ['queued', 'sent', 'retrying', 'failed'] }),
      attempts: Type.Integer(),
      error: Nullable(Type.String()),
      at: Type.String(),
    }),
  ),
  created_at: Type.String(),
});

export const TicketWithMessages = Type.Intersect([TicketJson, Type.Object({ messages: Type.Array(MessageJson) })]);

export const EventJson = Type.Object({
  id: Type.String(),
  type: Type.String(),
  at: Type.String(),
  actor: Type.Object({ type: Type.String(), id: Nullable(Type.String()), via: Nullable(Type.String()) }),
  changes: Type.Record(Type.String(), Type.Array(Type.Unknown(), { minItems: 2, maxItems: 2, description: '[before, after]' })),
  data: Type.Record(Type.String(), Type.Unknown()),
});

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

export const TeamJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  brand_id: Nullable(Type.String()),
  categories: Type.Array(Type.String()),
  member_ids: Type.Array(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});

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
});

export const TokenJson = Type.Object({
  id: Type.String(),
  agent_id: Type.String(),
  name: Type.String(),
  role: RoleT,
  prefix: Type.String(),
  created_at: Type.String(),
  last_used_at: Nullable(Type.String()),
  revoked_at: Nullable(Type.String()),
});

export const Page = <T extends TSchema>(key: string, item: T) =>
  Type.Object({ [key]: Type.Array(item), next_cursor: Nullable(Type.String()) } as Record<string, TSchema>);

/** Standard error responses, so OpenAPI lists them and replies are shaped like everything else. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]));

export type TicketJsonT = Static<typeof TicketJson>;
export type MessageJsonT = Static<typeof MessageJson>;
