/** JSON shapes of the phone hotline's API (calls, the queue, callbacks, settings); their schemas are in src/contract/calls.ts. */
import type { CallbackRequest, CallRecord, CallStep } from './phone-ports.js';
import type { PhoneSettings } from './phone-settings.js';
import type { LoggedCall, QueuedCall } from './read-calls.js';

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
    direction: c.direction,
    callback_id: c.callbackId,
  };
}

export function presentQueuedCall(q: QueuedCall) {
  return { call: presentCall(q.call), position: q.position, queue_size: q.queueSize, waiting_seconds: q.waitingSeconds, estimated_wait_minutes: q.etaMinutes, ticket_number: q.ticketNumber };
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
    placement_status: r.placementStatus,
    placement_at: r.placementAt,
    placing: r.placingCallId !== null,
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

/** One line of the call log (GET /calls/log). */
export function presentLoggedCall(l: LoggedCall) {
  return { call: presentCall(l.call), ticket_number: l.ticketNumber, duration_seconds: l.durationSeconds };
}
