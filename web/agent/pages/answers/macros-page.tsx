/**
 * Knowledge base → Macros (/agent/macros, issue 17): the macros you may use — shared, your teams', your own —
 * with their use counts (supervisors and admins; the list is sorted by them, most used first), and the editor
 * (/agent/macros/new, /agent/macros/<id>): the zh-CN and English replies with placeholders, an internal note and
 * the ticket actions. Agents write personal macros; supervisors and admins shared and team ones. Unsaved edits
 * survive a reload.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, get, patch, post, qs, type Answer } from '../../../shared/api';
import { formatTime, useLang } from '../../../shared/i18n';
import { navigate } from '../../../shared/router';
import { agentName, useDesk } from '../../parts/desk';
import { errorText } from '../../parts/errors';
import { Status, useAction } from '../../parts/forms';
import { Link } from '../../parts/link';
import { CATEGORIES, PRIORITIES, type contract } from '../../types';
import { useFormDraft } from './form-draft';
import './answers.css';

type Macro = Answer<typeof contract.MacroJson>;
type Scope = 'shared' | 'team' | 'personal';
type Locale = 'zh-CN' | 'en';
type SortKey = 'usage' | 'title' | 'last_used';

const SCOPES: Scope[] = ['shared', 'team', 'personal'];
const LOCALES: Locale[] = ['zh-CN', 'en'];
/** Statuses a macro's reply can set (not "new"). */
const REPLY_STATUSES = ['open', 'pending', 'on_hold', 'solved'] as const;
export const PLACEHOLDERS = ['customer_name', 'ticket_number', 'missing_details', 'chain_status'] as const;

const canCurate = (role: string) => role === 'supervisor' || role === 'admin';

export function MacrosPage({ id }: { id?: string | undefined }) {
  if (id) return <MacroEditor key={id} id={id === 'new' ? null : id} />;
  return <MacroList />;
}

