/** Admin → Security: the desk-wide sign-in rules. */
import { useEffect, useState } from 'react';
import { get, patch } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { useAction, Status } from '../../parts/forms';
import { type contract } from '../../types';

export function SecurityAdmin() {
  const { t } = useLang();
  const [require2fa, setRequire2fa] = useState<boolean | null>(null);
  const a = useAction();
  useEffect(() => {
    get<typeof contract.SecuritySettings>('/api/v1/settings/security')
      .then((s) => setRequire2fa(s.require_2fa))
      .catch(() => undefined);
  }, []);
  return (
    <section>
      <h1>{t('agent.admin.security')}</h1>
      <Status error={a.error} done={a.done} />
      {require2fa === null ? null : (
        <label className="row card">
          <input
            type="checkbox"
            checked={require2fa}
            onChange={(e) => {
              const v = e.target.checked;
              void a.run(async () => setRequire2fa((await patch<typeof contract.SecuritySettings>('/api/v1/settings/security', { require_2fa: v })).require_2fa));
            }}
          />
          {t('agent.admin.require_2fa')}
        </label>
      )}
      <p className="muted">{t('agent.admin.require_2fa_hint')}</p>
    </section>
  );
}
