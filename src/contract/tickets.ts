/** /api/v1/tickets: a ticket, what opens, changes, lists and merges tickets, and a ticket's history. */
import { Type, type Static } from '@sinclair/typebox';
import { CATEGORIES, CHANNELS, MAX_SUBJECT_CHARS, PRIORITIES, TICKET_STATUSES } from '../core/ticket.js';
import { CategoryT, ChannelT, Id, Nullable, PriorityT, Status } from './common.js';
import { Page } from './pages.js';
import { SlaClockJson } from './sla.js';

/** Facts a customer gave about their problem (help-center form, triage). */
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
  /** The ticket's SLA clocks, whenever a policy applies (GET /tickets/:id). */
  sla: Type.Optional(Type.Array(SlaClockJson)),
  /** The next SLA deadline still counting (lists); null when none. */
  sla_due_at: Type.Optional(Nullable(Type.String())),
});

export const TicketPage = Page('tickets', TicketJson);

export const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) });

/** POST /tickets */
export const TicketCreate = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: MAX_SUBJECT_CHARS }),
    body: Type.String({ maxLength: 100_000 }),
    requester: Type.Object(
      {
        email: Type.String({ minLength: 3, maxLength: 254 }),
        name: Type.Optional(Type.String({ maxLength: 200 })),
        phone: Type.Optional(Type.String({ maxLength: 40 })),
        external_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        language: Type.Optional(Type.String({ maxLength: 20 })),
      },
      { additionalProperties: false },
    ),
    channel: Type.Optional(ChannelT),
    priority: Type.Optional(PriorityT),
    category: Type.Optional(CategoryT),
    brand: Type.Optional(Type.String({ maxLength: 64 })),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50 })),
    details: Type.Optional(Details),
  },
  { additionalProperties: false },
);

/** PATCH /tickets/:id */
export const TicketPatch = Type.Object(
  {
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_SUBJECT_CHARS })),
    status: Type.Optional(Status),
    priority: Type.Optional(PriorityT),
    category: Type.Optional(CategoryT),
    assignee_id: Type.Optional(Type.Union([Id, Type.Null()])),
    team_id: Type.Optional(Type.Union([Id, Type.Null()])),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50 })),
    add_tags: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50 })),
    remove_tags: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** GET /tickets */
export const TicketListQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ description: `comma-separated: ${TICKET_STATUSES.join(',')}` })),
    priority: Type.Optional(Type.String({ description: `comma-separated: ${PRIORITIES.join(',')}` })),
    category: Type.Optional(Type.String({ description: `comma-separated: ${CATEGORIES.join(',')}` })),
    channel: Type.Optional(Type.String({ description: `comma-separated: ${CHANNELS.join(',')}` })),
    assignee_id: Type.Optional(Type.String({ description: 'an agent id, "me" or "none"' })),
    team_id: Type.Optional(Type.String({ description: 'a team id or "none"' })),
    brand_id: Type.Optional(Type.String()),
    requester_id: Type.Optional(Type.String()),
    tag: Type.Optional(Type.String({ maxLength: 60 })),
    updated_since: Type.Optional(Type.String({ format: 'date-time' })),
    q: Type.Optional(
      Type.String({
        maxLength: 200,
        description:
          'Search: words of the conversation (Chinese pairs such as 到账, Simplified or Traditional; English words whole, or a prefix with *), a ticket number, or a requester name, e-mail or phone. Results come newest ticket first; sort does not apply.',
      }),
    ),
    sort: Type.Optional(Type.Union([Type.Literal('updated_desc'), Type.Literal('created_desc'), Type.Literal('created_asc'), Type.Literal('sla_due_asc')])),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  },
  { additionalProperties: false },
);

/** POST /tickets/:id/merge */
export const MergeBody = Type.Object({ target_id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export const MergeResult = Type.Object({ source: TicketJson, target: TicketJson, moved_messages: Type.Integer() });

/** One entry of a ticket's append-only history (also the shield's false-positive reports). */
export const EventJson = Type.Object({
  id: Type.String(),
  type: Type.String(),
  at: Type.String(),
  actor: Type.Object({ type: Type.String(), id: Nullable(Type.String()), via: Nullable(Type.String()) }),
  changes: Type.Record(Type.String(), Type.Array(Type.Unknown(), { minItems: 2, maxItems: 2, description: '[before, after]' })),
  data: Type.Record(Type.String(), Type.Unknown()),
});

/** GET /tickets/:id/events */
export const EventsQuery = Type.Object(
  { after: Type.Optional(Type.String({ maxLength: 64 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
  { additionalProperties: false },
);
export const EventList = Type.Object({ events: Type.Array(EventJson), next_cursor: Type.Union([Type.String(), Type.Null()]) });

export type TicketJsonT = Static<typeof TicketJson>;