function MacroList() {
  const { t, lang } = useLang();
  const desk = useDesk();
  const curator = canCurate(desk.me.agent.role);
  const [macros, setMacros] = useState<Macro[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scope, setScope] = useState<Scope | ''>('');
  const [q, setQ] = useState('');
  const [retired, setRetired] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>(() => (curator ? { key: 'usage', desc: true } : { key: 'title', desc: false }));
  useEffect(() => {
    get<typeof contract.MacroList>(`/api/v1/macros${qs({ include_inactive: retired ? 'true' : undefined })}`)
      .then((r) => setMacros(r.macros))
      .catch((err) => setError(errorText(t, err)));
  }, [retired, lang]);
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const list = (macros ?? []).filter((m) => (!scope || m.scope === scope) && (!needle || [m.title, m.body, ...Object.values(m.bodies)].some((s) => (s ?? '').toLowerCase().includes(needle))));
    const dir = sort.desc ? -1 : 1;
    return list.sort((a, b) => {
      if (sort.key === 'usage') return dir * ((a.usage_count ?? 0) - (b.usage_count ?? 0)) || a.title.localeCompare(b.title);
      if (sort.key === 'last_used') return dir * (a.last_used_at ?? '').localeCompare(b.last_used_at ?? '') || a.title.localeCompare(b.title);
      return dir * a.title.localeCompare(b.title);
    });
  }, [macros, scope, q, sort]);
  const sortBy = (key: SortKey) => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: key !== 'title' }));
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.desc ? 'descending' : 'ascending') : undefined);
  const SortHeader = ({ k, label }: { k: SortKey; label: string }) => (
    <th scope="col" aria-sort={ariaSort(k)}>
      <button type="button" className="link sort" onClick={() => sortBy(k)}>
        {label} {sort.key === k ? (sort.desc ? '▼' : '▲') : ''}
      </button>
    </th>
  );
  const where = (m: Macro) => {
    const team = m.team_id ? desk.teams.find((x) => x.id === m.team_id)?.name : null;
    const brand = m.brand_id ? desk.brands.find((b) => b.id === m.brand_id)?.name : null;
    return [team, brand].filter(Boolean).join(' · ');
  };

  return (
    <section className="answers" data-macros>
      <div className="row spread">
        <h1>{t('answers.macros.title')}</h1>
        <Link to="/agent/macros/new" className="button">
          {t('answers.macros.new')}
        </Link>
      </div>
      <form className="answers-filters card" role="search" aria-label={t('answers.macros.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="row" role="group" aria-label={t('answers.macros.scope')}>
          {(['', ...SCOPES] as const).map((s) => (
            <button key={s || 'all'} type="button" className={scope === s ? 'chip active' : 'chip'} aria-pressed={scope === s} onClick={() => setScope(s)}>
              {s ? t(`answers.scope.${s}`) : t('answers.all')}
            </button>
          ))}
        </div>
        <div className="field grow">
          <label htmlFor="mf-q">{t('answers.macros.find')}</label>
          <input id="mf-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <label className="check">
          <input type="checkbox" checked={retired} onChange={(e) => setRetired(e.target.checked)} /> {t('answers.macros.show_retired')}
        </label>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : macros === null ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : macros.length === 0 ? (
        <div className="card empty-state">
          <h2>{t('answers.macros.empty_title')}</h2>
          <p>{t('answers.macros.empty_text')}</p>
          <Link to="/agent/macros/new">{t('answers.macros.new')}</Link>
        </div>
      ) : shown.length === 0 ? (
        <div className="card empty-state">
          <p>{t('answers.macros.no_match')}</p>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setScope('');
              setQ('');
            }}
          >
            {t('answers.clear_filters')}
          </button>
        </div>
      ) : (
        <table className="tickets answers-table">
          <caption className="sr-only">{t('answers.macros.title')}</caption>
          <thead>
            <tr>
              <SortHeader k="title" label={t('answers.macros.col_title')} />
              <th scope="col">{t('answers.macros.scope')}</th>
              <th scope="col">{t('answers.macros.languages')}</th>
              <th scope="col">{t('answers.macros.actions')}</th>
              {curator ? <SortHeader k="usage" label={t('answers.macros.uses')} /> : null}
              {curator ? <SortHeader k="last_used" label={t('answers.macros.last_used')} /> : null}
            </tr>
          </thead>
          <tbody>
            {shown.map((m) => (
              <tr key={m.id} data-macro={m.id} className={m.active ? undefined : 'retired'}>
                <td data-label={t('answers.macros.col_title')}>
                  <Link to={`/agent/macros/${m.id}`}>{m.title}</Link>
                  {!m.active ? <span className="badge"> {t('answers.macros.retired')}</span> : null}
                </td>
                <td data-label={t('answers.macros.scope')}>
                  <span className={`badge scope-${m.scope}`}>{t(`answers.scope.${m.scope}`)}</span> <span className="muted small">{where(m)}</span>
                </td>
                <td data-label={t('answers.macros.languages')}>{LOCALES.filter((l) => m.bodies[l]).map((l) => (l === 'zh-CN' ? '中' : 'EN')).join(' · ') || '—'}</td>
                <td data-label={t('answers.macros.actions')} className="small">{actionSummary(m, t, desk)}</td>
                {curator ? (
                  <td data-label={t('answers.macros.uses')} className="num" data-uses>
                    {m.usage_count ?? 0}
                  </td>
                ) : null}
                {curator ? <td data-label={t('answers.macros.last_used')}>{m.last_used_at ? formatTime(m.last_used_at, lang) : '—'}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function actionSummary(m: Pick<Macro, 'actions' | 'note'>, t: (k: string, v?: Record<string, unknown>) => string, desk: ReturnType<typeof useDesk>): string {
  const a = m.actions;
  const parts: string[] = [];
  if (a.status) parts.push(t('answers.macros.sets_status', { value: t(`agent.status.${a.status}`) }));
  if (a.priority) parts.push(t('answers.macros.sets_priority', { value: t(`agent.priority.${a.priority}`) }));
  if (a.category) parts.push(t('answers.macros.sets_category', { value: t(`agent.category.${a.category}`) }));
  if (a.add_tags?.length) parts.push(t('answers.macros.adds_tags', { value: a.add_tags.join(', ') }));
  if (a.team_id) parts.push(t('answers.macros.sets_team', { value: desk.teams.find((x) => x.id === a.team_id)?.name ?? '?' }));
  if (a.assignee_id) parts.push(t('answers.macros.sets_assignee', { value: agentName(desk, a.assignee_id) }));
  if (m.note) parts.push(t('answers.macros.adds_note'));
  return parts.join(' · ') || '—';
}

interface MacroForm {
  title: string;
  scope: Scope;
  team_id: string;
  brand_id: string;
  bodies: Record<Locale, string>;
  note: string;
  status: string;
  priority: string;
  category: string;
  tags: string;
  action_team: string;
  assignee: string;
  active: boolean;
}

function formOf(m: Macro): MacroForm {
  return {
    title: m.title,
    scope: m.scope,
    team_id: m.team_id ?? '',
    brand_id: m.brand_id ?? '',
    bodies: { 'zh-CN': m.bodies['zh-CN'] ?? '', en: m.bodies.en ?? (m.bodies['zh-CN'] ? '' : m.body) },
    note: m.note ?? '',
    status: m.actions.status ?? '',
    priority: m.actions.priority ?? '',
    category: m.actions.category ?? '',
    tags: (m.actions.add_tags ?? []).join(', '),
    action_team: m.actions.team_id ?? '',
    assignee: m.actions.assignee_id ?? '',
    active: m.active,
  };
}

const formTexts = (f: MacroForm) => [f.title, f.bodies['zh-CN'], f.bodies.en, f.note].join('\n');

function MacroEditor({ id }: { id: string | null }) {
  const { t, lang } = useLang();
  const desk = useDesk();
  const curator = canCurate(desk.me.agent.role);
  const [macro, setMacro] = useState<Macro | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const initial = useMemo<MacroForm | null>(
    () =>
      macro
        ? formOf(macro)
        : id
          ? null
          : { title: '', scope: curator ? 'shared' : 'personal', team_id: '', brand_id: '', bodies: { 'zh-CN': '', en: '' }, note: '', status: '', priority: '', category: '', tags: '', action_team: '', assignee: '', active: true },
    [macro, id, curator],
  );
  const [form, setForm, restored, discard, forget] = useFormDraft<MacroForm>(`walletdesk.answers.macro.${id ?? 'new'}`, initial, formTexts);
  const save = useAction();
  const focused = useRef<{ locale: Locale; el: HTMLTextAreaElement } | null>(null);
  useEffect(() => {
    if (!id) return;
    // The list holds retired ones too when asked; one macro is read from it (there is no GET /macros/:id).
    get<typeof contract.MacroList>('/api/v1/macros?include_inactive=true')
      .then((r) => {
        const m = r.macros.find((x) => x.id === id);
        if (m) setMacro(m);
        else setLoadError(t('answers.macros.not_found'));
      })
      .catch((err) => setLoadError(errorText(t, err)));
  }, [id, lang]);

  if (loadError) return <p className="error" role="alert">{loadError}</p>;
  if (!form) return <p aria-busy="true">{t('common.loading')}</p>;
  const editable = !macro || macro.scope === 'personal' ? !macro || macro.owner_id === desk.me.agent.id : curator;
  const set = (change: Partial<MacroForm>) => setForm({ ...form, ...change });

  const insert = (name: string) => {
    const target = focused.current ?? { locale: lang, el: null as unknown as HTMLTextAreaElement };
    const current = form.bodies[target.locale];
    const token = `{{${name}}}`;
    const at = target.el ? target.el.selectionStart : current.length;
    const next = current.slice(0, at) + token + current.slice(target.el ? target.el.selectionEnd : current.length);
    set({ bodies: { ...form.bodies, [target.locale]: next } });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(async () => {
      const zh = form.bodies['zh-CN'].trim();
      const en = form.bodies.en.trim();
      if (!zh && !en) throw new ApiError(400, 'invalid_input', t('answers.macros.need_body'));
      const tags = form.tags.split(',').map((s) => s.trim()).filter(Boolean);
      const body = {
        title: form.title.trim(),
        body: en || zh,
        bodies: { ...(zh ? { 'zh-CN': zh } : {}), ...(en ? { en } : {}) },
        note: form.note.trim() || null,
        scope: form.scope,
        team_id: form.scope === 'team' ? form.team_id || null : null,
        brand_id: form.brand_id || null,
        active: form.active,
        actions: {
          ...(form.status ? { status: form.status as (typeof REPLY_STATUSES)[number] } : {}),
          ...(form.priority ? { priority: form.priority as (typeof PRIORITIES)[number] } : {}),
          ...(form.category ? { category: form.category as (typeof CATEGORIES)[number] } : {}),
          ...(tags.length ? { add_tags: tags } : {}),
          ...(form.action_team ? { team_id: form.action_team } : {}),
          ...(form.assignee ? { assignee_id: form.assignee } : {}),
        },
      };
      if (macro) {
        const saved = await patch<typeof contract.MacroJson, typeof contract.MacroPatch>(`/api/v1/macros/${macro.id}`, body);
        forget();
        setMacro(saved);
      } else {
        const saved = await post<typeof contract.MacroJson, typeof contract.MacroCreate>('/api/v1/macros', body);
        forget();
        navigate(`/agent/macros/${saved.id}`);
      }
    }, t('answers.macros.saved'));
  };

  return (
    <section className="answers macro-editor" data-macro-editor={id ?? 'new'}>
      <p>
        <Link to="/agent/macros">← {t('answers.macros.back')}</Link>
      </p>
      <h1>{macro ? macro.title : t('answers.macros.new')}</h1>
      {restored ? (
        <p className="card draft-note" role="status">
          {t('answers.draft_restored')}{' '}
          <button type="button" className="link" onClick={discard}>
            {t('answers.draft_discard')}
          </button>
        </p>
      ) : null}
      {macro && curator ? (
        <p className="muted" data-usage>
          {t('answers.macros.used_times', { count: macro.usage_count ?? 0 })}
          {macro.last_used_at ? ` · ${t('answers.macros.last_used')}: ${formatTime(macro.last_used_at, lang)}` : ''}
        </p>
      ) : null}
      {!editable ? <p className="muted">{t('answers.macros.read_only')}</p> : null}
      <form onSubmit={submit} aria-label={t('answers.macros.editor')}>
        <fieldset disabled={!editable} className="plain-fieldset">
          <div className="row">
            <div className="field grow">
              <label htmlFor="me-title">{t('answers.macros.col_title')}</label>
              <input id="me-title" value={form.title} maxLength={200} required onChange={(e) => set({ title: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="me-scope">{t('answers.macros.scope')}</label>
              <select id="me-scope" value={form.scope} onChange={(e) => set({ scope: e.target.value as Scope })}>
                {SCOPES.filter((s) => curator || s === 'personal').map((s) => (
                  <option key={s} value={s}>
                    {t(`answers.scope.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            {form.scope === 'team' ? (
              <div className="field">
                <label htmlFor="me-team">{t('answers.macros.team')}</label>
                <select id="me-team" value={form.team_id} required onChange={(e) => set({ team_id: e.target.value })}>
                  <option value="">—</option>
                  {desk.teams.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <div className="field">
              <label htmlFor="me-brand">{t('answers.brand')}</label>
              <select id="me-brand" value={form.brand_id} onChange={(e) => set({ brand_id: e.target.value })}>
                <option value="">{t('answers.macros.every_brand')}</option>
                {desk.brands.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="row placeholders" role="group" aria-label={t('answers.macros.placeholders')}>
            <span className="muted small">{t('answers.macros.placeholders')}:</span>
            {PLACEHOLDERS.map((p) => (
              <button key={p} type="button" className="chip" onClick={() => insert(p)} title={t(`answers.placeholder.${p}`)}>
                {`{{${p}}}`}
              </button>
            ))}
          </div>
          <div className="translations">
            {LOCALES.map((l) => (
              <div key={l} className="field" lang={l}>
                <label htmlFor={`me-body-${l}`}>{t('answers.macros.reply_in', { lang: t(`answers.locale.${l}`) })}</label>
                <textarea
                  id={`me-body-${l}`}
                  rows={9}
                  value={form.bodies[l]}
                  onFocus={(e) => (focused.current = { locale: l, el: e.currentTarget })}
                  onChange={(e) => set({ bodies: { ...form.bodies, [l]: e.target.value } })}
                />
              </div>
            ))}
          </div>
          <p className="hint">{t('answers.macros.body_hint')}</p>
          <div className="field">
            <label htmlFor="me-note">{t('answers.macros.note')}</label>
            <textarea id="me-note" rows={2} value={form.note} onChange={(e) => set({ note: e.target.value })} />
          </div>
          <fieldset className="card">
            <legend>{t('answers.macros.actions')}</legend>
            <div className="row">
              <div className="field">
                <label htmlFor="me-status">{t('answers.macros.status')}</label>
                <select id="me-status" value={form.status} onChange={(e) => set({ status: e.target.value })}>
                  <option value="">{t('answers.macros.unchanged')}</option>
                  {REPLY_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`agent.status.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="me-priority">{t('answers.macros.priority')}</label>
                <select id="me-priority" value={form.priority} onChange={(e) => set({ priority: e.target.value })}>
                  <option value="">{t('answers.macros.unchanged')}</option>
                  {PRIORITIES.map((s) => (
                    <option key={s} value={s}>
                      {t(`agent.priority.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="me-category">{t('answers.macros.category')}</label>
                <select id="me-category" value={form.category} onChange={(e) => set({ category: e.target.value })}>
                  <option value="">{t('answers.macros.unchanged')}</option>
                  {CATEGORIES.map((s) => (
                    <option key={s} value={s}>
                      {t(`agent.category.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="me-tags">{t('answers.macros.tags')}</label>
                <input id="me-tags" value={form.tags} placeholder="stuck-tx, vip" onChange={(e) => set({ tags: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor="me-action-team">{t('answers.macros.team_action')}</label>
                <select id="me-action-team" value={form.action_team} onChange={(e) => set({ action_team: e.target.value })}>
                  <option value="">{t('answers.macros.unchanged')}</option>
                  {desk.teams.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="me-assignee">{t('answers.macros.assignee')}</label>
                <select id="me-assignee" value={form.assignee} onChange={(e) => set({ assignee: e.target.value })}>
                  <option value="">{t('answers.macros.unchanged')}</option>
                  {desk.agents.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </fieldset>
          <label className="check">
            <input type="checkbox" checked={form.active} onChange={(e) => set({ active: e.target.checked })} /> {t('answers.macros.active')}
          </label>
          <Status error={save.error} done={save.done} />
          {editable ? <button type="submit">{t('answers.macros.save')}</button> : null}
        </fieldset>
      </form>
    </section>
  );
}
