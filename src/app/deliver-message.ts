/**
 * Sends an agent's public reply on through the ticket's channel, as a durable job ('message.deliver'): retried
 * with backoff, recorded on the message (the console shows queued / sent / retrying / failed) and in the
 * history. A reply already sent is never sent again by a later attempt. Its message.delivered /
 * message.delivery_failed event reaches consoles through the delivery-notice processor, right after the commit.
 */
import type { DeskEvent } from '../core/event.js';
import { historyEvent } from './history.js';
import type { Deps } from './ports.js';
import { afterCommit, recordEvents } from './record-events.js';

export { DELIVER_JOB, deliversOn, queueDelivery } from './queue-delivery.js';

/** The job handler. `attempt` counts from 1; the last attempt's failure marks the delivery failed. */
export async function deliverMessage(
  deps: Pick<Deps, 'store' | 'clock' | 'bus' | 'senders' | 'jobsNudge' | 'processors' | 'chain' | 'officialChannels'>,
  messageId: string,
  attempt: { number: number; max: number },
): Promise<void> {
  const { store } = deps;
  const message = await store.messages.get(messageId);
  if (!message || message.delivery?.status === 'sent') return;
  const ticket = await store.tickets.get(message.ticketId);
  const sender = deps.senders?.[message.channel];
  if (!ticket || !sender) throw new Error(`no sender for channel ${message.channel}`);
  const [brand, requester, thread] = await Promise.all([
    store.brands.get(ticket.brandId),
    store.customers.get(ticket.requesterId),
    store.messages.listForTicket(ticket.id),
  ]);
  if (!brand || !requester) throw new Error('ticket without brand or requester');
  const attachments = await store.attachments.listForMessages([message.id]);

  const at = () => deps.clock.now().toISOString();
  let queued = 0;
  const events: DeskEvent[] = [];
  try {
    const result = await sender.send({ brand, ticket, message, requester, thread, attachments });
    await store.transaction(async (tx) => {
      await tx.messages.setDelivery(message.id, { status: 'sent', attempts: attempt.number, error: null, externalId: result.externalId ?? null, at: at() });
      events.push(
        historyEvent({
          type: 'message.delivered',
          actor: { type: 'system', id: null },
          at: at(),
          subjectType: 'ticket',
          subjectId: ticket.id,
          data: { message_id: message.id, channel: message.channel, attempts: attempt.number },
        }),
      );
      queued = await recordEvents(tx, events, deps);
    });
  } catch (err) {
    // A failed commit of "sent" recorded nothing.
    queued = 0;
    events.length = 0;
    const last = attempt.number >= attempt.max;
    const reason = err instanceof Error ? err.message.slice(0, 300) : 'delivery failed';
    await store.transaction(async (tx) => {
      await tx.messages.setDelivery(message.id, { status: last ? 'failed' : 'retrying', attempts: attempt.number, error: reason, externalId: null, at: at() });
      if (last) {
        events.push(
          historyEvent({
            type: 'message.delivery_failed',
            actor: { type: 'system', id: null },
            at: at(),
            subjectType: 'ticket',
            subjectId: ticket.id,
            data: { message_id: message.id, channel: message.channel, attempts: attempt.number, error: reason },
          }),
        );
        queued = await recordEvents(tx, events, deps);
      }
    });
    // The live notice of the failure is the delivery-notice processor's (app/processors/delivery-notice.ts).
    await afterCommit(deps, events, queued);
    throw err;
  }
  await afterCommit(deps, events, queued);
}
