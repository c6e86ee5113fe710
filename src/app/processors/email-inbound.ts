/**
 * What follows a customer's e-mail, run from its `message.added`: one acknowledgement for a new ticket that
 * carries the desk's automatic replies to that mail (one mail, not three); later in a thread, where there is no
 * acknowledgement, the automatic replies go out as replies; a notice about attachments that were refused; and
 * the files-not-scanned tag on a security ticket whose files the shield could not read. It first writes the
 * answer about pasted links (the channel-answer processor leaves e-mail to it), so the acknowledgement carries it. The adapter's decisions
 * (acknowledge or not, the size limit) travel in the message's `meta.email`.
 */
import type { Message } from '../../core/message.js';
import { answerChannelQuestions } from '../answer-channel-questions.js';
import { queueDelivery } from '../queue-delivery.js';
import { queueCustomerNotice, type NoticeRequest } from '../notify-customer.js';
import { AUTO_REPLY_KINDS, sendsAutoRepliesAlone } from './auto-reply-delivery.js';
import type { Processor } from './processor.js';

/** The tag on a security ticket with a file nobody could check for a secret (an image, an encrypted PDF). */
export const NOT_SCANNED_TAG = 'files-not-scanned';

interface EmailMeta {
  acknowledge?: boolean;
  dropped_attachments?: unknown[];
  attachment_limit_bytes?: number;
  attachments_shield?: Array<{ shield?: string }>;
}

export const emailInbound: Processor<'message.added'> = {
  name: 'email-inbound',
  version: 1,
  handles: ['message.added'],
  wants: (event) => event.data.author_type === 'customer' && event.data.channel === 'email',
  async run(deps, event) {
    // The answer about pasted links first, so the acknowledgement carries it (it is idempotent).
    await answerChannelQuestions(deps, event.data.message_id);
    const at = deps.clock.now().toISOString();
    const queued = await deps.store.transaction(async (tx) => {
      const message = await tx.messages.get(event.data.message_id);
      const ticket = message ? await tx.tickets.get(message.ticketId) : null;
      if (!message || !ticket) return false;
      const email = (message.meta.email ?? {}) as EmailMeta;
      let jobs = false;
      // A security request with a file the shield could not read: the file is kept, since it may be the
      // evidence, but the agent is told that nobody checked it for a secret.
      if (ticket.category === 'security' && (email.attachments_shield ?? []).some((f) => f.shield === 'not_scanned') && !ticket.tags.includes(NOT_SCANNED_TAG)) {
        await tx.tickets.update(ticket.id, { tags: [...ticket.tags, NOT_SCANNED_TAG] }, at);
      }
      if (email.acknowledge !== true) return false;
      const thread = await tx.messages.listForTicket(ticket.id);
      const autoReplies = thread.filter(
        (m: Message) => m.authorType === 'system' && m.meta.reply_to === message.id && AUTO_REPLY_KINDS.has(String(m.meta.kind)),
      );
      // The mail that opened the ticket (not one appended to it) is acknowledged: the ticket's first customer
      // message (ids grow with time; equal timestamps cannot tell them apart).
      const firstCustomer = thread.filter((m) => m.authorType === 'customer').reduce<string | null>((min, m) => (min === null || m.id < min ? m.id : min), null);
      const opened = firstCustomer === message.id;
      const notices: NoticeRequest[] = [
        ...(opened ? [{ kind: 'acknowledgement' as const, ticketId: ticket.id, messageId: message.id, detail: { auto_replies: autoReplies.map((m) => m.id) } }] : []),
        ...((email.dropped_attachments?.length ?? 0) > 0
          ? [{ kind: 'attachment_rejected' as const, ticketId: ticket.id, messageId: message.id, detail: { files: email.dropped_attachments, limit_bytes: email.attachment_limit_bytes ?? null } }]
          : []),
      ];
      for (const n of notices) jobs = (await queueCustomerNotice(tx, n, at)) || jobs;
      // Later in a thread there is no acknowledgement to fold them into: they go out as replies (unless the
      // auto-reply-delivery processor already sends them one by one on this desk).
      if (!opened && !sendsAutoRepliesAlone(deps, 'email')) {
        for (const m of autoReplies) {
          if (m.delivery) continue;
          await queueDelivery(tx, m.id, at);
          jobs = true;
        }
      }
      return jobs;
    });
    if (queued) deps.jobsNudge?.();
  },
};
