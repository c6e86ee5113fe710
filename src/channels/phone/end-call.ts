/**
 * The provider's call status callback: the call is over. Whatever state the call was left in is settled (a
 * caller who hung up in the menu still leaves a ticket; one who hung up while waiting is abandoned), and the
 * ticket's history gets one closing entry with the call's times.
 */
import { announceQueue, appendTimeline, openMissedCallTicket, type CallDeps } from './call-ticket.js';
import type { CallOutcome, CallRecord } from './phone-ports.js';

const FINAL_STATUSES = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

const secondsSince = (from: string | null, now: Date): number | null => (from ? Math.max(0, Math.round((now.getTime() - Date.parse(from)) / 1000)) : null);

/** Settles a call the provider reports finished. Unknown calls and non-final statuses are ignored. */
export async function endCall(deps: CallDeps, callSid: string, callStatus: string, durationSeconds: number | null): Promise<CallRecord | null> {
  if (!FINAL_STATUSES.has(callStatus)) return null;
  let call = await deps.store.calls.getBySid(callSid);
  // A callback the desk placed reports to its own status URL (place-callback.ts), never here.
  if (!call || call.direction === 'outbound') return null;
  const now = deps.clock.now();
  const at = now.toISOString();

  if (!call.ticketId) {
    await openMissedCallTicket(deps, call, durationSeconds);
    call = (await deps.store.calls.getBySid(callSid))!;
  }
  const before = call;
  let outcome: CallOutcome = call.outcome ?? 'failed';
  let waited = call.waitSeconds;
  switch (call.state) {
    case 'language':
    case 'menu':
      outcome = 'hung_up_in_menu';
      break;
    case 'queued':
    case 'connecting':
      outcome = 'abandoned';
      waited = waited ?? secondsSince(call.enqueuedAt, now);
      break;
    case 'voicemail':
      outcome = call.recordingUrl ? 'voicemail' : 'abandoned';
      break;
    default:
      break;
  }

  const settled = await deps.store.transaction(async (tx) => {
    if (!(await tx.calls.addStep({ callId: before.id, key: 'end', data: { status: callStatus, duration_seconds: durationSeconds }, at }))) return false;
    const current = (await tx.calls.get(before.id)) ?? before;
    if (current.state !== 'ended') {
      await tx.calls.transition(current.id, current.state, { state: 'ended', outcome, waitSeconds: waited, endedAt: at }, at);
      if (outcome === 'abandoned') await appendTimeline(tx, current, 'call.abandoned', at, { waited_seconds: waited, in: current.state });
    } else {
      outcome = current.outcome ?? outcome;
    }
    await appendTimeline(tx, current, 'call.ended', at, {
      outcome,
      status: callStatus,
      duration_seconds: durationSeconds,
      waited_seconds: current.waitSeconds ?? waited,
      talked_seconds: current.talkSeconds,
      recording_url: current.recordingUrl,
    });
    return current.state !== 'ended';
  });
  if (settled && (before.state === 'queued' || before.state === 'connecting')) await announceQueue(deps, before, 'call.abandoned');
  return deps.store.calls.getBySid(callSid);
}
