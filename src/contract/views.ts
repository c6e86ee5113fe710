/** /api/v1/views: the console's named ticket lists with their counts, and bulk changes. */
import { Type } from '@sinclair/typebox';
import { MAX_BULK_TICKETS } from '../core/ticket.js';
import { CategoryT, Id, PriorityT, Status, literals } from './common.js';
import { TicketJson } from './tickets.js';

/** The console's views: named filters over the ticket list (http/routes/views.ts says which). */
/** `sla_at_risk`: an SLA deadline passed or within the hour, the nearest first (issue 16). */
export const VIEW_IDS = ['mine', 'unassigned', 'urgent', 'sla_at_risk', 'all'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** GET /views */
export const ViewCounts = Type.Object({
  views: Type.Array(Type.Object({ id: Type.String(), count: Type.Integer() })),
  brands: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), count: Type.Integer() })),
  /** Live chats nobody has taken yet (new or open, unassigned): the console's Chats badge. */
  chats_waiting: Type.Integer(),
});

/** GET /views/:view/tickets */
export const ViewParams = Type.Object({ view: literals(VIEW_IDS) });
export const ViewQuery = Type.Object(
  {
    brand_id: Type.Optional(Type.String({ maxLength: 64 })),
    status: Type.Optional(Type.String({ maxLength: 100, description: '"unsolved" (default), "any", or comma-separated statuses' })),
    q: Type.Optional(
      Type.String({
        maxLength: 200,
        description:
          'Search: words of the conversation (Chinese pairs such as 到账, Simplified or Traditional; English words whole, or a prefix with *), a ticket number, or a requester name, e-mail or phone. Results come newest ticket first; sort does not apply.',
      }),
    ),
    sort: Type.Optional(Type.Union([Type.Literal('updated_desc'), Type.Literal('created_desc'), Type.Literal('created_asc'), Type.Literal('sla_due_asc')])),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
);

/** POST /tickets/bulk */
export const BulkBody = Type.Object(
  {
    ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: MAX_BULK_TICKETS }),
    changes: Type.Object(
      {
        status: Type.Optional(Status),
        priority: Type.Optional(PriorityT),
        category: Type.Optional(CategoryT),
        assignee_id: Type.Optional(Type.Union([Id, Type.Null()])),
        team_id: Type.Optional(Type.Union([Id, Type.Null()])),
        add_tags: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50 })),
        remove_tags: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50 })),
      },
      { additionalProperties: false, minProperties: 1 },
    ),
  },
  { additionalProperties: false },
);
export const BulkResult = Type.Object({
  results: Type.Array(
    Type.Object({
      id: Type.String(),
      ok: Type.Boolean(),
      ticket: Type.Optional(TicketJson),
      error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
    }),
  ),
});
