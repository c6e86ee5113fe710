/**
 * /agent/link#<token>: the page an agent opens from a password-reset or invitation mail. It reads the token from
 * the fragment (never sent to the server in a URL), says whose link it is, and lets the agent choose a password;
 * then they sign in (and set up two-factor sign-in there when the desk requires it).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, post } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { LangSwitch } from '../../../shared/lang-switch';
import { errorText } from '../../parts/errors';
import { type contract } from '../../types';

type Info = typeof contract.AgentLinkInfo.static;

export function AgentLinkPage({ onSignIn }: { onSignIn: () => void }) {
  const { t } = useLang();
  const [token] = useState(() => window.location.hash.replace(/^#/, ''));
  const [info, setInfo] = useState<Info | null | 'missing'>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<typeof contract.AgentLinkDone.static | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // The token leaves the address bar at once: a screenshot or a shoulder sees no usable link.
    window.history.replaceState(null, '', '/agent/link');
    if (!token) return setInfo('missing');
    post<Info, typeof contract.AgentLinkToken>('/api/v1/auth/link', { token })
      .then(setInfo)
      .catch(() => setInfo('missing'));
  }, [token]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (password !== repeat) return setError(t('agent_link.mismatch'));
    setBusy(true);
    try {
      setDone(await post<typeof contract.AgentLinkDone, typeof contract.AgentLinkPassword>('/api/v1/auth/link/password', { token, password }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setError(t(err.details.reason === 'expired' ? 'agent_link.expired' : 'agent_link.unusable'));
      else if (err instanceof ApiError && err.details.field === 'password') setError(t('agent_link.weak'));
      else setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login card" id="main" data-slot="agent-link">
      <div className="row spread">
        <h1>{info && info !== 'missing' && info.purpose === 'invite' ? t('agent_link.invite_title') : t('agent_link.reset_title')}</h1>
        <LangSwitch />
      </div>
      {info === null ? <p aria-busy="true">{t('common.loading')}</p> : null}
      {info === 'missing' || (info && !info.usable && !done) ? (
        <p className="card error" role="alert">
          {t('agent_link.unusable')}
        </p>
      ) : null}
      {done ? (
        <div role="status">
          <p className="ok">{t('agent_link.done', { email: done.email })}</p>
          {done.two_factor_required ? <p className="card">{t('agent_link.two_factor_next')}</p> : null}
          <button type="button" onClick={onSignIn}>
            {t('agent_link.sign_in')}
          </button>
        </div>
      ) : info && info !== 'missing' && info.usable ? (
        <form onSubmit={submit}>
          <p>{t('agent_link.for', { name: info.name, email: info.email })}</p>
          <p className="hint">{t('agent_link.hint')}</p>
          {info.two_factor_required ? <p className="hint">{t('agent_link.two_factor_next')}</p> : null}
          <div className="field">
            <label htmlFor="new-password">{t('agent_link.password')}</label>
            <input id="new-password" type="password" autoComplete="new-password" minLength={10} maxLength={256} value={password} onChange={(e) => setPassword(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor="repeat-password">{t('agent_link.repeat')}</label>
            <input id="repeat-password" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required />
          </div>
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" disabled={busy}>
            {t('agent_link.submit')}
          </button>
        </form>
      ) : null}
    </main>
  );
}
