/**
 * /help/freeze#<token>: the customer's "freeze my account now" page, reached through the one-time link the desk
 * e-mailed to the address on the account (issue 18). Says what freezing blocks and what still works; one button.
 * The token travels in a header, never a URL the server logs.
 */
import { useEffect, useState } from 'react';
import { useLang } from '../../shared/i18n';

interface LinkView {
  brand: string;
  number: number;
  usable: boolean;
  frozen: boolean;
  custodial: boolean;
}

export function FreezePage({ token }: { token: string }) {
  const { t } = useLang();
  const [view, setView] = useState<LinkView | null>(null);
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'gone'>('idle');
  useEffect(() => {
    void fetch('/api/v1/portal/freeze', { headers: { 'x-freeze-token': token } }).then(async (res) => {
      if (res.ok) setView((await res.json()) as LinkView);
      else setState('gone');
    });
  }, [token]);
  const freeze = async () => {
    setState('busy');
    const res = await fetch('/api/v1/portal/freeze', { method: 'POST', headers: { 'x-freeze-token': token } });
    setState(res.ok ? 'done' : 'gone');
  };
  return (
    <section className="freeze-page" data-slot="freeze-page">
      <h1>{t('freeze.page_title')}</h1>
      {view ? <p className="muted">{t('freeze.page_request', { brand: view.brand, number: view.number })}</p> : null}
      {state === 'done' || (view?.frozen && !view.usable) ? (
        <>
          <p className="ok" role="status">
            <strong>{t('freeze.page_done')}</strong>
          </p>
          <p>{t('freeze.page_intro')}</p>
        </>
      ) : state === 'gone' || (view && !view.usable) ? (
        <p className="error" role="alert">
          {t('freeze.page_used')}
        </p>
      ) : view && !view.custodial ? (
        <p className="error" role="alert">
          {t('freeze.page_not_custodial')}
        </p>
      ) : view ? (
        <>
          <p>{t('freeze.page_intro')}</p>
          <button type="button" className="danger" disabled={state === 'busy'} onClick={() => void freeze()}>
            {t('freeze.page_button')}
          </button>
        </>
      ) : null}
    </section>
  );
}
