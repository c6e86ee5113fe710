/** The console's view of the hotline: who is waiting (emergencies first), a call's record, and callbacks to make. */
import { conflict, notFound } from '../../core/errors.js';
import { actorOf, canSeeBrand, visibleBrands, type Principal } from '../../core/policy.js';
import { appendTimeline } from './call-ticket.js';
import { etaMinutes } from './handle-call.js';
import type { CallbackRequest, CallRecord, CallStep } from './phone-ports.js';
import type { Deps } from '../../app/ports.js';

export interface QueuedCall {
  call: CallRecord;
  /** The place in the call's queue: its brand's hotline, emergencies first (what the caller hears). */
  position: number;
  /** How many callers wait in that queue. */
  queueSize: number;
  waitingSeconds: number;
  etaMinutes: number;
  ticketNumber: number | null;
}

/** Waiting calls the principal may see, in the order agents should take them. */
export async function listCallQueue(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, brandId?: string): Promise<QueuedCall[]> {
  const visible = visibleBrands(principal);
  const brands = brandId ? (canSeeBrand(principal, brandId) ? [brandId] : []) : visible;
  const calls = await deps.store.calls.listQueued(brands);
  const now = deps.clock.now().getTime();
  const out: QueuedCall[] = [];
  const seen = new Map<string, number>();
  const sizes = new Map<string, number>();
  for (const call of calls) sizes.set(call.brandId, (sizes.get(call.brandId) ?? 0) + 1);
  for (const call of calls) {
    // The list is ordered per brand already (emergencies, then arrival): a call's place is its rank in its brand.
    const position = (seen.get(call.brandId) ?? 0) + 1;
    seen.set(call.brandId, position);
    const ticket = call.ticketId ? await deps.store.tickets.get(call.ticketId) : null;
    out.push({
      call,
      position,
      queueSize: sizes.get(call.brandId) ?? position,
      etaMinutes: await etaMinutes(deps.store, call.brandId, position),
      waitingSeconds: call.enqueuedAt ? Math.max(0, Math.round((now - Date.parse(call.enqueuedAt)) / 1000)) : 0,
      ticketNumber: ticket?.number ?? null,
    });
  }
  return out;
}

/** One call with the steps it went through; calls of brands the principal does not work for are not found. */
export async function getCall(deps: Pick<Deps, 'store'>, principal: Principal, callId: string): Promise<{ call: CallRecord; steps: CallStep[] }> {
  const call = await deps.store.calls.get(callId);
  if (!call || !canSeeBrand(principal, call.brandId)) throw notFound('Call');
  return { call, steps: await deps.store.calls.listSteps(call.id) };
}

/** Callback requests in the principal's brands, oldest first. */
export async function listCallbacks(deps: Pick<Deps, 'store'>, principal: Principal, status?: CallbackRequest['status'], ticketId?: string): Promise<CallbackRequest[]> {
  return deps.store.calls.listCallbacks({ brandIds: visibleBrands(principal), ...(status ? { status } : {}), ...(ticketId ? { ticketId } : {}) }, 200);
}

/** An agent called the customer back: the request is done, and the ticket's history says who and when. */
export async function completeCallback(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, callbackId: string): Promise<CallbackRequest> {
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const request = await tx.calls.getCallback(callbackId);
    if (!request || !canSeeBrand(principal, request.brandId)) throw notFound('Callback request');
    if (!(await tx.calls.completeCallback(request.id, principal.agentId, at))) throw conflict('This callback was already marked done.');
    await appendTimeline(tx, { id: request.callId, ticketId: request.ticketId }, 'call.callback_done', at, { callback_id: request.id, agent_id: principal.agentId }, actorOf(principal));
    return { ...request, status: 'done', doneAt: at, doneBy: principal.agentId };
  });
}

/** One line of the call log: the call and its ticket's number. */
export interface LoggedCall {
  call: CallRecord;
  ticketNumber: number | null;
  /** From the first webhook to the end; null while the call goes on. */
  durationSeconds: number | null;
}

/** The call log (issue 19): calls of the principal's brands, newest first, 50 a page. */
export async function listCallLog(
  deps: Pick<Deps, 'store'>,
  principal: Principal,
  query: { brandId?: string; limit?: number; before?: { at: string; id: string } | null },
): Promise<{ calls: LoggedCall[]; next: { at: string; id: string } | null }> {
  const visible = visibleBrands(principal);
  const brandIds = query.brandId ? (canSeeBrand(principal, query.brandId) ? [query.brandId] : []) : visible;
  const limit = query.limit ?? 50;
  const rows = await deps.store.calls.listRecent({ brandIds }, limit + 1, query.before ?? null);
  const page = rows.slice(0, limit);
  const numbers = new Map<string, number>();
  for (const id of new Set(page.map((c) => c.ticketId).filter((x): x is string => x !== null))) {
    const ticket = await deps.store.tickets.get(id);
    if (ticket) numbers.set(id, ticket.number);
  }
  const calls: LoggedCall[] = [];
  for (const call of page) {
    // The provider's own CallDuration (kept on the end step) when it sent one; else our first and last webhook.
    const reported = call.endedAt ? (await deps.store.calls.getStep(call.id, 'end'))?.data.duration_seconds : undefined;
    calls.push({
      call,
      ticketNumber: call.ticketId ? (numbers.get(call.ticketId) ?? null) : null,
      durationSeconds: !call.endedAt
        ? null
        : typeof reported === 'number' && Number.isFinite(reported)
          ? Math.max(0, Math.round(reported))
          : Math.max(0, Math.round((Date.parse(call.endedAt) - Date.parse(call.createdAt)) / 1000)),
    });
  }
  const last = page.at(-1);
  return { calls, next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null };
}
