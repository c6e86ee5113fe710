/** Admin → Agents: who works on the desk, their roles, brands and languages. */
import { useEffect, useState, type FormEvent } from 'react';
import { get, patch, post } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { useAction, Status, Field } from '../../parts/forms';
import { type Agent, type contract } from '../../types';

export function AgentsAdmin() {
  const { t } = useLang();
  const desk = useDesk();
  const [all, setAll] = useState<Agent[]>([]);
  const [form, setForm] = useState({ email: '', name: '', role: 'agent' as Agent['role'], password: '', brand_ids: [] as string[] });
  const a = useAction();
  const reload = async () => {
    setAll((await get<typeof contract.AgentList>('/api/v1/agents?include_inactive=true')).agents);
    await desk.reloadDirectory();
  };
  useEffect(() => void reload().catch(() => undefined), []);
  const create = (e: FormEvent) => {
    e.preventDefault();
    void a.run(async () => {
      await post<typeof contract.AgentJson, typeof contract.AgentBody>('/api/v1/agents', { ...form, password: form.password || undefined });
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
                  onChange={(e) => void a.run(async () => (await patch<typeof contract.AgentJson, typeof contract.AgentPatch>(`/api/v1/agents/${ag.id}`, { role: e.target.value as Agent['role'] }), reload()))}
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
                  onChange={(e) => void a.run(async () => (await patch<typeof contract.AgentJson, typeof contract.AgentPatch>(`/api/v1/agents/${ag.id}`, { active: e.target.checked }), reload()))}
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
          <select id="na-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Agent['role'] })}>
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
