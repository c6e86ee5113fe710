/** The ticket page: the conversation, the composer, the facts, the chain panel and its keyboard shortcuts. */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { get, patch, qs, request, clientKey, type RequestBody } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { navigate } from '../../../shared/router';
import { agentName, lastList, useDesk, useNotices } from '../../parts/desk';
import { CsatBadge } from '../../parts/csat-badge';
import { errorText } from '../../parts/errors';
import { type UploadedFile, uploadFile } from '../../parts/files';
import { Link } from '../../parts/link';
import { VerificationPanel } from '../../parts/verify-identity';
import { HistoryList } from '../../parts/history';
import { SlaCountdown } from '../../parts/sla-countdown';
import { MacroPicker } from '../../parts/macro-picker';
import { ArticleSuggestions } from '../../parts/article-suggestions';
import { CATEGORIES, PRIORITIES, STATUSES, type ChainStatus, type Customer, type DeskEvent, type Ticket, type TicketView, type contract } from '../../types';
import type { Page } from './ticket-list';
import { FreezePanel } from './freeze-panel';
import { useKeyboardStatus } from './keyboard-status';
import { useDraft } from './use-draft';
import { Thread } from './thread';
import { ReachNotice } from './reach-notice';
import { MergeTicket } from './merge-ticket';

const isTyping = (el: EventTarget | null) => !!(el as HTMLElement | null)?.closest?.('input, textarea, select, [contenteditable="true"]');

