/** Admin → Routing: which team or agent new tickets go to. */
import { useEffect, useState } from 'react';
import { get, patch, type Answer } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { AdminTable } from '../../parts/admin-table';
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
      <AdminTable
        rows={desk.teams}
        rowKey={(tm) => tm.id}
        columns={[
          { label: t('agent.admin.team'), cell: (tm) => tm.name },
          ...[...CATEGORIES, '*'].map((c) => ({
            label: c === '*' ? t('agent.admin.routing_rest') : t(`agent.category.${c}`),
            cell: (tm: (typeof desk.teams)[number]) => (
              <input
                type="checkbox"
                aria-label={`${tm.name}: ${c === '*' ? t('agent.admin.routing_rest') : t(`agent.category.${c}`)}`}
                checked={(tm.categories ?? []).includes(c)}
                onChange={(e) => void toggle(tm.id, tm.categories ?? [], c, e.target.checked)}
              />
            ),
          })),
        ]}
      />
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
