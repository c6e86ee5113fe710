/** Articles that match the ticket's conversation (public and internal), each insertable as a link in the reply. */
import { useEffect, useState } from 'react';
import { get } from '../../shared/api';
import { useLang } from '../../shared/i18n';

type Hit = { id: string; title: string; snippet: string; url: string };

export function ArticleSuggestions({ ticketId, onInsert }: { ticketId: string; onInsert: (line: string) => void }) {
  const { t } = useLang();
  const [hits, setHits] = useState<Hit[] | null>(null);
  useEffect(() => {
    get<{ articles: Hit[] }>(`/api/v1/tickets/${ticketId}/article-suggestions`)
      .then((r) => setHits(r.articles))
      .catch(() => setHits([]));
  }, [ticketId]);
  if (!hits || hits.length === 0) return null;
  return (
    <section className="kb-suggestions" aria-labelledby="kb-suggestions-title">
      <h3 id="kb-suggestions-title">{t('kb.suggested')}</h3>
      <ul>
        {hits.slice(0, 4).map((h) => (
          <li key={h.id}>
            <a href={h.url} target="_blank" rel="noopener noreferrer">
              {h.title}
            </a>{' '}
            <button type="button" className="secondary small" onClick={() => onInsert(`${h.title}: ${window.location.origin}${h.url}`)} aria-label={t('kb.insert_link_to', { title: h.title })}>
              {t('kb.insert_link')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
