/**
 * Knowledge base → Articles (/agent/articles, issue 17): the brand's articles by category, state and language,
 * and the editor (/agent/articles/new, /agent/articles/<id>) with both translations side by side, each with its
 * own state (draft, internal, public), the category, links to related articles, files and images, and the
 * revision history with view and restore. Unsaved edits survive a reload. Agents read; supervisors and admins
 * write (the server checks it too).
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { ApiError, get, patch, post, type Answer } from '../../../shared/api';
import { formatTime, useLang, type T } from '../../../shared/i18n';
import { agentName, useDesk } from '../../parts/desk';
import { errorText } from '../../parts/errors';
import { uploadFile } from '../../parts/files';
import { Status, useAction } from '../../parts/forms';
import { Link } from '../../parts/link';
import { navigate } from '../../../shared/router';
import type { contract } from '../../types';
import { useFormDraft } from './form-draft';
import './answers.css';

type Article = Answer<typeof contract.ArticleJson>;
type Revision = Answer<typeof contract.ArticleRevisionJson>;
type Locale = 'zh-CN' | 'en';
type State = 'draft' | 'internal' | 'public';

const LOCALES: Locale[] = ['zh-CN', 'en'];
const STATES: State[] = ['draft', 'internal', 'public'];
/** The starter categories have names in both languages; others show as written. */
const KNOWN_CATEGORIES = ['wallets', 'transactions', 'security', 'contact'];

export const categoryName = (t: T, c: string | null) => (c === null ? t('answers.articles.no_category') : KNOWN_CATEGORIES.includes(c) ? t(`answers.category.${c}`) : c);
const canWrite = (role: string) => role === 'supervisor' || role === 'admin';

/** The title to list an article under: the console's language first. */
function titleOf(a: Article, lang: Locale): string {
  return (a.translations.find((x) => x.locale === lang) ?? a.translations[0])?.title ?? '—';
}

export function ArticlesPage({ id }: { id?: string | undefined }) {
  if (id) return <ArticleEditor key={id} id={id === 'new' ? null : id} />;
  return <ArticleList />;
}

function StateBadge({ state }: { state: State | null }) {
  const { t } = useLang();
  return <span className={`badge state-${state ?? 'none'}`}>{state ? t(`answers.state.${state}`) : t('answers.state.none')}</span>;
}

