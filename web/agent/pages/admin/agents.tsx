/**
 * Admin → Agents: who works on the desk. Rename, change the role, move between brands and teams, deactivate and
 * reactivate; e-mail a one-time password-reset link; invite a new agent by e-mail. The admin never sets or sees
 * a password: the agent chooses it from the link (/agent/link), and sets up two-factor sign-in when the desk
 * requires it. An agent who lost their authenticator has it removed here, after a confirmation.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, del, get, patch, post } from '../../../shared/api';
import { formatTime, useLang, type T } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { errorText } from '../../parts/errors';
import { Field } from '../../parts/forms';
import { type Agent, type contract } from '../../types';
import { AgentPhoneField } from '../../parts/call-now';

const ROLES = ['agent', 'supervisor', 'admin'] as const;

/** The server's reasons, in the viewer's language. */
function linkError(t: T, err: unknown): string {
  if (err instanceof ApiError && err.details.reason === 'no_mail') return t('agents_admin.no_mail');
  if (err instanceof ApiError && err.details.reason === 'inactive') return t('agents_admin.inactive_no_link');
  if (err instanceof ApiError && err.details.reason === 'not_enabled') return t('look2.two_factor.not_enabled');
  if (err instanceof ApiError && err.status === 409) return t('agents_admin.email_taken');
  return errorText(t, err);
}

type Msg = { text: string; error: boolean } | null;

