/**
 * One customer: contacts, verification level, tickets, history, and merging a duplicate into them (issue 19).
 * The merge names the other customer (found by name, e-mail or phone), shows what moves, and asks first; the
 * server refuses it when the brands' merge_customers level is not met, with the missing steps.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { get, post, qs } from '../../../shared/api';
import { formatTime, useLang } from '../../../shared/i18n';
import { errorText } from '../../parts/errors';
import { HistoryList } from '../../parts/history';
import { Link } from '../../parts/link';
import type { Customer, DeskEvent, Ticket, contract } from '../../types';

export function CustomerPage({ id }: { id: string }) {
  const { t, lang } = useLang();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [tickets, setTickets] = useState<Ticket[]>([]);
  const [events, setEvents] = useState<DeskEvent[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const c = await get<Customer>(`/api/v1/customers/${encodeURIComponent(id)}`);
      setCustomer(c);
      const [tk, ev] = await Promise.all([
        get<typeof contract.TicketPage>(`/api/v1/tickets${qs({ requester_id: c.id, limit: 50 })}`),
        get<typeof contract.EventList>(`/api/v1/customers/${c.id}/events`).catch(() => ({ events: [], next_cursor: null })),
      ]);
      setTickets(tk.tickets);
      setEvents(ev.events);
      setError(null);
    } catch (err) {
      setError(errorText(t, err));
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!customer) return <p aria-busy="true">{t('common.loading')}</p>;
  return (
    <article aria-labelledby="customer-name" className="customer-page">
      <h1 id="customer-name">{customer.name ?? t('agent.customer.no_name')}</h1>
      {customer.merged_into_id ? (
        <p className="warn" role="note">
          {t('customers.merged_into')} <Link to={`/agent/customers/${customer.merged_into_id}`}>{t('customers.open_merged')}</Link>
        </p>
      ) : null}
      <section className="card" aria-labelledby="contacts-title">
        <h2 id="contacts-title">{t('customers.contacts')}</h2>
        <dl className="facts">
          <div data-slot="emails">
            <dt>{t('customers.emails')}</dt>
            <dd className="mono">{customer.emails.join(', ') || t('agent.customer.none')}</dd>
          </div>
          <div data-slot="phones">
            <dt>{t('customers.phones')}</dt>
            <dd className="mono">{customer.phones.join(', ') || t('agent.customer.none')}</dd>
          </div>
          <div data-slot="verification">
            <dt>{t('customers.verification')}</dt>
            <dd>{t(`agent.verification.${customer.verification_level}`)}</dd>
          </div>
          <div>
            <dt>{t('customers.since')}</dt>
            <dd>{formatTime(customer.created_at, lang)}</dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="tickets-title">
        <h2 id="tickets-title">{t('customers.tickets', { count: tickets.length })}</h2>
        {tickets.length ? (
          <ul data-slot="customer-tickets">
            {tickets.map((tk) => (
              <li key={tk.id}>
                <Link to={`/agent/tickets/${tk.number}`}>
                  #{tk.number} {tk.subject}
                </Link>{' '}
                <span className="muted">
                  ({t(`agent.status.${tk.status}`)} · {t(`agent.channel.${tk.channel}`)} · {formatTime(tk.created_at, lang)})
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('agent.customer.none')}</p>
        )}
      </section>
      {!customer.merged_into_id ? <MergeCustomer customer={customer} onMerged={() => void load()} /> : null}
      <details className="history card">
        <summary>{t('agent.ticket.history', { count: events.length })}</summary>
        <HistoryList events={events} />
      </details>
    </article>
  );
}

/** Finds the duplicate, previews the merge, and merges the duplicate into this customer. */
function MergeCustomer({ customer, onMerged }: { customer: Customer; onMerged: () => void }) {
  const { t, lang } = useLang();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Customer[] | null>(null);
  const [chosen, setChosen] = useState<Customer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = async (e: FormEvent) => {
    e.preventDefault();
    setChosen(null);
    setError(null);
    try {
      const page = await get<typeof contract.CustomerPage>(`/api/v1/customers${qs({ q: q.trim(), limit: 10 })}`);
      setFound(page.customers.filter((c) => c.id !== customer.id));
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const merge = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      await post<typeof contract.CustomerMergeResult, typeof contract.CustomerMergeBody>(`/api/v1/customers/${chosen.id}/merge`, { target_id: customer.id });
      setChosen(null);
      setFound(null);
      setQ('');
      onMerged();
    } catch (err) {
      const messages = (err as { details?: { messages?: Record<string, string> } }).details?.messages;
      setError(messages?.[lang] ?? errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="card" data-slot="merge-customer">
      <summary>{t('customers.merge_title')}</summary>
      <p className="hint">{t('customers.merge_hint')}</p>
      <form className="row" onSubmit={(e) => void search(e)}>
        <label htmlFor="merge-q" className="sr-only">
          {t('customers.search')}
        </label>
        <input id="merge-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('customers.search')} />
        <button type="submit" className="secondary">
          {t('customers.search_button')}
        </button>
      </form>
      {found && found.length === 0 ? <p className="muted">{t('customers.none')}</p> : null}
      {found?.length ? (
        <ul>
          {found.map((c) => (
            <li key={c.id}>
              <label className="row">
                <input type="radio" name="merge-source" checked={chosen?.id === c.id} onChange={() => setChosen(c)} />
                {c.name ?? t('agent.customer.no_name')} <span className="mono muted">{[...c.emails, ...c.phones].join(', ')}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      {chosen ? (
        <div role="status">
          <p>
            {t('customers.merge_preview', {
              source: chosen.name ?? [...chosen.emails, ...chosen.phones][0] ?? '?',
              target: customer.name ?? customer.emails[0] ?? '?',
              contacts: [...chosen.emails, ...chosen.phones].join(', ') || '–',
            })}
          </p>
          <button type="button" onClick={() => void merge()} disabled={busy} data-action="confirm-customer-merge">
            {t('customers.merge_confirm')}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </details>
  );
}
