/**
 * E-mails a one-time "freeze my account now" link (app/freeze-link.ts) to the address on the account, through
 * the e-mail channel's notice. The token is opened from its sealed copy here, never carried in the event.
 */
import { freezePagePath } from '../../core/freeze.js';
import type { Processor } from './processor.js';

export const freezeLinkMail: Processor<'freeze.link_sent'> = {
  name: 'freeze-link-mail',
  version: 1,
  handles: ['freeze.link_sent'],
  // A texted link (via: 'sms') is freeze-link-sms's.
  wants: (event, deps) => event.data.via !== 'sms' && deps.senders?.email?.notify !== undefined,
  async run(deps, event) {
    const link = await deps.store.freezes.findLink(event.data.token_hash);
    const notify = deps.senders?.email?.notify;
    if (!link || link.usedAt || !notify || event.data.via === 'sms') return;
    const [ticket, brand, requester] = await Promise.all([deps.store.tickets.get(link.ticketId), deps.store.brands.get(link.brandId), deps.store.customers.get(link.customerId)]);
    if (!ticket || !brand || !requester) return;
    const url = `${event.data.base_url.replace(/\/+$/, '')}${freezePagePath(deps.secrets.open(link.tokenSealed))}`;
    await notify.call(deps.senders!.email, { kind: 'freeze_link', key: `freeze-link:${link.tokenHash}`, brand, ticket, requester, to: event.data.to, message: null, url, detail: {}, autoReplies: [] });
  },
};
