/** Admin → Teams. */
import { useState } from 'react';
import { patch, post } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { useAction, Status, Field } from '../../parts/forms';
import { type contract } from '../../types';

export function TeamsAdmin() {
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
                    await patch<typeof contract.TeamJson, typeof contract.TeamPatch>(`/api/v1/teams/${tm.id}`, { member_ids: e.target.checked ? [...tm.member_ids, ag.id] : tm.member_ids.filter((x) => x !== ag.id) });
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
              await post<typeof contract.TeamJson, typeof contract.TeamBody>('/api/v1/teams', { name, brand_id: brandId || null });
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
