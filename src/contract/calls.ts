/** /api/v1/calls: the phone hotline's calls, the queue, callbacks and each brand's hotline settings. */
import { Type } from '@sinclair/typebox';
import { LANGUAGES } from '../core/people.js';
import { CALL_OUTCOMES, CALL_STATES, MENU_CHOICES, PLACEMENT_STATUSES } from '../core/phone.js';
import { Id, Nullable, literals } from './common.js';

export const CallJson = Type.Object({
  id: Type.String(),
  call_sid: Type.String(),
  brand_id: Type.String(),
  /** The number as the provider sent it ('anonymous' and the like when withheld). */
  from: Type.String(),
  /** The caller's E.164 number, when `from` is one. */
  caller_phone: Nullable(Type.String()),
  to: Type.String(),
  language: Nullable(literals(LANGUAGES)),
  state: literals(CALL_STATES),
  menu_choice: Nullable(literals(MENU_CHOICES)),
  emergency: Type.Boolean(),
  spoofed_caller_id: Type.Boolean(),
  ticket_id: Nullable(Type.String()),
  enqueued_at: Nullable(Type.String()),
  wait_seconds: Nullable(Type.Integer()),
  agent_id: Nullable(Type.String()),
  answered_at: Nullable(Type.String()),
  talk_seconds: Nullable(Type.Integer()),
  recording_url: Nullable(Type.String()),
  outcome: Nullable(literals(CALL_OUTCOMES)),
  created_at: Type.String(),
  ended_at: Nullable(Type.String()),
  /** 'outbound': a callback the desk placed (click-to-call); its callback request is `callback_id`. */
  direction: literals(['inbound', 'outbound'] as const),
  callback_id: Nullable(Type.String()),
});

/** A waiting caller, in the order agents should take them. */
export const QueuedCallJson = Type.Object({
  call: CallJson,
  /** The place in its queue: the brand's hotline, emergencies first; the caller hears the same number. */
  position: Type.Integer(),
  /** How many callers wait in that queue (so two brands' first callers read "1 of 1" and "1 of 2"). */
  queue_size: Type.Integer(),
  waiting_seconds: Type.Integer(),
  estimated_wait_minutes: Type.Integer(),
  ticket_number: Nullable(Type.Integer()),
});

/** GET /calls/queue */
export const CallQueueQuery = Type.Object({ brand_id: Type.Optional(Id) }, { additionalProperties: false });
export const CallQueue = Type.Object({
  calls: Type.Array(QueuedCallJson),
  /** Whether the console can take calls: the provider's REST API is configured. */
  take_available: Type.Boolean(),
  take_unavailable_reason: Type.Union([Type.String(), Type.Null()]),
  /** The install's settings that are missing (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN), so the notice names only those. */
  take_unavailable_missing: Type.Array(Type.String()),
});

export const CallStepJson = Type.Object({ key: Type.String(), at: Type.String(), data: Type.Record(Type.String(), Type.Unknown()) });
/** GET /calls/:id */
export const CallDetail = Type.Object({ call: CallJson, steps: Type.Array(CallStepJson) });

/** A caller who asked to be called back at the number they called from. */
export const CallbackJson = Type.Object({
  id: Type.String(),
  call_id: Type.String(),
  brand_id: Type.String(),
  ticket_id: Nullable(Type.String()),
  phone: Type.String(),
  language: Nullable(Type.String()),
  status: literals(['open', 'done'] as const),
  requested_at: Type.String(),
  done_at: Nullable(Type.String()),
  done_by: Nullable(Type.String()),
  /** The last placement through the provider (click-to-call) and when it got there; null before one. */
  placement_status: Nullable(literals(PLACEMENT_STATUSES)),
  placement_at: Nullable(Type.String()),
  /** A placement is in flight: another cannot start until it ends. */
  placing: Type.Boolean(),
});
/** GET /calls/callbacks */
export const CallbacksQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done')])), ticket_id: Type.Optional(Id) },
  { additionalProperties: false },
);
export const CallbackList = Type.Object({ callbacks: Type.Array(CallbackJson) });

const Interval = Type.Tuple([Type.String({ maxLength: 5 }), Type.String({ maxLength: 5 })]);
const Week = Type.Object(
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, Type.Optional(Type.Array(Interval, { maxItems: 8 }))])),
  { additionalProperties: false },
);
const Prompts = Type.Record(Type.String({ maxLength: 10 }), Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 1000 })));

/** GET /calls/settings/:brand_id */
export const PhoneSettingsJson = Type.Object({
  ivr_language: Nullable(literals(LANGUAGES)),
  hours: Nullable(Week),
  holidays: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 366 }),
  max_queue: Type.Integer({ minimum: 0, maximum: 1000 }),
  emergency_after_hours: Type.Boolean(),
  prompts: Prompts,
  transcribe: Type.Array(literals(LANGUAGES), { maxItems: 2 }),
});
/** PATCH /calls/settings/:brand_id */
export const PhoneSettingsPatch = Type.Partial(PhoneSettingsJson, { additionalProperties: false, minProperties: 1 });
export const BrandIdParams = Type.Object({ brand_id: Id });

/** GET /calls/log: the call log, newest first (issue 19). */
export const CallLogQuery = Type.Object(
  { brand_id: Type.Optional(Id), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), cursor: Type.Optional(Type.String({ maxLength: 300 })) },
  { additionalProperties: false },
);
export const LoggedCallJson = Type.Object({
  call: CallJson,
  ticket_number: Nullable(Type.Integer()),
  /** Seconds from the first webhook to the end; null while the call goes on. */
  duration_seconds: Nullable(Type.Integer()),
});
export const CallLog = Type.Object({ calls: Type.Array(LoggedCallJson), next_cursor: Nullable(Type.String()) });

/** POST /calls/callbacks: an agent adds a callback task for a phone ticket (the desk does not dial it). */
export const CallbackCreate = Type.Object({ ticket_id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

/** GET/PUT /calls/agents/:id/phone: an agent's own number, rung first when they place a callback (never shown to customers). */
export const AgentPhoneJson = Type.Object({ agent_id: Type.String(), phone: Nullable(Type.String()) });
export const AgentPhonePut = Type.Object({ phone: Nullable(Type.String({ maxLength: 40 })) }, { additionalProperties: false });
