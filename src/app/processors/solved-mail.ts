/**
 * "Your request is solved" (issue 18): when a ticket is solved, the customer gets one e-mail with a private link
 * to their request's status page, where they download the signed record of the whole conversation (PDF or
 * HTML). Who gets it: a customer with an e-mail address on file (not bouncing), whatever the channel — chat,
 * the help center, the phone line and the API included, since after the chat window or the call is gone that
 * link is their only way back to the record. On an e-mail ticket the mail is a reply in the customer's own
 * thread (In-Reply-To their last message, "Re:" subject) rather than a new conversation in their mailbox.
 * The text goes through the outbound guard first; a blocked text is recorded and not sent. Once per solve event
 * (a reopened and solved-again ticket gets another), skipped when the ticket was reopened before the job ran.
 */
import { SYSTEM } from '../../core/event.js';
import type { Message } from '../../core/message.js';
import { checkOutbound } from '../../shield/index.js';
import { language, t } from '../../i18n/index.js';
import { hashToken, newId, randomToken } from '../../core/ids.js';
import { historyEvent } from '../history.js';
import { ticketHistory } from '../freeze-delivery.js';
import type { Processor } from './processor.js';

/** As long as the help center's status links (channels/help-center/portal-links.ts PORTAL_LINK_TTL_MS): 30 days. */
const STATUS_LINK_TTL_MS = 30 * 24 * 3_600_000;

export const solvedMail: Processor<'ticket.updated'> = {
  name: 'solved-mail',
  version: 1,
  handles: ['ticket.updated'],
  wants: (event, deps) => {
    const status = (event.changes as { status?: [unknown, unknown] }).status;
    // Needs a sender and the desk's public address (main.ts gives both; a desk without them queues nothing).
    return Array.isArray(status) && status[1] === 'solved' && status[0] !== 'closed' && deps.senders?.email?.notify !== undefined && Boolean(deps.publicUrl);
  },
  async run(deps, event) {
    const notify = deps.senders?.email?.notify;
    if (!notify || !deps.publicUrl) return;
    const ticket = await deps.store.tickets.get(event.subjectId);
    // Reopened (or merged away) before the job ran: the next solve sends its own.
    if (!ticket || (ticket.status !== 'solved' && ticket.status !== 'closed') || ticket.mergedIntoId) return;
    const [brand, requester] = await Promise.all([deps.store.brands.get(ticket.brandId), deps.store.customers.get(ticket.requesterId)]);
    const to = requester?.emails[0];
    if (!brand || !requester || !to || (await deps.store.customers.bouncingSince('email', to))) return;
    const history = await ticketHistory(deps.store, ticket.id);
    const key = `solved:${event.id}`;
    if (history.some((e) => e.type === 'customer.notified' && (e.data as { key?: unknown }).key === key)) return;

    const at = deps.clock.now().toISOString();
    const lang = language(ticket.language ?? requester.language, brand.defaultLanguage);
    // The link goes into the e-mail only; the desk keeps its hash (a status link as the help center issues them,
    // written here because the help center's module imports ingestion, which imports this list of processors).
    const token = randomToken(32);
    const link = { path: `/help/status#${token}`, expiresAt: new Date(Date.parse(at) + STATUS_LINK_TTL_MS).toISOString() };
    await deps.store.portalLinks.insert({ id: newId(), tokenHash: hashToken(token), ticketId: ticket.id, customerId: ticket.requesterId, createdAt: at, expiresAt: link.expiresAt, lastUsedAt: null, revokedAt: null });
    const url = `${(deps.publicUrl ?? '').replace(/\/+$/, '')}${link.path}`;
    const verdict = checkOutbound(t(lang, 'solved_mail.body', { number: ticket.number, url }));
    if (!verdict.allowed) {
      await deps.store.events.append([historyEvent({ type: 'shield.outbound_blocked', actor: SYSTEM, at, subjectType: 'ticket', subjectId: ticket.id, data: { rule: verdict.rule, notice: 'solved' } })]);
      return;
    }
    // An e-mail conversation continues in its own thread: the reply answers the customer's last e-mail.
    let lastMail: Message | null = null;
    if (ticket.channel === 'email') {
      const messages = await deps.store.messages.listForTicket(ticket.id);
      lastMail = [...messages].reverse().find((m) => m.authorType === 'customer' && m.channel === 'email') ?? null;
    }
    const result = await notify.call(deps.senders!.email, { kind: 'solved', key, brand, ticket, requester, to, message: lastMail, url, detail: { expires_at: link.expiresAt }, autoReplies: [] });
    await deps.store.events.append([
      historyEvent({
        type: 'customer.notified',
        actor: SYSTEM,
        at: deps.clock.now().toISOString(),
        subjectType: 'ticket',
        subjectId: ticket.id,
        data: { kind: 'solved', key, channel: 'email', threaded: lastMail !== null, message_id: null, external_id: result.externalId ?? null },
      }),
    ]);
  },
};
