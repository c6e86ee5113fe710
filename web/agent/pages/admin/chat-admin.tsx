/**
 * Admin → Chat: per brand, whether live chat is on, who may embed it (allowed origins), whether every visitor
 * must prove who they are, the promised reply time, the identity secret (rotated here, shown once) and the
 * embed snippet.
 */
import { useEffect, useRef, useState } from 'react';
import { get, patch, post } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { errorText } from '../../parts/errors';
import { Field, Status, useAction } from '../../parts/forms';
import { type ChatSettings, type contract } from '../../types';

/** Copies text; falls back to selecting a hidden field where the Clipboard API is missing (plain-http desks). */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useLang();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return (
    <span className="row">
      <button
        type="button"
        className="secondary"
        onClick={() =>
          void copyText(text).then((ok) => {
            setState(ok ? 'copied' : 'failed');
            if (timer.current) clearTimeout(timer.current);
            timer.current = setTimeout(() => setState('idle'), 3000);
          })
        }
      >
        {label}
      </button>
      <span role="status" className={state === 'failed' ? 'error' : 'ok'}>
        {state === 'copied' ? t('agent.chat_admin.copied') : state === 'failed' ? t('agent.chat_admin.copy_failed') : ''}
      </span>
    </span>
  );
}

/** Lines that are not a bare origin (scheme://host[:port]) — the widget's page origin is compared exactly. */
function badOrigins(lines: string[]): string[] {
  return lines.filter((l) => {
    try {
      const u = new URL(l);
      return !/^https?:$/.test(u.protocol) || u.origin !== l.toLowerCase();
    } catch {
      return true;
    }
  });
}

const SERVER_EXAMPLE = `import crypto from 'node:crypto';

// HMAC: never expires; rotating the secret revokes every proof.
const user_hash = crypto.createHmac('sha256', secret).update(userId).digest('hex');
// → send { user_id: userId, user_hash } to the signed-in user's page or app

// JWT (HS256), e.g. with the jose package: expires by itself (at most 60 minutes).
const token = await new SignJWT({ name, email })
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject(userId)
  .setExpirationTime('30m')
  .sign(new TextEncoder().encode(secret));
// → send { token }`;

const PAGE_EXAMPLE = `window.walletdeskChat = {
  // called again whenever the desk says the proof is missing or expired
  identity: () => fetch('/my-backend/chat-identity', { credentials: 'include' }).then((r) => r.json()),
};`;

