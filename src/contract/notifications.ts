/** /api/v1/notifications: the signed-in agent's bell and their choice of what to hear about (issue 16). */
import { Type } from '@sinclair/typebox';
import { NOTIFICATION_KINDS as NOTIFICATION_KIND_NAMES } from '../core/notification.js';
import { Id, Nullable, Time, literals } from './common.js';
export const NotificationKindT = literals(NOTIFICATION_KIND_NAMES);

export const NotificationJson = Type.Object({
  id: Id,
  kind: NotificationKindT,
  ticket_id: Nullable(Id),
  ticket_number: Nullable(Type.Integer()),
  subject: Nullable(Type.String()),
  /** Who (by), which rule, which SLA target (metric, due_at). */
  data: Type.Record(Type.String(), Type.Unknown()),
  created_at: Time,
  read_at: Nullable(Time),
});

export const NotificationList = Type.Object({ notifications: Type.Array(NotificationJson), unread: Type.Integer() });

export const NotificationListQuery = Type.Object(
  { unread: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
  { additionalProperties: false },
);

/** Mark these, or (all: true) every one, read. */
export const NotificationRead = Type.Object({ ids: Type.Optional(Type.Array(Id, { maxItems: 100 })), all: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

const Choice = Type.Object({ bell: Type.Boolean(), desktop: Type.Boolean() });
const ChoicePatch = Type.Object({ bell: Type.Optional(Type.Boolean()), desktop: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

export const NotificationPrefsJson = Type.Object({
  kinds: Type.Object(Object.fromEntries(NOTIFICATION_KIND_NAMES.map((k) => [k, Choice])) as Record<(typeof NOTIFICATION_KIND_NAMES)[number], typeof Choice>),
});

export const NotificationPrefsPatch = Type.Object(
  { kinds: Type.Partial(Type.Object(Object.fromEntries(NOTIFICATION_KIND_NAMES.map((k) => [k, ChoicePatch])) as Record<(typeof NOTIFICATION_KIND_NAMES)[number], typeof ChoicePatch>), { additionalProperties: false }) },
  { additionalProperties: false },
);
