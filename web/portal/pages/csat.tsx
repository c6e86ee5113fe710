/**
 * The satisfaction question on the help center's status page (/help/status#<token>): shown once the desk has
 * asked (after the request was solved), answered once: good or bad, a reason after "bad", an optional comment.
 * GET/POST /api/v1/portal/csat with the status link's token in a header.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, get, post } from '../../shared/api';
import { useLang } from '../../shared/i18n';

interface PublicSurvey {
  state: 'scheduled' | 'requested' | 'rated' | 'cancelled' | 'expired';
  rating: 'good' | 'bad' | null;
  expires_at: string | null;
  ticket_number: number;
}

const REASONS = ['slow', 'not_solved', 'unfriendly', 'unclear', 'other'] as const;
const withToken = (token: string) => ({ headers: { 'x-portal-token': token } });

export function CsatCard({ token, refresh }: { token: string; refresh?: unknown }) {
  const { t } = useLang();
  const [survey, setSurvey] = useState<PublicSurvey | null>(null);
  const [rating, setRating] = useState<'good' | 'bad' | null>(null);
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [thanks, setThanks] = useState(false);

  const load = useCallback(() => {
    if (!token) return;
    get<{ survey: PublicSurvey | null }>('/api/v1/portal/csat', withToken(token))
      .then((r) => setSurvey(r.survey))
      .catch(() => undefined);
  }, [token]);
  useEffect(load, [load, refresh]);

  if (!survey) return null;
  if (survey.state === 'rated') {
    return (
      <div className="card csat" role="status" data-csat="rated">
        <p className="ok">{thanks ? t('csat.thanks') : t('csat.rated', { rating: t(`csat.${survey.rating}`) })}</p>
      </div>
    );
  }
  if (survey.state !== 'requested') return null;

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!rating) return;
    setBusy(true);
    setError(null);
    try {
      const r = await post<PublicSurvey>('/api/v1/portal/csat', { rating, reason: rating === 'bad' && reason ? reason : null, comment: comment.trim() || null }, withToken(token));
      setThanks(true);
      setSurvey(r);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) load();
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card csat" onSubmit={send} data-csat="requested">
      <h2>{t('csat.question', { number: survey.ticket_number })}</h2>
      <div className="csat-choices" role="radiogroup" aria-label={t('csat.question', { number: survey.ticket_number })}>
        {(['good', 'bad'] as const).map((r) => (
          <button key={r} type="button" className={rating === r ? `csat-choice ${r} chosen` : `csat-choice ${r}`} aria-pressed={rating === r} onClick={() => setRating(r)}>
            {t(`csat.${r}`)}
          </button>
        ))}
      </div>
      {rating === 'bad' ? (
        <div className="field">
          <label htmlFor="csat-reason">{t('csat.reason_label')}</label>
          <select id="csat-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
            <option value="">{t('csat.reason_none')}</option>
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`csat.reason.${r}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {rating ? (
        <div className="field">
          <label htmlFor="csat-comment">{t('csat.comment_label')}</label>
          <textarea id="csat-comment" maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </div>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={!rating || busy}>
        {t('csat.send')}
      </button>
    </form>
  );
}
