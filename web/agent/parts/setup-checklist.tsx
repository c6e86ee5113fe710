/**
 * A new admin's first steps, shown where an empty desk would otherwise say only "No tickets here.": brand,
 * support address, a channel, agents, official channels. Each item is read from the desk as it is (done or
 * not) and links to the page where it is done; the list hides itself once everything is done.
 */
import { useEffect, useState } from 'react';
import { get, qs } from '../../shared/api';
import { useLang } from '../../shared/i18n';
import { useDesk } from './desk';
import { Link } from './link';
import { type ChannelsDoc } from '../types';

interface Step {
  id: 'brand' | 'support_address' | 'channels' | 'agents' | 'official_channels';
  done: boolean;
  to: string;
}

/**
 * What is set up: per brand, whether it has a channel account (mailbox, phone number) and official channels (first
 * five brands). The chat widget is on by default and needs only its snippet, so it does not tick "channels".
 */
function useSteps(): Step[] | null {
  const desk = useDesk();
  const [remote, setRemote] = useState<{ channels: boolean; official: boolean } | null>(null);
  const brandIds = desk.brands.map((b) => b.id).slice(0, 5).join(',');
  useEffect(() => {
    if (!brandIds) return;
    let live = true;
    const ids = brandIds.split(',');
    void Promise.all([
      Promise.all(ids.map((id) => get<{ accounts: unknown[] }>(`/api/v1/channel-accounts${qs({ brand_id: id })}`).then((r) => r.accounts.length > 0, () => false))),
      Promise.all(ids.map((id) => get<ChannelsDoc>(`/api/v1/brands/${id}/channels`).then((d) => d.domains.length + d.emails.length + d.phones.length + d.handles.length > 0, () => false))),
    ]).then(([accounts, official]) => {
      if (live) setRemote({ channels: accounts.some(Boolean), official: official.some(Boolean) });
    });
    return () => {
      live = false;
    };
  }, [brandIds]);
  if (!remote && brandIds) return null;
  return [
    { id: 'brand', done: desk.brands.length > 0, to: '/agent/admin/brands' },
    { id: 'support_address', done: desk.brands.some((b) => b.support_emails.length > 0), to: '/agent/admin/brands' },
    { id: 'channels', done: remote?.channels ?? false, to: '/agent/admin/channel-accounts' },
    { id: 'agents', done: desk.agents.length > 1, to: '/agent/admin/agents' },
    { id: 'official_channels', done: remote?.official ?? false, to: '/agent/admin/channels' },
  ];
}

/** The checklist for admins (nothing for other roles, nothing once all is done). */
export function SetupChecklist() {
  const desk = useDesk();
  return desk.me.agent.role === 'admin' ? <Checklist /> : null;
}

function Checklist() {
  const { t } = useLang();
  const steps = useSteps();
  if (!steps) return <p aria-busy="true">{t('common.loading')}</p>;
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) return null;
  return (
    <section className="card checklist" aria-labelledby="checklist-title" data-setup-checklist>
      <h2 id="checklist-title">{t('look.checklist.title')}</h2>
      <p className="muted">{t('look.checklist.intro')}</p>
      <progress max={steps.length} value={done} aria-label={t('look.checklist.progress', { done, total: steps.length })} />
      <p className="small muted">{t('look.checklist.progress', { done, total: steps.length })}</p>
      <ol>
        {steps.map((s) => (
          <li key={s.id} className={s.done ? 'done' : 'todo'} data-step={s.id} data-done={s.done}>
            <span className="checklist-mark" aria-hidden="true">
              {s.done ? '✓' : ''}
            </span>
            <Link to={s.to}>{t(`look.checklist.${s.id}`)}</Link>
            <span className="sr-only">({s.done ? t('look.checklist.done') : t('look.checklist.todo')})</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
