/**
 * The ticket's identity panel (issue 18): what the conversation and the customer have proven, what the brand's
 * sensitive actions need, the step-ups so far, and "Verify identity" with its methods. Agents never see a code:
 * a code goes to the customer's e-mail or is spoken by the hotline; the panel shows where it went and whether it
 * passed. A signature the customer pastes in the conversation can be checked here (signatures are public).
 */
import { useCallback, useEffect, useState } from 'react';
import { get, post, type Answer } from '../../shared/api';
import { formatTime, useLang } from '../../shared/i18n';
import { STEP_UP_METHODS } from '../../../src/core/identity.js';
import type { contract } from '../types';
import { agentName, useDesk, useNotices } from './desk';
import { errorText } from './errors';

type Verification = Answer<typeof contract.TicketVerificationJson>;
type Started = Answer<typeof contract.StartedStepUpJson>;
type Method = (typeof STEP_UP_METHODS)[number];

export function VerificationPanel({ ticketId }: { ticketId: string }) {
  const { t, lang } = useLang();
  const desk = useDesk();
  const [v, setV] = useState<Verification | null>(null);
  const [open, setOpen] = useState(false);
  const [method, setMethod] = useState<Method>('email_code');
  const [address, setAddress] = useState('');
  const [receiveAddress, setReceiveAddress] = useState('');
  const [signature, setSignature] = useState('');
  const [started, setStarted] = useState<Started | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setV(await get<typeof contract.TicketVerificationJson>(`/api/v1/tickets/${ticketId}/verification`));
    } catch (err) {
      setMessage({ text: errorText(t, err), error: true });
    }
  }, [ticketId]);
  useEffect(() => void load(), [load]);
  useNotices((ns) => {
    if (ns.some((n) => n.ticket_id === ticketId)) void load();
  }, 200);

  const start = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const s = await post<typeof contract.StartedStepUpJson, typeof contract.StepUpBody>(`/api/v1/tickets/${ticketId}/step-ups`, {
        method,
        ...(method === 'address' || method === 'test_transaction' ? { address: address.trim() } : {}),
        ...(method === 'test_transaction' ? { receive_address: receiveAddress.trim() } : {}),
      });
      setStarted(s);
      setOpen(false);
      setMessage({ text: t(`identity.started.${s.step_up.method}`, { target: s.step_up.target ?? '' }), error: false });
      await load();
    } catch (err) {
      setMessage({ text: errorText(t, err), error: true });
    } finally {
      setBusy(false);
    }
  };

  const check = async () => {
    if (!started) return;
    setBusy(true);
    try {
      const o = await post<typeof contract.StepUpOutcomeJson, typeof contract.SignatureBody>(`/api/v1/tickets/${ticketId}/step-ups/${started.step_up.id}/signature`, { signature: signature.trim() });
      setMessage({ text: o.message[lang], error: !o.passed });
      setSignature('');
      await load();
    } catch (err) {
      setMessage({ text: errorText(t, err), error: true });
    } finally {
      setBusy(false);
    }
  };

  /** One look at the chain for a test transaction, now. */
  const lookNow = async (stepUpId: string) => {
    setBusy(true);
    try {
      const r = await post<typeof contract.TestTxCheckJson>(`/api/v1/tickets/${ticketId}/step-ups/${stepUpId}/check`);
      setMessage({ text: r.passed ? t('identity_tx.found', { txid: r.txid ?? '' }) : t(`identity_tx.${r.status === 'expired' ? 'expired' : 'not_yet'}`), error: !r.passed });
      await load();
    } catch (err) {
      setMessage({ text: errorText(t, err), error: true });
    } finally {
      setBusy(false);
    }
  };

  if (!v) return null;
  const pendingTx = v.step_ups.find((s) => s.method === 'test_transaction' && s.status === 'pending');
  const pendingAddress = started?.step_up.method === 'address' ? v.step_ups.find((s) => s.id === started.step_up.id && s.status === 'pending') : undefined;
  return (
    <section className="verification" aria-labelledby="verification-title" data-slot="verification-panel">
      <h3 id="verification-title">{t('identity.title')}</h3>
      <dl className="facts">
        <div data-slot="conversation-level" data-level={v.conversation_level}>
          <dt>{t('identity.conversation')}</dt>
          <dd>
            <span className={`badge level-${v.conversation_level}`}>{t(`identity.level.${v.conversation_level}`)}</span>
            {v.weak ? <span className="warn"> {t('identity.weak')}</span> : null}
          </dd>
        </div>
        <div data-slot="customer-level" data-level={v.customer_level}>
          <dt>{t('identity.customer')}</dt>
          <dd>{t(`identity.level.${v.customer_level}`)}</dd>
        </div>
      </dl>
      <ul className="muted requirements">
        {(['unfreeze', 'change_contact', 'merge_customers'] as const).map((a) => (
          <li key={a} data-allowed={v.allowed[a] ? 'true' : 'false'}>
            {v.allowed[a] ? '✓' : '✗'} {t(`identity.action.${a}`)} — {t(`identity.level.${v.requirements[a]}`)}
          </li>
        ))}
      </ul>
      {v.step_ups.length ? (
        <ol className="step-ups" data-slot="step-ups">
          {v.step_ups.slice(0, 5).map((s) => (
            <li key={s.id} data-status={s.status}>
              <strong>{t(`identity.method.${s.method}`)}</strong> · {t(`identity.status.${s.status}`)}
              {s.target && s.method !== 'address' ? <span className="mono"> · {s.target}</span> : null}
              {s.result ? <span className="muted"> · {t(`identity.result.${s.result}`)}</span> : null}
              <span className="muted">
                {' '}
                · {agentName(desk, s.requested_by ?? '')} · {formatTime(s.created_at, lang)}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
      {message ? (
        <p className={message.error ? 'error' : 'ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      ) : null}
      {started?.link ? (
        <p className="field">
          <label htmlFor="identity-link">{t('identity.link')}</label>
          <input id="identity-link" className="mono" readOnly value={started.link} onFocus={(e) => e.currentTarget.select()} />
        </p>
      ) : null}
      {pendingAddress?.challenge ? (
        <div className="field">
          <label htmlFor="identity-challenge">{t('identity.challenge')}</label>
          <textarea id="identity-challenge" className="mono" readOnly rows={6} value={pendingAddress.challenge} />
          <label htmlFor="identity-signature">{t('identity.signature')}</label>
          <textarea id="identity-signature" className="mono" rows={2} value={signature} onChange={(e) => setSignature(e.target.value)} />
          <button type="button" className="secondary" disabled={busy || !signature.trim()} onClick={() => void check()}>
            {t('identity.check_signature')}
          </button>
        </div>
      ) : null}
      {pendingTx?.challenge ? (
        <div className="field" data-slot="test-transaction">
          <label htmlFor="identity-tx-terms">{t('identity_tx.terms')}</label>
          <textarea id="identity-tx-terms" className="mono" readOnly rows={6} value={pendingTx.challenge} />
          <p className="hint">{t('identity_tx.watching')}</p>
          <button type="button" className="secondary" disabled={busy} onClick={() => void lookNow(pendingTx.id)}>
            {t('identity_tx.check_now')}
          </button>
        </div>
      ) : null}
      {open ? (
        <div className="card verify-form">
          <p className="field">
            <label htmlFor="identity-method">{t('identity.choose')}</label>
            <select id="identity-method" value={method} onChange={(e) => setMethod(e.target.value as Method)}>
              {STEP_UP_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`identity.method.${m}`)}
                </option>
              ))}
            </select>
          </p>
          <p className="hint">{t(`identity.hint.${method}`)}</p>
          {method === 'address' || method === 'test_transaction' ? (
            <p className="field">
              <label htmlFor="identity-address">{t(method === 'test_transaction' ? 'identity_tx.from' : 'identity.address')}</label>
              <input id="identity-address" className="mono" value={address} onChange={(e) => setAddress(e.target.value)} />
            </p>
          ) : null}
          {method === 'test_transaction' ? (
            <p className="field">
              <label htmlFor="identity-receive">{t('identity_tx.to')}</label>
              <input id="identity-receive" className="mono" value={receiveAddress} onChange={(e) => setReceiveAddress(e.target.value)} />
            </p>
          ) : null}
          <div className="row">
            <button type="button" disabled={busy || ((method === 'address' || method === 'test_transaction') && !address.trim()) || (method === 'test_transaction' && !receiveAddress.trim())} onClick={() => void start()}>
              {t('identity.start')}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {t('identity.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setOpen(true)} data-action="verify-identity">
          {t('identity.verify')}
        </button>
      )}
    </section>
  );
}
