/**
 * The help center's sender (issue 19): a help-center request has no channel back to the customer but its status
 * page, so an agent's public reply is e-mailed to the address the customer left, with the reply and a new private
 * status link. The message's delivery state then says whether that mail went out (sent, retrying, failed).
 */
import type { ChannelSender, Deps } from '../../app/ports.js';
import { issuePortalLink } from './portal-links.js';

/** Registered as senders.web only when the desk sends mail (SMTP_URL), else replies wait on the status page. */
export function helpCenterSender(deps: Deps, publicUrl: string): ChannelSender {
  return {
    async send({ brand, ticket, message, requester }) {
      const mail = deps.senders?.email;
      if (!mail?.notify) throw new Error('the desk sends no e-mail (SMTP_URL is not set)');
      const to = requester.emails[0];
      if (!to) throw new Error('the customer left no e-mail address');
      if (await deps.store.customers.bouncingSince('email', to)) throw new Error('mail to the customer bounces');
      const link = await issuePortalLink(deps, ticket.id);
      const sent = await mail.notify({
        kind: 'reply',
        key: `help-answer:${message.id}`,
        brand,
        ticket,
        requester,
        to,
        message,
        url: `${publicUrl.replace(/\/+$/, '')}${link.path}`,
        detail: {},
        autoReplies: [],
      });
      return { externalId: sent.externalId ?? null };
    },
  };
}
