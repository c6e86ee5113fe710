/** JSON shapes of the phone hotline's API (calls, the queue, callbacks, settings), next to their schemas. */
import { Type } from '@sinclair/typebox';
import { LANGUAGES } from '../core/people.js';
import type { CallbackRequest, CallRecord, CallStep } from '../app/phone-ports.js';
import { CALL_OUTCOMES, CALL_STATES, MENU_CHOICES } from '../app/phone-ports.js';
import type { PhoneSettings } from '../app/phone-settings.js';
import type { QueuedCall } from '../app/read-calls.js';

const literals = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(s: T) => Type.Union([s, Type.Null()]);

export const CallJson = Type.Object({
  id: Type.String(),
  call_sid: Type.String(),
  brand_id: Type.String(),
  from: Type.String(),
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
});

export const QueuedCallJson = Type.Object({
  call: CallJson,
  position: Type.Integer(),
  waiting_seconds: Type.Integer(),
  estimated_wait_minutes: Type.Integer(),
  ticket_number: Nullable(Type.Integer()),
});

export const CallStepJson = Type.Object({ key: Type.String(), at: Type.String(), data: Type.Record(Type.String(), Type.Unknown()) });

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
});

const Interval = Type.Tuple([Type.String({ maxLength: 5 }), Type.String({ maxLength: 5 })]);
const Week = Type.Object(
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, Type.Optional(Type.Array(Interval, { maxItems: 8 }))])),
  { additionalProperties: false },
);
const Prompts = Type.Record(Type.String({ maxLength: 10 }), Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 1000 })));

export const PhoneSettingsJson = Type.Object({
  ivr_language: Nullable(literals(LANGUAGES)),
  hours: Nullable(Week),
  holidays: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 366 }),
  max_queue: Type.Integer({ minimum: 0, maximum: 1000 }),
  emergency_after_hours: Type.Boolean(),
  prompts: Prompts,
  transcribe: Type.Array(literals(LANGUAGES), { maxItems: 2 }),
});

export const PhoneSettingsPatch = Type.Partial(PhoneSettingsJson, { additionalProperties: false, minProperties: 1 });

export function presentCall(c: CallRecord) {
  return {
    id: c.id,
    call_sid: c.callSid,
    brand_id: c.brandId,
    from: c.fromRaw,
    caller_phone: c.callerPhone,
    to: c.to,
    language: c.language,
    state: c.state,
    menu_choice: c.menuChoice,
    emergency: c.emergency,
    spoofed_caller_id: c.spoofed,
    ticket_id: c.ticketId,
    enqueued_at: c.enqueuedAt,
    wait_seconds: c.waitSeconds,
    agent_id: c.agentId,
    answered_at: c.answeredAt,
    talk_seconds: c.talkSeconds,
    recording_url: c.recordingUrl,
    outcome: c.outcome,
    created_at: c.createdAt,
    ended_at: c.endedAt,
  };
}

export function presentQueuedCall(q: QueuedCall) {
  return { call: presentCall(q.call), position: q.position, waiting_seconds: q.waitingSeconds, estimated_wait_minutes: q.etaMinutes, ticket_number: q.ticketNumber };
}

export const presentCallStep = (s: CallStep) => ({ key: s.key, at: s.at, data: s.data });

export function presentCallback(r: CallbackRequest) {
  return {
    id: r.id,
    call_id: r.callId,
    brand_id: r.brandId,
    ticket_id: r.ticketId,
    phone: r.phone,
    language: r.language,
    status: r.status,
    requested_at: r.requestedAt,
    done_at: r.doneAt,
    done_by: r.doneBy,
  };
}

export function presentPhoneSettings(s: PhoneSettings) {
  return {
    ivr_language: s.ivrLanguage,
    hours: s.hours,
    holidays: s.holidays,
    max_queue: s.maxQueue,
    emergency_after_hours: s.emergencyAfterHours,
    prompts: s.prompts,
    transcribe: s.transcribe,
  };
}
