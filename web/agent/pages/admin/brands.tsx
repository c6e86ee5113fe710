/** Admin → Brands: the wallet apps this desk answers for. */
import { useState } from 'react';
import { post } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { useAction, Status, Field } from '../../parts/forms';
import { type Brand, type contract } from '../../types';
import { BrandEdit } from './brand-edit';

export function BrandsAdmin() {
  const { t } = useLang();
  const desk = useDesk();
  const [form, setForm] = useState({ name: '', slug: '', default_language: 'zh-CN' as Brand['default_language'], time_zone: 'Asia/Shanghai', support_emails: '' });
  const a = useAction();
  const [editing, setEditing] = useState<string | null>(null);
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
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {desk.brands.map((b) => (
            <tr key={b.id}>
              <td data-label={t('agent.admin.name')}>{b.name}</td>
              <td data-label={t('agent.admin.slug')} className="mono">{b.slug}</td>
              <td data-label={t('common.language')}>{b.default_language}</td>
              <td data-label={t('agent.admin.time_zone')}>{b.time_zone}</td>
              <td data-label={t('agent.admin.support_emails')} className="mono">{b.support_emails.join(', ')}</td>
              <td>
                <button type="button" className="secondary" onClick={() => setEditing(b.id)} aria-label={`${t('record.edit')} ${b.name}`}>
                  {t('record.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? <BrandEdit key={editing} brandId={editing} onDone={() => setEditing(null)} /> : null}
      <form
        className="card admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void a.run(async () => {
            await post<typeof contract.BrandJson, typeof contract.BrandBody>('/api/v1/brands', {
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
          <select id="nb-lang" value={form.default_language} onChange={(e) => setForm({ ...form, default_language: e.target.value as Brand['default_language'] })}>
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
