/**
 * The help center: the guided request form (/help), the private status page (/help/status#<token>) and the
 * official contact page (/help/contact). Everything the user or the desk wrote is rendered as text.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { forgetRequestDraft, loadRequestDraft, saveRequestDraft } from './request-draft';
import { ApiError, clientKey, get, post, qs, request } from '../shared/api';
import { currentLang, formatTime, useLang, type T } from '../shared/i18n';
import { LangSwitch } from '../shared/lang-switch';
import { ThemeSwitch } from '../shared/theme-switch';
import { openLive } from '../shared/live';
import { navigate, onLinkClick, useLocation } from '../shared/router';
import { RecordDownload } from './pages/record-download';
import { FreezePage } from './pages/freeze';
import { CsatCard } from './pages/csat';
import { IdentityPage } from './pages/identity';
import { ArticlePage, ArticlesPage, FormSuggestions, requestSent } from './pages/articles';
import { guessDevice } from '../shared/device';
import { KINDS, type BrandInfo, type ContactInfo, type HelpBrandList, type HelpContact, type HelpRequestBody, type HelpRequestCreated, type Kind, type PortalAnswerBody, type PortalAnswerCreated, type PortalRequest, type TxAnswer } from './types';

const FIELDS: Record<Kind, string[]> = {
  stolen: ['txid', 'tx_time'],
  transaction: ['txid', 'tx_time'],
  technical: ['device', 'os', 'app_version'],
  account: ['account'],
  how_to: [],
  other: [],
};

function errorText(t: T, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'network') return t('common.network_error');
    if (err.code === 'rate_limited') return t('portal.rate_limited');
    if (err.status === 404) return t('portal.link_not_found');
    return err.message;
  }
  return t('common.unknown_error');
}

function Shield() {
  const { t } = useLang();
  return (
    <p className="shield" role="note">
      {t('portal.never_ask')}
    </p>
  );
}

function Layout({ brand, children }: { brand: BrandInfo | null; children: ReactNode }) {
  const { t } = useLang();
  const suffix = brand ? qs({ brand: brand.slug }) : '';
  return (
    <div className="portal">
      <a className="skip" href="#main">
        {t('common.skip_to_content')}
      </a>
      <header>
        <a className="brand" href={`/help${suffix}`} onClick={(e) => onLinkClick(e, `/help${suffix}`)}>
          {brand ? t('portal.title_for', { brand: brand.name }) : t('portal.title')}
        </a>
        <nav aria-label={t('portal.nav')}>
          <a href={`/help/articles${suffix}`} onClick={(e) => onLinkClick(e, `/help/articles${suffix}`)}>
            {t('kb.nav')}
          </a>
          <a href={`/help/contact${suffix}`} onClick={(e) => onLinkClick(e, `/help/contact${suffix}`)}>
            {t('portal.contact_link')}
          </a>
          <ThemeSwitch />
          <LangSwitch />
        </nav>
      </header>
      <Shield />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="portal-footer muted">{t('portal.footer')}</footer>
    </div>
  );
}

function useBrands(slug: string | null): { brand: BrandInfo | null; brands: BrandInfo[]; loaded: boolean } {
  const [brands, setBrands] = useState<BrandInfo[]>([]);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    get<typeof HelpBrandList>('/api/v1/help/brands')
      .then((r) => setBrands(r.brands))
      .catch(() => setBrands([]))
      .finally(() => setLoaded(true));
  }, []);
  const brand = slug ? (brands.find((b) => b.slug === slug) ?? null) : brands.length === 1 ? brands[0]! : null;
  return { brand, brands, loaded };
}

export function App() {
  const loc = useLocation();
  const slug = loc.search.get('brand');
  const { brand, brands, loaded } = useBrands(slug);
  let page: ReactNode;
  if (loc.path === '/help/status') page = <StatusPage token={loc.hash} />;
  else if (loc.path === '/help/identity') page = <IdentityPage token={loc.hash} />;
  else if (loc.path === '/help/freeze') page = <FreezePage token={loc.hash} />;
  else if (loc.path === '/help/contact') page = <ContactPage brand={brand} brands={brands} loaded={loaded} />;
  else if (loc.path.startsWith('/help/articles')) page = !loaded ? <p aria-busy="true" /> : !brand ? <BrandPicker brands={brands} path={loc.path} /> : loc.path === '/help/articles' ? <ArticlesPage brand={brand.slug} /> : <ArticlePage brand={brand.slug} id={loc.path.slice('/help/articles/'.length)} />;
  else page = <RequestForm brand={brand} brands={brands} loaded={loaded} search={loc.search} />;
  return <Layout brand={brand}>{page}</Layout>;
}

function BrandPicker({ brands, path }: { brands: BrandInfo[]; path: string }) {
  const { t } = useLang();
  return (
    <section>
      <h1>{t('portal.pick_brand')}</h1>
      <ul>
        {brands.map((b) => (
          <li key={b.slug}>
            <a href={`${path}${qs({ brand: b.slug })}`} onClick={(e) => onLinkClick(e, `${path}${qs({ brand: b.slug })}`)}>
              {b.name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RequestForm({ brand, brands, loaded, search }: { brand: BrandInfo | null; brands: BrandInfo[]; loaded: boolean; search: URLSearchParams }) {
  const { t } = useLang();
  const [kind, setKind] = useState<Kind | null>(null);
  const guessed = useRef(guessDevice());
  const [values, setValues] = useState<Record<string, string>>(() => ({
    device: search.get('device') ?? guessed.current.device,
    os: search.get('os') ?? guessed.current.os,
    app_version: search.get('app_version') ?? '',
  }));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(clientKey());
  const detailsRef = useRef<HTMLHeadingElement>(null);
  const draftFor = useRef<string | null>(null);
  const slug = brand?.slug ?? null;
  // The draft comes back once the brand is known, and every change is kept until the request is sent.
  useEffect(() => {
    if (!slug || draftFor.current === slug) return;
    const d = loadRequestDraft(slug);
    if (d) {
      if (d.kind && (KINDS as readonly string[]).includes(d.kind)) setKind(d.kind as Kind);
      setValues((v) => ({ ...v, ...d.values }));
    }
    draftFor.current = slug;
  }, [slug]);
  useEffect(() => {
    if (slug && draftFor.current === slug && !busy) saveRequestDraft(slug, { kind, values });
  }, [slug, kind, values, busy]);

  if (!loaded) return <p aria-busy="true">{t('common.loading')}</p>;
  if (!brand) return brands.length ? <BrandPicker brands={brands} path="/help" /> : <p>{t('portal.no_brand')}</p>;

  const set = (k: string) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const choose = (k: Kind) => {
    setKind(k);
    setTimeout(() => detailsRef.current?.focus(), 0);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!kind) return;
    setBusy(true);
    setError(null);
    const details: Record<string, unknown> = {};
    for (const f of FIELDS[kind]) {
      const v = (values[f] ?? '').trim();
      if (!v) continue;
      if (f === 'txid') details.txids = [v];
      else if (f === 'tx_time') details.tx_time = v;
      else details[f] = v;
    }
    try {
      const res = await post<typeof HelpRequestCreated, typeof HelpRequestBody>('/api/v1/help/requests', {
        brand: brand.slug,
        kind,
        email: values.email ?? '',
        name: values.name || undefined,
        description: values.description ?? '',
        language: currentLang(),
        details,
        client_key: key.current,
      });
      requestSent(brand.slug);
      forgetRequestDraft(brand.slug);
      sessionStorage.setItem('walletdesk.sent', String(res.number));
      navigate(res.status_path);
    } catch (err) {
      setError(errorText(t, err));
      setBusy(false);
    }
  };

  const field = (name: string, type: 'text' | 'email' | 'datetime-local' = 'text', required = false, autoComplete?: string) => (
    <div className="field" key={name}>
      <label htmlFor={`f-${name}`}>
        {t(`portal.field.${name}`)}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <span className="hint" id={`h-${name}`}>
        {t(`portal.hint.${name}`)}
      </span>
      <input
        id={`f-${name}`}
        name={name}
        type={type}
        value={values[name] ?? ''}
        onChange={set(name)}
        required={required}
        aria-describedby={`h-${name}`}
        autoComplete={autoComplete ?? 'off'}
        spellCheck={false}
        className={name === 'txid' ? 'mono' : undefined}
      />
    </div>
  );

  return (
    <>
    <TxCheck />
    <form onSubmit={submit} noValidate={false} aria-describedby={error ? 'form-error' : undefined}>
      <h1>{t('portal.form_title')}</h1>
      <fieldset className="kinds">
        <legend>
          <strong>{t('portal.what_happened')}</strong>
        </legend>
        {KINDS.map((k) => (
          <label key={k}>
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => choose(k)} />
            <span>
              {t(`portal.kind.${k}`)}
              <span className="hint">{t(`portal.kind_hint.${k}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {kind ? (
        <section aria-labelledby="details-title">
          <h2 id="details-title" ref={detailsRef} tabIndex={-1}>
            {t('portal.details_title')}
          </h2>
          {kind === 'stolen' ? <p className="card error">{t('portal.stolen_advice')}</p> : null}
          {FIELDS[kind].length ? <p className="muted">{t(`portal.prepare.${kind}`)}</p> : null}
          {FIELDS[kind].map((f) => field(f, f === 'tx_time' ? 'datetime-local' : 'text'))}
          <div className="field">
            <label htmlFor="f-description">
              {t('portal.field.description')}
              <span aria-hidden="true"> *</span>
            </label>
            <span className="hint" id="h-description">
              {t('portal.hint.description')}
            </span>
            <textarea id="f-description" name="description" value={values.description ?? ''} onChange={set('description')} required aria-describedby="h-description" />
          </div>
          <FormSuggestions brand={brand.slug} text={values.description ?? ''} />
          {field('email', 'email', true, 'email')}
          {field('name', 'text', false, 'name')}
          {error ? (
            <p id="form-error" className="error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" disabled={busy}>
            {busy ? t('common.sending') : t('portal.send')}
          </button>
        </section>
      ) : null}
    </form>
    </>
  );
}

const withToken = (token: string) => ({ headers: { 'x-portal-token': token } });

async function download(token: string, file: { id: string; filename: string }): Promise<void> {
  // The token travels in a header, never in a URL: fetch the file, then hand the browser a local copy.
  const res = await fetch(`/api/v1/portal/attachments/${file.id}`, withToken(token));
  if (!res.ok) throw new ApiError(res.status, 'not_found', 'not found');
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function StatusPage({ token }: { token: string }) {
  const { t, lang } = useLang();
  const [data, setData] = useState<PortalRequest | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<Array<{ id: string; filename: string }>>([]);
  const [busy, setBusy] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [justSent] = useState(() => sessionStorage.getItem('walletdesk.sent'));
  const [copied, setCopied] = useState(false);
  const [announce, setAnnounce] = useState('');
  const key = useRef(clientKey());
  const seen = useRef(0);

  const load = useCallback(async () => {
    if (!token) return setError(t('portal.link_not_found'));
    try {
      // Removed-secret markers come written in the page's language.
      const r = await get<PortalRequest>(`/api/v1/portal/request${qs({ lang })}`, withToken(token));
      if (seen.current && r.messages.length > seen.current) setAnnounce(t('portal.new_reply'));
      seen.current = r.messages.length;
      setData(r);
      setError(null);
    } catch (err) {
      setError(errorText(t, err));
    }
  }, [token, lang]);

  useEffect(() => {
    sessionStorage.removeItem('walletdesk.sent');
    void load();
    if (!token) return;
    const live = openLive('/api/v1/portal/live', (f) => f.type === 'changed' && void load(), {
      firstFrame: 'hello',
      onOpen: (send) => send({ type: 'open', token }),
    });
    const onFocus = () => void load();
    window.addEventListener('focus', onFocus);
    return () => {
      live.close();
      window.removeEventListener('focus', onFocus);
    };
  }, [token, load]);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!data) return <p aria-busy="true">{t('common.loading')}</p>;

  const upload = async (list: FileList | null) => {
    if (!list?.length) return;
    setSendError(null);
    for (const file of Array.from(list)) {
      const form = new FormData();
      form.append('file', file, file.name);
      try {
        const a = await request<{ id: string; filename: string }>('POST', '/api/v1/portal/attachments', form, withToken(token));
        setFiles((f) => [...f, a]);
      } catch (err) {
        setSendError(errorText(t, err));
      }
    }
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim() && files.length === 0) return;
    setBusy(true);
    setSendError(null);
    try {
      const r = await post<typeof PortalAnswerCreated, typeof PortalAnswerBody>(
        '/api/v1/portal/request/messages',
        { body, attachment_ids: files.map((f) => f.id), client_key: key.current },
        withToken(token),
      );
      setBody('');
      setFiles([]);
      key.current = clientKey();
      if (r.follow_up_path) navigate(r.follow_up_path);
      else await load();
    } catch (err) {
      setSendError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const link = `${location.origin}/help/status#${token}`;
  return (
    <>
      <h1>
        {t('portal.request_title', { number: data.number })} <span className="muted">· {data.subject}</span>
      </h1>
      {justSent ? (
        <div className="card" role="status">
          <p className="ok">
            <strong>{t('portal.sent_title')}</strong>
          </p>
          <p>{t('portal.keep_link')}</p>
          <div className="link-box">
            <label htmlFor="status-link" className="sr-only">
              {t('portal.status_link')}
            </label>
            <input id="status-link" readOnly value={link} className="mono" onFocus={(e) => e.target.select()} />
            <button
              type="button"
              className="secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(link).then(() => setCopied(true));
              }}
            >
              {copied ? t('portal.copied') : t('portal.copy')}
            </button>
          </div>
        </div>
      ) : null}
      <p className="status-line">
        {t('portal.status_label')} <strong>{t(`portal.status.${data.status}`)}</strong>
      </p>
      <p className="muted">{t('portal.link_expires', { at: formatTime(data.expires_at, lang) })}</p>
      <CsatCard token={token} refresh={data} />
      <div aria-live="polite" className="sr-only">
        {announce}
      </div>
      <h2>{t('portal.conversation')}</h2>
      <ol className="thread">
        {data.messages.map((m) => (
          <li key={m.id} className={m.from}>
            <p className="row">
              <span className="who">{m.from === 'you' ? t('portal.from_you') : m.from === 'system' ? t('portal.from_system') : m.author_name ? t('portal.from_agent', { name: m.author_name }) : t('portal.from_support')}</span>
              <time className="muted" dateTime={m.created_at}>
                {formatTime(m.created_at, lang)}
              </time>
            </p>
            <p className="body-text">{m.body}</p>
            {m.attachments.length ? (
              <ul>
                {m.attachments.map((a) => (
                  <li key={a.id}>
                    <button type="button" className="link" onClick={() => void download(token, a)}>
                      {a.filename}
                    </button>{' '}
                    <span className="muted">({Math.ceil(a.size / 1024)} KB)</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      <RecordDownload token={token} />
      <form onSubmit={send}>
        <h2>
          <label htmlFor="answer">{t('portal.answer')}</label>
        </h2>
        <textarea id="answer" value={body} onChange={(e) => setBody(e.target.value)} aria-describedby="answer-hint" />
        <p id="answer-hint" className="hint">
          {t('portal.answer_hint')}
        </p>
        <div className="field">
          <label htmlFor="files">{t('portal.attach')}</label>
          <input id="files" type="file" multiple onChange={(e) => void upload(e.target.files)} />
          {files.length ? <p className="muted">{files.map((f) => f.filename).join(', ')}</p> : null}
        </div>
        {sendError ? (
          <p className="error" role="alert">
            {sendError}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? t('common.sending') : t('portal.send_answer')}
        </button>
      </form>
    </>
  );
}

function ContactPage({ brand, brands, loaded }: { brand: BrandInfo | null; brands: BrandInfo[]; loaded: boolean }) {
  const { t, lang } = useLang();
  const [data, setData] = useState<ContactInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!brand) return;
    get<typeof HelpContact>(`/api/v1/help/contact${qs({ brand: brand.slug })}`)
      .then(setData)
      .catch((err) => setError(errorText(t, err)));
  }, [brand?.slug]);
  if (!loaded) return <p aria-busy="true">{t('common.loading')}</p>;
  if (!brand) return <BrandPicker brands={brands} path="/help/contact" />;
  return (
    <>
      <h1>{t('portal.contact_title', { brand: brand.name })}</h1>
      <p>{t('portal.contact_intro')}</p>
      {error ? <p className="error">{error}</p> : null}
      {data ? (
        <section className="card" aria-label={t('portal.official_channels')} data-slot="official-channels">
          <h2>{t('portal.official_channels')}</h2>
          {data.emails.length ? (
            <>
              <h3>{t('portal.contact_email')}</h3>
              <ul>
                {data.emails.map((e) => (
                  <li key={e} className="mono">
                    {e}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {data.phones.length ? (
            <>
              <h3>{t('portal.contact_phone')}</h3>
              <ul>
                {data.phones.map((p) => (
                  <li key={p} className="mono">
                    {p}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {data.channels.length ? (
            <ul>
              {data.channels.map((c) => (
                <li key={`${c.kind}:${c.value}`}>
                  {c.label ?? c.kind}: <span className="mono">{c.value}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {!data.emails.length && !data.phones.length && !data.channels.length ? <p className="muted">{t('portal.no_channels')}</p> : null}
        </section>
      ) : null}
      <p className="card">{t('portal.contact_warning')}</p>
      <p className="card">
        {t('portal.verify_intro')} <a href={`/verify?lang=${lang}`}>{t('portal.verify_link')}</a>
      </p>
    </>
  );
}

/** "Where is my transaction?" answered on the spot, without opening a request. */
function TxCheck() {
  const { t, lang } = useLang();
  const [txid, setTxid] = useState('');
  const [answer, setAnswer] = useState<TxAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setAnswer(null);
    try {
      setAnswer(await get<TxAnswer>(`/api/v1/public/tx/${encodeURIComponent(txid.trim())}${qs({ lang })}`));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card txcheck" aria-labelledby="txcheck-title">
      <h2 id="txcheck-title">{t('portal.txcheck.title')}</h2>
      <p className="hint">{t('portal.txcheck.intro')}</p>
      <form onSubmit={check} className="row">
        <label htmlFor="txcheck" className="sr-only">
          {t('portal.txcheck.label')}
        </label>
        <input id="txcheck" className="mono" value={txid} onChange={(e) => setTxid(e.target.value)} placeholder="txid" spellCheck={false} autoComplete="off" required />
        <button type="submit" disabled={busy}>
          {t('portal.txcheck.check')}
        </button>
      </form>
      {error ? <p className="error">{error}</p> : null}
      {answer ? (
        <div role="status">
          <p>{answer.explanation}</p>
          {answer.advice.length ? (
            <ul>
              {answer.advice.map((a) => (
                <li key={a.code}>{a.text}</li>
              ))}
            </ul>
          ) : null}
          <p className="hint">{t('portal.txcheck.still_help')}</p>
        </div>
      ) : null}
    </section>
  );
}
