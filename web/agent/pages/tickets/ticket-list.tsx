/** Ticket lists (views, brands, search) with bulk actions. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { get, post, qs } from '../../../shared/api';
import { formatTime, relativeTime, useLang } from '../../../shared/i18n';
import { agentName, lastList, useDesk, useNotices } from '../../parts/desk';
import { errorText } from '../../parts/errors';
import { Link } from '../../parts/link';
import { SetupChecklist } from '../../parts/setup-checklist';
import { SlaCountdown } from '../../parts/sla-countdown';
import { PRIORITIES, STATUSES, type Ticket, type TicketPage, type contract } from '../../types';
import { BulkPreview, type BulkChanges } from './bulk-preview';
import { rememberFilter, rememberedFilter, useListScroll } from './list-memory';

/** One page of the ticket list API. */
export type Page = TicketPage;

function listPath(view: string, brandId: string | undefined, q: string | undefined, status: string, cursor?: string | null): string {
  if (view === 'search') return `/api/v1/tickets${qs({ q, limit: 50, cursor })}`;
  return `/api/v1/views/${view}/tickets${qs({ brand_id: brandId, status, limit: 50, cursor })}`;
}

/** `above`: shown between the title and the tickets (the search page's matching customers). */
export function TicketList({ view, brandId, q, above }: { view: string; brandId?: string; q?: string; above?: ReactNode }) {
  const { t, lang } = useLang();
  const desk = useDesk();
  const memory = `${view}:${brandId ?? ''}:${q ?? ''}`;
  const [status, setStatusState] = useState(() => rememberedFilter(memory, 'unsolved'));
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [bulkNote, setBulkNote] = useState<string | null>(null);
  const [pending, setPending] = useState<BulkChanges | null>(null);
  useListScroll(memory, tickets !== null);
  const setStatus = (value: string) => {
    rememberFilter(memory, value);
    setSelected(new Set());
    setPending(null);
    setStatusState(value);
  };

  const load = useCallback(async () => {
    try {
      const page = await get<Page>(listPath(view, brandId, q, status));
      setTickets(page.tickets);
      // A selection never includes tickets the list no longer shows: when one has gone, the selection is cleared.
      setSelected((sel) => ([...sel].every((id) => page.tickets.some((x) => x.id === id)) ? sel : new Set()));
      setCursor(page.next_cursor);
      lastList.numbers = page.tickets.map((x) => x.number);
      setError(null);
    } catch (err) {
      setError(errorText(t, err));
    }
  }, [view, brandId, q, status]);
  useEffect(() => void load(), [load]);
  useNotices(() => void load(), 500);

  const more = async () => {
    if (!cursor) return;
    const page = await get<Page>(listPath(view, brandId, q, status, cursor));
    setTickets((ts) => [...(ts ?? []), ...page.tickets]);
    setCursor(page.next_cursor);
    lastList.numbers = [...lastList.numbers, ...page.tickets.map((x) => x.number)];
  };

  const bulk = (changes: BulkChanges) => {
    setBulkNote(null);
    setPending(changes);
  };

  const apply = async (changes: BulkChanges) => {
    setPending(null);
    const ids = [...selected];
    const r = await post<typeof contract.BulkResult, typeof contract.BulkBody>('/api/v1/tickets/bulk', { ids, changes });
    const failed = r.results.filter((x) => !x.ok).length;
    setBulkNote(t('agent.bulk.done', { ok: r.results.length - failed, failed }));
    setSelected(new Set());
    await load();
  };

  const title = view === 'search' ? t('agent.search.results', { q }) : brandId ? (desk.brands.find((b) => b.id === brandId)?.name ?? '') : t(`agent.view.${view}`);
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));

  return (
    <section aria-labelledby="list-title">
      <div className="row spread">
        <h1 id="list-title">{title}</h1>
        {view !== 'search' ? (
          <label className="row">
            <span>{t('agent.list.status_filter')}</span>
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="unsolved">{t('agent.list.unsolved')}</option>
              <option value="any">{t('agent.list.any_status')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`agent.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {above}
      {selected.size ? (
        <div className="bulkbar card" role="region" aria-label={t('agent.bulk.label')}>
          <span>{t('agent.bulk.selected', { count: selected.size })}</span>
          <button type="button" onClick={() => void bulk({ assignee_id: desk.me.agent.id })}>
            {t('agent.bulk.assign_me')}
          </button>
          <label>
            <span className="sr-only">{t('agent.bulk.set_status')}</span>
            <select value="" onChange={(e) => e.target.value && void bulk({ status: e.target.value as Ticket['status'] })} aria-label={t('agent.bulk.set_status')}>
              <option value="">{t('agent.bulk.set_status')}</option>
              {STATUSES.filter((s) => s !== 'new').map((s) => (
                <option key={s} value={s}>
                  {t(`agent.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="sr-only">{t('agent.bulk.set_priority')}</span>
            <select value="" onChange={(e) => e.target.value && void bulk({ priority: e.target.value as Ticket['priority'] })} aria-label={t('agent.bulk.set_priority')}>
              <option value="">{t('agent.bulk.set_priority')}</option>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`agent.priority.${p}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      {pending && selected.size ? <BulkPreview changes={pending} count={selected.size} onApply={() => void apply(pending)} onCancel={() => setPending(null)} /> : null}
      {bulkNote ? (
        <p role="status" className="muted">
          {bulkNote}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {tickets === null ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : tickets.length === 0 ? (
        <>
          <p className="muted">{t('agent.list.empty')}</p>
          <SetupChecklist />
        </>
      ) : (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label={t('agent.bulk.select_all')}
                  checked={selected.size === tickets.length}
                  onChange={(e) => setSelected(e.target.checked ? new Set(tickets.map((x) => x.id)) : new Set())}
                />
              </th>
              <th scope="col">#</th>
              <th scope="col">{t('agent.ticket.subject')}</th>
              <th scope="col" className="wide">
                {t('agent.ticket.requester')}
              </th>
              <th scope="col">{t('agent.ticket.status')}</th>
              <th scope="col" className="wide">
                {t('agent.ticket.priority')}
              </th>
              <th scope="col" className="wide">
                {t('agent.ticket.assignee')}
              </th>
              <th scope="col">{t('sla.next_deadline')}</th>
              <th scope="col">{t('agent.ticket.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {tickets.map((x) => (
              <tr key={x.id} className={x.priority === 'urgent' || x.category === 'security' ? 'hot' : undefined}>
                <td>
                  <input type="checkbox" aria-label={t('agent.bulk.select', { number: x.number })} checked={selected.has(x.id)} onChange={() => toggle(x.id)} />
                </td>
                <td>{x.number}</td>
                <td>
                  <Link to={`/agent/tickets/${x.number}`}>{x.subject}</Link>
                </td>
                <td className="wide requester" title={x.requester.name ?? x.requester.email ?? x.requester.phone ?? undefined}>
                  {x.requester.name ?? x.requester.email ?? x.requester.phone ?? ''}
                </td>
                <td>
                  <span className={`badge status-${x.status}`}>{t(`agent.status.${x.status}`)}</span>
                </td>
                <td className="wide">{t(`agent.priority.${x.priority}`)}</td>
                <td className="wide">{x.assignee_id ? agentName(desk, x.assignee_id) : <span className="muted">{t('agent.ticket.unassigned')}</span>}</td>
                <td data-slot="sla-due">
                  <SlaCountdown due={x.sla_due_at} />
                </td>
                <td>
                  <time dateTime={x.updated_at} title={formatTime(x.updated_at, lang)}>
                    {relativeTime(x.updated_at, lang)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor ? (
        <button type="button" className="secondary" onClick={() => void more()}>
          {t('agent.list.more')}
        </button>
      ) : null}
    </section>
  );
}
