/**
 * The desk's automatic replies (secret exposed, missing details, answer about a pasted link) go out through the
 * ticket's channel as durable deliveries, on channels that send them alone (not e-mail, whose acknowledgement
 * carries them).
 */
import type { Channel } from '../../core/ticket.js';
import { queueDelivery } from '../queue-delivery.js';
import type { Deps } from '../ports.js';
import type { Processor } from './processor.js';

/** The kinds of automatic reply ingestion writes (meta.kind of the system message). */
export const AUTO_REPLY_KINDS: ReadonlySet<string> = new Set(['secret_exposed', 'missing_details', 'channel_check']);

/** True when this channel's sender delivers automatic replies one by one. */
export function sendsAutoRepliesAlone(deps: Pick<Deps, 'senders'>, channel: Channel): boolean {
  const sender = deps.senders?.[channel];
  return sender !== undefined && sender.foldsAutoReplies !== true;
}

export const autoReplyDelivery: Processor<'message.added'> = {
  name: 'auto-reply-delivery',
  version: 1,
  handles: ['message.added'],
  wants: (event, deps) =>
    event.data.author_type === 'system' &&
    event.data.public &&
    AUTO_REPLY_KINDS.has(event.data.kind ?? '') &&
    event.data.channel !== undefined &&
    sendsAutoRepliesAlone(deps, event.data.channel),
  async run(deps, event) {
    const queued = await deps.store.transaction(async (tx) => {
      const message = await tx.messages.get(event.data.message_id);
      // A delivery already queued (or sent) by an earlier run is left as it is.
      if (!message || message.delivery) return false;
      await queueDelivery(tx, message.id, deps.clock.now().toISOString());
      return true;
    });
    if (queued) deps.jobsNudge?.();
  },
};
