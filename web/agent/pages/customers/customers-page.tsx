/** Customers: the people who wrote in, searchable by name, e-mail or phone, newest first (issue 19). */
import { useEffect, useState, type FormEvent } from 'react';
import { get, qs } from '../../../shared/api';
import { formatTime, useLang } from '../../../shared/i18n';
import { errorText } from '../../parts/errors';
import { Link } from '../../parts/link';
import type { Customer, contract } from '../../types';

export function CustomersPage() {
  const { t, lang } = useLang();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<Customer[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (search: string, after: string | null) => {
    try {
      const page = await get<typeof contract.CustomerPage>(`/api/v1/customers${qs({ q: search, cursor: after, limit: 50 })}`);
      setRows((r) => (after ? [...(r ?? []), ...page.customers] : page.customers));
      setCursor(page.next_cursor);
      setError(null);
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  useEffect(() => void load(query, null), [query]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery(q.trim());
  };

  return (
    <section aria-labelledby="customers-title">
      <h1 id="customers-title">{t('customers.title')}</h1>
      <form className="row" role="search" onSubmit={submit}>
        <label htmlFor="customer-q" className="sr-only">
          {t('customers.search')}
        </label>
        <input id="customer-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('customers.search')} />
        <button type="submit">{t('customers.search_button')}</button>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {rows === null ? <p aria-busy="true">{t('common.loading')}</p> : null}
      {rows && rows.length === 0 ? <p className="muted">{t('customers.none')}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="tickets" data-slot="customers">
          <thead>
            <tr>
              <th>{t('customers.name')}</th>
              <th>{t('customers.contacts')}</th>
              <th>{t('customers.verification')}</th>
              <th>{t('customers.since')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-customer-id={c.id}>
                <td data-label={t('customers.name')}>
                  <Link to={`/agent/customers/${c.id}`}>{c.name ?? t('agent.customer.no_name')}</Link>
                </td>
                <td data-label={t('customers.contacts')} className="mono">{[...c.emails, ...c.phones].join(', ')}</td>
                <td data-label={t('customers.verification')}>{t(`agent.verification.${c.verification_level}`)}</td>
                <td data-label={t('customers.since')}>{formatTime(c.created_at, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {cursor ? (
        <button type="button" className="secondary" onClick={() => void load(query, cursor)}>
          {t('customers.more')}
        </button>
      ) : null}
    </section>
  );
}
