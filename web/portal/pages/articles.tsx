/**
 * The help center's articles (issue 17): the list by topic with search (/help/articles), one article with its
 * related articles and "did this help?" (/help/articles/<id>), and the suggestions shown while a customer
 * describes a problem in the request form. Article HTML comes sanitised from the server (render-article.ts)
 * and is rebuilt as React elements (article-body.tsx), never set as innerHTML; titles and snippets are text. What a customer does with the suggestions is reported as
 * deflection events (shown, opened, sent, abandoned) under one random key per attempt.
 */
import { useEffect, useRef, useState } from 'react';
import { get, post, qs } from '../../shared/api';
import { currentLang, formatTime, useLang } from '../../shared/i18n';
import { onLinkClick } from '../../shared/router';
import { ArticleBody } from './article-body';

interface Hit {
  id: string;
  title: string;
  snippet: string;
  url: string;
  category: string | null;
}
interface Category {
  id: string;
  name: string;
  count: number;
}
interface Article {
  id: string;
  title: string;
  html: string;
  locale: string;
  updated_at: string;
  related: Hit[];
}

/** Search as the customer types, at most every 300 ms. */
function useSearch(brand: string, q: string, options: { limit?: number; category?: string | null; minChars?: number } = {}): Hit[] | null {
  const [hits, setHits] = useState<Hit[] | null>(null);
  const { lang } = useLang();
  useEffect(() => {
    const text = q.trim();
    if (text.length < (options.minChars ?? 0)) {
      setHits(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      get<{ articles: Hit[] }>(`/api/v1/help/articles${qs({ brand, locale: lang, q: text.slice(0, 500) || undefined, limit: options.limit ?? 20, category: options.category ?? undefined })}`)
        .then((r) => !stale && setHits(r.articles))
        .catch(() => !stale && setHits([]));
    }, 300);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [brand, q, lang, options.category]);
  return hits;
}

function HitList({ hits, onOpen, newTab }: { hits: Hit[]; onOpen?: (h: Hit) => void; newTab?: boolean }) {
  return (
    <ul className="kb-hits">
      {hits.map((h) => (
        <li key={h.id}>
          <a
            href={h.url}
            {...(newTab ? { target: '_blank', rel: 'noopener' } : {})}
            onClick={(e) => {
              onOpen?.(h);
              if (!newTab) onLinkClick(e, h.url);
            }}
          >
            {h.title}
          </a>
          {h.snippet ? <p className="muted">{h.snippet}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/** /help/articles: the topics, a search box and the articles. */
export function ArticlesPage({ brand }: { brand: string }) {
  const { t, lang } = useLang();
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const hits = useSearch(brand, q, { category, limit: 50 });
  useEffect(() => {
    get<{ categories: Category[] }>(`/api/v1/help/categories${qs({ brand, locale: lang })}`)
      .then((r) => setCategories(r.categories))
      .catch(() => setCategories([]));
  }, [brand, lang]);
  return (
    <section className="kb">
      <h1>{t('kb.title')}</h1>
      <label htmlFor="kb-q">{t('kb.search_label')}</label>
      <input id="kb-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('kb.search_placeholder')} />
      {categories.length ? (
        <nav className="kb-categories" aria-label={t('kb.categories')}>
          <button type="button" className={category === null ? 'chip active' : 'chip'} aria-pressed={category === null} onClick={() => setCategory(null)}>
            {t('kb.all')}
          </button>
          {categories.map((c) => (
            <button key={c.id} type="button" className={category === c.id ? 'chip active' : 'chip'} aria-pressed={category === c.id} onClick={() => setCategory(c.id)}>
              {c.name} ({c.count})
            </button>
          ))}
        </nav>
      ) : null}
      <div aria-live="polite">{hits === null ? <p aria-busy="true">{t('common.loading')}</p> : hits.length ? <HitList hits={hits} /> : <p>{t('kb.no_results')}</p>}</div>
    </section>
  );
}

/** /help/articles/<id>: one article. */
export function ArticlePage({ id, brand }: { id: string; brand: string }) {
  const { t, lang } = useLang();
  const [article, setArticle] = useState<Article | null>(null);
  const [missing, setMissing] = useState(false);
  const [voted, setVoted] = useState(false);
  useEffect(() => {
    setArticle(null);
    setVoted(false);
    get<Article>(`/api/v1/help/articles/${encodeURIComponent(id)}${qs({ locale: lang })}`)
      .then(setArticle)
      .catch(() => setMissing(true));
  }, [id, lang]);
  useEffect(() => {
    // Opened from a suggestion in another tab: count it for that attempt.
    const session = new URLSearchParams(window.location.search).get('from');
    if (session) void post('/api/v1/help/deflection', { brand, kind: 'article_opened', surface: 'help_form', session_key: session, article_id: id }).catch(() => undefined);
  }, [id]);
  if (missing) return <p>{t('kb.not_found')}</p>;
  if (!article) return <p aria-busy="true">{t('common.loading')}</p>;
  const vote = (helpful: boolean) => {
    setVoted(true);
    void post(`/api/v1/help/articles/${article.id}/votes`, { helpful }).catch(() => undefined);
  };
  const back = `/help/articles${qs({ brand })}`;
  return (
    <article className="kb-article" lang={article.locale}>
      <p>
        <a href={back} onClick={(e) => onLinkClick(e, back)}>
          ← {t('kb.all')}
        </a>
      </p>
      <h1>{article.title}</h1>
      <p className="muted">{t('kb.updated', { time: formatTime(article.updated_at, lang) })}</p>
      <ArticleBody html={article.html} />
      <section className="kb-helpful" aria-live="polite">
        {voted ? (
          <p>{t('kb.thanks')}</p>
        ) : (
          <p>
            {t('kb.helpful')}{' '}
            <button type="button" className="secondary" onClick={() => vote(true)}>
              {t('common.yes')}
            </button>{' '}
            <button type="button" className="secondary" onClick={() => vote(false)}>
              {t('common.no')}
            </button>
          </p>
        )}
      </section>
      {article.related.length ? (
        <section aria-labelledby="kb-related">
          <h2 id="kb-related">{t('kb.related')}</h2>
          <HitList hits={article.related} />
        </section>
      ) : null}
    </article>
  );
}

const SESSION = 'walletdesk.kb.attempt';

function attemptKey(): string {
  let key = sessionStorage.getItem(SESSION);
  if (!key) {
    key = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
    sessionStorage.setItem(SESSION, key);
  }
  return key;
}

function report(brand: string, kind: string, articleId?: string, beacon = false): void {
  const body = { brand, kind, surface: 'help_form', session_key: attemptKey(), ...(articleId ? { article_id: articleId } : {}) };
  if (beacon && navigator.sendBeacon) {
    navigator.sendBeacon('/api/v1/help/deflection', new Blob([JSON.stringify(body)], { type: 'application/json' }));
    return;
  }
  void post('/api/v1/help/deflection', body).catch(() => undefined);
}

/** The request form calls this once the request is sent: the attempt ends and the next one gets a new key. */
export function requestSent(brand: string): void {
  if (sessionStorage.getItem(`${SESSION}.shown`)) report(brand, 'request_sent');
  sessionStorage.removeItem(SESSION);
  sessionStorage.removeItem(`${SESSION}.shown`);
}

/** Articles that match what the customer is writing in the request form. */
export function FormSuggestions({ brand, text }: { brand: string; text: string }) {
  const { t } = useLang();
  const hits = useSearch(brand, text, { limit: 3, minChars: 2 });
  const shown = useRef(false);
  useEffect(() => {
    if (hits?.length && !shown.current) {
      shown.current = true;
      sessionStorage.setItem(`${SESSION}.shown`, '1');
      report(brand, 'suggestion_shown');
    }
  }, [hits]);
  useEffect(() => {
    // Leaving the form after suggestions without sending: the attempt was abandoned (maybe self-served).
    const leave = () => {
      if (sessionStorage.getItem(`${SESSION}.shown`)) report(brand, 'request_abandoned', undefined, true);
    };
    window.addEventListener('pagehide', leave);
    return () => window.removeEventListener('pagehide', leave);
  }, [brand]);
  if (!hits?.length) return null;
  const withAttempt = hits.map((h) => ({ ...h, url: `${h.url}&from=${attemptKey()}` }));
  return (
    <aside className="kb-suggest card" aria-labelledby="kb-suggest-title" data-lang={currentLang()}>
      <h3 id="kb-suggest-title">{t('kb.suggest_title')}</h3>
      <p className="hint">{t('kb.suggest_hint')}</p>
      <HitList hits={withAttempt} newTab onOpen={(h) => report(brand, 'article_opened', h.id)} />
    </aside>
  );
}
