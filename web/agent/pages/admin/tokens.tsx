/** Admin → API tokens: created, shown once, revoked. */
import { useEffect, useState } from 'react';
import { del, get, post } from '../../../shared/api';
import { formatTime, useLang } from '../../../shared/i18n';
import { useDesk } from '../../parts/desk';
import { AdminTable } from '../../parts/admin-table';
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
      <AdminTable
        rows={tokens}
        rowKey={(tk) => tk.id}
        columns={[
          { label: t('agent.admin.name'), cell: (tk) => tk.name },
          { label: t('agent.admin.agent'), cell: (tk) => desk.agents.find((x) => x.id === tk.agent_id)?.name ?? tk.agent_id.slice(0, 8) },
          { label: t('agent.admin.prefix'), cell: (tk) => tk.prefix, className: 'mono' },
          { label: t('agent.admin.last_used'), cell: (tk) => (tk.last_used_at ? formatTime(tk.last_used_at, lang) : '–') },
          {
            label: t('agent.admin.state'),
            cell: (tk) =>
              tk.revoked_at ? (
                t('agent.admin.revoked')
              ) : (
                <button type="button" className="secondary" onClick={() => void a.run(async () => (await del(`/api/v1/tokens/${tk.id}`), reload()))}>
                  {t('agent.admin.revoke')}
                </button>
              ),
          },
        ]}
      />
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
