/**
 * Merging this ticket into another from the console (issue 19; the API had it alone): the agent names the other
 * ticket, sees what will happen (its subject, the messages that move, this one closing), then confirms.
 */
import { useState, type FormEvent } from 'react';
import { get, request } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { navigate } from '../../../shared/router';
import { errorText } from '../../parts/errors';
import type { Ticket, TicketView, contract } from '../../types';

export function MergeTicket({ ticket }: { ticket: TicketView }) {
  const { t } = useLang();
  const [ref, setRef] = useState('');
  const [target, setTarget] = useState<Ticket | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const preview = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setTarget(null);
    const n = ref.trim().replace(/^#/, '');
    if (!n) return;
    try {
      const other = await get<typeof contract.TicketWithMessages>(`/api/v1/tickets/${encodeURIComponent(n)}`);
      if (other.id === ticket.id) setError(t('merge_ticket.self'));
      else setTarget(other);
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  const confirm = async () => {
    if (!target) return;
    setBusy(true);
    try {
      await request<typeof contract.MergeResult, typeof contract.MergeBody>('POST', `/api/v1/tickets/${ticket.id}/merge`, { target_id: target.id });
      navigate(`/agent/tickets/${target.number}`);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="card" data-slot="merge-ticket">
      <summary>{t('merge_ticket.title')}</summary>
      <form className="field" onSubmit={(e) => void preview(e)}>
        <label htmlFor="merge-into">{t('merge_ticket.into')}</label>
        <div className="row">
          <input id="merge-into" inputMode="numeric" value={ref} onChange={(e) => setRef(e.target.value)} placeholder="#1234" />
          <button type="submit" className="secondary">
            {t('merge_ticket.check')}
          </button>
        </div>
      </form>
      {target ? (
        <div role="status">
          <p>{t('merge_ticket.preview', { from: ticket.number, to: target.number, subject: target.subject, count: ticket.messages.length })}</p>
          <button type="button" onClick={() => void confirm()} disabled={busy} data-action="confirm-merge">
            {t('merge_ticket.confirm', { from: ticket.number, to: target.number })}
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
