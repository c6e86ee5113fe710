/**
 * The ticket's emergency panel (issue 18): freeze the customer's account (custodial brands), the freeze's state
 * with the unfreeze button for a second agent, or the non-custodial playbook sent with one click; and the export
 * of the signed record (PDF or HTML, internal notes only when ticked).
 */
import { useCallback, useEffect, useState } from 'react';
import type { Static } from '@sinclair/typebox';
import { get, post } from '../../../shared/api';
import { formatTime, useLang } from '../../../shared/i18n';
import { agentName, useDesk } from '../../parts/desk';
import { Status, useAction } from '../../parts/forms';
import type { contract } from '../../types';

type Freezes = Static<typeof contract.TicketFreezes>;
type Playbook = Static<typeof contract.PlaybookJson>;

export function FreezePanel({ ticketId, onChanged }: { ticketId: string; onChanged: () => void }) {
  const { t, lang } = useLang();
  const desk = useDesk();
  const [data, setData] = useState<Freezes | null>(null);
  const [reason, setReason] = useState('');
  const [playbook, setPlaybook] = useState<Playbook | null>(null);
  const [internal, setInternal] = useState(false);
  const [linkTo, setLinkTo] = useState<string | null>(null);
  const a = useAction();

  const load = useCallback(async () => {
    try {
      setData(await get<typeof contract.TicketFreezes>(`/api/v1/tickets/${ticketId}/freeze`));
    } catch {
      setData(null);
    }
  }, [ticketId]);
  useEffect(() => void load(), [load]);

  const active = data?.freezes.find((f) => f.state !== 'unfrozen') ?? null;
  const who = (f: NonNullable<typeof active>) => (f.frozen_by.type === 'agent' ? agentName(desk, f.frozen_by.id) : t('freeze.by_customer'));
  const recordHref = (format: 'pdf' | 'html') => `/api/v1/tickets/${ticketId}/record?format=${format}${internal ? '&internal=true' : ''}`;

  return (
    <section className="card freeze" aria-labelledby="freeze-title" data-slot="freeze-panel">
      <h2 id="freeze-title">{t('freeze.title')}</h2>
      <Status error={a.error} done={a.done} />
      {linkTo ? (
        <p className="ok" role="status">
          {t('freeze.link_sent', { to: linkTo })}
        </p>
      ) : null}
      {!data ? null : active ? (
        <div data-slot="freeze-state">
          <p className="warn">
            <strong>{active.state === 'unfreezing' ? t('freeze.state_unfreezing', { at: formatTime(active.effective_at, lang) }) : t(`freeze.state_${active.state}`)}</strong>
          </p>
          <p className="muted">{t('freeze.frozen', { at: formatTime(active.frozen_at, lang), who: who(active) })}</p>
          <p className="muted">{t('freeze.hold_until', { at: formatTime(active.hold_until, lang) })}</p>
          <p className="muted">{t('freeze.webhook_attempts', { count: active.webhook_attempts })}</p>
          {active.webhook ? (
            <p className={active.webhook.state === 'failed' ? 'error' : active.webhook.state === 'retrying' ? 'warn' : 'muted'} data-slot="webhook-state" role={active.webhook.state === 'failed' ? 'alert' : undefined}>
              {t(`freeze_delivery.state.${active.webhook.state}`, {
                action: active.webhook.action ? t(`freeze_delivery.action.${active.webhook.action}`) : '',
                attempts: active.webhook.attempts,
                error: active.webhook.last_error ?? '',
              })}
            </p>
          ) : null}
          {active.state === 'frozen' || active.state === 'unfreeze_requested' ? (
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void a.run(async () => {
                  await post<typeof contract.FreezeAccepted>(`/api/v1/tickets/${ticketId}/unfreeze`);
                  await load();
                  onChanged();
                }, t('freeze.unfreeze_done'))
              }
            >
              {active.frozen_by.type === 'agent' || active.state === 'unfreeze_requested' ? t('freeze.unfreeze') : t('freeze.request_unfreeze')}
            </button>
          ) : null}
        </div>
      ) : data.settings.custodial ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void a.run(async () => {
              await post<typeof contract.FreezeAccepted, typeof contract.FreezeBody>(`/api/v1/tickets/${ticketId}/freeze`, { reason: reason.trim() || t('freeze.reason_default') });
              await load();
              onChanged();
            }, t('freeze.done'));
          }}
        >
          <p className="muted">{data.settings.account_webhook_url ? t('freeze.custodial_hint') : t('freeze.no_webhook')}</p>
          <div className="field">
            <label htmlFor="freeze-reason">{t('freeze.reason')}</label>
            <input id="freeze-reason" value={reason} placeholder={t('freeze.reason_default')} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </div>
          <p className="row">
            <button type="submit" className="danger" disabled={!data.settings.account_webhook_url}>
              {t('freeze.freeze_now')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={!data.settings.account_webhook_url}
              onClick={() =>
                void a.run(async () => {
                  const sent = await post<typeof contract.FreezeLinkSent>(`/api/v1/tickets/${ticketId}/freeze/link`);
                  setLinkTo(sent.to);
                }, '')
              }
            >
              {t('freeze.send_link')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={!data.settings.account_webhook_url}
              onClick={() =>
                void a.run(async () => {
                  const sent = await post<typeof contract.FreezeLinkSent, typeof contract.FreezeLinkBody>(`/api/v1/tickets/${ticketId}/freeze/link`, { via: 'sms' });
                  setLinkTo(sent.to);
                }, '')
              }
            >
              {t('freeze_sms_ui.send_link')}
            </button>
          </p>
        </form>
      ) : (
        <div>
          <p className="muted">{t('freeze.non_custodial_hint')}</p>
          {playbook ? (
            <>
              <pre className="playbook" data-slot="playbook">{playbook.text}</pre>
              <button
                type="button"
                onClick={() =>
                  void a.run(async () => {
                    await post<typeof contract.PlaybookSent, typeof contract.PlaybookSendBody>(`/api/v1/tickets/${ticketId}/freeze/playbook`, { language: playbook.language });
                    onChanged();
                  }, t('freeze.playbook_sent'))
                }
              >
                {t('freeze.playbook_send')}
              </button>
            </>
          ) : (
            <button type="button" className="danger" onClick={() => void a.run(async () => setPlaybook(await get<typeof contract.PlaybookJson>(`/api/v1/tickets/${ticketId}/freeze/playbook`)), '')}>
              {t('freeze.playbook_open')}
            </button>
          )}
        </div>
      )}
      <h3>{t('record.title')}</h3>
      <p className="muted">{t('record.hint')}</p>
      <label className="check">
        <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} /> {t('record.internal')}
      </label>
      <p className="row">
        <a className="button secondary" href={recordHref('pdf')} download data-slot="record-pdf">
          {t('record.pdf')}
        </a>{' '}
        <a className="button secondary" href={recordHref('html')} download data-slot="record-html">
          {t('record.html')}
        </a>
      </p>
    </section>
  );
}
