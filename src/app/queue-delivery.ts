/**
 * Queueing a public message's delivery through its channel (the 'message.deliver' job that deliver-message.ts
 * runs). Apart from the job handler so processors can queue deliveries without importing what records events.
 */
import type { Delivery } from '../core/message.js';
import type { Channel } from '../core/ticket.js';
import type { Deps, Repos } from './ports.js';

export const DELIVER_JOB = 'message.deliver';

/** True when replies on this channel go out through a sender. */
export function deliversOn(deps: Pick<Deps, 'senders'>, channel: Channel): boolean {
  return deps.senders?.[channel] !== undefined;
}

/** Queues the delivery inside the caller's transaction. */
export async function queueDelivery(tx: Repos, messageId: string, at: string): Promise<Delivery> {
  const delivery: Delivery = { status: 'queued', attempts: 0, error: null, externalId: null, at };
  await tx.messages.setDelivery(messageId, delivery);
  await tx.jobs.enqueue({ type: DELIVER_JOB, payload: { message_id: messageId }, dedupeKey: `deliver:${messageId}`, maxAttempts: 8 }, at);
  return delivery;
}

