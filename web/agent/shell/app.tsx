/** The agent console: sign-in, the frame (views with live counts, search, language) and its pages. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, get, post, setCsrfToken } from '../../shared/api';
import { useLang } from '../../shared/i18n';
import { LangSwitch } from '../../shared/lang-switch';
import { ThemeSwitch } from '../../shared/theme-switch';
import { openLive, type LiveSocket } from '../../shared/live';
import { navigate, useLocation } from '../../shared/router';
import { AccountPage } from '../pages/account/account-page';
import { AgentLinkPage } from '../pages/account/agent-link-page';
import { AdminPage } from '../pages/admin/admin-page';
import { CustomerPage } from '../pages/customers/customer-page';
import { CustomersPage } from '../pages/customers/customers-page';
import { CustomerResults } from '../pages/customers/customer-results';
import { CallsPage, useWaitingCalls } from '../pages/calls/calls-page';
import { ChatsPage } from '../pages/chats/chats-page';
import { RulesPage } from '../pages/rules/rules-page';
import { ArticlesPage } from '../pages/answers/articles-page';
import { MacrosPage } from '../pages/answers/macros-page';
import { TicketList } from '../pages/tickets/ticket-list';
import { TicketPage } from '../pages/tickets/ticket-page';
import { Bell } from '../parts/bell';
import { ConsoleSkeleton } from '../parts/skeleton';
import { DeskContext, useDesk, useNotices, type Desk } from '../parts/desk';
import { errorText } from '../parts/errors';
import { Link } from '../parts/link';
import { type Agent, type Brand, type Counts, type Me, type Team, type contract } from '../types';

/** Reports carry the chart library: loaded only when a supervisor opens them, so agents never download it. */
const ReportsPage = lazy(() => import('../pages/reports/reports-page').then((m) => ({ default: m.ReportsPage })));

export function App() {
  const [me, setMe] = useState<Me | null | false>(null);
  const [ended, setEnded] = useState(false);
  // A password-reset or invitation link is opened signed out (or as someone else): its page comes first.
  const [linkPage, setLinkPage] = useState(() => window.location.pathname === '/agent/link');
  useEffect(() => {
    get<Me>('/api/v1/auth/me')
      .then((m) => {
        setCsrfToken(m.csrf_token);
        setMe(m);
      })
      .catch(() => setMe(false));
  }, []);
  if (linkPage)
    return (
      <AgentLinkPage
        onSignIn={() => {
          navigate('/agent');
          setMe(false);
          setLinkPage(false);
        }}
      />
    );
  if (me === null) return <ConsoleSkeleton />;
  if (me === false)
    return (
      <Login
        ended={ended}
        onIn={(m) => {
          setCsrfToken(m.csrf_token);
          setEnded(false);
          setMe(m);
        }}
      />
    );
  return (
    <Console
      me={me}
      onOut={(why) => {
        setEnded(why === 'ended');
        setMe(false);
      }}
    />
  );
}

/** `ended`: the session ended elsewhere (signed out in another tab, deactivated, password changed): say so. */
function Login({ onIn, ended }: { onIn: (me: Me) => void; ended: boolean }) {
  const { t } = useLang();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [setupNeeded, setSetupNeeded] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    get<typeof contract.SetupNeeded>('/api/v1/setup')
      .then((r) => setSetupNeeded(r.needed))
      .catch(() => undefined);
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onIn(await post<Me, typeof contract.LoginBody>('/api/v1/auth/login', { email, password, ...(needTotp ? { totp } : {}) }));
    } catch (err) {
      if (err instanceof ApiError && err.details.totp_required) {
        setNeedTotp(true);
        setTimeout(() => totpRef.current?.focus(), 0);
      } else setError(err instanceof ApiError && err.status === 401 ? t('agent.login.wrong') : errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login card" id="main">
      <div className="row spread">
        <h1>{t('agent.login.title')}</h1>
        <span className="row">
          <ThemeSwitch />
          <LangSwitch />
        </span>
      </div>
      {ended ? (
        <p className="card" role="status">
          {t('agent.login.session_ended')}
        </p>
      ) : null}
      {setupNeeded ? (
        <p className="card">
          {t('agent.login.setup_needed')} <a href="/setup">{t('agent.login.setup_link')}</a>
        </p>
      ) : null}
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="email">{t('agent.login.email')}</label>
          <input id="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="password">{t('agent.login.password')}</label>
          <input id="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </div>
        {needTotp ? (
          <div className="field">
            <label htmlFor="totp">{t('agent.login.totp')}</label>
            <input
              id="totp"
              ref={totpRef}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              value={totp}
              onChange={(e) => setTotp(e.target.value)}
              required
            />
          </div>
        ) : null}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {t('agent.login.submit')}
        </button>
      </form>
    </main>
  );
}