function ArticleList() {
  const { t, lang } = useLang();
  const desk = useDesk();
  const [articles, setArticles] = useState<Article[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [brand, setBrand] = useState('');
  const [category, setCategory] = useState('');
  const [state, setState] = useState('');
  const [locale, setLocale] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    get<typeof contract.ArticleList>('/api/v1/articles')
      .then((r) => setArticles(r.articles))
      .catch((err) => setError(errorText(t, err)));
  }, [lang]);
  const categories = useMemo(() => [...new Set((articles ?? []).map((a) => a.category ?? ''))].sort(), [articles]);
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (articles ?? [])
      .filter((a) => !brand || a.brand_id === brand)
      .filter((a) => !category || (a.category ?? '') === category)
      .filter((a) => {
        const ts = a.translations.filter((x) => !locale || x.locale === locale);
        return ts.length > 0 && (!state || ts.some((x) => x.state === state));
      })
      .filter((a) => !needle || a.translations.some((x) => x.title.toLowerCase().includes(needle)))
      .sort((a, b) => (a.category ?? '').localeCompare(b.category ?? '') || titleOf(a, lang).localeCompare(titleOf(b, lang)));
  }, [articles, brand, category, state, locale, q, lang]);
  const filtered = Boolean(brand || category || state || locale || q);
  const clear = () => {
    setBrand('');
    setCategory('');
    setState('');
    setLocale('');
    setQ('');
  };
  const brandName = (id: string) => desk.brands.find((b) => b.id === id)?.name ?? '';

  return (
    <section className="answers" data-articles>
      <div className="row spread">
        <h1>{t('answers.articles.title')}</h1>
        {canWrite(desk.me.agent.role) ? <Link to="/agent/articles/new" className="button">{t('answers.articles.new')}</Link> : null}
      </div>
      <form className="answers-filters card" role="search" aria-label={t('answers.articles.filters')} onSubmit={(e) => e.preventDefault()}>
        {desk.brands.length > 1 ? (
          <div className="field">
            <label htmlFor="af-brand">{t('answers.brand')}</label>
            <select id="af-brand" value={brand} onChange={(e) => setBrand(e.target.value)}>
              <option value="">{t('answers.any')}</option>
              {desk.brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="af-category">{t('answers.articles.category')}</label>
          <select id="af-category" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('answers.any')}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {categoryName(t, c || null)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="af-state">{t('answers.articles.state')}</label>
          <select id="af-state" value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">{t('answers.any')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`answers.state.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="af-locale">{t('answers.articles.language')}</label>
          <select id="af-locale" value={locale} onChange={(e) => setLocale(e.target.value)}>
            <option value="">{t('answers.any')}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`answers.locale.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="af-q">{t('answers.articles.find')}</label>
          <input id="af-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : articles === null ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : articles.length === 0 ? (
        <div className="card empty-state">
          <h2>{t('answers.articles.empty_title')}</h2>
          <p>{canWrite(desk.me.agent.role) ? t('answers.articles.empty_writer') : t('answers.articles.empty_reader')}</p>
          {canWrite(desk.me.agent.role) ? <Link to="/agent/articles/new">{t('answers.articles.new')}</Link> : null}
        </div>
      ) : shown.length === 0 ? (
        <div className="card empty-state">
          <p>{t('answers.articles.no_match')}</p>
          {filtered ? (
            <button type="button" className="secondary" onClick={clear}>
              {t('answers.clear_filters')}
            </button>
          ) : null}
        </div>
      ) : (
        <table className="tickets answers-table">
          <caption className="sr-only">{t('answers.articles.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('answers.articles.col_title')}</th>
              <th scope="col">{t('answers.articles.category')}</th>
              <th scope="col">中文</th>
              <th scope="col">English</th>
              {desk.brands.length > 1 ? <th scope="col">{t('answers.brand')}</th> : null}
              <th scope="col">{t('answers.articles.helpful')}</th>
              <th scope="col">{t('answers.articles.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a.id} data-article={a.id}>
                <td data-label={t('answers.articles.col_title')}>
                  <Link to={`/agent/articles/${a.id}`}>{titleOf(a, lang)}</Link>
                </td>
                <td data-label={t('answers.articles.category')}>{categoryName(t, a.category)}</td>
                {LOCALES.map((l) => (
                  <td data-label={l === 'zh-CN' ? '中文' : 'English'} key={l} data-locale-state={l}>
                    <StateBadge state={a.translations.find((x) => x.locale === l)?.state ?? null} />
                  </td>
                ))}
                {desk.brands.length > 1 ? <td data-label={t('answers.brand')}>{brandName(a.brand_id)}</td> : null}
                <td data-label={t('answers.articles.helpful')} className="num">
                  {a.helpful_yes} / {a.helpful_no}
                </td>
                <td data-label={t('answers.articles.updated')}>{formatTime(a.updated_at, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface TranslationForm {
  enabled: boolean;
  title: string;
  body: string;
  state: State;
  keywords: string;
}

interface ArticleForm {
  brand_id: string;
  category: string;
  tr: Record<Locale, TranslationForm>;
  related: string[];
  files: string[];
}

const blank = (): TranslationForm => ({ enabled: false, title: '', body: '', state: 'draft', keywords: '' });

function formOf(a: Article): ArticleForm {
  const tr = { 'zh-CN': blank(), en: blank() };
  for (const x of a.translations) tr[x.locale] = { enabled: true, title: x.title, body: x.body, state: x.state, keywords: x.keywords };
  return { brand_id: a.brand_id, category: a.category ?? '', tr, related: a.related_ids, files: a.attachment_ids };
}

const formTexts = (f: ArticleForm) => LOCALES.map((l) => `${f.tr[l].title}\n${f.tr[l].body}\n${f.tr[l].keywords}`).join('\n');

function ArticleEditor({ id }: { id: string | null }) {
  const { t, lang } = useLang();
  const desk = useDesk();
  const writer = canWrite(desk.me.agent.role);
  const [article, setArticle] = useState<Article | null>(null);
  const [all, setAll] = useState<Article[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [revisions, setRevisions] = useState<Revision[]>([]);
  const initial = useMemo<ArticleForm | null>(() => {
    if (article) return formOf(article);
    if (id) return null;
    const tr = { 'zh-CN': blank(), en: blank() };
    tr[lang].enabled = true;
    return { brand_id: desk.brands[0]?.id ?? '', category: '', tr, related: [], files: [] };
  }, [article, id, lang, desk.brands]);
  const [form, setForm, restored, discard, forget] = useFormDraft<ArticleForm>(`walletdesk.answers.article.${id ?? 'new'}`, initial, formTexts);
  const save = useAction();
  const files = useAction();

  const load = useCallback(() => {
    if (id) {
      get<typeof contract.ArticleJson>(`/api/v1/articles/${id}`)
        .then(setArticle)
        .catch((err) => setLoadError(errorText(t, err)));
      get<typeof contract.ArticleRevisionList>(`/api/v1/articles/${id}/revisions`)
        .then((r) => setRevisions(r.revisions))
        .catch(() => undefined);
    }
    get<typeof contract.ArticleList>('/api/v1/articles')
      .then((r) => setAll(r.articles))
      .catch(() => undefined);
  }, [id, lang]);
  useEffect(load, [load]);

  if (loadError) return <p className="error" role="alert">{loadError}</p>;
  if (!form) return <p aria-busy="true">{t('common.loading')}</p>;

  const categories = [...new Set([...KNOWN_CATEGORIES, ...all.map((a) => a.category).filter((c): c is string => Boolean(c))])];
  const others = all.filter((a) => a.brand_id === form.brand_id && a.id !== id);
  const setTr = (l: Locale, change: Partial<TranslationForm>) => setForm({ ...form, tr: { ...form.tr, [l]: { ...form.tr[l], ...change } } });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(async () => {
      const loaded = article ? formOf(article) : null;
      const translations = LOCALES.filter((l) => form.tr[l].enabled)
        .filter((l) => {
          const was = loaded?.tr[l];
          const now = form.tr[l];
          return !was?.enabled || was.title !== now.title || was.body !== now.body || was.state !== now.state || was.keywords !== now.keywords;
        })
        .map((l) => ({ locale: l, title: form.tr[l].title, body: form.tr[l].body, state: form.tr[l].state, keywords: form.tr[l].keywords, format: article?.translations.find((x) => x.locale === l)?.format ?? 'markdown' }));
      if (!LOCALES.some((l) => form.tr[l].enabled)) throw new ApiError(400, 'invalid_input', t('answers.articles.need_translation'));
      const common = { category: form.category.trim() || null, related_ids: form.related, attachment_ids: form.files };
      if (article) {
        const saved = await patch<typeof contract.ArticleJson, typeof contract.ArticlePatch>(`/api/v1/articles/${article.id}`, { ...common, ...(translations.length ? { translations } : {}) });
        forget();
        setArticle(saved);
        load();
      } else {
        const saved = await post<typeof contract.ArticleJson, typeof contract.ArticleCreate>('/api/v1/articles', { brand_id: form.brand_id, ...common, translations });
        forget();
        navigate(`/agent/articles/${saved.id}`);
      }
    }, t('answers.articles.saved'));
  };

  const upload = (list: FileList | null) =>
    void files.run(async () => {
      const added: string[] = [];
      for (const f of Array.from(list ?? [])) added.push((await uploadFile(f)).id);
      setForm({ ...form, files: [...form.files, ...added] });
    }, t('answers.articles.uploaded'));
  const fileUrl = (fileId: string) => (id ? `/api/v1/help/articles/${id}/files/${fileId}` : null);
  const insertImage = (l: Locale, fileId: string) => {
    const url = fileUrl(fileId);
    // The alt text names the image in the translation's language; the author can change it.
    if (url) setTr(l, { body: `${form.tr[l].body.replace(/\s*$/, '')}\n\n![${t('answers.articles.image_alt', { lng: l })}](${url})\n` });
  };

  return (
    <section className="answers article-editor" data-article-editor={id ?? 'new'}>
      <p>
        <Link to="/agent/articles">← {t('answers.articles.back')}</Link>
      </p>
      <h1>{id ? (article ? titleOf(article, lang) : '…') : t('answers.articles.new')}</h1>
      {restored ? (
        <p className="card draft-note" role="status">
          {t('answers.draft_restored')}{' '}
          <button type="button" className="link" onClick={discard}>
            {t('answers.draft_discard')}
          </button>
        </p>
      ) : null}
      {!writer ? <p className="muted">{t('answers.articles.read_only')}</p> : null}
      <form onSubmit={submit} aria-label={t('answers.articles.editor')}>
        <fieldset disabled={!writer} className="plain-fieldset">
          <div className="row">
            {!id && desk.brands.length > 1 ? (
              <div className="field">
                <label htmlFor="ae-brand">{t('answers.brand')}</label>
                <select id="ae-brand" value={form.brand_id} onChange={(e) => setForm({ ...form, brand_id: e.target.value, related: [] })}>
                  {desk.brands.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <div className="field">
              <label htmlFor="ae-category">{t('answers.articles.category')}</label>
              <input id="ae-category" list="ae-categories" value={form.category} maxLength={40} pattern="[a-z0-9][a-z0-9_\-]*" aria-describedby="ae-category-hint" onChange={(e) => setForm({ ...form, category: e.target.value })} />
              <datalist id="ae-categories">
                {categories.map((c) => (
                  <option key={c} value={c}>
                    {categoryName(t, c)}
                  </option>
                ))}
              </datalist>
              <span id="ae-category-hint" className="hint">
                {t('answers.articles.category_hint')}
              </span>
            </div>
          </div>
          <div className="translations">
            {LOCALES.map((l) => {
              const tr = form.tr[l];
              const exists = Boolean(article?.translations.some((x) => x.locale === l));
              const p = `ae-${l}`;
              return (
                <fieldset key={l} className="card translation" lang={l} data-translation={l}>
                  <legend>{t(`answers.locale.${l}`)}</legend>
                  <label className="check">
                    <input type="checkbox" checked={tr.enabled} disabled={exists} onChange={(e) => setTr(l, { enabled: e.target.checked })} /> {t('answers.articles.write_translation')}
                  </label>
                  {tr.enabled ? (
                    <>
                      <div className="field">
                        <label htmlFor={`${p}-state`}>{t('answers.articles.state')}</label>
                        <select id={`${p}-state`} value={tr.state} onChange={(e) => setTr(l, { state: e.target.value as State })}>
                          {STATES.map((s) => (
                            <option key={s} value={s}>
                              {t(`answers.state.${s}`)} — {t(`answers.state_hint.${s}`)}
                            </option>
                          ))}
                        </select>
                      </div>
                      <div className="field">
                        <label htmlFor={`${p}-title`}>{t('answers.articles.col_title')}</label>
                        <input id={`${p}-title`} value={tr.title} maxLength={200} required onChange={(e) => setTr(l, { title: e.target.value })} />
                      </div>
                      <div className="field">
                        <label htmlFor={`${p}-body`}>{t('answers.articles.body')}</label>
                        <textarea id={`${p}-body`} rows={12} value={tr.body} required onChange={(e) => setTr(l, { body: e.target.value })} aria-describedby="ae-body-hint" />
                      </div>
                      <div className="field">
                        <label htmlFor={`${p}-keywords`}>{t('answers.articles.keywords')}</label>
                        <input id={`${p}-keywords`} value={tr.keywords} maxLength={2000} onChange={(e) => setTr(l, { keywords: e.target.value })} />
                      </div>
                    </>
                  ) : (
                    <p className="muted">{t('answers.articles.not_written')}</p>
                  )}
                </fieldset>
              );
            })}
          </div>
          <p id="ae-body-hint" className="hint">
            {t('answers.articles.body_hint')}
          </p>
          <fieldset className="card">
            <legend>{t('answers.articles.related')}</legend>
            {others.length === 0 ? (
              <p className="muted">{t('answers.articles.no_others')}</p>
            ) : (
              <ul className="plain related-list">
                {others.map((o) => (
                  <li key={o.id}>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={form.related.includes(o.id)}
                        onChange={(e) => setForm({ ...form, related: e.target.checked ? [...form.related, o.id] : form.related.filter((x) => x !== o.id) })}
                      />{' '}
                      {titleOf(o, lang)} <span className="muted small">({categoryName(t, o.category)})</span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          <fieldset className="card">
            <legend>{t('answers.articles.files')}</legend>
            {form.files.length === 0 ? <p className="muted">{t('answers.articles.no_files')}</p> : null}
            <ul className="plain">
              {form.files.map((f, i) => (
                <li key={f} className="row" data-file={f}>
                  <span>{t('answers.articles.file_n', { n: i + 1 })}</span>
                  {fileUrl(f) && article?.translations.some((x) => x.state === 'public') ? (
                    <a href={fileUrl(f)!} target="_blank" rel="noreferrer">
                      {t('answers.articles.open_file')}
                    </a>
                  ) : null}
                  {LOCALES.filter((l) => form.tr[l].enabled).map((l) => (
                    <button key={l} type="button" className="secondary" disabled={!id} onClick={() => insertImage(l, f)}>
                      {t('answers.articles.insert_image', { lang: t(`answers.locale.${l}`) })}
                    </button>
                  ))}
                  <button type="button" className="link" onClick={() => setForm({ ...form, files: form.files.filter((x) => x !== f) })}>
                    {t('answers.remove')}
                  </button>
                </li>
              ))}
            </ul>
            <div className="field">
              <label htmlFor="ae-upload">{t('answers.articles.upload')}</label>
              <input id="ae-upload" type="file" multiple onChange={(e) => upload(e.target.files)} />
            </div>
            {!id ? <p className="hint">{t('answers.articles.images_after_save')}</p> : null}
            <Status error={files.error} done={files.done} />
          </fieldset>
          <Status error={save.error} done={save.done} />
          {writer ? (
            <div className="row">
              <button type="submit">{t('answers.articles.save')}</button>
              {article?.translations.some((x) => x.state === 'public') ? (
                <a href={`/help/articles/${article.id}?lang=${lang}`} target="_blank" rel="noreferrer">
                  {t('answers.articles.view_public')}
                </a>
              ) : null}
            </div>
          ) : null}
        </fieldset>
      </form>
      {article ? <Revisions article={article} revisions={revisions} writer={writer} onRestored={(a) => { forget(); setArticle(a); load(); }} /> : null}
    </section>
  );
}

function Revisions({ article, revisions, writer, onRestored }: { article: Article; revisions: Revision[]; writer: boolean; onRestored: (a: Article) => void }) {
  const { t, lang } = useLang();
  const desk = useDesk();
  const [open, setOpen] = useState<string | null>(null);
  const restore = useAction();
  // The newest revision of each language is what the translation is now: only older ones can be restored.
  const current = new Set(LOCALES.map((l) => revisions.find((r) => r.locale === l)?.id));
  return (
    <section className="card revisions" aria-labelledby="ae-revisions" data-revisions>
      <h2 id="ae-revisions">{t('answers.articles.revisions')}</h2>
      {revisions.length === 0 ? <p className="muted">{t('answers.articles.no_revisions')}</p> : null}
      <ol className="plain">
        {revisions.map((r) => (
          <li key={r.id} data-revision={r.id}>
            <div className="row">
              <span className="badge">{t(`answers.locale.${r.locale}`)}</span>
              <StateBadge state={r.state} />
              <strong>{r.title}</strong>
              <span className="muted small">
                {formatTime(r.at, lang)} · {r.author_id ? agentName(desk, r.author_id) : t('answers.articles.starter_author')}
              </span>
              <button type="button" className="link" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>
                {open === r.id ? t('answers.articles.hide') : t('answers.articles.view')}
              </button>
              {writer && !current.has(r.id) ? (
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    void restore.run(async () => {
                      if (!window.confirm(t('answers.articles.restore_confirm', { time: formatTime(r.at, lang) }))) return;
                      onRestored(await post<typeof contract.ArticleJson>(`/api/v1/articles/${article.id}/revisions/${r.id}/restore`));
                    }, t('answers.articles.restored'))
                  }
                >
                  {t('answers.articles.restore')}
                </button>
              ) : null}
            </div>
            {open === r.id ? <pre className="revision-body body-text">{r.body}</pre> : null}
          </li>
        ))}
      </ol>
      <Status error={restore.error} done={restore.done} />
    </section>
  );
}