export function TicketPage({ ticketRef }: { ticketRef: string }) {
  const { t } = useLang();
  const desk = useDesk();
  const [ticket, setTicket] = useState<TicketView | null>(null);
  const [events, setEvents] = useState<DeskEvent[]>([]);
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [others, setOthers] = useState<Ticket[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [body, setBody, forgetDraft] = useDraft(ticketRef);
  const [isPublic, setIsPublic] = useState(true);
  const [byEmail, setByEmail] = useState(false);
  const [sendStatus, setSendStatus] = useState<Ticket['status'] | ''>('');
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [presence, setPresence] = useState<Record<string, { name: string; mode: string; until: number }>>({});
  const [tagText, setTagText] = useState('');
  // The macro whose text is in the composer: sending applies it (actions, note, use count) with the edited text.
  const [macro, setMacro] = useState<{ id: string; title: string } | null>(null);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const lastTyping = useRef(0);
  const key = useRef(clientKey());

  const load = useCallback(async () => {
    try {
      const tk = await get<TicketView>(`/api/v1/tickets/${encodeURIComponent(ticketRef)}`);
      setTicket(tk);
      setTagText(tk.tags.join(', '));
      setError(null);
      const [ev, cu, ot] = await Promise.all([
        get<typeof contract.EventList>(`/api/v1/tickets/${tk.id}/events?limit=200`),
        get<Customer>(`/api/v1/customers/${tk.requester.id}`).catch(() => null),
        get<Page>(`/api/v1/tickets${qs({ requester_id: tk.requester.id, limit: 10 })}`).catch(() => ({ tickets: [], next_cursor: null })),
      ]);
      setEvents(ev.events);
      setCustomer(cu);
      setOthers(ot.tickets.filter((o) => o.id !== tk.id));
    } catch (err) {
      setError(errorText(t, err));
    }
  }, [ticketRef]);
  useEffect(() => void load(), [load]);
  const keyboardStatus = useKeyboardStatus(ticket, load);

  const ticketId = ticket?.id;
  useNotices((ns) => {
    if (ticketId && ns.some((n) => n.ticket_id === ticketId)) void load();
  }, 200);

  // Watch the ticket for presence; others see when this agent is replying.
  useEffect(() => {
    if (!ticketId || !desk.live) return;
    desk.live.send({ type: 'watch', ticket_id: ticketId });
    const off = desk.onFrame((f) => {
      if (f.type !== 'presence' || f.ticket_id !== ticketId) return;
      const id = String(f.agent_id);
      setPresence((p) => {
        const next = { ...p };
        if (f.mode) next[id] = { name: String(f.name), mode: String(f.mode), until: Date.now() + 8000 };
        else delete next[id];
        return next;
      });
    });
    const sweep = setInterval(() => setPresence((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v.until > Date.now()))), 2000);
    return () => {
      off();
      clearInterval(sweep);
      desk.live?.send({ type: 'unwatch', ticket_id: ticketId });
    };
  }, [ticketId, desk]);

  const typing = (value: string) => {
    setBody(value);
    if (!ticketId || !desk.live) return;
    const now = Date.now();
    if (value && now - lastTyping.current > 3000) {
      lastTyping.current = now;
      desk.live.send({ type: 'replying', ticket_id: ticketId, mode: isPublic ? 'reply' : 'note' });
    } else if (!value && lastTyping.current) {
      lastTyping.current = 0;
      desk.live.send({ type: 'stopped', ticket_id: ticketId });
    }
  };

  const change = async (changes: RequestBody<typeof contract.TicketPatch>) => {
    if (!ticket) return;
    try {
      await patch<typeof contract.TicketJson, typeof contract.TicketPatch>(`/api/v1/tickets/${ticket.id}`, changes);
      setNotice(t('agent.ticket.saved'));
      await load();
    } catch (err) {
      setNotice(errorText(t, err));
    }
  };

  const send = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!ticket || (!body.trim() && !files.length)) return;
    setBusy(true);
    let replyNotice: string | null = null;
    try {
      if (macro && isPublic && !files.length && !sendStatus) {
        await request<typeof contract.MacroApplication>('POST', `/api/v1/tickets/${ticket.id}/macros/${macro.id}`, { body });
      } else {
        const sent = await request<typeof contract.MessageJson, typeof contract.MessageBody>(
          'POST',
          `/api/v1/tickets/${ticket.id}/messages`,
          { body, public: isPublic, ...(sendStatus ? { status: sendStatus } : {}), attachment_ids: files.map((f) => f.id), ...(isPublic && byEmail ? { via: 'email' as const } : {}) },
          { headers: { 'idempotency-key': key.current } },
        );
        // Say what happened to it, never "sent" for a reply that nothing carries.
        replyNotice = sent.public && sent.delivery ? t(`thread.after_send.${sent.delivery.status}`) : null;
      }
      setMacro(null);
      key.current = clientKey();
      forgetDraft();
      setFiles([]);
      setSendStatus('');
      lastTyping.current = 0;
      desk.live?.send({ type: 'stopped', ticket_id: ticket.id });
      setNotice(isPublic ? (replyNotice ?? t('agent.reply.sent')) : t('agent.reply.note_added'));
      await load();
    } catch (err) {
      setNotice(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const upload = async (list: FileList | null) => {
    for (const file of Array.from(list ?? [])) {
      try {
        const a = await uploadFile(file);
        setFiles((f) => [...f, a]);
      } catch (err) {
        setNotice(errorText(t, err));
      }
    }
  };

  // Keyboard shortcuts: r reply, n note, j/k next/previous ticket, a assign to me, s solve.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.target === replyRef.current) {
        e.preventDefault();
        void send();
        return;
      }
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || !ticket) return;
      const go = (delta: number) => {
        const i = lastList.numbers.indexOf(ticket.number);
        const next = lastList.numbers[i + delta];
        if (i >= 0 && next !== undefined) navigate(`/agent/tickets/${next}`);
      };
      switch (e.key) {
        case 'r':
        case 'n':
          e.preventDefault();
          setIsPublic(e.key === 'r');
          replyRef.current?.focus();
          break;
        case 'j':
          go(1);
          break;
        case 'k':
          go(-1);
          break;
        case 'a':
          void change({ assignee_id: desk.me.agent.id });
          break;
        case 's':
          keyboardStatus.request('solved');
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!ticket) return <p aria-busy="true">{t('common.loading')}</p>;

  const brandAgents = desk.agents.filter((a) => a.active && (a.role === 'admin' || a.brand_ids.includes(ticket.brand_id)));
  const brandTeams = desk.teams.filter((tm) => tm.brand_id === null || tm.brand_id === ticket.brand_id);
  const replying = Object.values(presence);
  const closed = ticket.status === 'closed';
  const d = ticket.details;

  return (
    <article className="ticket-page" aria-labelledby="ticket-title">
      <header className="ticket-head">
        <h1 id="ticket-title">
          <span className="muted">#{ticket.number}</span> {ticket.subject}
        </h1>
        <p className="row">
          <span className={`badge status-${ticket.status}`}>{t(`agent.status.${ticket.status}`)}</span>
          <span className="badge">{t(`agent.priority.${ticket.priority}`)}</span>
          <span className="badge">{t(`agent.category.${ticket.category}`)}</span>
          <span className="badge">{t(`agent.channel.${ticket.channel}`)}</span>
          {ticket.assignee_id ? (
            <span>{t('agent.ticket.assigned_to', { name: agentName(desk, ticket.assignee_id) })}</span>
          ) : (
            <span className="muted">{t('agent.ticket.unassigned')}</span>
          )}
        </p>
      </header>
      <div className="ticket-grid">
        <div className="conversation">
          <Thread ticketId={ticket.id} messages={ticket.messages} />
          <p className="presence" aria-live="polite">
            {replying.map((p) => t(p.mode === 'note' ? 'agent.presence.noting' : 'agent.presence.replying', { name: p.name })).join(' · ')}
          </p>
          {closed ? (
            <p className="muted">{t('agent.reply.closed')}</p>
          ) : (
            <form className={isPublic ? 'reply' : 'reply note'} onSubmit={send}>
              <fieldset className="row toggle">
                <legend className="sr-only">{t('agent.reply.kind')}</legend>
                <label>
                  <input type="radio" name="kind" checked={isPublic} onChange={() => setIsPublic(true)} /> {t('agent.reply.public')}
                </label>
                <label>
                  <input type="radio" name="kind" checked={!isPublic} onChange={() => setIsPublic(false)} /> {t('agent.reply.note')}
                </label>
              </fieldset>
              {isPublic ? <ReachNotice ticket={ticket} byEmail={byEmail} onByEmail={setByEmail} /> : null}
              <MacroPicker
                ticketId={ticket.id}
                onPick={(text, id, title) => {
                  setIsPublic(true);
                  setBody(text);
                  setMacro({ id, title });
                  setTimeout(() => replyRef.current?.focus(), 0);
                }}
              />
              {macro ? <p className="hint">{t('macro.applied', { title: macro.title })}</p> : null}
              <label htmlFor="reply" className="sr-only">
                {isPublic ? t('agent.reply.public') : t('agent.reply.note')}
              </label>
              <textarea
                id="reply"
                ref={replyRef}
                value={body}
                onChange={(e) => typing(e.target.value)}
                placeholder={isPublic ? t('agent.reply.placeholder') : t('agent.reply.note_placeholder')}
              />
              {isPublic ? <p className="hint">{t('agent.reply.shield_hint')}</p> : null}
              <div className="row">
                <label className="row">
                  <span>{t('agent.reply.then')}</span>
                  <select value={sendStatus} onChange={(e) => setSendStatus(e.target.value as Ticket['status'] | '')}>
                    <option value="">{t('agent.reply.keep_status')}</option>
                    {['open', 'pending', 'on_hold', 'solved'].map((s) => (
                      <option key={s} value={s}>
                        {t(`agent.status.${s}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="file-label">
                  <span className="sr-only">{t('agent.reply.attach')}</span>
                  <input type="file" multiple onChange={(e) => void upload(e.target.files)} aria-label={t('agent.reply.attach')} />
                </label>
                <button type="submit" disabled={busy}>
                  {isPublic ? t('agent.reply.send') : t('agent.reply.add_note')}
                </button>
              </div>
              {files.length ? <p className="muted">{files.map((f) => f.filename).join(', ')}</p> : null}
              <ArticleSuggestions ticketId={ticket.id} onInsert={(line) => setBody(body.trim() ? `${body.trimEnd()}\n${line}` : line)} />
            </form>
          )}
          {keyboardStatus.view}
          {notice ? (
            <p role="status" className="muted">
              {notice}
            </p>
          ) : null}
          <details className="history">
            <summary>{t('agent.ticket.history', { count: events.length })}</summary>
            <HistoryList events={events} />
          </details>
        </div>
        <aside className="side">
          {ticket.sla?.length ? (
            <section className="card" aria-labelledby="sla-title" data-slot="sla-panel">
              <h2 id="sla-title">{t('sla.title')}</h2>
              <ul className="sla-clocks">
                {ticket.sla.map((c) => (
                  <li key={c.metric} data-sla-metric={c.metric}>
                    <span>{t(`sla.metric.${c.metric}`)}</span>
                    {c.state === 'active' || (c.state === 'breached' && c.due_at && ticket.sla_due_at === c.due_at) ? (
                      <SlaCountdown due={c.due_at} label={t(`sla.metric.${c.metric}`)} />
                    ) : (
                      <span className={`badge sla-${c.state}`}>{t(`sla.state.${c.state}`)}</span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <CsatBadge ticketId={ticket.id} />
          <section className="card props" aria-labelledby="props-title">
            <h2 id="props-title">{t('agent.ticket.properties')}</h2>
            <Select label={t('agent.ticket.status')} value={ticket.status} disabled={closed} options={STATUSES.map((s) => [s, t(`agent.status.${s}`)])} onChange={(v) => void change({ status: v })} />
            <Select label={t('agent.ticket.priority')} value={ticket.priority} disabled={closed} options={PRIORITIES.map((s) => [s, t(`agent.priority.${s}`)])} onChange={(v) => void change({ priority: v })} />
            <Select label={t('agent.ticket.category')} value={ticket.category} disabled={closed} options={CATEGORIES.map((s) => [s, t(`agent.category.${s}`)])} onChange={(v) => void change({ category: v })} />
            <Select
              label={t('agent.ticket.assignee')}
              value={ticket.assignee_id ?? ''}
              disabled={closed}
              options={[['', t('agent.ticket.unassigned')], ...brandAgents.map((a) => [a.id, a.name] as [string, string])]}
              onChange={(v) => void change({ assignee_id: v || null })}
            />
            {ticket.assignee_id !== desk.me.agent.id && !closed ? (
              <button type="button" className="secondary" onClick={() => void change({ assignee_id: desk.me.agent.id })}>
                {t('agent.ticket.assign_me')}
              </button>
            ) : null}
            <Select
              label={t('agent.ticket.team')}
              value={ticket.team_id ?? ''}
              disabled={closed}
              options={[['', t('agent.ticket.no_team')], ...brandTeams.map((tm) => [tm.id, tm.name] as [string, string])]}
              onChange={(v) => void change({ team_id: v || null })}
            />
            <form
              className="field"
              onSubmit={(e) => {
                e.preventDefault();
                void change({ tags: tagText.split(/[,，\s]+/).filter(Boolean) });
              }}
            >
              <label htmlFor="tags">{t('agent.ticket.tags')}</label>
              <div className="row">
                <input id="tags" value={tagText} onChange={(e) => setTagText(e.target.value)} disabled={closed} />
                <button type="submit" className="secondary" disabled={closed}>
                  {t('common.save')}
                </button>
              </div>
            </form>
          </section>
          <section className="card customer" aria-labelledby="customer-title" data-slot="customer-panel">
            <h2 id="customer-title">{t('agent.customer.title')}</h2>
            <p>
              <Link to={`/agent/customers/${ticket.requester.id}`}>
                <strong>{ticket.requester.name ?? t('agent.customer.no_name')}</strong>
              </Link>
            </p>
            {ticket.requester.email ? <p className="mono">{ticket.requester.email}</p> : null}
            {ticket.requester.phone ? <p className="mono">{ticket.requester.phone}</p> : null}
            {ticket.channel === 'web' ? <p className="warn">{t('agent.customer.unverified_web')}</p> : null}
            <dl className="facts">
              <Fact label={t('agent.customer.verification')} value={customer ? t(`agent.verification.${customer.verification_level}`) : null} slot="verification" />
              <Fact label={t('agent.customer.device')} value={d.device} slot="device" />
              <Fact label={t('agent.customer.os')} value={d.os} slot="os" />
              <Fact label={t('agent.customer.app_version')} value={d.app_version} slot="app-version" />
              <Fact label={t('agent.customer.account')} value={d.account} slot="account" />
              <Fact label={t('agent.customer.tx_time')} value={d.tx_time} slot="tx-time" />
            </dl>
            <VerificationPanel ticketId={ticket.id} />
            <h3>{t('agent.customer.txids')}</h3>
            {d.txids?.length ? (
              <ul className="mono refs" data-slot="txids">
                {d.txids.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('agent.customer.none')}</p>
            )}
            {d.txids?.length ? <ChainPanel ticketId={ticket.id} /> : null}
            <h3>{t('agent.customer.addresses')}</h3>
            {d.addresses?.length ? (
              <ul className="mono refs" data-slot="addresses">
                {d.addresses.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('agent.customer.none')}</p>
            )}
            <h3>{t('agent.customer.other_tickets')}</h3>
            {others.length ? (
              <ul data-slot="other-tickets">
                {others.map((o) => (
                  <li key={o.id}>
                    <Link to={`/agent/tickets/${o.number}`}>
                      #{o.number} {o.subject}
                    </Link>{' '}
                    <span className="muted">({t(`agent.status.${o.status}`)})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('agent.customer.none')}</p>
            )}
          </section>
          <FreezePanel ticketId={ticket.id} onChanged={() => void load()} />
          {!closed && !ticket.merged_into_id ? <MergeTicket ticket={ticket} /> : null}
        </aside>
      </div>
    </article>
  );
}

/** The live status of the ticket's transactions on the desk's chain backend, with the advice for the agent. */
function ChainPanel({ ticketId }: { ticketId: string }) {
  const { t, lang } = useLang();
  const [chain, setChain] = useState<ChainStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    get<ChainStatus>(`/api/v1/tickets/${ticketId}/chain${qs({ lang })}`)
      .then((c) => live && setChain(c))
      .catch((err: unknown) => live && setError(errorText(t, err)));
    return () => {
      live = false;
    };
  }, [ticketId, lang]);
  if (error) return <p className="warn">{error}</p>;
  if (!chain) return <p className="muted" aria-busy="true">{t('agent.chain.loading')}</p>;
  if (!chain.configured) return <p className="muted">{t('agent.chain.not_configured')}</p>;
  return (
    <div className="chain" data-slot="tx-status">
      {chain.transactions.map((x) => (
        <details key={x.txid} open={Boolean(x.status?.stuck)}>
          <summary className="mono">
            {x.txid.slice(0, 12)}… ·{' '}
            {x.error
              ? t('agent.chain.error')
              : !x.status?.found
                ? t('agent.chain.not_found')
                : x.status.confirmed
                  ? t('agent.chain.confirmed', { n: x.status.confirmations })
                  : x.status.stuck
                    ? t('agent.chain.stuck')
                    : t('agent.chain.pending')}
          </summary>
          {x.error ? <p className="warn">{x.error.message}</p> : null}
          <ul>
            {x.summary.map((line) => (
              <li key={line}>{line}</li>
            ))}
            {x.advice.map((a) => (
              <li key={a.code}>
                <strong>{a.text}</strong>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </div>
  );
}

/** A labelled select over a closed set: what it hands back is one of the options' values. */
function Select<V extends string>({ label, value, options, onChange, disabled }: { label: string; value: V; options: Array<[V, string]>; onChange: (v: V) => void; disabled?: boolean }) {
  const id = `sel-${label}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as V)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

function Fact({ label, value, slot }: { label: string; value: string | null | undefined; slot: string }) {
  const { t } = useLang();
  return (
    <div data-slot={slot}>
      <dt>{label}</dt>
      <dd>{value ? value : <span className="muted">{t('agent.customer.unknown')}</span>}</dd>
    </div>
  );
}
