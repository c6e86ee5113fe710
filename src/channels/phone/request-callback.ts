/**
 * An agent asks for a callback from a phone ticket (issue 19): a callback request on the ticket's latest call from
 * a real caller number, in the Callbacks list of the Calls page until someone marks it done. The desk does not
 * place the call itself (no outbound calling through the provider yet): it is a task for an agent to dial.
 */
import { newId } from '../../core/ids.js';
import { AppError, conflict } from '../../core/errors.js';
import { actorOf, type Principal } from '../../core/policy.js';
import { loadVisibleTicket } from '../../app/ticket-access.js';
import type { Deps } from '../../app/ports.js';
import { appendTimeline } from './call-ticket.js';
import type { CallbackRequest } from './phone-ports.js';

export async function requestCallback(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, ticketRef: string): Promise<{ callback: CallbackRequest; created: boolean }> {
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const ticket = await loadVisibleTicket(tx, principal, ticketRef);
    const call = await tx.calls.latestWithNumberForTicket(ticket.id);
    if (!call?.callerPhone) throw new AppError('conflict', 'This ticket has no call from a number the desk can call back (withheld, or a spoofed caller id).', { reason: 'no_number' });
    const existing = await tx.calls.getCallbackForCall(call.id);
    if (existing?.status === 'open') throw conflict('A callback for this call is already in the Callbacks list.', { reason: 'already_open', callback_id: existing.id });
    const actor = actorOf(principal);
    if (existing) {
      await tx.calls.reopenCallback(existing.id, at);
      await appendTimeline(tx, call, 'call.callback_requested', at, { phone: call.callerPhone, by: 'agent', callback_id: existing.id }, actor);
      return { callback: { ...existing, status: 'open', requestedAt: at, doneAt: null, doneBy: null, placingCallId: null, placementStatus: null, placementAt: null }, created: false };
    }
    const callback: CallbackRequest = {
      id: newId(),
      callId: call.id,
      brandId: call.brandId,
      ticketId: ticket.id,
      phone: call.callerPhone,
      language: call.language,
      status: 'open',
      requestedAt: at,
      doneAt: null,
      doneBy: null,
      placingCallId: null,
      placementStatus: null,
      placementAt: null,
    };
    if (!(await tx.calls.addCallback(callback))) throw conflict('A callback for this call was just requested.', { reason: 'already_open' });
    await appendTimeline(tx, { id: call.id, ticketId: ticket.id }, 'call.callback_requested', at, { phone: call.callerPhone, by: 'agent', callback_id: callback.id }, actor);
    return { callback, created: true };
  });
}
