/**
 * Status changes from the keyboard (`s` solves): they can be undone for a few seconds, and solving a security
 * ticket that no agent has publicly answered asks first (an urgent security ticket vanished on a stray `s`).
 */
import { useState } from 'react';
import { patch } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { errorText } from '../../parts/errors';
import { UndoToast } from '../../parts/undo-toast';
import type { Ticket, TicketView, contract } from '../../types';

/** True when solving this ticket deserves a question first: a security ticket with no public reply from an agent. */
export function askBeforeSolving(ticket: TicketView): boolean {
  return ticket.category === 'security' && !ticket.messages.some((m) => m.public && m.author.type === 'agent');
}

/** Where Undo takes a ticket back to: its previous status, except that nothing returns to `new`. */
const undoTarget = (previous: Ticket['status']): Ticket['status'] => (previous === 'new' ? 'open' : previous);

/** The keyboard's status change with its confirmation and undo toast; `reload` refreshes the ticket page. */
export function useKeyboardStatus(ticket: TicketView | null, reload: () => Promise<void>) {
  const { t } = useLang();
  const [asking, setAsking] = useState<Ticket['status'] | null>(null);
  const [undo, setUndo] = useState<{ id: string; from: Ticket['status']; to: Ticket['status'] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const apply = async (to: Ticket['status']) => {
    if (!ticket) return;
    const from = ticket.status;
    setAsking(null);
    try {
      await patch<typeof contract.TicketJson, typeof contract.TicketPatch>(`/api/v1/tickets/${ticket.id}`, { status: to });
      setProblem(null);
      setUndo({ id: ticket.id, from, to });
      await reload();
    } catch (err) {
      setProblem(errorText(t, err));
    }
  };

  /** Called by the shortcut: asks first when needed, otherwise changes at once. */
  const request = (to: Ticket['status']) => {
    if (!ticket || ticket.status === to || ticket.status === 'closed') return;
    if (to === 'solved' && askBeforeSolving(ticket)) setAsking(to);
    else void apply(to);
  };

  const revert = async () => {
    if (!undo) return;
    try {
      await patch<typeof contract.TicketJson, typeof contract.TicketPatch>(`/api/v1/tickets/${undo.id}`, { status: undoTarget(undo.from) });
      setProblem(null);
      await reload();
    } catch (err) {
      setProblem(errorText(t, err));
    }
  };

  const view = (
    <>
      {asking ? (
        <div className="card warn confirm-solve" role="alertdialog" aria-labelledby="confirm-solve-text" data-slot="confirm-solve">
          <p id="confirm-solve-text">{t('safety.solve_security.question')}</p>
          <div className="row">
            <button type="button" onClick={() => void apply(asking)}>
              {t('safety.solve_security.confirm')}
            </button>
            <button type="button" className="secondary" autoFocus onClick={() => setAsking(null)}>
              {t('safety.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {undo ? (
        <UndoToast
          message={t('safety.status_changed', { status: t(`agent.status.${undo.to}`) })}
          onUndo={() => void revert()}
          onClose={() => setUndo(null)}
        />
      ) : null}
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
    </>
  );
  return { request, view };
}
