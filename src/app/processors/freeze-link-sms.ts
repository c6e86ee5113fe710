/**
 * Texts a one-time "freeze my account now" link (app/freeze-link.ts, `via: 'sms'`) to the phone number on the
 * account, through the phone channel's provider account (deps.textMessages: Twilio's Messages API). The text is
 * in the conversation's language and passes the outbound guard; the token is opened from its sealed copy here,
 * never carried in the event or the history. The provider's status callbacks later record delivery on the ticket.
 */
import { SYSTEM } from '../../core/event.js';
import { freezePagePath } from '../../core/freeze.js';
import { language, t } from '../../i18n/index.js';
import { checkOutbound } from '../../shield/index.js';
import { ticketHistory } from '../freeze-delivery.js';
import { historyEvent } from '../history.js';
import { maskPhone } from '../step-up-secrets.js';
import type { Processor } from './processor.js';

/** The provider's status callback for texts, under PUBLIC_URL (channels/phone/sms-routes.ts serves it). */
const statusCallback = (publicUrl: string, ticketId: string): string => `${publicUrl.replace(/\/+$/, '')}/hooks/sms/twilio/status?ticket=${ticketId}`;

export const freezeLinkSms: Processor<'freeze.link_sent'> = {
  name: 'freeze-link-sms',
  version: 1,
  handles: ['freeze.link_sent'],
  wants: (event, deps) => event.data.via === 'sms' && deps.textMessages !== undefined,
  async run(deps, event) {
    const link = await deps.store.freezes.findLink(event.data.token_hash);
    if (!link || link.usedAt || !deps.textMessages) return;
    // At least once: a text already sent for this link is not sent again.
    const history = await ticketHistory(deps.store, link.ticketId);
    if (history.some((e) => e.type === 'freeze.link_texted' && (e.data as { token_hash?: unknown }).token_hash === link.tokenHash)) return;
    const [ticket, brand, requester] = await Promise.all([deps.store.tickets.get(link.ticketId), deps.store.brands.get(link.brandId), deps.store.customers.get(link.customerId)]);
    if (!ticket || !brand || !requester) return;
    const lang = language(ticket.language ?? requester.language, brand.defaultLanguage);
    const url = `${event.data.base_url.replace(/\/+$/, '')}${freezePagePath(deps.secrets.open(link.tokenSealed))}`;
    const body = t(lang, 'freeze_sms.body', { brand: brand.name, url });
    const at = deps.clock.now().toISOString();
    const verdict = checkOutbound(body);
    if (!verdict.allowed) {
      await deps.store.events.append([historyEvent({ type: 'shield.outbound_blocked', actor: SYSTEM, at, subjectType: 'ticket', subjectId: ticket.id, data: { rule: verdict.rule, notice: 'freeze_link_sms' } })]);
      return;
    }
    const sent = await deps.textMessages.send({
      brandId: brand.id,
      to: event.data.to,
      body,
      statusCallback: statusCallback(event.data.base_url, ticket.id),
    });
    await deps.store.events.append([
      historyEvent({
        type: 'freeze.link_texted',
        actor: SYSTEM,
        at: deps.clock.now().toISOString(),
        subjectType: 'ticket',
        subjectId: ticket.id,
        data: { token_hash: link.tokenHash, to: maskPhone(event.data.to), from: sent.from, message_sid: sent.externalId, status: sent.status },
      }),
    ]);
  },
};
