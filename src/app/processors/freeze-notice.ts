/**
 * Tells the customer on their own channel what a freeze or unfreeze did (the notice message the use case
 * wrote): a durable delivery on every channel with a sender, e-mail included (unlike automatic replies, which
 * e-mail folds into its acknowledgement). Phone callers hear it in the hotline; the status page shows it.
 */
import { queueDelivery } from '../queue-delivery.js';
import type { Processor } from './processor.js';

export const freezeNotice: Processor<'account.frozen' | 'account.unfrozen'> = {
  name: 'freeze-notice',
  version: 1,
  handles: ['account.frozen', 'account.unfrozen'],
  wants: (event) => event.data.notice_message_id !== undefined,
  async run(deps, event) {
    const id = event.data.notice_message_id;
    if (!id) return;
    const queued = await deps.store.transaction(async (tx) => {
      const message = await tx.messages.get(id);
      if (!message || message.delivery || !deps.senders?.[message.channel]) return false;
      await queueDelivery(tx, message.id, deps.clock.now().toISOString());
      return true;
    });
    if (queued) deps.jobsNudge?.();
  },
};
