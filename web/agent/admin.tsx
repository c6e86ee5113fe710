/** Admin pages (agents, teams, brands, API tokens, security) and the agent's own account (password, two-factor). */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { del, get, patch, post, request, setCsrfToken } from '../shared/api';
import { formatTime, useLang } from '../shared/i18n';
import { errorText } from './app';
import { useDesk } from './desk';
import { CATEGORIES, type Agent } from './types';
import { ChatAdmin } from './chat-admin';

/** Runs an admin action and keeps its error or success message for <Status>. */
export function useAction(): { error: string | null; done: string | null; run: (fn: () => Promise<unknown>, ok?: string) => Promise<void> } {
  const { t } = useLang();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return {
    error,
    done,
    async run(fn, ok) {
      setError(null);
      setDone(null);
      try {
        await fn();
        setDone(ok ?? t('agent.ticket.saved'));
      } catch (err) {
        setError(errorText(t, err));
      }
    },
  };
}

export function Status({ error, done }: { error: string | null; done: string | null }) {
  return (
    <>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p className="ok" role="status">
          {done}
        </p>
      ) : null}
    </>
  );
}

export function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

export function AdminPage({ page }: { page: string }) {
  switch (page) {
    case 'agents':
      return <AgentsAdmin />;
    case 'teams':
      return <TeamsAdmin />;
    case 'brands':
      return <BrandsAdmin />;
    case 'tokens':
      return <TokensAdmin />;
    case 'security':
      return <SecurityAdmin />;
    case 'channels':
      return <ChannelsAdmin />;
    case 'routing':
      return <RoutingAdmin />;
    case 'chat':
      return <ChatAdmin />;
    default:
      return null;
  }
}

