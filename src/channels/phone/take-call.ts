/**
 * An agent takes a waiting call from the console: the desk claims it (two agents cannot take one call), assigns
 * the call's ticket to the agent when nobody holds it, and asks the provider to bring the caller out of the
 * queue to the agent (<Dial><Client>). When the agent does not answer, the caller goes back to their place.
 */
import { AppError, conflict, notFound } from '../../core/errors.js';
import { actorOf, canSeeBrand, type Principal } from '../../core/policy.js';
import { announceQueue, appendTimeline, type CallDeps } from './call-ticket.js';
import { loadCallTurn, type CallTurn } from './handle-call.js';
import type { CallRecord, VoiceControl } from './phone-ports.js';
import { applyTicketChanges } from '../../app/update-ticket.js';

export type TakeCallDeps = CallDeps & { voice?: VoiceControl | null };

/** Why the console cannot take calls on this desk (no provider REST API configured). */
export const TAKE_UNAVAILABLE =
  "The phone provider is not configured: add the number's account SID and auth token in Admin → Channels, or set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, to take calls from the console.";

/** The same, naming only the environment variables that are missing (an install with the token but no SID). */
export function takeUnavailable(missing: readonly string[] | undefined): string {
  if (!missing || missing.length === 0 || missing.length === 2) return TAKE_UNAVAILABLE;
  return `The phone provider is not configured: add the number's account SID and auth token in Admin → Channels, or set ${missing.join(' and ')}, to take calls from the console.`;
}

/** Claims a waiting call for the principal and has the provider connect the caller to them. */
export async function takeCall(deps: TakeCallDeps, principal: Principal, callId: string): Promise<CallRecord> {
  if (!deps.voice || (deps.voice.ready && !(await deps.voice.ready()))) {
    throw new AppError('unavailable', takeUnavailable(deps.voice?.missingSettings?.()));
  }
  const at = deps.clock.now().toISOString();
  const call = await deps.store.transaction(async (tx) => {
    const current = await tx.calls.get(callId);
    if (!current || !canSeeBrand(principal, current.brandId)) throw notFound('Call');
    if (current.state !== 'queued' || !(await tx.calls.transition(current.id, 'queued', { state: 'connecting', agentId: principal.agentId }, at))) {
      throw conflict('This call is no longer waiting: another agent took it, or the caller left.', { state: current.state });
    }
    if (current.ticketId) {
      const ticket = await tx.tickets.get(current.ticketId);
      if (ticket && !ticket.assigneeId && !ticket.mergedIntoId && ticket.status !== 'closed') {
        await applyTicketChanges(tx, principal, ticket, { assigneeId: principal.agentId }, at);
      }
    }
    await appendTimeline(tx, current, 'call.taken', at, { agent_id: principal.agentId }, actorOf(principal));
    return { ...current, state: 'connecting' as const, agentId: principal.agentId };
  });
  try {
    await deps.voice.connectToAgent({ callSid: call.callSid, queueSid: call.queueSid, callId: call.id, agentId: principal.agentId });
  } catch {
    await deps.store.transaction(async (tx) => {
      if (await tx.calls.transition(call.id, 'connecting', { state: 'queued', agentId: null }, at)) {
        await appendTimeline(tx, call, 'call.take_failed', at, { agent_id: principal.agentId }, actorOf(principal));
      }
    });
    throw new AppError('unavailable', 'The phone provider did not accept the transfer; the caller is still waiting. Try again in a moment.');
  }
  await announceQueue(deps, call, 'call.taken');
  return call;
}

/** The provider brought the caller out of the queue (the URL take-call gave it): ring the agent who took it. */
export async function connectCall(deps: CallDeps, callSid: string, agentId: string): Promise<CallTurn> {
  const turn = await loadCallTurn(deps.store, callSid);
  if (turn.call.state === 'connecting' && turn.call.agentId === agentId) return { ...turn, step: { kind: 'dial', agentId } };
  // A stale or foreign transfer: put the caller back in their place rather than drop them.
  const at = deps.clock.now().toISOString();
  if (turn.call.state === 'connecting') await deps.store.calls.transition(turn.call.id, 'connecting', { state: 'queued', agentId: null }, at);
  return { ...turn, step: { kind: 'enqueue', emergency: turn.call.emergency, ticketNumber: null, freezeOffered: false, requeued: true } };
}

/**
 * The agent's leg ended (<Dial>'s action). Answered: the call is done, with the time waited and talked in the
 * ticket's history. Not answered: the caller returns to the queue, keeping their place.
 */
export async function finishDial(deps: CallDeps, callSid: string, dialStatus: string, dialSeconds: number | null, agentId: string): Promise<CallTurn> {
  const turn = await loadCallTurn(deps.store, callSid);
  const { call } = turn;
  const now = deps.clock.now();
  const at = now.toISOString();
  if (dialStatus === 'completed' || dialStatus === 'answered') {
    const talked = dialSeconds ?? 0;
    const answeredAt = new Date(now.getTime() - talked * 1000).toISOString();
    // Queue's action normally reports the time waited first; if it has not yet, count from joining the queue.
    const waited = call.waitSeconds ?? (call.enqueuedAt ? Math.max(0, Math.round((Date.parse(answeredAt) - Date.parse(call.enqueuedAt)) / 1000)) : null);
    const changed = await deps.store.transaction(async (tx) => {
      if (!(await tx.calls.transition(call.id, 'connecting', { state: 'ended', outcome: 'answered', talkSeconds: talked, answeredAt, waitSeconds: waited, endedAt: at }, at))) return false;
      await appendTimeline(tx, call, 'call.answered', at, { agent_id: call.agentId ?? agentId, waited_seconds: waited, talked_seconds: talked }, { type: 'agent', id: call.agentId ?? agentId });
      return true;
    });
    if (changed) await announceQueue(deps, call, 'call.answered');
    return { ...turn, step: { kind: 'goodbye' } };
  }
  const changed = await deps.store.transaction(async (tx) => {
    if (!(await tx.calls.transition(call.id, 'connecting', { state: 'queued', agentId: null }, at))) return false;
    await appendTimeline(tx, call, 'call.agent_missed', at, { agent_id: call.agentId ?? agentId, status: dialStatus.slice(0, 20) });
    return true;
  });
  if (changed) await announceQueue(deps, call, 'call.queued');
  if (!changed && call.state !== 'queued') return { ...turn, step: { kind: 'goodbye' } };
  return { ...turn, step: { kind: 'enqueue', emergency: call.emergency, ticketNumber: null, freezeOffered: false, requeued: true } };
}
