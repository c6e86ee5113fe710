/**
 * A ticket's customer rating (GET /api/v1/tickets/:id/csat): every agent who sees the ticket sees the rating and
 * the reason; supervisors and admins also see the comment (the server leaves it out for agents).
 */
import { useCallback, useEffect, useState } from 'react';
import { get } from '../../shared/api';
import { formatTime, useLang } from '../../shared/i18n';
import { useNotices } from './desk';
import type { contract } from '../types';
import type { Static } from '@sinclair/typebox';

type Surveys = Static<typeof contract.TicketCsatJson>;

export function CsatBadge({ ticketId }: { ticketId: string }) {
  const { t, lang } = useLang();
  const [data, setData] = useState<Surveys | null>(null);
  const load = useCallback(() => {
    get<typeof contract.TicketCsatJson>(`/api/v1/tickets/${ticketId}/csat`)
      .then(setData)
      .catch(() => undefined);
  }, [ticketId]);
  useEffect(load, [load]);
  useNotices((notices) => notices.some((n) => n.ticket_id === ticketId) && load(), 500);
  if (!data || data.surveys.length === 0) return null;
  const latest = data.surveys[0]!;
  return (
    <section className="card" aria-labelledby="csat-title" data-csat={latest.rating ?? latest.state}>
      <h2 id="csat-title">{t('csat.ticket_rating')}</h2>
      {latest.rating ? (
        <p>
          <span className={latest.rating === 'good' ? 'csat-good' : 'csat-bad'}>{t(`csat.${latest.rating}`)}</span>
          {latest.reason ? ` · ${t(`csat.reason.${latest.reason}`)}` : ''} <span className="muted small">{formatTime(latest.rated_at, lang)}</span>
        </p>
      ) : (
        <p className="muted">{latest.state === 'requested' ? t('csat.ticket_asked') : latest.state === 'scheduled' ? t('csat.ticket_scheduled') : t('csat.ticket_none')}</p>
      )}
      {latest.comment ? <blockquote className="body-text">{latest.comment}</blockquote> : null}
    </section>
  );
}
