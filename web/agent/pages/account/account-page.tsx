/** The agent's own account: password, two-factor sign-in, and their own phone for click-to-call callbacks. */
import { useState } from 'react';
import { post, setCsrfToken, type Answer } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { useAction, Status, Field } from '../../parts/forms';
import { type contract } from '../../types';
import { AgentPhoneField } from '../../parts/call-now';

export function AccountPage() {
  const { t } = useLang();
  const desk = useDesk();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [setup, setSetup] = useState<Answer<typeof contract.TotpSetup> | null>(null);
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
                await post<void, typeof contract.TotpCode>('/api/v1/auth/totp/disable', { code });
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
                await post<void, typeof contract.TotpCode>('/api/v1/auth/totp/confirm', { code });
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
          <button type="button" onClick={() => void a.run(async () => setSetup(await post<typeof contract.TotpSetup>('/api/v1/auth/totp/setup')), ' ')}>
            {t('agent.account.enable')}
          </button>
        )}
      </section>
      {desk.me.must_enroll_two_factor ? null : (
        <section className="card admin-form" aria-labelledby="c2c-phone-title">
          <h2 id="c2c-phone-title">{t('c2c.profile_title')}</h2>
          <AgentPhoneField agentId={desk.me.agent.id} own />
        </section>
      )}
      {desk.me.must_enroll_two_factor ? null : (
        <form
          className="card admin-form"
          onSubmit={(e) => {
            e.preventDefault();
            void a.run(async () => {
              const r = await post<typeof contract.PasswordChanged, typeof contract.PasswordBody>('/api/v1/auth/password', { current_password: current, new_password: next });
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
