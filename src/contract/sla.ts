/** /api/v1/sla-policies and brand calendars (issue 16), and the `sla` field of a ticket. */
import { Type, type Static } from '@sinclair/typebox';
import { SLA_METRICS, SLA_STATES } from '../core/sla.js';
import { TICKET_STATUSES } from '../core/ticket.js';
import { CategoryT, ChannelT, Id, literals, Nullable, PriorityT, VerificationT } from './common.js';

export const SlaMetricT = literals(SLA_METRICS);
export const SlaStateT = literals(SLA_STATES);

/** One clock of a ticket, in `GET /tickets/:id` (`sla`): keep exactly. */
export const SlaClockJson = Type.Object({ metric: SlaMetricT, due_at: Nullable(Type.String()), state: SlaStateT });

const Seconds = Nullable(Type.Integer({ minimum: 1, maximum: 366 * 86_400 }));
export const SlaTargetJson = Type.Object(
  { first_reply_s: Seconds, next_reply_s: Seconds, resolution_s: Seconds, business_hours: Type.Boolean() },
  { additionalProperties: false },
);

export const SlaConditionsJson = Type.Object(
  {
    channels: Type.Optional(Type.Array(ChannelT, { maxItems: 20 })),
    categories: Type.Optional(Type.Array(CategoryT, { maxItems: 20 })),
    priorities: Type.Optional(Type.Array(PriorityT, { maxItems: 20 })),
    verification_levels: Type.Optional(Type.Array(VerificationT, { maxItems: 20 })),
  },
  { additionalProperties: false },
);

const Targets = Type.Object(
  { urgent: Type.Optional(SlaTargetJson), high: Type.Optional(SlaTargetJson), normal: Type.Optional(SlaTargetJson), low: Type.Optional(SlaTargetJson) },
  { additionalProperties: false },
);
const StatusList = Type.Array(literals(TICKET_STATUSES.filter((s) => s !== 'solved' && s !== 'closed')), { maxItems: 4 });
const PausedBy = Type.Object(
  { first_reply: Type.Optional(StatusList), next_reply: Type.Optional(StatusList), resolution: Type.Optional(StatusList) },
  { additionalProperties: false },
);
const Step = Type.Object({ raise_priority: Type.Optional(Type.Boolean()), team_id: Type.Optional(Nullable(Id)) }, { additionalProperties: false });
const Escalation = Type.Object(
  { warn_before_s: Type.Optional(Seconds), on_warning: Type.Optional(Step), on_breach: Type.Optional(Step) },
  { additionalProperties: false },
);

export const SlaPolicyJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  brand_id: Nullable(Type.String()),
  position: Type.Integer(),
  enabled: Type.Boolean(),
  conditions: SlaConditionsJson,
  targets: Targets,
  paused_by: Type.Object({ first_reply: Type.Array(Type.String()), next_reply: Type.Array(Type.String()), resolution: Type.Array(Type.String()) }),
  escalation: Type.Object({
    warn_before_s: Nullable(Type.Integer()),
    on_warning: Type.Object({ raise_priority: Type.Boolean(), team_id: Nullable(Type.String()) }),
    on_breach: Type.Object({ raise_priority: Type.Boolean(), team_id: Nullable(Type.String()) }),
  }),
  created_at: Type.String(),
  updated_at: Type.String(),
});

/** POST /sla-policies: `{name, brand_id?, conditions, targets}` (keep exactly), plus optional settings. */
export const SlaPolicyCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    brand_id: Type.Optional(Nullable(Id)),
    conditions: SlaConditionsJson,
    targets: Targets,
    enabled: Type.Optional(Type.Boolean()),
    paused_by: Type.Optional(PausedBy),
    escalation: Type.Optional(Escalation),
  },
  { additionalProperties: false },
);

/** PATCH /sla-policies/:id (`enabled: false` switches a policy off). */
export const SlaPolicyPatchBody = Type.Partial(SlaPolicyCreate, { additionalProperties: false, minProperties: 1 });
export const SlaPolicyList = Type.Object({ policies: Type.Array(SlaPolicyJson) });
export const SlaPolicyOrder = Type.Object({ ids: Type.Array(Id, { maxItems: 500 }) }, { additionalProperties: false });

const Interval = Type.Tuple([Type.String({ maxLength: 5 }), Type.String({ maxLength: 5 })]);
const Day = Type.Array(Interval, { maxItems: 12 });
export const CalendarHoursJson = Type.Object(
  {
    mon: Type.Optional(Day),
    tue: Type.Optional(Day),
    wed: Type.Optional(Day),
    thu: Type.Optional(Day),
    fri: Type.Optional(Day),
    sat: Type.Optional(Day),
    sun: Type.Optional(Day),
  },
  { additionalProperties: false },
);
const Dates = Type.Array(Type.String({ maxLength: 10 }), { maxItems: 2000 });

/** A brand's business calendar (shared by SLA clocks and the phone line). */
export const CalendarJson = Type.Object({
  brand_id: Type.String(),
  time_zone: Type.String(),
  hours: Nullable(CalendarHoursJson),
  holidays: Type.Array(Type.String()),
  workdays: Type.Array(Type.String()),
  /** `calendar`: saved; `phone`: the hotline's hours until one is saved; `default`: always open. */
  source: literals(['calendar', 'phone', 'default'] as const),
});
export const CalendarPut = Type.Object(
  {
    time_zone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    hours: Type.Optional(Nullable(CalendarHoursJson)),
    holidays: Type.Optional(Dates),
    workdays: Type.Optional(Dates),
    add_lists: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })),
  },
  { additionalProperties: false },
);
export const CalendarImport = Type.Object({ ical: Type.String({ minLength: 1, maxLength: 2_000_000 }) }, { additionalProperties: false });
export const CalendarImportResult = Type.Object({
  calendar: CalendarJson,
  imported: Type.Object({ holidays: Type.Integer(), workdays: Type.Integer(), skipped: Type.Integer() }),
});
export const HolidayListsJson = Type.Object({
  lists: Type.Array(Type.Object({ id: Type.String(), year: Type.Integer(), holidays: Type.Integer(), workdays: Type.Integer(), source: Type.String() })),
});

export type SlaClockJsonT = Static<typeof SlaClockJson>;