function Console({ me, onOut }: { me: Me; onOut: (why?: 'ended') => void }) {
  const [agents, setAgents] = useState<Agent[]>([]);
  const [brands, setBrands] = useState<Brand[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [live, setLive] = useState<LiveSocket | null>(null);
  const [connected, setConnected] = useState(false);
  const listeners = useRef(new Set<(f: Record<string, unknown>) => void>());
  const watching = useRef(new Set<string>());

  const reloadDirectory = useCallback(async () => {
    if (me.must_enroll_two_factor) return;
    const [a, b, tm] = await Promise.all([
      get<typeof contract.AgentList>('/api/v1/agents'),
      get<typeof contract.BrandList>('/api/v1/brands'),
      get<typeof contract.TeamList>('/api/v1/teams'),
    ]);
    setAgents(a.agents);
    setBrands(b.brands);
    setTeams(tm.teams);
  }, [me.must_enroll_two_factor]);

  const onOutRef = useRef(onOut);
  onOutRef.current = onOut;
  // Bumped to open a new socket on a new session (after changing the password in this browser).
  const [liveEpoch, setLiveEpoch] = useState(0);
  useEffect(() => {
    void reloadDirectory().catch(() => undefined);
    if (me.must_enroll_two_factor) return;
    const socket = openLive('/api/v1/live', (f) => listeners.current.forEach((l) => l(f)), {
      onStatus: setConnected,
      // After a reconnect the server has forgotten which tickets this page watches.
      onOpen: (send) => watching.current.forEach((id) => send({ type: 'watch', ticket_id: id })),
      // The socket's session ended. A password change in this browser ended it but gave a new session: open
      // the socket again on that one. Otherwise (signed out elsewhere, deactivated): back to the sign-in form.
      onSessionEnded: () => {
        get<Me>('/api/v1/auth/me')
          .then((m) => {
            setCsrfToken(m.csrf_token);
            setLiveEpoch((n) => n + 1);
          })
          .catch(() => onOutRef.current('ended'));
      },
    });
    const tracked: LiveSocket = {
      send(frame) {
        if (frame.type === 'watch') watching.current.add(String(frame.ticket_id));
        if (frame.type === 'unwatch') watching.current.delete(String(frame.ticket_id));
        socket.send(frame);
      },
      close: () => socket.close(),
    };
    setLive(tracked);
    return () => socket.close();
  }, [me.must_enroll_two_factor, reloadDirectory, liveEpoch]);

  const desk: Desk = useMemo(
    () => ({
      me,
      agents,
      brands,
      teams,
      live,
      onFrame(l) {
        listeners.current.add(l);
        return () => listeners.current.delete(l);
      },
      reloadDirectory,
      async signOut() {
        await post('/api/v1/auth/logout').catch(() => undefined);
        setCsrfToken(null);
        onOut();
      },
    }),
    [me, agents, brands, teams, live, reloadDirectory, onOut],
  );
  return (
    <DeskContext.Provider value={desk}>
      <Frame connected={connected} />
    </DeskContext.Provider>
  );
}

const VIEWS = ['mine', 'unassigned', 'urgent', 'sla_at_risk', 'all'] as const;

function Sidebar({ path }: { path: string }) {
  const { t } = useLang();
  const desk = useDesk();
  const [counts, setCounts] = useState<Counts | null>(null);
  const load = useCallback(() => {
    get<Counts>('/api/v1/views')
      .then(setCounts)
      .catch(() => undefined);
  }, []);
  useEffect(load, [load]);
  useNotices(load, 500);
  const count = (id: string) => counts?.views.find((v) => v.id === id)?.count;
  const waitingChats = counts ? counts.chats_waiting : null;
  const waitingCalls = useWaitingCalls();
  const role = desk.me.agent.role;
  return (
    <nav className="sidebar" aria-label={t('agent.nav.label')}>
      <h2 className="nav-title">{t('agent.nav.chat')}</h2>
      <ul>
        <li>
          <Link to="/agent/chats" aria-current={path === '/agent/chats' || path.startsWith('/agent/chats/') ? 'page' : undefined}>
            <span>{t('agent.nav.chats')}</span>
            <span className={waitingChats ? 'count waiting' : 'count'} data-chat-count={waitingChats ?? ''} aria-label={t('agent.nav.chats_waiting', { count: waitingChats ?? 0 })}>
              {waitingChats === null ? '·' : waitingChats >= 100 ? '99+' : waitingChats}
            </span>
          </Link>
        </li>
        <li>
          <Link to="/agent/calls" aria-current={path === '/agent/calls' ? 'page' : undefined}>
            <span>{t('agent.nav.calls')}</span>
            <span
              className={waitingCalls?.emergency ? 'count waiting emergency' : waitingCalls?.count ? 'count waiting' : 'count'}
              data-call-count={waitingCalls?.count ?? ''}
              aria-label={waitingCalls?.emergency ? t('agent.nav.calls_waiting_emergency', { count: waitingCalls.count }) : t('agent.nav.calls_waiting', { count: waitingCalls?.count ?? 0 })}
            >
              {waitingCalls === null ? '·' : waitingCalls.count >= 100 ? '99+' : waitingCalls.count}
            </span>
          </Link>
        </li>
        <li>
          <Link to="/agent/customers" aria-current={path.startsWith('/agent/customers') ? 'page' : undefined}>
            <span>{t('customers.nav')}</span>
          </Link>
        </li>
      </ul>
      <h2 className="nav-title">{t('agent.nav.views')}</h2>
      <ul>
        {VIEWS.map((v) => {
          const to = `/agent/views/${v}`;
          return (
            <li key={v}>
              <Link to={to} aria-current={path === to ? 'page' : undefined}>
                <span>{t(`agent.view.${v}`)}</span>
                <span className="count" data-view-count={v} aria-label={t('agent.nav.count', { count: count(v) ?? 0 })}>
                  {count(v) ?? '·'}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      <h2 className="nav-title">{t('answers.nav.title')}</h2>
      <ul>
        <li>
          <Link to="/agent/articles" aria-current={path === '/agent/articles' || path.startsWith('/agent/articles/') ? 'page' : undefined}>
            {t('answers.nav.articles')}
          </Link>
        </li>
        <li>
          <Link to="/agent/macros" aria-current={path === '/agent/macros' || path.startsWith('/agent/macros/') ? 'page' : undefined}>
            {t('answers.nav.macros')}
          </Link>
        </li>
      </ul>
      {counts && counts.brands.length > 1 ? (
        <>
          <h2 className="nav-title">{t('agent.nav.brands')}</h2>
          <ul>
            {counts.brands.map((b) => {
              const to = `/agent/brands/${b.id}`;
              return (
                <li key={b.id}>
                  <Link to={to} aria-current={path === to ? 'page' : undefined}>
                    <span>{b.name}</span>
                    <span className="count">{b.count}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {role !== 'agent' ? (
        <>
          <h2 className="nav-title">{t('reports.nav.title')}</h2>
          <ul>
            <li>
              <Link to="/agent/reports/live" aria-current={path === '/agent/reports/live' ? 'page' : undefined}>
                {t('reports.nav.live')}
              </Link>
            </li>
            <li>
              <Link to="/agent/reports" aria-current={path === '/agent/reports' ? 'page' : undefined}>
                {t('reports.nav.report')}
              </Link>
            </li>
          </ul>
          <h2 className="nav-title">{t('agent.nav.admin')}</h2>
          <ul>
            {(role === 'admin' ? ['agents', 'teams', 'brands', 'channel-accounts', 'channels', 'chat', 'phone', 'routing', 'sla', 'verification', 'tokens', 'security'] : ['teams']).map((p) => (
              <li key={p}>
                <Link to={`/agent/admin/${p}`} aria-current={path === `/agent/admin/${p}` ? 'page' : undefined}>
                  {t(`agent.admin.${p}`)}
                </Link>
              </li>
            ))}
            {role === 'admin' ? (
              <li>
                <Link to="/agent/admin/rules" aria-current={path === '/agent/admin/rules' ? 'page' : undefined}>
                  {t('rules.nav')}
                </Link>
              </li>
            ) : null}
          </ul>
        </>
      ) : null}
    </nav>
  );
}

function Frame({ connected }: { connected: boolean }) {
  const { t } = useLang();
  const desk = useDesk();
  const loc = useLocation();
  const [q, setQ] = useState(loc.search.get('q') ?? '');
  const [menuOpen, setMenuOpen] = useState(false);
  const [help, setHelp] = useState(false);
  // The phone's ⋯ menu of the top bar (theme, language, account, sign out); on a wide screen it is always shown.
  const [more, setMore] = useState(false);
  const moreRef = useRef<HTMLDivElement>(null);
  const moreButtonRef = useRef<HTMLButtonElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setMenuOpen(false);
    setMore(false);
  }, [loc.path]);
  useEffect(() => {
    if (!more) return;
    const onDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!moreRef.current?.contains(target) && !moreButtonRef.current?.contains(target)) setMore(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [more]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setHelp(false);
        if (moreRef.current?.classList.contains('open')) {
          setMore(false);
          moreButtonRef.current?.focus();
        }
      }
      const el = e.target as HTMLElement;
      if (el.closest('input, textarea, select, [contenteditable="true"]') || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '?') {
        e.preventDefault();
        setHelp((h) => !h);
      } else if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (desk.me.must_enroll_two_factor) {
    return (
      <div className="shell">
        <main id="main" className="content">
          <p className="card error">{t('agent.account.must_enroll')}</p>
          <AccountPage />
        </main>
      </div>
    );
  }

  // Supervisors and admins start on the live view of the whole desk, not on their own (often empty) tickets.
  const home = desk.me.agent.role === 'agent' ? '/agent/views/mine' : '/agent/reports/live';
  const path = loc.path === '/agent' || loc.path === '/agent/' ? home : loc.path;
  const parts = path.split('/').filter(Boolean);
  let page: ReactNode;
  if (parts[1] === 'views' && parts[2]) page = <TicketList key={path} view={parts[2]} />;
  else if (parts[1] === 'brands' && parts[2]) page = <TicketList key={path} view="all" brandId={parts[2]} />;
  else if (parts[1] === 'search')
    page = <TicketList key={`s:${loc.search.get('q')}`} view="search" q={loc.search.get('q') ?? ''} above={<CustomerResults q={loc.search.get('q') ?? ''} />} />;
  else if (parts[1] === 'chats') page = <ChatsPage ticketRef={parts[2]} />;
  else if (parts[1] === 'calls' && !parts[2]) page = <CallsPage />;
  else if (parts[1] === 'tickets' && parts[2]) page = <TicketPage key={parts[2]} ticketRef={parts[2]} />;
  else if (parts[1] === 'customers') page = parts[2] ? <CustomerPage key={parts[2]} id={parts[2]} /> : <CustomersPage />;
  // A page opened by its address shows only what the role may use (the server refuses the rest anyway).
  else if (parts[1] === 'admin' && parts[2] && !mayOpenAdmin(desk.me.agent.role, parts[2])) page = <p className="card" data-slot="admins-only">{t('customers.admins_only')}</p>;
  else if (parts[1] === 'admin' && parts[2] === 'rules') page = <RulesPage />;
  else if (parts[1] === 'articles') page = <ArticlesPage key={parts[2] ?? 'list'} id={parts[2]} />;
  else if (parts[1] === 'macros') page = <MacrosPage key={parts[2] ?? 'list'} id={parts[2]} />;
  else if (parts[1] === 'admin' && parts[2]) page = <AdminPage key={parts[2]} page={parts[2]} />;
  else if (parts[1] === 'account') page = <AccountPage />;
  else if (parts[1] === 'reports')
    page = (
      <Suspense fallback={<ConsoleSkeleton page />}>
        <ReportsPage key={parts[2] ?? 'report'} tab={parts[2] ?? 'report'} />
      </Suspense>
    );
  else page = <p>{t('agent.not_found')}</p>;

  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('common.skip_to_content')}
      </a>
      <header className="topbar">
        <button type="button" className="secondary menu-button" aria-expanded={menuOpen} aria-controls="sidebar" onClick={() => setMenuOpen((o) => !o)}>
          {t('agent.nav.menu')}
        </button>
        <Link to={home} className="app-name">
          walletdesk
        </Link>
        <form
          role="search"
          className="search"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(`/agent/search?q=${encodeURIComponent(q)}`);
          }}
        >
          <label htmlFor="search" className="sr-only">
            {t('agent.search.label')}
          </label>
          <input id="search" ref={searchRef} type="search" placeholder={t('agent.search.placeholder')} value={q} onChange={(e) => setQ(e.target.value)} />
        </form>
        <span className={connected ? 'live on' : 'live off'} role="status" title={connected ? t('agent.live.on') : t('agent.live.off')}>
          <span className="sr-only">{connected ? t('agent.live.on') : t('agent.live.off')}</span>
        </span>
        <Bell />
        <button type="button" ref={moreButtonRef} className="secondary more-button" aria-expanded={more} aria-controls="topbar-more" aria-label={t('look2.topbar.more')} title={t('look2.topbar.more')} onClick={() => setMore((o) => !o)}>
          <span aria-hidden="true">⋯</span>
        </button>
        <div id="topbar-more" ref={moreRef} className={more ? 'topbar-more open' : 'topbar-more'}>
          <ThemeSwitch />
          <LangSwitch />
          <Link to="/agent/account">{desk.me.agent.name}</Link>
          <button type="button" className="link" onClick={() => void desk.signOut()}>
            {t('agent.sign_out')}
          </button>
          <button type="button" className="link" onClick={() => setHelp(true)} aria-haspopup="dialog">
            {t('agent.shortcuts.open')}
          </button>
        </div>
      </header>
      <div className="body">
        <div id="sidebar" className={menuOpen ? 'sidebar-wrap open' : 'sidebar-wrap'}>
          <Sidebar path={path} />
        </div>
        <main id="main" className="content" tabIndex={-1}>
          {page}
        </main>
      </div>
      {help ? <ShortcutHelp onClose={() => setHelp(false)} /> : null}
    </div>
  );
}

const SHORTCUTS = [
  ['r', 'reply'],
  ['n', 'note'],
  ['j', 'next'],
  ['k', 'previous'],
  ['a', 'assign_me'],
  ['s', 'solve'],
  ['/', 'search'],
  ['Ctrl+Enter', 'send'],
  ['Alt+↑ / Alt+↓', 'chat_switch'],
  ['Enter', 'chat_send'],
  ['Shift+Enter', 'chat_newline'],
  ['t', 'take_call'],
  ['?', 'help'],
] as const;

function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useLang();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={onClose}>
      <div className="card dialog" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title">{t('agent.shortcuts.title')}</h2>
        <dl className="shortcuts">
          {SHORTCUTS.map(([key, what]) => (
            <div key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{t(`agent.shortcuts.${what}`)}</dd>
            </div>
          ))}
        </dl>
        <button type="button" ref={closeRef} onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}

/** Admin pages a role may open: admins all, supervisors the teams page, agents none. */
function mayOpenAdmin(role: string, page: string): boolean {
  return role === 'admin' || (role === 'supervisor' && page === 'teams');
}
