/**
 * A reply's delivery state reaches consoles live: "sent" (or "failed") shows without a refetch, where it used
 * to stay "queued" until the agent reloaded. Runs right after the delivery's commit (after_commit), like every
 * live notice; a job queued for it by an earlier version still runs it.
 */
import { announce } from '../live.js';
import type { Processor } from './processor.js';

export const deliveryNotice: Processor<'message.delivered' | 'message.delivery_failed'> = {
  name: 'delivery-notice',
  version: 2,
  stage: 'after_commit',
  handles: ['message.delivered', 'message.delivery_failed'],
  async run(deps, event) {
    if (!event.ticketId) return;
    const ticket = await deps.store.tickets.get(event.ticketId);
    if (!ticket) return;
    // A notice said twice only makes a console refetch twice: idempotent enough for the bus.
    await announce(deps, [{ type: event.type, brandId: ticket.brandId, ticketId: ticket.id, data: { message_id: event.data.message_id } }]);
  },
};