export function AgentsAdmin() {
  const { t, lang } = useLang();
  const desk = useDesk();
  const [all, setAll] = useState<Agent[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [msg, setMsg] = useState<Msg>(null);
  const [form, setForm] = useState({ email: '', name: '', role: 'agent' as Agent['role'], brand_ids: [] as string[], team_ids: [] as string[] });
  const reload = async () => {
    setAll((await get<typeof contract.AgentList>('/api/v1/agents?include_inactive=true')).agents);
    await desk.reloadDirectory();
  };
  useEffect(() => void reload().catch(() => undefined), []);
  const run = async (fn: () => Promise<string>) => {
    setMsg(null);
    try {
      setMsg({ text: await fn(), error: false });
    } catch (err) {
      setMsg({ text: linkError(t, err), error: true });
    }
  };
  const change = (ag: Agent, body: typeof contract.AgentPatch.static) =>
    run(async () => {
      await patch<typeof contract.AgentJson, typeof contract.AgentPatch>(`/api/v1/agents/${ag.id}`, body);
      await reload();
      return t('agents_admin.saved', { name: body.name ?? ag.name });
    });
  const reset = (ag: Agent) =>
    run(async () => {
      const r = await post<typeof contract.AgentLinkSent>(`/api/v1/agents/${ag.id}/password-reset`);
      return t('agents_admin.reset_sent', { to: r.to, time: formatTime(r.expires_at, lang) });
    });
  const [removing, setRemoving] = useState<Agent | null>(null);
  // The dialog closes first, so the outcome (or the error) shows in the page's message line, not behind the modal.
  const removeTwoFactor = (ag: Agent) =>
    run(async () => {
      setRemoving(null);
      const r = await del<typeof contract.AgentTwoFactorRemoved>(`/api/v1/agents/${ag.id}/two-factor`);
      await reload();
      return `${t('look2.two_factor.done', { name: ag.name, count: r.sessions_ended })} ${t(r.mailed ? 'look2.two_factor.done_mailed' : 'look2.two_factor.done_not_mailed')}`;
    });
  const invite = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await post<typeof contract.AgentInvited, typeof contract.AgentInviteBody>('/api/v1/agents/invite', form);
      setForm({ email: '', name: '', role: 'agent', brand_ids: [], team_ids: [] });
      await reload();
      return t('agents_admin.invited', { to: r.agent.email, time: formatTime(r.expires_at, lang) });
    });
  };
  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));

  return (
    <section data-slot="agents-admin">
      <h1>{t('agent.admin.agents')}</h1>
      <p className="hint">{t('agents_admin.intro')}</p>
      <div aria-live="polite">{msg ? <p className={msg.error ? 'error' : 'ok'} role={msg.error ? 'alert' : 'status'}>{msg.text}</p> : null}</div>
      <table className="tickets">
        <thead>
          <tr>
            <th scope="col">{t('agent.admin.name')}</th>
            <th scope="col">{t('agent.login.email')}</th>
            <th scope="col">{t('agent.admin.role')}</th>
            <th scope="col">{t('agents_admin.brands_teams')}</th>
            <th scope="col">{t('agent.admin.two_factor')}</th>
            <th scope="col">{t('agent.admin.active')}</th>
            <th scope="col">
              <span className="sr-only">{t('agents_admin.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {all.map((ag) => (
            <AgentRow
              key={ag.id}
              ag={ag}
              editing={editing === ag.id}
              onEdit={() => setEditing(editing === ag.id ? null : ag.id)}
              onChange={change}
              onReset={reset}
              onRemoveTwoFactor={() => setRemoving(ag)}
              onDone={() => setEditing(null)}
            />
          ))}
        </tbody>
      </table>
      {removing ? <RemoveTwoFactorDialog ag={removing} onConfirm={() => removeTwoFactor(removing)} onCancel={() => setRemoving(null)} /> : null}

      <form className="card admin-form" onSubmit={invite} aria-labelledby="invite-title">
        <h2 id="invite-title">{t('agents_admin.invite_title')}</h2>
        <p className="hint">{t('agents_admin.invite_hint')}</p>
        <Field id="na-name" label={t('agent.admin.name')}>
          <input id="na-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required maxLength={100} />
        </Field>
        <Field id="na-email" label={t('agent.login.email')}>
          <input id="na-email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required />
        </Field>
        <Field id="na-role" label={t('agent.admin.role')}>
          <select id="na-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Agent['role'] })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`agent.role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend>{t('agent.nav.brands')}</legend>
          {desk.brands.map((b) => (
            <label key={b.id} className="row">
              <input type="checkbox" checked={form.brand_ids.includes(b.id)} onChange={(e) => setForm({ ...form, brand_ids: toggle(form.brand_ids, b.id, e.target.checked) })} />
              {b.name}
            </label>
          ))}
        </fieldset>
        {desk.teams.length ? (
          <fieldset>
            <legend>{t('agents_admin.teams')}</legend>
            {desk.teams.map((tm) => (
              <label key={tm.id} className="row">
                <input type="checkbox" checked={form.team_ids.includes(tm.id)} onChange={(e) => setForm({ ...form, team_ids: toggle(form.team_ids, tm.id, e.target.checked) })} />
                {tm.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        <button type="submit">{t('agents_admin.invite_button')}</button>
      </form>
    </section>
  );
}

function AgentRow({
  ag,
  editing,
  onEdit,
  onChange,
  onReset,
  onRemoveTwoFactor,
  onDone,
}: {
  ag: Agent;
  editing: boolean;
  onEdit: () => void;
  onChange: (ag: Agent, body: typeof contract.AgentPatch.static) => Promise<void>;
  onReset: (ag: Agent) => Promise<void>;
  onRemoveTwoFactor: () => void;
  onDone: () => void;
}) {
  const { t } = useLang();
  const desk = useDesk();
  const me = desk.me.agent.id === ag.id;
  const brandNames = ag.brand_ids.map((id) => desk.brands.find((b) => b.id === id)?.name).filter(Boolean);
  const teamNames = ag.team_ids.map((id) => desk.teams.find((x) => x.id === id)?.name).filter(Boolean);
  return (
    <>
      <tr data-agent={ag.email} className={ag.active ? undefined : 'muted'}>
        <td data-label={t('agent.admin.name')}>{ag.name}</td>
        <td data-label={t('agent.login.email')} className="mono">{ag.email}</td>
        <td data-label={t('agent.admin.role')}>
          <select
            aria-label={t('agent.admin.role_of', { name: ag.name })}
            value={ag.role}
            disabled={me}
            onChange={(e) => void onChange(ag, { role: e.target.value as Agent['role'] })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`agent.role.${r}`)}
              </option>
            ))}
          </select>
        </td>
        <td data-label={t('agents_admin.brands_teams')} className="small">
          {ag.role === 'admin' ? t('agents_admin.all_brands') : brandNames.join(', ') || t('agents_admin.no_brand')}
          {teamNames.length ? <div className="muted">{teamNames.join(', ')}</div> : null}
        </td>
        <td data-label={t('agent.admin.two_factor')} data-two-factor={ag.totp_enabled ? 'on' : 'off'}>
          {ag.totp_enabled ? t('common.yes') : t('common.no')}
          {ag.totp_enabled && !me ? (
            <button type="button" className="link" aria-label={t('look2.two_factor.remove_of', { name: ag.name })} onClick={onRemoveTwoFactor}>
              {t('look2.two_factor.remove')}
            </button>
          ) : null}
        </td>
        <td data-label={t('agent.admin.active')}>
          <button type="button" className="secondary" disabled={me} aria-label={t(ag.active ? 'agents_admin.deactivate_of' : 'agents_admin.reactivate_of', { name: ag.name })} onClick={() => void onChange(ag, { active: !ag.active })}>
            {ag.active ? t('agents_admin.deactivate') : t('agents_admin.reactivate')}
          </button>
          {ag.active ? null : <div className="small muted">{t('agents_admin.inactive')}</div>}
        </td>
        <td className="row">
          <button type="button" className="secondary" aria-expanded={editing} aria-label={t('agents_admin.edit_of', { name: ag.name })} onClick={onEdit}>
            {t('agents_admin.edit')}
          </button>
          <button type="button" className="secondary" disabled={!ag.active} aria-label={t('agents_admin.reset_of', { name: ag.name })} onClick={() => void onReset(ag)}>
            {t('agents_admin.reset')}
          </button>
        </td>
      </tr>
      {editing ? (
        <tr>
          <td colSpan={7}>
            <AgentEditor ag={ag} onSave={async (body) => (await onChange(ag, body), onDone())} onCancel={onDone} />
            <div className="card admin-form">
              <AgentPhoneField agentId={ag.id} idPrefix={`ed-phone-${ag.id}`} own={false} />
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function AgentEditor({ ag, onSave, onCancel }: { ag: Agent; onSave: (body: typeof contract.AgentPatch.static) => Promise<void>; onCancel: () => void }) {
  const { t } = useLang();
  const desk = useDesk();
  const [name, setName] = useState(ag.name);
  const [brandIds, setBrandIds] = useState<string[]>(ag.brand_ids);
  const [teamIds, setTeamIds] = useState<string[]>(ag.team_ids);
  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSave({ name, brand_ids: brandIds, team_ids: teamIds });
  };
  return (
    <form className="card admin-form" onSubmit={submit} aria-label={t('agents_admin.edit_of', { name: ag.name })}>
      <Field id={`ed-name-${ag.id}`} label={t('agent.admin.name')}>
        <input id={`ed-name-${ag.id}`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
      </Field>
      <fieldset>
        <legend>{t('agent.nav.brands')}</legend>
        {desk.brands.map((b) => (
          <label key={b.id} className="row">
            <input type="checkbox" checked={brandIds.includes(b.id)} onChange={(e) => setBrandIds(toggle(brandIds, b.id, e.target.checked))} />
            {b.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('agents_admin.teams')}</legend>
        {desk.teams.length === 0 ? <p className="muted">{t('agents_admin.no_teams')}</p> : null}
        {desk.teams.map((tm) => (
          <label key={tm.id} className="row">
            <input type="checkbox" checked={teamIds.includes(tm.id)} onChange={(e) => setTeamIds(toggle(teamIds, tm.id, e.target.checked))} />
            {tm.name} <span className="muted small">({desk.brands.find((b) => b.id === tm.brand_id)?.name ?? ''})</span>
          </label>
        ))}
      </fieldset>
      <div className="row">
        <button type="submit">{t('common.save')}</button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('agents_admin.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * The confirmation before removing an agent's two-factor sign-in: what it is for (a lost device, after checking who
 * asks), what happens (signed out everywhere, the history names the admin, the agent is told), and what the agent
 * does next. A modal <dialog>: Escape or Cancel closes it without a change.
 */
function RemoveTwoFactorDialog({ ag, onConfirm, onCancel }: { ag: Agent; onConfirm: () => Promise<void>; onCancel: () => void }) {
  const { t } = useLang();
  const ref = useRef<HTMLDialogElement>(null);
  const [required, setRequired] = useState<boolean | null>(null);
  useEffect(() => {
    ref.current?.showModal();
    get<typeof contract.SecuritySettings>('/api/v1/settings/security')
      .then((s) => setRequired(s.require_2fa))
      .catch(() => setRequired(null));
  }, []);
  return (
    <dialog ref={ref} className="card dialog confirm-dialog" aria-labelledby="remove-2fa-title" data-slot="remove-two-factor" onCancel={onCancel}>
      <h2 id="remove-2fa-title">{t('look2.two_factor.confirm_title', { name: ag.name })}</h2>
      <p>{t('look2.two_factor.confirm_body', { name: ag.name })}</p>
      <p>{t('look2.two_factor.confirm_effects', { name: ag.name })}</p>
      {required === null ? null : <p>{t(required ? 'look2.two_factor.confirm_required' : 'look2.two_factor.confirm_optional')}</p>}
      <p className="muted">{t('look2.two_factor.confirm_mail')}</p>
      <div className="row">
        <button type="button" className="danger" onClick={() => void onConfirm()}>
          {t('look2.two_factor.confirm_button')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('look2.two_factor.cancel')}
        </button>
      </div>
    </dialog>
  );
}
