/**
 * The Calls page's call log (issue 19): calls of the agent's brands, newest first, with the time, the caller's
 * number masked, the menu choice (or, for a callback the desk placed, that it was one), how the call ended, its
 * duration and its ticket. Reloads with the page.
 */
import { useCallback, useEffect, useState } from 'react';
import { get, qs } from '../../../shared/api';
import { formatTime, useLang } from '../../../shared/i18n';
import { errorText } from '../../parts/errors';
import { Link } from '../../parts/link';
import type { contract } from '../../types';

type Logged = typeof contract.LoggedCallJson.static;

/** A number with all but its last four digits hidden (the same rule as the queue). */
function masked(number: string): string | null {
  const digits = number.replace(/\D/g, '');
  if (digits.length < 4) return null;
  let keep = 4;
  let out = '';
  for (let i = number.length - 1; i >= 0; i--) {
    const ch = number[i]!;
    out = (/\d/.test(ch) ? (keep-- > 0 ? ch : '•') : ch) + out;
  }
  return out;
}

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

export function CallLog({ reloadKey }: { reloadKey: number }) {
  const { t, lang } = useLang();
  const [rows, setRows] = useState<Logged[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    async (after: string | null) => {
      try {
        const page = await get<typeof contract.CallLog>(`/api/v1/calls/log${qs({ limit: 25, cursor: after })}`);
        setRows((r) => (after ? [...(r ?? []), ...page.calls] : page.calls));
        setCursor(page.next_cursor);
        setError(null);
      } catch (err) {
        setError(errorText(t, err));
      }
    },
    [t],
  );
  useEffect(() => void load(null), [load, reloadKey]);
  return (
    <section className="calls-section" aria-labelledby="call-log-title" data-slot="call-log">
      <h2 id="call-log-title">{t('phone_work.log_title')}</h2>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {rows && rows.length === 0 ? <p className="muted">{t('phone_work.log_empty')}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="tickets calls-log">
          <thead>
            <tr>
              <th scope="col">{t('phone_work.col_time')}</th>
              <th scope="col">{t('agent.calls.col_caller')}</th>
              <th scope="col">{t('agent.calls.col_reason')}</th>
              <th scope="col">{t('phone_work.col_outcome')}</th>
              <th scope="col">{t('phone_work.col_duration')}</th>
              <th scope="col">{t('agent.calls.col_ticket')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ call, ticket_number, duration_seconds }) => (
              <tr key={call.id} data-log-call-id={call.id}>
                <td data-label={t('phone_work.col_time')}>
                  <time dateTime={call.created_at}>{formatTime(call.created_at, lang)}</time>
                </td>
                <td data-label={t('agent.calls.col_caller')} className="mono" data-direction={call.direction}>
                  {call.direction === 'outbound' ? (
                    <span className="badge" title={t('c2c.log_outbound')}>
                      {t('c2c.direction_outbound')}
                    </span>
                  ) : null}{' '}
                  {masked(call.caller_phone ?? call.from) ?? t('agent.calls.number_withheld')}
                  {call.emergency ? <span className="badge emergency-badge"> {t('agent.calls.emergency')}</span> : null}
                </td>
                <td data-label={t('agent.calls.col_reason')}>
                  {call.direction === 'outbound' ? (
                    t('c2c.log_outbound')
                  ) : call.menu_choice ? (
                    t(`agent.calls.menu.${call.menu_choice}`)
                  ) : (
                    <span className="muted">{t('agent.calls.menu_none')}</span>
                  )}
                </td>
                <td data-label={t('phone_work.col_outcome')}>{call.outcome ? t(`phone_work.outcome.${call.outcome}`) : t(`phone_work.state.${call.state}`)}</td>
                <td data-label={t('phone_work.col_duration')}>{duration_seconds === null ? '—' : mmss(duration_seconds)}</td>
                <td data-label={t('agent.calls.col_ticket')}>{ticket_number !== null ? <Link to={`/agent/tickets/${ticket_number}`}>#{ticket_number}</Link> : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {cursor ? (
        <button type="button" className="secondary" onClick={() => void load(cursor)}>
          {t('phone_work.log_more')}
        </button>
      ) : null}
    </section>
  );
}
