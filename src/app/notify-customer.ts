/**
 * Automatic notices to customers (acknowledgement of a new ticket, "an agent replied", the private status link,
 * rejected attachments) as durable jobs ('customer.notify'): queued in the transaction that caused them or right
 * after its commit, de-duplicated per kind and message, retried with backoff, sent by the channel's notify().
 * Addresses that bounce get no notices.
 */
import type { Message } from '../core/message.js';
import { historyEvent } from './history.js';
import type { CustomerNotice, Deps, NoticeKind, Repos } from './ports.js';

export const NOTIFY_JOB = 'customer.notify';

export interface NoticeRequest {
  kind: NoticeKind;
  ticketId: string;
  /** The message the notice is about (the customer's mail acknowledged, the agent's reply). */
  messageId?: string | null;
  /** Write here instead of the message's sender or the requester's first address. */
  to?: string | null;
  url?: string | null;
  detail?: Record<string, unknown>;
  /** Distinguishes notices of one kind about the same message or ticket (defaults to neither). */
  key?: string | null;
}

/** The dedupe key: the same notice queued twice (a retried delivery, a redelivered e-mail) is sent once. */
export function noticeKey(req: Pick<NoticeRequest, 'kind' | 'ticketId' | 'messageId' | 'key'>): string {
  return `notify:${req.kind}:${req.messageId ?? req.ticketId}${req.key ? `:${req.key}` : ''}`;
}

/** Queues a notice; false when the same notice was queued before. */
export async function queueCustomerNotice(repos: Pick<Repos, 'jobs'>, req: NoticeRequest, at: string): Promise<boolean> {
  const id = await repos.jobs.enqueue(
    {
      type: NOTIFY_JOB,
      payload: {
        kind: req.kind,
        ticket_id: req.ticketId,
        message_id: req.messageId ?? null,
        to: req.to ?? null,
        url: req.url ?? null,
        detail: req.detail ?? {},
        key: noticeKey(req),
      },
      dedupeKey: noticeKey(req),
      maxAttempts: 6,
    },
    at,
  );
  return id !== null;
}

function senderOf(message: Message | null): string | null {
  const from = (message?.meta.email as { from?: unknown } | undefined)?.from;
  return typeof from === 'string' && from.includes('@') ? from : null;
}

/** The job handler: loads what the notice needs and hands it to the channel. Skips (without failing) when there is nobody to write to. */
export async function notifyCustomer(deps: Pick<Deps, 'store' | 'clock' | 'senders'>, payload: Record<string, unknown>): Promise<'sent' | 'skipped'> {
  const { store } = deps;
  const notifier = deps.senders?.email;
  if (!notifier?.notify) return 'skipped';
  const ticket = await store.tickets.get(String(payload.ticket_id));
  if (!ticket) return 'skipped';
  const [brand, requester, message] = await Promise.all([
    store.brands.get(ticket.brandId),
    store.customers.get(ticket.requesterId),
    payload.message_id ? store.messages.get(String(payload.message_id)) : Promise.resolve(null),
  ]);
  if (!brand || !requester) return 'skipped';
  const to = (typeof payload.to === 'string' && payload.to) || senderOf(message) || requester.emails[0] || null;
  if (!to || (await store.customers.bouncingSince('email', to))) return 'skipped';

  const autoReplyIds = Array.isArray((payload.detail as { auto_replies?: unknown })?.auto_replies)
    ? ((payload.detail as { auto_replies: unknown[] }).auto_replies.filter((x) => typeof x === 'string') as string[])
    : [];
  const autoReplies = (await Promise.all(autoReplyIds.map((id) => store.messages.get(id)))).filter((m): m is Message => m !== null).map((m) => m.body);
  const notice: CustomerNotice = {
    kind: payload.kind as NoticeKind,
    key: String(payload.key),
    brand,
    ticket,
    requester,
    to,
    message,
    url: typeof payload.url === 'string' ? payload.url : null,
    detail: (payload.detail as Record<string, unknown>) ?? {},
    autoReplies,
  };
  const result = await notifier.notify(notice);
  const at = deps.clock.now().toISOString();
  await store.events.append([
    historyEvent({
      type: 'customer.notified',
      actor: { type: 'system', id: null },
      at,
      subjectType: 'ticket',
      subjectId: ticket.id,
      data: { kind: notice.kind, channel: 'email', message_id: message?.id ?? null, external_id: result.externalId ?? null },
    }),
  ]);
  return 'sent';
}
