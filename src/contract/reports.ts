/** /api/v1/reports (quality report, full report, CSV, live view) and satisfaction surveys (issue 16). */
import { Type } from '@sinclair/typebox';
import { CSAT_RATINGS, CSAT_REASONS, CSAT_STATES } from '../core/quality.js';
import { ChannelT, Id, Nullable, Time, literals } from './common.js';

const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1 }));
const Durations = Type.Object({ count: Type.Integer(), median_s: Nullable(Type.Integer()), p90_s: Nullable(Type.Integer()) });
const DateOrTime = Type.String({ maxLength: 40, description: 'YYYY-MM-DD (midnight UTC) or an ISO-8601 time' });

/** GET /reports/quality: the contract of issue 16, exactly (rates 0..1, null where nothing was counted; calendar seconds). */
export const QualityQuery = Type.Object(
  { from: Type.Optional(DateOrTime), to: Type.Optional(DateOrTime), brand_id: Type.Optional(Id) },
  { additionalProperties: false },
);
export const QualityReportJson = Type.Object({
  tickets: Type.Object({ created: Type.Integer(), solved: Type.Integer() }),
  first_reply: Durations,
  resolution: Durations,
  one_touch_rate: Rate,
  reopen_rate: Rate,
  csat: Type.Object({ good: Type.Integer(), bad: Type.Integer(), score: Rate, response_rate: Rate }),
});

/** GET /reports/full and /reports/full.csv: the Reports page's filters. */
export const REPORT_TABLES = ['summary', 'sla', 'csat_reasons', 'channel', 'category', 'priority', 'brand', 'hour', 'backlog', 'comments'] as const;
export const FullReportQuery = Type.Object(
  {
    from: Type.Optional(DateOrTime),
    to: Type.Optional(DateOrTime),
    brand_id: Type.Optional(Id),
    channel: Type.Optional(ChannelT),
    team_id: Type.Optional(Id),
    agent_id: Type.Optional(Id),
    /** CSV only: which table. */
    table: Type.Optional(literals(REPORT_TABLES)),
  },
  { additionalProperties: false },
);
const CountRows = Type.Array(Type.Object({ key: Type.String(), count: Type.Integer() }));
export const CsatRatingT = literals(CSAT_RATINGS);
export const CsatReasonT = literals(CSAT_REASONS);
export const CsatComment = Type.Object({
  ticket_id: Id,
  ticket_number: Nullable(Type.Integer()),
  rating: CsatRatingT,
  reason: Nullable(CsatReasonT),
  comment: Nullable(Type.String()),
  rated_at: Time,
});
export const FullReportJson = Type.Object({
  range: Type.Object({ from: Time, to: Time }),
  tickets: Type.Object({ created: Type.Integer(), solved: Type.Integer() }),
  first_reply: Durations,
  resolution: Durations,
  /** Business seconds on the brand's calendar (its opening hours and holidays); only tickets of brands that have one. */
  first_reply_business: Durations,
  resolution_business: Durations,
  one_touch_rate: Rate,
  reopen_rate: Rate,
  resolution_rate: Rate,
  first_contact_resolution_rate: Rate,
  csat: Type.Object({ good: Type.Integer(), bad: Type.Integer(), score: Rate, response_rate: Rate, requested: Type.Integer(), reasons: CountRows }),
  sla: Type.Array(Type.Object({ metric: Type.String(), fulfilled: Type.Integer(), breached: Type.Integer(), achievement: Rate })),
  volume: Type.Object({ channel: CountRows, category: CountRows, priority: CountRows, brand: CountRows, hour: CountRows }),
  backlog: Type.Array(Type.Object({ date: Type.String(), count: Type.Integer() })),
  /** Brand names by id (the brand table's keys). */
  brands: Type.Record(Type.String(), Type.String()),
  /** The newest rated surveys with their comments (supervisors and admins only read reports). */
  comments: Type.Array(CsatComment),
});

/** GET /reports/live: the supervisor's live view. */
export const LiveOverviewJson = Type.Object({
  at: Time,
  views: Type.Array(Type.Object({ id: Type.String(), count: Type.Integer() })),
  teams: Type.Array(Type.Object({ team_id: Nullable(Id), name: Nullable(Type.String()), count: Type.Integer() })),
  agents_online: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  oldest_waiting: Type.Array(Type.Object({ id: Id, number: Type.Integer(), brand_id: Id, channel: ChannelT, created_at: Time, waiting_s: Type.Integer() })),
  /** Tickets whose SLA clock warned and has neither been met nor breached yet (empty without SLA policies). */
  about_to_breach: Type.Array(Type.Object({ ticket_id: Id, number: Nullable(Type.Integer()), metric: Type.String(), due_at: Nullable(Time) })),
});

/** A survey as agents see it on a ticket (the comment only for supervisors and admins). */
export const CsatSurveyJson = Type.Object({
  id: Id,
  state: literals(CSAT_STATES),
  due_at: Time,
  requested_at: Nullable(Time),
  expires_at: Nullable(Time),
  rating: Nullable(CsatRatingT),
  reason: Nullable(CsatReasonT),
  comment: Nullable(Type.String()),
  rated_at: Nullable(Time),
});
/** GET /tickets/:id/csat */
export const TicketCsatJson = Type.Object({ surveys: Type.Array(CsatSurveyJson), comments_visible: Type.Boolean() });

/** POST /csat/:token (the one-time link; the widget posts JSON) and POST /portal/csat (the status page). */
export const CsatAnswerBody = Type.Object(
  {
    rating: CsatRatingT,
    reason: Type.Optional(Nullable(CsatReasonT)),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
/** What a customer sees of a survey. */
export const CsatPublicJson = Type.Object({
  state: Type.Union([literals(CSAT_STATES), Type.Literal('expired')]),
  rating: Nullable(CsatRatingT),
  expires_at: Nullable(Time),
  ticket_number: Type.Integer(),
});
export const PortalCsatJson = Type.Object({ survey: Nullable(CsatPublicJson) });

/** GET/PATCH /brands/:id/csat-settings */
export const CsatSettingsJson = Type.Object({ enabled: Type.Boolean(), delay_hours: Type.Number({ minimum: 0, maximum: 336 }) });
export const CsatSettingsPatch = Type.Partial(CsatSettingsJson, { additionalProperties: false });