export function ChatAdmin() {
  const { t } = useLang();
  const desk = useDesk();
  const [brandId, setBrandId] = useState(desk.brands[0]?.id ?? '');
  const [settings, setSettings] = useState<ChatSettings | null>(null);
  const [form, setForm] = useState({ enabled: false, enforce_identity: false, origins: '', hours: '24' });
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const a = useAction();

  useEffect(() => {
    if (!brandId && desk.brands[0]) setBrandId(desk.brands[0].id);
  }, [brandId, desk.brands]);

  const show = (s: ChatSettings) => {
    setSettings(s);
    setForm({ enabled: s.enabled, enforce_identity: s.enforce_identity, origins: s.allowed_origins.join('\n'), hours: String(s.reply_within_hours) });
  };

  useEffect(() => {
    setSecret(null);
    setConfirmRotate(false);
    setSettings(null);
    setLoadError(null);
    if (!brandId) return;
    let current = true;
    get<ChatSettings>(`/api/v1/brands/${brandId}/chat-settings`)
      .then((s) => current && show(s))
      .catch((err: unknown) => current && setLoadError(errorText(t, err)));
    return () => {
      current = false;
    };
  }, [brandId]);

  if (desk.me.agent.role !== 'admin') return <p className="error">{t('agent.chat_admin.admins_only')}</p>;

  const origins = form.origins
    .split('\n')
    .map((l) => l.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  const bad = badOrigins(origins);
  const hours = Number(form.hours);
  const brand = desk.brands.find((b) => b.id === brandId);

  return (
    <section aria-labelledby="chat-admin-title">
      <h1 id="chat-admin-title">{t('agent.admin.chat')}</h1>
      <p className="muted">{t('agent.chat_admin.intro')}</p>
      <Status error={a.error ?? loadError} done={a.done} />
      <Field id="ch-brand" label={t('agent.admin.brand')}>
        <select id="ch-brand" value={brandId} onChange={(e) => setBrandId(e.target.value)}>
          {desk.brands.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </Field>
      {settings === null ? (
        loadError ? null : (
          <p aria-busy="true">{t('common.loading')}</p>
        )
      ) : (
        <>
          {settings.enforce_identity && !settings.secret_set ? (
            <p className="warn" role="note" data-warning="no-secret">
              {t('agent.chat_admin.warn_no_secret')}
            </p>
          ) : null}
          {settings.allowed_origins.length === 0 ? (
            <p className="warn" role="note" data-warning="any-origin">
              {t('agent.chat_admin.warn_any_origin')}
            </p>
          ) : null}
          <form
            className="card admin-form chat-admin-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (bad.length || !Number.isInteger(hours) || hours < 1 || hours > 168) return;
              void a.run(async () =>
                show(
                  await patch<typeof contract.ChatSettingsJson, typeof contract.ChatSettingsPatch>(`/api/v1/brands/${brandId}/chat-settings`, {
                    enabled: form.enabled,
                    enforce_identity: form.enforce_identity,
                    allowed_origins: origins,
                    reply_within_hours: hours,
                  }),
                ),
              );
            }}
          >
            <h2>{t('agent.chat_admin.settings_title', { brand: brand?.name ?? '' })}</h2>
            <label className="row check">
              <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />
              {t('agent.chat_admin.enabled')}
            </label>
            <label className="row check">
              <input type="checkbox" checked={form.enforce_identity} onChange={(e) => setForm({ ...form, enforce_identity: e.target.checked })} aria-describedby="ch-enforce-hint" />
              {t('agent.chat_admin.enforce_identity')}
            </label>
            <p className="hint" id="ch-enforce-hint">
              {t('agent.chat_admin.enforce_identity_hint')}
            </p>
            <Field id="ch-origins" label={t('agent.chat_admin.allowed_origins')}>
              <textarea
                id="ch-origins"
                className="mono"
                rows={3}
                value={form.origins}
                onChange={(e) => setForm({ ...form, origins: e.target.value })}
                aria-describedby="ch-origins-hint"
                aria-invalid={bad.length ? true : undefined}
                placeholder="https://app.example.com"
              />
              <span className="hint" id="ch-origins-hint">
                {t('agent.chat_admin.allowed_origins_hint')}
              </span>
              {bad.length ? (
                <span className="error" role="alert">
                  {t('agent.chat_admin.bad_origins', { list: bad.join(', ') })}
                </span>
              ) : null}
            </Field>
            <Field id="ch-hours" label={t('agent.chat_admin.reply_within_hours')}>
              <input
                id="ch-hours"
                type="number"
                inputMode="numeric"
                min={1}
                max={168}
                step={1}
                value={form.hours}
                onChange={(e) => setForm({ ...form, hours: e.target.value })}
                aria-describedby="ch-hours-hint"
                required
              />
              <span className="hint" id="ch-hours-hint">
                {t('agent.chat_admin.reply_within_hours_hint')}
              </span>
            </Field>
            <button type="submit" disabled={bad.length > 0}>
              {t('common.save')}
            </button>
          </form>

          <section className="card admin-form wide" aria-labelledby="ch-snippet-title">
            <h2 id="ch-snippet-title">{t('agent.chat_admin.snippet_title')}</h2>
            <p>{t('agent.chat_admin.snippet_intro')}</p>
            <pre className="code" data-slot="chat-snippet">
              <code>{settings.snippet}</code>
            </pre>
            <CopyButton text={settings.snippet} label={t('agent.chat_admin.copy_snippet')} />
          </section>

          <section className="card admin-form" aria-labelledby="ch-secret-title">
            <h2 id="ch-secret-title">{t('agent.chat_admin.secret_title')}</h2>
            <p data-secret-set={settings.secret_set ? 'true' : 'false'}>{settings.secret_set ? t('agent.chat_admin.secret_set') : t('agent.chat_admin.secret_missing')}</p>
            {secret ? (
              <div className="secret-once" role="status">
                <p className="warn">{t('agent.chat_admin.secret_once')}</p>
                <label htmlFor="ch-secret">{t('agent.chat_admin.secret_label')}</label>
                <input id="ch-secret" className="mono" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
                <CopyButton text={secret} label={t('agent.chat_admin.copy_secret')} />
              </div>
            ) : null}
            {confirmRotate ? (
              <div className="row">
                <p className="warn">{settings.secret_set ? t('agent.chat_admin.rotate_warning') : t('agent.chat_admin.create_warning')}</p>
                <button
                  type="button"
                  onClick={() =>
                    void a.run(async () => {
                      const r = await post<typeof contract.ChatSecret>(`/api/v1/brands/${brandId}/chat-secret`);
                      setSecret(r.secret);
                      setConfirmRotate(false);
                      show(await get<ChatSettings>(`/api/v1/brands/${brandId}/chat-settings`));
                    }, t('agent.chat_admin.rotated'))
                  }
                >
                  {t('agent.chat_admin.rotate_confirm')}
                </button>
                <button type="button" className="secondary" onClick={() => setConfirmRotate(false)}>
                  {t('agent.chat_admin.cancel')}
                </button>
              </div>
            ) : (
              <button type="button" className="secondary" onClick={() => setConfirmRotate(true)}>
                {settings.secret_set ? t('agent.chat_admin.rotate') : t('agent.chat_admin.create_secret')}
              </button>
            )}
          </section>

          <section className="card admin-form wide" aria-labelledby="ch-identity-title">
            <h2 id="ch-identity-title">{t('agent.chat_admin.identity_title')}</h2>
            <p>{t('agent.chat_admin.identity_intro')}</p>
            <ul>
              <li>{t('agent.chat_admin.identity_hmac')}</li>
              <li>{t('agent.chat_admin.identity_jwt')}</li>
            </ul>
            <p>{t('agent.chat_admin.identity_server')}</p>
            <pre className="code">
              <code>{SERVER_EXAMPLE}</code>
            </pre>
            <p>{t('agent.chat_admin.identity_page')}</p>
            <pre className="code">
              <code>{PAGE_EXAMPLE}</code>
            </pre>
            <p className="hint">{t('agent.chat_admin.identity_unverified')}</p>
          </section>
        </>
      )}
    </section>
  );
}
