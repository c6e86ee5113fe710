/**
 * Admin → Channels: a brand's mailboxes, phone numbers and other channel accounts. The form is drawn from each
 * channel's settings schema (GET /api/v1/channel-accounts/kinds), so a new channel needs no code here, only its
 * labels in the catalogues. Secrets are write-only: the page shows which are set, never their values.
 */
import { useCallback, useEffect, useState } from 'react';
import { get, patch, post, qs } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { AdminTable } from '../../parts/admin-table';
import { useAction, Status, Field } from '../../parts/forms';

interface PropertySchema {
  type?: string;
  default?: unknown;
  description?: string;
}
interface KindDoc {
  kind: string;
  settings_schema: { properties?: Record<string, PropertySchema>; required?: string[] };
  secret_fields: string[];
  required_secrets: string[];
}
interface Account {
  id: string;
  brand_id: string;
  kind: string;
  name: string;
  settings: Record<string, unknown>;
  secrets_set: string[];
  enabled: boolean;
}

/** The typed value of one form field, by the schema's type; an untouched field is left out (the server's default). */
function valueOf(schema: PropertySchema, text: string): unknown {
  if (text === '') return undefined;
  if (schema.type === 'integer' || schema.type === 'number') return Number(text);
  if (schema.type === 'boolean') return text === 'true';
  // A list of text (chat's allowed origins): one per line, or separated by commas.
  if (schema.type === 'array') return text.split(/[\s,]+/).filter(Boolean);
  return text;
}

/** One setting as the table shows it. */
function shown(value: unknown, yes: string, no: string): string {
  if (typeof value === 'boolean') return value ? yes : no;
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  return String(value);
}

export function ChannelAccountsAdmin() {
  const { t } = useLang();
  const desk = useDesk();
  const [brandId, setBrandId] = useState(desk.brands[0]?.id ?? '');
  const [kinds, setKinds] = useState<KindDoc[]>([]);
  const [kind, setKind] = useState('');
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [form, setForm] = useState<Record<string, string>>({});
  const a = useAction();
  const label = (field: string) => t(`agent.admin.accounts.field.${field}`, { defaultValue: field });
  const kindName = (k: string) => t(`agent.admin.accounts.kind.${k}`, { defaultValue: k });

  useEffect(() => {
    get<{ kinds: KindDoc[] }>('/api/v1/channel-accounts/kinds')
      .then((d) => {
        setKinds(d.kinds);
        setKind((k) => k || d.kinds[0]?.kind || '');
      })
      .catch(() => undefined);
  }, []);
  const reload = useCallback(async () => {
    if (!brandId) return;
    setAccounts((await get<{ accounts: Account[] }>(`/api/v1/channel-accounts${qs({ brand_id: brandId })}`)).accounts);
  }, [brandId]);
  useEffect(() => {
    reload().catch(() => undefined);
  }, [reload]);

  const doc = kinds.find((k) => k.kind === kind);
  const properties = Object.entries(doc?.settings_schema.properties ?? {});
  const summary = (acc: Account) =>
    Object.entries(acc.settings)
      .map(([k, v]) => `${label(k)}: ${shown(v, t('agent.admin.accounts.yes'), t('agent.admin.accounts.no'))}`)
      .join(' · ');

  return (
    <section>
      <h1>{t('agent.admin.accounts.title')}</h1>
      <p className="muted">{t('agent.admin.accounts.intro')}</p>
      <Status error={a.error} done={a.done} />
      <Field id="ca-brand" label={t('agent.admin.brand')}>
        <select id="ca-brand" value={brandId} onChange={(e) => setBrandId(e.target.value)}>
          {desk.brands.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </Field>
      <AdminTable
        rows={accounts}
        rowKey={(acc) => acc.id}
        empty={t('agent.admin.accounts.none')}
        columns={[
          { label: t('agent.admin.name'), cell: (acc) => acc.name },
          { label: t('agent.admin.accounts.kind_label'), cell: (acc) => kindName(acc.kind) },
          { label: t('agent.admin.accounts.settings'), cell: summary, className: 'mono' },
          { label: t('agent.admin.accounts.secrets'), cell: (acc) => (acc.secrets_set.length ? acc.secrets_set.map(label).join(', ') : '—') },
          {
            label: t('agent.admin.state'),
            cell: (acc) => (
              <>
                <button
                  type="button"
                  onClick={() =>
                    void a.run(async () => {
                      await patch(`/api/v1/channel-accounts/${acc.id}`, { enabled: !acc.enabled });
                      await reload();
                    })
                  }
                >
                  {acc.enabled ? t('agent.admin.accounts.disable') : t('agent.admin.accounts.enable')}
                </button>{' '}
                {acc.enabled ? t('agent.admin.accounts.enabled') : t('agent.admin.accounts.disabled')}
              </>
            ),
          },
        ]}
      />
      <form
        className="card admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!doc) return;
          const settings: Record<string, unknown> = {};
          for (const [name, schema] of properties) {
            const v = valueOf(schema, form[name] ?? '');
            if (v !== undefined) settings[name] = v;
          }
          const secrets: Record<string, string> = {};
          for (const name of doc.secret_fields) if (form[`secret:${name}`]) secrets[name] = form[`secret:${name}`]!;
          void a.run(async () => {
            await post('/api/v1/channel-accounts', { brand_id: brandId, kind, name: form.name ?? '', settings, secrets });
            setForm({});
            await reload();
          }, t('agent.admin.accounts.added'));
        }}
      >
        <h2>{t('agent.admin.accounts.add')}</h2>
        <Field id="ca-kind" label={t('agent.admin.accounts.kind_label')}>
          <select
            id="ca-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value);
              setForm({});
            }}
          >
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {kindName(k.kind)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="ca-name" label={t('agent.admin.name')}>
          <input id="ca-name" value={form.name ?? ''} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
        </Field>
        {properties.map(([name, schema]) => (
          <Field key={name} id={`ca-${name}`} label={label(name)}>
            {schema.type === 'boolean' ? (
              <select id={`ca-${name}`} value={form[name] ?? String(schema.default ?? false)} onChange={(e) => setForm({ ...form, [name]: e.target.value })}>
                <option value="true">{t('agent.admin.accounts.yes')}</option>
                <option value="false">{t('agent.admin.accounts.no')}</option>
              </select>
            ) : schema.type === 'array' ? (
              <textarea id={`ca-${name}`} className="mono" rows={3} value={form[name] ?? ''} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
            ) : (
              <input
                id={`ca-${name}`}
                className="mono"
                inputMode={schema.type === 'integer' ? 'numeric' : undefined}
                placeholder={schema.default !== undefined ? String(schema.default) : (schema.description ?? '')}
                value={form[name] ?? ''}
                onChange={(e) => setForm({ ...form, [name]: e.target.value })}
                required={doc?.settings_schema.required?.includes(name) && schema.default === undefined}
              />
            )}
          </Field>
        ))}
        {(doc?.secret_fields ?? []).map((name) => (
          <Field key={name} id={`ca-secret-${name}`} label={label(name)}>
            <input
              id={`ca-secret-${name}`}
              type="password"
              autoComplete="new-password"
              value={form[`secret:${name}`] ?? ''}
              onChange={(e) => setForm({ ...form, [`secret:${name}`]: e.target.value })}
              required={doc?.required_secrets.includes(name)}
            />
          </Field>
        ))}
        <p className="hint">{t('agent.admin.accounts.restart_hint')}</p>
        <button type="submit">{t('common.create')}</button>
      </form>
    </section>
  );
}