function AgentsAdmin() {
  const { t } = useLang();
  const desk = useDesk();
  const [all, setAll] = useState<Agent[]>([]);
  const [form, setForm] = useState({ email: '', name: '', role: 'agent', password: '', brand_ids: [] as string[] });
  const a = useAction();
  const reload = async () => {
    setAll((await get<{ agents: Agent[] }>('/api/v1/agents?include_inactive=true')).agents);
    await desk.reloadDirectory();
  };
  useEffect(() => void reload().catch(() => undefined), []);
  const create = (e: FormEvent) => {
    e.preventDefault();
    void a.run(async () => {
      await post('/api/v1/agents', { ...form, password: form.password || undefined });
      setForm({ email: '', name: '', role: 'agent', password: '', brand_ids: [] });
      await reload();
    });
  };
  return (
    <section>
      <h1>{t('agent.admin.agents')}</h1>
      <Status error={a.error} done={a.done} />
      <table className="tickets">
        <thead>
          <tr>
            <th scope="col">{t('agent.admin.name')}</th>
            <th scope="col">{t('agent.login.email')}</th>
            <th scope="col">{t('agent.admin.role')}</th>
            <th scope="col">{t('agent.admin.two_factor')}</th>
            <th scope="col">{t('agent.admin.active')}</th>
          </tr>
        </thead>
        <tbody>
          {all.map((ag) => (
            <tr key={ag.id}>
              <td>{ag.name}</td>
              <td className="mono">{ag.email}</td>
              <td>
                <select
                  aria-label={t('agent.admin.role_of', { name: ag.name })}
                  value={ag.role}
                  onChange={(e) => void a.run(async () => (await patch(`/api/v1/agents/${ag.id}`, { role: e.target.value }), reload()))}
                >
                  {['agent', 'supervisor', 'admin'].map((r) => (
                    <option key={r} value={r}>
                      {t(`agent.role.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>{ag.totp_enabled ? t('common.yes') : t('common.no')}</td>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('agent.admin.active_of', { name: ag.name })}
                  checked={ag.active}
                  onChange={(e) => void a.run(async () => (await patch(`/api/v1/agents/${ag.id}`, { active: e.target.checked }), reload()))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card admin-form" onSubmit={create}>
        <h2>{t('agent.admin.new_agent')}</h2>
        <Field id="na-name" label={t('agent.admin.name')}>
          <input id="na-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
        </Field>
        <Field id="na-email" label={t('agent.login.email')}>
          <input id="na-email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required />
        </Field>
        <Field id="na-role" label={t('agent.admin.role')}>
          <select id="na-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            {['agent', 'supervisor', 'admin'].map((r) => (
              <option key={r} value={r}>
                {t(`agent.role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="na-password" label={t('agent.admin.initial_password')}>
          <input id="na-password" type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </Field>
        <fieldset>
          <legend>{t('agent.nav.brands')}</legend>
          {desk.brands.map((b) => (
            <label key={b.id} className="row">
              <input
                type="checkbox"
                checked={form.brand_ids.includes(b.id)}
                onChange={(e) => setForm({ ...form, brand_ids: e.target.checked ? [...form.brand_ids, b.id] : form.brand_ids.filter((x) => x !== b.id) })}
              />
              {b.name}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('common.create')}</button>
      </form>
    </section>
  );
}

function TeamsAdmin() {
  const { t } = useLang();
  const desk = useDesk();
  const [name, setName] = useState('');
  const [brandId, setBrandId] = useState('');
  const a = useAction();
  const canEdit = desk.me.agent.role !== 'agent';
  return (
    <section>
      <h1>{t('agent.admin.teams')}</h1>
      <Status error={a.error} done={a.done} />
      {desk.teams.map((tm) => (
        <fieldset key={tm.id} className="card">
          <legend>
            <strong>{tm.name}</strong> <span className="muted">{tm.brand_id ? desk.brands.find((b) => b.id === tm.brand_id)?.name : t('agent.admin.all_brands')}</span>
          </legend>
          {desk.agents.map((ag) => (
            <label key={ag.id} className="row">
              <input
                type="checkbox"
                disabled={!canEdit}
                checked={tm.member_ids.includes(ag.id)}
                onChange={(e) =>
                  void a.run(async () => {
                    await patch(`/api/v1/teams/${tm.id}`, { member_ids: e.target.checked ? [...tm.member_ids, ag.id] : tm.member_ids.filter((x) => x !== ag.id) });
                    await desk.reloadDirectory();
                  })
                }
              />
              {ag.name}
            </label>
          ))}
        </fieldset>
      ))}
      {canEdit ? (
        <form
          className="card admin-form"
          onSubmit={(e) => {
            e.preventDefault();
            void a.run(async () => {
              await post('/api/v1/teams', { name, brand_id: brandId || null });
              setName('');
              await desk.reloadDirectory();
            });
          }}
        >
          <h2>{t('agent.admin.new_team')}</h2>
          <Field id="nt-name" label={t('agent.admin.name')}>
            <input id="nt-name" value={name} onChange={(e) => setName(e.target.value)} required />
          </Field>
          <Field id="nt-brand" label={t('agent.admin.brand')}>
            <select id="nt-brand" value={brandId} onChange={(e) => setBrandId(e.target.value)}>
              <option value="">{t('agent.admin.all_brands')}</option>
              {desk.brands.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit">{t('common.create')}</button>
        </form>
      ) : null}
    </section>
  );
}

function BrandsAdmin() {
  const { t } = useLang();
  const desk = useDesk();
  const [form, setForm] = useState({ name: '', slug: '', default_language: 'zh-CN', time_zone: 'Asia/Shanghai', support_emails: '' });
  const a = useAction();
  return (
    <section>
      <h1>{t('agent.admin.brands')}</h1>
      <Status error={a.error} done={a.done} />
      <table className="tickets">
        <thead>
          <tr>
            <th scope="col">{t('agent.admin.name')}</th>
            <th scope="col">{t('agent.admin.slug')}</th>
            <th scope="col">{t('common.language')}</th>
            <th scope="col">{t('agent.admin.time_zone')}</th>
            <th scope="col">{t('agent.admin.support_emails')}</th>
          </tr>
        </thead>
        <tbody>
          {desk.brands.map((b) => (
            <tr key={b.id}>
              <td>{b.name}</td>
              <td className="mono">{b.slug}</td>
              <td>{b.default_language}</td>
              <td>{b.time_zone}</td>
              <td className="mono">{b.support_emails.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="card admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void a.run(async () => {
            await post('/api/v1/brands', {
              name: form.name,
              slug: form.slug || undefined,
              default_language: form.default_language,
              time_zone: form.time_zone,
              support_emails: form.support_emails.split(/[,\s]+/).filter(Boolean),
            });
            setForm({ ...form, name: '', slug: '', support_emails: '' });
            await desk.reloadDirectory();
          });
        }}
      >
        <h2>{t('agent.admin.new_brand')}</h2>
        <Field id="nb-name" label={t('agent.admin.name')}>
          <input id="nb-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
        </Field>
        <Field id="nb-slug" label={t('agent.admin.slug')}>
          <input id="nb-slug" value={form.slug} onChange={(e) => setForm({ ...form, slug: e.target.value })} />
        </Field>
        <Field id="nb-lang" label={t('common.language')}>
          <select id="nb-lang" value={form.default_language} onChange={(e) => setForm({ ...form, default_language: e.target.value })}>
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </Field>
        <Field id="nb-tz" label={t('agent.admin.time_zone')}>
          <input id="nb-tz" value={form.time_zone} onChange={(e) => setForm({ ...form, time_zone: e.target.value })} />
        </Field>
        <Field id="nb-emails" label={t('agent.admin.support_emails')}>
          <input id="nb-emails" value={form.support_emails} onChange={(e) => setForm({ ...form, support_emails: e.target.value })} />
        </Field>
        <button type="submit">{t('common.create')}</button>
      </form>
    </section>
  );
}

interface TokenRow {
  id: string;
  agent_id: string;
  name: string;
  role: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

function TokensAdmin() {
  const { t, lang } = useLang();
  const desk = useDesk();
  const [tokens, setTokens] = useState<TokenRow[]>([]);
  const [agentId, setAgentId] = useState(desk.me.agent.id);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const a = useAction();
  const reload = async () => setTokens((await get<{ tokens: TokenRow[] }>('/api/v1/tokens')).tokens);
  useEffect(() => void reload().catch(() => undefined), []);
  return (
    <section>
      <h1>{t('agent.admin.tokens')}</h1>
      <Status error={a.error} done={a.done} />
      {secret ? (
        <div className="card" role="status">
          <p>{t('agent.admin.token_once')}</p>
          <p className="mono">{secret}</p>
        </div>
      ) : null}
      <table className="tickets">
        <thead>
          <tr>
            <th scope="col">{t('agent.admin.name')}</th>
            <th scope="col">{t('agent.admin.agent')}</th>
            <th scope="col">{t('agent.admin.prefix')}</th>
            <th scope="col">{t('agent.admin.last_used')}</th>
            <th scope="col">{t('agent.admin.state')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((tk) => (
            <tr key={tk.id}>
              <td>{tk.name}</td>
              <td>{desk.agents.find((x) => x.id === tk.agent_id)?.name ?? tk.agent_id.slice(0, 8)}</td>
              <td className="mono">{tk.prefix}</td>
              <td>{tk.last_used_at ? formatTime(tk.last_used_at, lang) : '–'}</td>
              <td>
                {tk.revoked_at ? (
                  t('agent.admin.revoked')
                ) : (
                  <button type="button" className="secondary" onClick={() => void a.run(async () => (await del(`/api/v1/tokens/${tk.id}`), reload()))}>
                    {t('agent.admin.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="card admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void a.run(async () => {
            const r = await post<{ token: string }>('/api/v1/tokens', { agent_id: agentId, name: name || undefined });
            setSecret(r.token);
            setName('');
            await reload();
          });
        }}
      >
        <h2>{t('agent.admin.new_token')}</h2>
        <Field id="tk-agent" label={t('agent.admin.agent')}>
          <select id="tk-agent" value={agentId} onChange={(e) => setAgentId(e.target.value)}>
            {desk.agents.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="tk-name" label={t('agent.admin.name')}>
          <input id="tk-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <button type="submit">{t('common.create')}</button>
      </form>
    </section>
  );
}

function SecurityAdmin() {
  const { t } = useLang();
  const [require2fa, setRequire2fa] = useState<boolean | null>(null);
  const a = useAction();
  useEffect(() => {
    get<{ require_2fa: boolean }>('/api/v1/settings/security')
      .then((s) => setRequire2fa(s.require_2fa))
      .catch(() => undefined);
  }, []);
  return (
    <section>
      <h1>{t('agent.admin.security')}</h1>
      <Status error={a.error} done={a.done} />
      {require2fa === null ? null : (
        <label className="row card">
          <input
            type="checkbox"
            checked={require2fa}
            onChange={(e) => {
              const v = e.target.checked;
              void a.run(async () => setRequire2fa((await patch<{ require_2fa: boolean }>('/api/v1/settings/security', { require_2fa: v })).require_2fa));
            }}
          />
          {t('agent.admin.require_2fa')}
        </label>
      )}
      <p className="muted">{t('agent.admin.require_2fa_hint')}</p>
    </section>
  );
}

export function AccountPage() {
  const { t } = useLang();
  const desk = useDesk();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [setup, setSetup] = useState<{ secret: string; otpauth_uri: string } | null>(null);
  const [code, setCode] = useState('');
  const [enabled, setEnabled] = useState(desk.me.agent.totp_enabled);
  const a = useAction();
  return (
    <section>
      <h1>{t('agent.account.title')}</h1>
      <Status error={a.error} done={a.done} />
      <section className="card admin-form">
        <h2>{t('agent.account.two_factor')}</h2>
        {enabled ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void a.run(async () => {
                await post('/api/v1/auth/totp/disable', { code });
                setEnabled(false);
                setCode('');
              });
            }}
          >
            <p className="ok">{t('agent.account.two_factor_on')}</p>
            <Field id="tf-off" label={t('agent.login.totp')}>
              <input id="tf-off" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
            </Field>
            <button type="submit" className="secondary">
              {t('agent.account.disable')}
            </button>
          </form>
        ) : setup ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void a.run(async () => {
                await post('/api/v1/auth/totp/confirm', { code });
                setEnabled(true);
                setSetup(null);
                setCode('');
                if (desk.me.must_enroll_two_factor) location.reload();
              }, t('agent.account.two_factor_on'));
            }}
          >
            <p>{t('agent.account.scan')}</p>
            <p className="mono">{setup.secret}</p>
            <p className="mono small">{setup.otpauth_uri}</p>
            <Field id="tf-code" label={t('agent.login.totp')}>
              <input id="tf-code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} required />
            </Field>
            <button type="submit">{t('agent.account.confirm')}</button>
          </form>
        ) : (
          <button type="button" onClick={() => void a.run(async () => setSetup(await post('/api/v1/auth/totp/setup')), ' ')}>
            {t('agent.account.enable')}
          </button>
        )}
      </section>
      {desk.me.must_enroll_two_factor ? null : (
        <form
          className="card admin-form"
          onSubmit={(e) => {
            e.preventDefault();
            void a.run(async () => {
              const r = await post<{ csrf_token: string | null }>('/api/v1/auth/password', { current_password: current, new_password: next });
              setCsrfToken(r.csrf_token);
              setCurrent('');
              setNext('');
            });
          }}
        >
          <h2>{t('agent.account.password')}</h2>
          <Field id="pw-cur" label={t('agent.account.current_password')}>
            <input id="pw-cur" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
          </Field>
          <Field id="pw-new" label={t('agent.account.new_password')}>
            <input id="pw-new" type="password" autoComplete="new-password" minLength={10} value={next} onChange={(e) => setNext(e.target.value)} required />
          </Field>
          <button type="submit">{t('common.save')}</button>
        </form>
      )}
    </section>
  );
}

interface ChannelsDoc {
  domains: string[];
  emails: string[];
  phones: string[];
  handles: Array<{ platform: string; handle: string }>;
  app_ids?: Array<{ store: string; id: string }>;
}

const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter(Boolean);
const pairs = (text: string): Array<[string, string]> =>
  lines(text).map((l) => {
    const cut = l.indexOf(':');
    return cut < 0 ? ['', l] : [l.slice(0, cut).trim().toLowerCase(), l.slice(cut + 1).trim()];
  });

/** The brand's official channels: what /verify, the manifest and the automatic answers to customers use. */
function ChannelsAdmin() {
  const { t } = useLang();
  const desk = useDesk();
  const [brandId, setBrandId] = useState(desk.brands[0]?.id ?? '');
  const [form, setForm] = useState({ domains: '', emails: '', phones: '', handles: '', apps: '' });
  const a = useAction();
  useEffect(() => {
    if (!brandId) return;
    get<ChannelsDoc>(`/api/v1/brands/${brandId}/channels`)
      .then((d) =>
        setForm({
          domains: d.domains.join('\n'),
          emails: d.emails.join('\n'),
          phones: d.phones.join('\n'),
          handles: d.handles.map((h) => `${h.platform}: ${h.handle}`).join('\n'),
          apps: (d.app_ids ?? []).map((x) => `${x.store}: ${x.id}`).join('\n'),
        }),
      )
      .catch(() => undefined);
  }, [brandId]);
  const slug = desk.brands.find((b) => b.id === brandId)?.slug ?? '';
  const area = (key: keyof typeof form, label: string, hint: string) => (
    <Field id={`oc-${key}`} label={label}>
      <textarea id={`oc-${key}`} className="mono" rows={3} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} aria-describedby={`oc-${key}-hint`} />
      <span className="hint" id={`oc-${key}-hint`}>
        {hint}
      </span>
    </Field>
  );
  return (
    <section>
      <h1>{t('agent.admin.channels')}</h1>
      <p className="muted">{t('agent.admin.channels_intro')}</p>
      <Status error={a.error} done={a.done} />
      <Field id="oc-brand" label={t('agent.admin.brand')}>
        <select id="oc-brand" value={brandId} onChange={(e) => setBrandId(e.target.value)}>
          {desk.brands.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </Field>
      <form
        className="card admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void a.run(() =>
            request('PUT', `/api/v1/brands/${brandId}/channels`, {
              domains: lines(form.domains),
              emails: lines(form.emails),
              phones: lines(form.phones),
              handles: pairs(form.handles).map(([platform, handle]) => ({ platform, handle })),
              app_ids: pairs(form.apps).map(([store, id]) => ({ store, id })),
            }),
          );
        }}
      >
        {area('domains', t('agent.admin.channels_domains'), t('agent.admin.channels_one_per_line'))}
        {area('emails', t('agent.admin.channels_emails'), t('agent.admin.channels_one_per_line'))}
        {area('phones', t('agent.admin.channels_phones'), t('agent.admin.channels_phones_hint'))}
        {area('handles', t('agent.admin.channels_handles'), t('agent.admin.channels_handles_hint'))}
        {area('apps', t('agent.admin.channels_apps'), t('agent.admin.channels_apps_hint'))}
        <button type="submit">{t('common.save')}</button>
      </form>
      <p>
        <a href="/verify">{t('agent.admin.channels_verify')}</a> · <a href={`/.well-known/walletdesk-channels.json?brand=${encodeURIComponent(slug)}`}>{t('agent.admin.channels_manifest')}</a>
      </p>
    </section>
  );
}

/** Routing: which team takes which category, and whether new tickets also get an agent. */
function RoutingAdmin() {
  const { t } = useLang();
  const desk = useDesk();
  const [settings, setSettings] = useState<{ mode: string; strategy: string } | null>(null);
  const a = useAction();
  useEffect(() => {
    get<{ mode: string; strategy: string }>('/api/v1/settings/routing')
      .then(setSettings)
      .catch(() => undefined);
  }, []);
  const toggle = (teamId: string, categories: string[], category: string, on: boolean) =>
    a.run(async () => {
      const next = on ? [...categories, category] : categories.filter((c) => c !== category);
      await patch(`/api/v1/teams/${teamId}`, { categories: next });
      await desk.reloadDirectory();
    });
  return (
    <section>
      <h1>{t('agent.admin.routing')}</h1>
      <p className="muted">{t('agent.admin.routing_intro')}</p>
      <Status error={a.error} done={a.done} />
      <table className="tickets">
        <thead>
          <tr>
            <th scope="col">{t('agent.admin.team')}</th>
            {[...CATEGORIES, '*'].map((c) => (
              <th key={c} scope="col">
                {c === '*' ? t('agent.admin.routing_rest') : t(`agent.category.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {desk.teams.map((tm) => (
            <tr key={tm.id}>
              <td>{tm.name}</td>
              {[...CATEGORIES, '*'].map((c) => (
                <td key={c}>
                  <input
                    type="checkbox"
                    aria-label={`${tm.name}: ${c === '*' ? t('agent.admin.routing_rest') : t(`agent.category.${c}`)}`}
                    checked={(tm.categories ?? []).includes(c)}
                    onChange={(e) => void toggle(tm.id, tm.categories ?? [], c, e.target.checked)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {settings ? (
        <div className="card admin-form">
          <Field id="rt-mode" label={t('agent.admin.routing_mode')}>
            <select id="rt-mode" value={settings.mode} onChange={(e) => void a.run(async () => setSettings(await patch('/api/v1/settings/routing', { mode: e.target.value })))}>
              {['off', 'team', 'agent'].map((m) => (
                <option key={m} value={m}>
                  {t(`agent.admin.routing_mode_${m}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="rt-strategy" label={t('agent.admin.routing_strategy')}>
            <select id="rt-strategy" value={settings.strategy} onChange={(e) => void a.run(async () => setSettings(await patch('/api/v1/settings/routing', { strategy: e.target.value })))}>
              {['least_loaded', 'round_robin'].map((m) => (
                <option key={m} value={m}>
                  {t(`agent.admin.routing_strategy_${m}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      ) : null}
    </section>
  );
}
