/**
 * The customers part of the top search's results page (/agent/search?q=): people whose name, e-mail or phone
 * match, each linking to their customer page. The shell shows it above the matching tickets.
 */
import { useEffect, useState } from 'react';
import { get, qs } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { errorText } from '../../parts/errors';
import { Link } from '../../parts/link';
import type { Customer, contract } from '../../types';

const SHOWN = 10;

export function CustomerResults({ q }: { q: string }) {
  const { t } = useLang();
  const [rows, setRows] = useState<Customer[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!q.trim()) return setRows([]);
    let live = true;
    get<typeof contract.CustomerPage>(`/api/v1/customers${qs({ q: q.trim(), limit: SHOWN })}`)
      .then((page) => {
        if (!live) return;
        setRows(page.customers);
        setMore(page.next_cursor !== null);
      })
      .catch((err) => live && setError(errorText(t, err)));
    return () => {
      live = false;
    };
  }, [q, t]);
  return (
    <section className="search-customers" aria-labelledby="search-customers-title" data-slot="search-customers">
      <h2 id="search-customers-title">
        {t('search_page.customers')} {rows ? <span className="count">{more ? `${rows.length}+` : rows.length}</span> : null}
      </h2>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {rows === null && !error ? <p aria-busy="true">{t('common.loading')}</p> : null}
      {rows && rows.length === 0 ? <p className="muted">{t('search_page.no_customers')}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">{t('customers.name')}</th>
              <th scope="col">{t('customers.emails')}</th>
              <th scope="col">{t('customers.phones')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-customer-id={c.id}>
                <td data-label={t('customers.name')}>
                  <Link to={`/agent/customers/${c.id}`}>{c.name ?? t('agent.customer.no_name')}</Link>
                </td>
                <td data-label={t('customers.emails')} className="mono">{c.emails.join(', ') || '—'}</td>
                <td data-label={t('customers.phones')} className="mono">{c.phones.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {more ? <p className="small muted">{t('search_page.more_customers')}</p> : null}
      <h2>{t('search_page.tickets')}</h2>
    </section>
  );
}
