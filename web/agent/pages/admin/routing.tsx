/** Admin → Routing: which team or agent new tickets go to. */
import { useEffect, useState } from 'react';
import { get, patch, type Answer } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { useAction, Status, Field } from '../../parts/forms';
import { CATEGORIES, type contract } from '../../types';

/** Routing: which team takes which category, and whether new tickets also get an agent. */
type Settings = Answer<typeof contract.RoutingSettings>;

export function RoutingAdmin() {
  const { t } = useLang();
  const desk = useDesk();
  const [settings, setSettings] = useState<Settings | null>(null);
  const a = useAction();
  useEffect(() => {
    get<typeof contract.RoutingSettings>('/api/v1/settings/routing')
      .then(setSettings)
      .catch(() => undefined);
  }, []);
  const toggle = (teamId: string, categories: string[], category: string, on: boolean) =>
    a.run(async () => {
      const next = on ? [...categories, category] : categories.filter((c) => c !== category);
      await patch<typeof contract.TeamJson, typeof contract.TeamPatch>(`/api/v1/teams/${teamId}`, { categories: next });
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
            <select id="rt-mode" value={settings.mode} onChange={(e) => void a.run(async () => setSettings(await patch<typeof contract.RoutingSettings, typeof contract.RoutingPatch>('/api/v1/settings/routing', { mode: e.target.value as Settings['mode'] })))}>
              {['off', 'team', 'agent'].map((m) => (
                <option key={m} value={m}>
                  {t(`agent.admin.routing_mode_${m}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="rt-strategy" label={t('agent.admin.routing_strategy')}>
            <select id="rt-strategy" value={settings.strategy} onChange={(e) => void a.run(async () => setSettings(await patch<typeof contract.RoutingSettings, typeof contract.RoutingPatch>('/api/v1/settings/routing', { strategy: e.target.value as Settings['strategy'] })))}>
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
