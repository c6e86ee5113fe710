/**
 * Above the composer of a ticket whose channel cannot carry a reply (a phone call, e-mail without SMTP, a chat
 * whose visitor is gone): says so, and offers what can reach the customer (issue 19): the reply by e-mail when
 * an address is known, a private status link by e-mail, calling back the caller's number (by hand, as a task in
 * the Callbacks list, or placed now through the provider: click-to-call).
 */
import { useEffect, useState } from 'react';
import { ApiError, get, request } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { errorText } from '../../parts/errors';
import type { CallbackRequest, TicketView, contract } from '../../types';
import { CallNow } from '../../parts/call-now';

export function ReachNotice({ ticket, byEmail, onByEmail }: { ticket: TicketView; byEmail: boolean; onByEmail: (on: boolean) => void }) {
  const { t } = useLang();
  const [status, setStatus] = useState<string | null>(null);
  const reach = ticket.reply_reach;
  const phoneCallback = !!reach && !reach.on_channel && reach.callback && ticket.channel === 'phone';
  const openCallbacksPath = `/api/v1/calls/callbacks?status=open&ticket_id=${encodeURIComponent(ticket.id)}`;
  // A placement already in flight (from the Calls page, or before a reload) shows its status beside Call now.
  const [openCallback, setOpenCallback] = useState<CallbackRequest | null>(null);
  useEffect(() => {
    if (!phoneCallback) return;
    let live = true;
    get<typeof contract.CallbackList>(openCallbacksPath)
      .then((r) => live && setOpenCallback(r.callbacks[0] ?? null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [phoneCallback, openCallbacksPath]);
  if (!reach || reach.on_channel) return null;
  const phone = ticket.requester.phone;
  const sendLink = async () => {
    try {
      const r = await request<typeof contract.StatusLinkSent>('POST', `/api/v1/tickets/${ticket.id}/status-link`);
      setStatus(t('reach.status_link_sent', { to: r.to }));
    } catch (err) {
      setStatus(errorText(t, err));
    }
  };
  // A callback task in the Calls page's list: the desk does not dial; an agent calls and marks it done.
  const addCallback = async () => {
    try {
      await request<typeof contract.CallbackJson, typeof contract.CallbackCreate>('POST', '/api/v1/calls/callbacks', { ticket_id: ticket.id });
      setStatus(t('phone_work.callback_added'));
    } catch (err) {
      if (err instanceof ApiError && err.details.reason === 'already_open') setStatus(t('phone_work.callback_already'));
      else if (err instanceof ApiError && err.details.reason === 'no_number') setStatus(t('phone_work.callback_no_number'));
      else setStatus(errorText(t, err));
    }
  };
  // "Call now": the ticket's open callback, or a new one, placed through the provider (click-to-call).
  const ensureCallback = async (): Promise<CallbackRequest> => {
    const open = await get<typeof contract.CallbackList>(openCallbacksPath);
    if (open.callbacks[0]) return open.callbacks[0];
    return request<typeof contract.CallbackJson, typeof contract.CallbackCreate>('POST', '/api/v1/calls/callbacks', { ticket_id: ticket.id });
  };
  const none = !reach.email && !reach.status_link && !(reach.callback && phone);
  return (
    <section className="warn reach" role="note" data-slot="reach" data-reason={reach.reason ?? ''}>
      <p>
        <strong>{t(`reach.reason.${reach.reason ?? 'no_sender'}`, { channel: t(`agent.channel.${ticket.channel}`) })}</strong>
      </p>
      {none ? (
        <p>{t('reach.none')}</p>
      ) : (
        <>
          <p>{t('reach.offer')}</p>
          <div className="row">
            {reach.email ? (
              <label className="row">
                <input type="checkbox" checked={byEmail} onChange={(e) => onByEmail(e.target.checked)} data-action="reply-by-email" />
                {t('reach.by_email', { email: ticket.requester.email ?? '' })}
              </label>
            ) : null}
            {reach.status_link ? (
              <button type="button" className="secondary" onClick={() => void sendLink()} data-action="status-link">
                {t('reach.status_link')}
              </button>
            ) : null}
            {reach.callback && phone ? (
              <a className="button secondary" href={`tel:${phone}`} data-action="call-back">
                {t('reach.call_back', { phone })}
              </a>
            ) : null}
            {reach.callback && ticket.channel === 'phone' ? (
              <button type="button" className="secondary" onClick={() => void addCallback()} data-action="add-callback">
                {t('phone_work.add_callback')}
              </button>
            ) : null}
            {reach.callback && ticket.channel === 'phone' ? <CallNow callback={openCallback} ensure={ensureCallback} label={phone ? t('c2c.call_now_of', { number: phone }) : t('c2c.call_now')} /> : null}
          </div>
        </>
      )}
      {status ? <p role="status">{status}</p> : null}
    </section>
  );
}
