/** Admin → API tokens: created, shown once, revoked. */
import { useEffect, useState } from 'react';
import { del, get, post } from '../../../shared/api';
import { formatTime, useLang } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { useAction, Status, Field } from '../../parts/forms';
import { type Token, type contract } from '../../types';

type TokenRow = Token;

export function TokensAdmin() {
  const { t, lang } = useLang();
  const desk = useDesk();
  const [tokens, setTokens] = useState<TokenRow[]>([]);
  const [agentId, setAgentId] = useState(desk.me.agent.id);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const a = useAction();
  const reload = async () => setTokens((await get<typeof contract.TokenList>('/api/v1/tokens')).tokens);
  useEffect(() => void reload().catch(() => undefined), []);
  return (
    <section>
      <h1>{t('agent.admin.tokens')}</h1>
      <Status error={a.error} done={a.done} />
      {secret ? (
        <div className="card" role="status">
          <p>{t('agent.admin.token_once')}</p>
          <p className="mono">{secret}</p>
        </div>
      ) : null}
      <table className="tickets">
        <thead>
          <tr>
            <th scope="col">{t('agent.admin.name')}</th>
            <th scope="col">{t('agent.admin.agent')}</th>
            <th scope="col">{t('agent.admin.prefix')}</th>
            <th scope="col">{t('agent.admin.last_used')}</th>
            <th scope="col">{t('agent.admin.state')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((tk) => (
            <tr key={tk.id}>
              <td>{tk.name}</td>
              <td>{desk.agents.find((x) => x.id === tk.agent_id)?.name ?? tk.agent_id.slice(0, 8)}</td>
              <td className="mono">{tk.prefix}</td>
              <td>{tk.last_used_at ? formatTime(tk.last_used_at, lang) : '–'}</td>
              <td>
                {tk.revoked_at ? (
                  t('agent.admin.revoked')
                ) : (
                  <button type="button" className="secondary" onClick={() => void a.run(async () => (await del(`/api/v1/tokens/${tk.id}`), reload()))}>
                    {t('agent.admin.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="card admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          void a.run(async () => {
            const r = await post<typeof contract.TokenCreated, typeof contract.TokenCreate>('/api/v1/tokens', { agent_id: agentId, name: name || undefined });
            setSecret(r.token);
            setName('');
            await reload();
          });
        }}
      >
        <h2>{t('agent.admin.new_token')}</h2>
        <Field id="tk-agent" label={t('agent.admin.agent')}>
          <select id="tk-agent" value={agentId} onChange={(e) => setAgentId(e.target.value)}>
            {desk.agents.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="tk-name" label={t('agent.admin.name')}>
          <input id="tk-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <button type="submit">{t('common.create')}</button>
      </form>
    </section>
  );
}
