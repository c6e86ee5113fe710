/**
 * The customer's side of a verification (/help/identity#<token>, issue 18): type a one-time code, sign a challenge
 * with a Bitcoin address, or let the provider's app confirm the signed-in user (the app opens this page with
 * `?user_id=…&user_hash=…` or `?token=…`). The token travels in the X-Identity-Token header, never in a URL.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, get, post } from '../../shared/api';
import { formatTime, useLang, type T } from '../../shared/i18n';
import { useLocation } from '../../shared/router';
import type { Static } from '@sinclair/typebox';
import type { IdentityPageJson, StepUpOutcomeJson } from '../../../src/contract/index.js';

type Check = Static<typeof IdentityPageJson>;
type Outcome = Static<typeof StepUpOutcomeJson>;

const withToken = (token: string) => ({ headers: { 'x-identity-token': token } });

function problem(t: T, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'network') return t('common.network_error');
    if (err.code === 'rate_limited') return t('portal.rate_limited');
    if (err.status === 404) return t('identity.page.not_found');
    if (err.status === 409) return t('identity.page.closed');
    if ((err.details as { reason?: string }).reason === 'expired') return t('identity.page.expired');
    return err.message;
  }
  return t('common.unknown_error');
}

export function IdentityPage({ token }: { token: string }) {
  const { t, lang } = useLang();
  const loc = useLocation();
  const [check, setCheck] = useState<Check | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [txNotYet, setTxNotYet] = useState(false);

  useEffect(() => {
    if (!token) return setError(t('identity.page.not_found'));
    get<Check>('/api/v1/help/identity', withToken(token))
      .then(setCheck)
      .catch((err) => setError(problem(t, err)));
  }, [token]);

  // The provider's app opened the page with its proof of the signed-in user: confirm at once.
  const appProof = loc.search.get('token') ? { token: loc.search.get('token')! } : loc.search.get('user_id') && loc.search.get('user_hash') ? { user_id: loc.search.get('user_id')!, user_hash: loc.search.get('user_hash')! } : null;
  useEffect(() => {
    if (check?.method !== 'app_link' || check.status !== 'pending' || !appProof) return;
    post<Outcome>('/api/v1/help/identity/app', appProof, withToken(token))
      .then(setOutcome)
      .catch((err) => setError(problem(t, err)));
  }, [check?.method, check?.status]);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!check) return <p aria-busy="true">{t('common.loading')}</p>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const path = check.method === 'address' ? '/api/v1/help/identity/signature' : '/api/v1/help/identity/code';
      const body = check.method === 'address' ? { signature: value.trim() } : { code: value.trim() };
      setOutcome(await post<Outcome>(path, body, withToken(token)));
      setValue('');
    } catch (err) {
      setError(problem(t, err));
    } finally {
      setBusy(false);
    }
  };

  /** Test transaction: "I have sent it" asks the desk to look at the chain now (it also looks by itself). */
  const lookNow = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await post<{ status: Check['status']; passed: boolean; txid: string | null }>('/api/v1/help/identity/check', undefined, withToken(token));
      if (r.passed) setCheck({ ...check, status: 'passed' });
      else if (r.status === 'expired') setCheck({ ...check, status: 'expired' });
      else setTxNotYet(true);
    } catch (err) {
      setError(problem(t, err));
    } finally {
      setBusy(false);
    }
  };

  const done = outcome?.passed || check.status === 'passed';
  const open = check.status === 'pending' && !done && outcome?.status !== 'failed';
  return (
    <section className="identity-page" data-method={check.method}>
      <h1>{t('identity.page.title')}</h1>
      <p>{t('identity.page.intro', { brand: check.brand.name, number: check.ticket_number })}</p>
      {done ? (
        <p className="ok" role="status" data-slot="identity-passed">
          {outcome ? outcome.message[lang] : t('identity.page.passed')}
        </p>
      ) : null}
      {outcome && !outcome.passed ? (
        <p className="error" role="alert">
          {outcome.message[lang]}
        </p>
      ) : null}
      {!open && !done ? <p className="warn">{t(check.status === 'expired' ? 'identity.page.expired' : 'identity.page.closed')}</p> : null}
      {open && check.method === 'app_link' ? <p>{t('identity.page.open_in_app')}</p> : null}
      {open && check.method === 'test_transaction' ? (
        <div className="card" data-slot="test-transaction">
          <p>{t('identity_tx.page_intro', { address: check.target ?? '' })}</p>
          <pre className="mono challenge" data-slot="challenge">
            {check.challenge}
          </pre>
          <p className="muted">{t('identity_tx.page_how')}</p>
          {txNotYet ? (
            <p className="warn" role="status">
              {t('identity_tx.page_not_yet')}
            </p>
          ) : null}
          <button type="button" disabled={busy} onClick={() => void lookNow()}>
            {t('identity_tx.page_sent')}
          </button>
        </div>
      ) : null}
      {open && check.method !== 'app_link' && check.method !== 'test_transaction' ? (
        <form onSubmit={(e) => void submit(e)} className="card">
          {check.method === 'address' ? (
            <>
              <p>{t('identity.page.sign_intro', { address: check.target ?? '' })}</p>
              <pre className="mono challenge" data-slot="challenge">
                {check.challenge}
              </pre>
              <p className="muted">{t('identity.page.sign_how')}</p>
              <label htmlFor="id-value">{t('identity.page.signature')}</label>
              <textarea id="id-value" className="mono" rows={3} value={value} onChange={(e) => setValue(e.target.value)} required />
              <p className="muted">{t('identity.page.multisig')}</p>
            </>
          ) : (
            <>
              <label htmlFor="id-value">{t('identity.page.code')}</label>
              <input id="id-value" inputMode="numeric" autoComplete="one-time-code" maxLength={7} value={value} onChange={(e) => setValue(e.target.value)} required />
              <p className="muted">{t(check.method === 'phone_code' ? 'identity.page.code_phone' : 'identity.page.code_email')}</p>
            </>
          )}
          <button type="submit" disabled={busy}>
            {t('identity.page.submit')}
          </button>
        </form>
      ) : null}
      {open ? <p className="muted">{t('identity.page.expires', { time: formatTime(check.expires_at, lang) })}</p> : null}
      <p className="shield">{t('identity.page.never_seed')}</p>
    </section>
  );
}
