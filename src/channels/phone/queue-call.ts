/**
 * Callers waiting in the queue: what they hear while they wait (their place and a rough wait), the callback
 * they may ask for instead (to the number they call from, confirmed on the keypad), and what happens when they
 * leave the queue (hung up, left for a callback, taken by an agent, or the provider's queue failed).
 */
import { newId } from '../../core/ids.js';
import { announceQueue, appendTimeline, type CallDeps } from './call-ticket.js';
import { loadCallTurn, queuePosition, type CallTurn } from './handle-call.js';
import type { CallRecord } from './phone-ports.js';
import type { Repos } from '../../app/ports.js';

const secondsBetween = (from: string | null, to: Date): number | null => (from ? Math.max(0, Math.round((to.getTime() - Date.parse(from)) / 1000)) : null);

async function callbackAllowed(repos: Repos, call: CallRecord): Promise<boolean> {
  return call.callerPhone !== null && !call.spoofed && (await repos.calls.getCallbackForCall(call.id)) === null;
}

/** The provider asks what a waiting caller hears (Enqueue's waitUrl): their place, the wait, the callback offer. */
export async function holdCall(deps: CallDeps, callSid: string, queueSid: string | null): Promise<CallTurn> {
  const turn = await loadCallTurn(deps.store, callSid);
  const { call } = turn;
  if (queueSid && call.queueSid !== queueSid) await deps.store.calls.update(call.id, { queueSid }, deps.clock.now().toISOString());
  if (call.state !== 'queued') return { ...turn, step: { kind: 'pause', seconds: 5 } };
  const { position, etaMinutes } = await queuePosition(deps.store, call);
  return { ...turn, step: { kind: 'hold', position, etaMinutes, emergency: call.emergency, callbackOffer: await callbackAllowed(deps.store, call) } };
}

/** A key pressed while waiting: 1 asks for a callback, which the caller then confirms. */
export async function pressWhileWaiting(deps: CallDeps, callSid: string, digits: string): Promise<CallTurn> {
  const turn = await loadCallTurn(deps.store, callSid);
  const { call } = turn;
  if (digits === '1' && call.state === 'queued' && (await callbackAllowed(deps.store, call))) {
    return { ...turn, step: { kind: 'callback_confirm', lastDigits: call.callerPhone!.slice(-4) } };
  }
  return { ...turn, step: { kind: 'nothing' } };
}

/** The caller confirmed (1) or declined the callback. A confirmed callback takes them out of the queue. */
export async function confirmCallback(deps: CallDeps, callSid: string, digits: string): Promise<CallTurn> {
  const turn = await loadCallTurn(deps.store, callSid);
  const { call } = turn;
  if (digits !== '1' || call.callerPhone === null || call.spoofed) return { ...turn, step: { kind: 'nothing' } };
  if (call.state !== 'queued') {
    // A retry after the callback was recorded: leave the queue again, harmlessly.
    return { ...turn, step: (await deps.store.calls.getCallbackForCall(call.id)) ? { kind: 'leave' } : { kind: 'nothing' } };
  }
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (tx) => {
    const added = await tx.calls.addCallback({
      id: newId(),
      callId: call.id,
      brandId: call.brandId,
      ticketId: call.ticketId,
      phone: call.callerPhone!,
      language: call.language,
      status: 'open',
      requestedAt: at,
      doneAt: null,
      doneBy: null,
      placingCallId: null,
      placementStatus: null,
      placementAt: null,
    });
    if (added) await appendTimeline(tx, call, 'call.callback_requested', at, { phone: call.callerPhone, waited_seconds: secondsBetween(call.enqueuedAt, new Date(at)) });
  });
  return { ...turn, step: { kind: 'leave' } };
}

/**
 * The caller left the provider's queue (Enqueue's action). Hung up: abandoned. Left for a callback: thanked and
 * let go. Redirected by the REST API: an agent took the call, and the connect step carries on. A failed queue
 * sends the caller to voicemail.
 */
export async function leaveQueue(deps: CallDeps, callSid: string, result: string, queueTime: number | null): Promise<CallTurn> {
  const turn = await loadCallTurn(deps.store, callSid);
  const { call } = turn;
  const now = deps.clock.now();
  const at = now.toISOString();
  const waited = queueTime ?? secondsBetween(call.enqueuedAt, now);
  switch (result) {
    case 'hangup': {
      const changed = await deps.store.transaction(async (tx) => {
        if (!(await tx.calls.transition(call.id, 'queued', { state: 'ended', outcome: 'abandoned', waitSeconds: waited, endedAt: at }, at))) return false;
        await appendTimeline(tx, call, 'call.abandoned', at, { waited_seconds: waited });
        return true;
      });
      if (changed) await announceQueue(deps, call, 'call.abandoned');
      return { ...turn, step: { kind: 'nothing' } };
    }
    case 'leave': {
      const callback = await deps.store.calls.getCallbackForCall(call.id);
      const changed = await deps.store.transaction(async (tx) => {
        if (!(await tx.calls.transition(call.id, 'queued', { state: 'ended', outcome: callback ? 'callback' : 'abandoned', waitSeconds: waited, endedAt: at }, at))) return false;
        await appendTimeline(tx, call, 'call.left_queue', at, { reason: callback ? 'callback' : 'leave', waited_seconds: waited });
        return true;
      });
      if (changed) await announceQueue(deps, call, 'call.left_queue');
      return { ...turn, step: callback ? { kind: 'callback_done' } : { kind: 'goodbye' } };
    }
    case 'redirected':
    case 'bridging-in-process':
      // Taken by an agent (take-call redirected it); the time waited is kept for the answered entry.
      if (call.waitSeconds === null && waited !== null) await deps.store.calls.update(call.id, { waitSeconds: waited }, at);
      return { ...turn, step: { kind: 'nothing' } };
    case 'bridged':
    case 'redirected-from-bridged': {
      // Someone dequeued the caller with <Dial><Queue> outside the desk's take flow; the bridge has ended.
      await deps.store.transaction(async (tx) => {
        if (await tx.calls.transition(call.id, call.state, { state: 'ended', outcome: 'answered', waitSeconds: waited, endedAt: at }, at)) {
          await appendTimeline(tx, call, 'call.answered', at, { waited_seconds: waited, via: 'provider_queue' });
        }
      });
      return { ...turn, step: { kind: 'goodbye' } };
    }
    default: {
      // queue-full, error, system-error: the caller leaves a voicemail rather than nothing at all.
      const language = call.language ?? turn.brand.defaultLanguage;
      await deps.store.transaction(async (tx) => {
        if (await tx.calls.transition(call.id, 'queued', { state: 'voicemail', waitSeconds: waited }, at)) {
          await appendTimeline(tx, call, 'call.voicemail_offered', at, { reason: 'queue_error', provider_result: result.slice(0, 40) });
        }
      });
      return { ...turn, step: { kind: 'voicemail', reason: 'queue_error', ticketNumber: null, transcribe: turn.settings.transcribe.includes(language) } };
    }
  }
}
