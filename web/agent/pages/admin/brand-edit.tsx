/**
 * Admin → Brands → Edit: the brand's name, language, time zone, support addresses and phone numbers, and its
 * emergency-freeze settings (custodial, account webhook with its once-shown secret, minimum hold, cooling-off).
 * One PATCH /api/v1/brands/:id. The verification an unfreeze needs is set in Admin → Verification levels.
 */
import { useEffect, useState } from 'react';
import type { Static } from '@sinclair/typebox';
import { get, patch, post } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { Field, Status, useAction } from '../../parts/forms';
import type { Brand, contract } from '../../types';

type Detail = Static<typeof contract.BrandDetailJson>;

const lines = (s: string) => s.split(/[,\s]+/).filter(Boolean);

export function BrandEdit({ brandId, onDone }: { brandId: string; onDone: () => void }) {
  const { t } = useLang();
  const desk = useDesk();
  const a = useAction();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [form, setForm] = useState({
    name: '',
    default_language: 'zh-CN' as Brand['default_language'],
    time_zone: '',
    support_emails: '',
    phone_numbers: '',
    custodial: false,
    account_webhook_url: '',
    min_hold_minutes: '120',
    cooling_off_hours: '',
  });
  const fill = (d: Detail) => {
    setDetail(d);
    setForm({
      name: d.name,
      default_language: d.default_language,
      time_zone: d.time_zone,
      support_emails: d.support_emails.join(', '),
      phone_numbers: d.phone_numbers.join(', '),
      custodial: d.freeze.custodial,
      account_webhook_url: d.freeze.account_webhook_url ?? '',
      min_hold_minutes: String(d.freeze.min_hold_minutes),
      cooling_off_hours: d.freeze.cooling_off_hours === null ? '' : String(d.freeze.cooling_off_hours),
    });
  };
  useEffect(() => {
    void get<typeof contract.BrandDetailJson>(`/api/v1/brands/${brandId}`).then(fill);
  }, [brandId]);
  if (!detail) return null;

  return (
    <form
      className="card admin-form"
      data-slot="brand-edit"
      onSubmit={(e) => {
        e.preventDefault();
        void a.run(async () => {
          const saved = await patch<typeof contract.BrandDetailJson, typeof contract.BrandPatchBody>(`/api/v1/brands/${brandId}`, {
            name: form.name,
            default_language: form.default_language,
            time_zone: form.time_zone,
            support_emails: lines(form.support_emails),
            phone_numbers: lines(form.phone_numbers),
            custodial: form.custodial,
            account_webhook_url: form.account_webhook_url.trim() || null,
            min_hold_minutes: Number(form.min_hold_minutes),
            cooling_off_hours: form.cooling_off_hours.trim() ? Number(form.cooling_off_hours) : null,
          });
          if (saved.account_webhook_secret) setSecret(saved.account_webhook_secret);
          fill(saved);
          await desk.reloadDirectory();
        });
      }}
    >
      <h2>
        {t('record.edit_brand')}: {detail.name}
      </h2>
      <Status error={a.error} done={a.done} />
      {secret ? (
        <p className="warn" role="status" data-slot="webhook-secret">
          {t('record.webhook_secret_once')} <code className="mono">{secret}</code>
        </p>
      ) : null}
      <Field id="eb-name" label={t('agent.admin.name')}>
        <input id="eb-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
      </Field>
      <Field id="eb-lang" label={t('common.language')}>
        <select id="eb-lang" value={form.default_language} onChange={(e) => setForm({ ...form, default_language: e.target.value as Brand['default_language'] })}>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
      </Field>
      <Field id="eb-tz" label={t('agent.admin.time_zone')}>
        <input id="eb-tz" value={form.time_zone} onChange={(e) => setForm({ ...form, time_zone: e.target.value })} />
      </Field>
      <Field id="eb-emails" label={t('agent.admin.support_emails')}>
        <input id="eb-emails" value={form.support_emails} onChange={(e) => setForm({ ...form, support_emails: e.target.value })} />
      </Field>
      <Field id="eb-phones" label={t('record.phone_numbers')}>
        <input id="eb-phones" value={form.phone_numbers} onChange={(e) => setForm({ ...form, phone_numbers: e.target.value })} />
      </Field>
      <h3>{t('record.brand_freeze')}</h3>
      <label className="check">
        <input id="eb-custodial" type="checkbox" checked={form.custodial} onChange={(e) => setForm({ ...form, custodial: e.target.checked })} /> {t('record.custodial')}
      </label>
      <Field id="eb-webhook" label={t('record.webhook_url')}>
        <input id="eb-webhook" type="url" value={form.account_webhook_url} placeholder="https://" onChange={(e) => setForm({ ...form, account_webhook_url: e.target.value })} />
      </Field>
      {detail.freeze.account_webhook_secret_set ? (
        <p className="muted">
          {t('record.webhook_secret_set')}{' '}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void a.run(async () => {
                const r = await post<typeof contract.WebhookSecretJson>(`/api/v1/brands/${brandId}/account-webhook-secret`);
                setSecret(r.account_webhook_secret);
              })
            }
          >
            {t('record.rotate_secret')}
          </button>
        </p>
      ) : null}
      <Field id="eb-hold" label={t('record.min_hold')}>
        <input id="eb-hold" type="number" min={0} max={43200} value={form.min_hold_minutes} onChange={(e) => setForm({ ...form, min_hold_minutes: e.target.value })} />
      </Field>
      <Field id="eb-cool" label={t('record.cooling_off')}>
        <input id="eb-cool" type="number" min={24} max={720} value={form.cooling_off_hours} onChange={(e) => setForm({ ...form, cooling_off_hours: e.target.value })} />
      </Field>
      <p className="row">
        <button type="submit">{t('common.save')}</button>{' '}
        <button type="button" className="secondary" onClick={onDone}>
          {t('record.close')}
        </button>
      </p>
    </form>
  );
}
