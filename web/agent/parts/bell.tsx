/**
 * The bell (issue 16): the agent's unread notifications in the top bar, new ones live from the console socket
 * ({type:'notification'} frames), and a desktop notification (the browser's Notification API) when the tab is
 * in the background and the agent keeps that kind on the desktop. Each kind is switchable in the bell's settings.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { get, patch, post, type Answer } from '../../shared/api';
import { formatTime, useLang, type T } from '../../shared/i18n';
import { navigate } from '../../shared/router';
import type { contract } from '../types';
import { useDesk } from './desk';

type Notification = Answer<typeof contract.NotificationJson>;
type Prefs = Answer<typeof contract.NotificationPrefsJson>['kinds'];
type Kind = keyof Prefs;

const KINDS: Kind[] = ['assigned', 'customer_reply', 'mention', 'sla_warning', 'security', 'rule', 'account_webhook'];

/** The line a notification reads as, in the viewer's language. */
export function notificationText(t: T, n: Pick<Notification, 'kind' | 'ticket_number' | 'subject' | 'data'>): string {
  const metric = typeof n.data.metric === 'string' ? t(`bell.metric.${n.data.metric}`) : '';
  return t(`bell.text.${n.kind}`, {
    number: n.ticket_number ?? '',
    subject: n.subject ?? '',
    // An assignment by a rule names the rule.
    by: typeof n.data.by === 'string' ? n.data.by : typeof n.data.rule === 'string' ? n.data.rule : t('bell.someone'),
    rule: typeof n.data.rule === 'string' ? n.data.rule : '',
    metric,
    // The provider webhook's failed action (account_webhook).
    action: n.data.action === 'freeze' || n.data.action === 'unfreeze' ? t(`freeze_delivery.action.${n.data.action}`) : '',
  });
}

export function Bell() {
  const { t, lang } = useLang();
  const desk = useDesk();
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [settings, setSettings] = useState<Prefs | null>(null);
  const [permission, setPermission] = useState<string>(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  const panelRef = useRef<HTMLDivElement>(null);
  const tRef = useRef(t);
  tRef.current = t;

  const load = useCallback(() => {
    get<typeof contract.NotificationList>('/api/v1/notifications?limit=30')
      .then((r) => {
        setItems(r.notifications);
        setUnread(r.unread);
      })
      .catch(() => undefined);
  }, []);
  useEffect(load, [load]);

  useEffect(
    () =>
      desk.onFrame((f) => {
        if (f.type !== 'notification') return;
        const n = f.notification as Notification & { desktop?: boolean };
        setItems((list) => (list.some((x) => x.id === n.id) ? list : [n, ...list].slice(0, 30)));
        setUnread((u) => u + 1);
        // Only while the console is in the background, and only kinds the agent keeps on the desktop.
        if (document.visibilityState === 'hidden' && n.desktop && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
          const shown = new Notification('walletdesk', { body: notificationText(tRef.current, n), tag: n.id });
          shown.onclick = () => {
            window.focus();
            if (n.ticket_number) navigate(`/agent/tickets/${n.ticket_number}`);
          };
        }
      }),
    [desk],
  );

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => {
      if (panelRef.current && !panelRef.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onClick);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const markRead = async (ids: string[] | null) => {
    const r = await post<{ unread: number }>('/api/v1/notifications/read', ids ? { ids } : { all: true }).catch(() => null);
    if (!r) return;
    setUnread(r.unread);
    const at = new Date().toISOString();
    setItems((list) => list.map((x) => (ids === null || ids.includes(x.id) ? { ...x, read_at: x.read_at ?? at } : x)));
  };

  const openSettings = async () => {
    setSettings((await get<typeof contract.NotificationPrefsJson>('/api/v1/notifications/settings')).kinds);
  };
  const change = async (kind: Kind, what: 'bell' | 'desktop', on: boolean) => {
    // Shown at once; the server's answer (the whole set) replaces it.
    setSettings((s) => (s ? { ...s, [kind]: { ...s[kind], [what]: on } } : s));
    const r = await patch<typeof contract.NotificationPrefsJson, typeof contract.NotificationPrefsPatch>('/api/v1/notifications/settings', { kinds: { [kind]: { [what]: on } } });
    setSettings(r.kinds);
  };
  const askPermission = async () => {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  };

  return (
    <div className="bell" ref={panelRef}>
      <button type="button" className="link bell-button" aria-expanded={open} aria-controls="bell-panel" aria-label={t('bell.button', { count: unread })} onClick={() => setOpen((o) => !o)}>
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread > 0 ? (
          <span className="bell-count" data-bell-count={unread}>
            {unread >= 100 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div id="bell-panel" className="bell-panel card" role="region" aria-label={t('bell.title')}>
          <div className="row spread">
            <h2>{t('bell.title')}</h2>
            <button type="button" className="link" onClick={() => void markRead(null)} disabled={unread === 0}>
              {t('bell.mark_all')}
            </button>
          </div>
          {items.length === 0 ? <p className="muted">{t('bell.empty')}</p> : null}
          <ul className="bell-list">
            {items.map((n) => (
              <li key={n.id} className={n.read_at ? 'read' : 'unread'}>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    if (!n.read_at) void markRead([n.id]);
                    setOpen(false);
                    if (n.ticket_number) navigate(`/agent/tickets/${n.ticket_number}`);
                  }}
                >
                  {notificationText(t, n)}
                </button>
                <small className="muted"> {formatTime(n.created_at, lang)}</small>
              </li>
            ))}
          </ul>
          {settings ? (
            <fieldset className="bell-settings">
              <legend>{t('bell.settings')}</legend>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('bell.kind_column')}</th>
                    <th scope="col">{t('bell.in_bell')}</th>
                    <th scope="col">{t('bell.on_desktop')}</th>
                  </tr>
                </thead>
                <tbody>
                  {KINDS.map((k) => (
                    <tr key={k}>
                      <td>{t(`bell.kind.${k}`)}</td>
                      <td>
                        <input type="checkbox" aria-label={`${t(`bell.kind.${k}`)}: ${t('bell.in_bell')}`} checked={settings[k].bell} onChange={(e) => void change(k, 'bell', e.target.checked)} />
                      </td>
                      <td>
                        <input type="checkbox" aria-label={`${t(`bell.kind.${k}`)}: ${t('bell.on_desktop')}`} checked={settings[k].desktop} onChange={(e) => void change(k, 'desktop', e.target.checked)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {permission === 'default' ? (
                <button type="button" className="secondary" onClick={() => void askPermission()}>
                  {t('bell.allow_desktop')}
                </button>
              ) : (
                <p className="muted">{t(`bell.permission.${permission === 'granted' ? 'granted' : permission === 'denied' ? 'denied' : 'unsupported'}`)}</p>
              )}
            </fieldset>
          ) : (
            <button type="button" className="link" onClick={() => void openSettings()}>
              {t('bell.settings')}
            </button>
          )}
        </div>
      ) : null}
    </div>
  );
}
