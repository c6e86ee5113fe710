/**
 * The Chats page (/agent/chats, /agent/chats/:ticketId): the open chat conversations on the left, the selected
 * one on the right with its live transcript and a composer. Chats are tickets with channel=chat; the page reads
 * them through the ticket API and learns about changes from desk notices, and about the visitor (typing, read,
 * online) from the 'chat' frames the live socket sends for watched tickets.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react';
import { ApiError, clientKey, get, patch, qs, request, type RequestBody } from '../../../shared/api';
import { formatTime, relativeTime, useLang, type T } from '../../../shared/i18n';
import { navigate } from '../../../shared/router';
import { agentName, useDesk, useNotices, type Desk } from '../../parts/desk';
import { errorText } from '../../parts/errors';
import { AttachmentLinks, fileSize, uploadFile } from '../../parts/files';
import { Link } from '../../parts/link';
import { CHAT_KINDS, type ChatFacts, type Message, type Ticket, type TicketView, type contract } from '../../types';

/** What the page knows about one chat besides the ticket: the visitor's live state and what was read. */
interface ChatLive {
  /** null until loaded; 'none' when the ticket is not a chat (the facts endpoint answers 404). */
  facts: ChatFacts | null | 'none';
  typing: boolean;
  online: boolean | null;
  visitorReadUpTo: string | null;
  /** The newest visitor message known read here: told to the server by this console, or a colleague's relayed receipt. */
  sentReadUpTo: string | null;
  /** A short highlight after a new visitor message arrived while another chat was open. */
  flash: boolean;
}

const OPEN_STATUSES = 'new,open,pending';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST_PATH = `/api/v1/tickets${qs({ channel: 'chat', status: OPEN_STATUSES, sort: 'updated_desc', limit: 100 })}`;
/** The server lets one socket watch 10 tickets; the rest of the console (and a reconnect) needs some room. */
const MAX_WATCHED = 8;
const TYPING_IDLE_MS = 4000;
const TYPING_REPEAT_MS = 3000;
const VISITOR_TYPING_TTL_MS = 10_000;
const FLASH_MS = 4000;
const LOAD_CONCURRENCY = 4;
/** The files one chat reply may carry (the visitor's side takes as many). */
const MAX_FILES = 5;

/** A file chosen for a chat's next reply: still uploading, or uploaded with the id the message refers to. */
interface PendingFile {
  key: string;
  name: string;
  size: number;
  id: string | null;
}
let fileKeys = 0;

/** Drafts outlive the page, so going to the full ticket and back keeps what the agent was writing. */
const savedDrafts = new Map<string, string>();

/** UUIDv7 ids sort by time as text: true when message `a` is newer than `b` (or b is unknown). */
const newer = (a: string | null | undefined, b: string | null | undefined): boolean => !!a && (!b || a > b);
const maxId = (a: string | null | undefined, b: string | null | undefined): string | null => (newer(a, b) ? (a ?? null) : (b ?? null));

function lastCustomerMessage(messages: Message[] | undefined): Message | undefined {
  if (!messages) return undefined;
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.public && messages[i]!.author.type === 'customer') return messages[i];
  return undefined;
}

/** The message a chat's list entry previews: the newest from the visitor or an agent, else the desk's own. */
function previewMessage(messages: Message[] | undefined): Message | undefined {
  if (!messages) return undefined;
  let system: Message | undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (!m.public) continue;
    if (m.author.type !== 'system') return m;
    system ??= m;
  }
  return system;
}

function visitorName(t: T, ticket: Ticket, facts: ChatFacts | null | 'none'): string {
  const f = facts && facts !== 'none' ? facts : null;
  return f?.name || ticket.requester.name || f?.email || ticket.requester.email || t('agent.chats.visitor');
}

const emptyLive = (): ChatLive => ({ facts: null, typing: false, online: null, visitorReadUpTo: null, sentReadUpTo: null, flash: false });

/** Runs at most `n` loads at once (opening the page fetches every open chat). */
function limiter(n: number): <R>(fn: () => Promise<R>) => Promise<R> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (fn) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await fn();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

export function ChatsPage({ ticketRef }: { ticketRef?: string }) {
  const { t } = useLang();
  const desk = useDesk();
  const [list, setList] = useState<Ticket[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [tickets, setTickets] = useState<Record<string, TicketView>>({});
  const [live, setLive] = useState<Record<string, ChatLive>>({});
  const [loadError, setLoadError] = useState<Record<string, string>>({});
  const [drafts, setDrafts] = useState<Record<string, string>>(() => Object.fromEntries(savedDrafts));
  const [presence, setPresence] = useState<Record<string, Record<string, string>>>({});
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  const [notice, setNotice] = useState<string | null>(null);
  const [pageNotice, setPageNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<Record<string, PendingFile[]>>({});
  const [fileError, setFileError] = useState<Record<string, string | null>>({});

  const ticketsRef = useRef(tickets);
  ticketsRef.current = tickets;
  const listRef = useRef(list);
  listRef.current = list;
  const selectedIdRef = useRef<string | null>(null);
  const loaded = useRef(false);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const composerRef = useRef<HTMLTextAreaElement>(null);

  const updateLive = useCallback((id: string, change: (l: ChatLive) => Partial<ChatLive>) => {
    setLive((all) => {
      const current = all[id] ?? emptyLive();
      return { ...all, [id]: { ...current, ...change(current) } };
    });
  }, []);

  /** Sets a flag now and clears it after `ms` (a visitor typing whose "stopped" got lost, a highlight). */
  const flagFor = useCallback(
    (id: string, flag: 'typing' | 'flash', ms: number) => {
      updateLive(id, () => ({ [flag]: true }));
      const key = `${flag}:${id}`;
      clearTimeout(timers.current.get(key));
      timers.current.set(
        key,
        setTimeout(() => updateLive(id, () => ({ [flag]: false })), ms),
      );
    },
    [updateLive],
  );
  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((x) => clearTimeout(x));
  }, []);

  // --- loading: the list, and each chat with its messages and chat facts ---
  const limit = useMemo(() => limiter(LOAD_CONCURRENCY), []);
  const inflight = useRef(new Map<string, Promise<void>>());
  const again = useRef(new Set<string>());

  const loadChat = useCallback(
    (ref: string): Promise<void> => {
      const running = inflight.current.get(ref);
      if (running) {
        again.current.add(ref);
        return running;
      }
      const job = limit(async () => {
        try {
          const readFacts = (id: string) =>
            get<ChatFacts>(`/api/v1/tickets/${encodeURIComponent(id)}/chat`).catch((err: unknown) => {
              if (err instanceof ApiError && err.status === 404) return 'none' as const;
              return null;
            });
          // The chat endpoint takes the ticket's id only; a number in the address needs the ticket first.
          const byId = UUID.test(ref);
          const [tk, early] = await Promise.all([get<TicketView>(`/api/v1/tickets/${encodeURIComponent(ref)}`), byId ? readFacts(ref) : null]);
          const facts = byId ? early : await readFacts(tk.id);
          const before = ticketsRef.current[tk.id];
          const fresh = lastCustomerMessage(tk.messages);
          const known = before ? lastCustomerMessage(before.messages) : undefined;
          // A visitor's new message while the agent looks at another chat: highlight it, without a sound.
          if (before && fresh && fresh.id !== known?.id && selectedIdRef.current !== tk.id) flagFor(tk.id, 'flash', FLASH_MS);
          setTickets((all) => ({ ...all, [tk.id]: tk }));
          updateLive(tk.id, (l) => ({
            facts: facts ?? l.facts,
            online: facts && facts !== 'none' ? facts.online : l.online,
            visitorReadUpTo: facts && facts !== 'none' ? maxId(facts.visitor_read_up_to, l.visitorReadUpTo) : l.visitorReadUpTo,
          }));
          setLoadError((all) => {
            if (!(ref in all)) return all;
            const next = { ...all };
            delete next[ref];
            return next;
          });
        } catch (err) {
          setLoadError((all) => ({ ...all, [ref]: errorText(t, err) }));
        }
      }).finally(() => {
        inflight.current.delete(ref);
        if (again.current.delete(ref)) void loadChat(ref);
      });
      inflight.current.set(ref, job);
      return job;
    },
    [limit, flagFor, updateLive],
  );

  const loadList = useCallback(async () => {
    try {
      const page = await get<typeof contract.TicketPage>(LIST_PATH);
      const previous = listRef.current;
      setList(page.tickets);
      setListError(null);
      for (const tk of page.tickets) {
        const have = ticketsRef.current[tk.id];
        if (!have || have.updated_at !== tk.updated_at) void loadChat(tk.id);
        // A chat that just arrived is highlighted like a new message.
        if (loaded.current && previous && !previous.some((p) => p.id === tk.id) && selectedIdRef.current !== tk.id) flagFor(tk.id, 'flash', FLASH_MS);
      }
      loaded.current = true;
    } catch (err) {
      setListError(errorText(t, err));
    }
  }, [loadChat, flagFor]);

  useEffect(() => {
    void loadList();
    // Notices missed while the socket reconnected are caught up by this slow poll.
    const timer = setInterval(() => void loadList(), 60_000);
    return () => clearInterval(timer);
  }, [loadList]);

  useNotices((ns) => {
    void loadList();
    const known = new Set([...(listRef.current ?? []).map((x) => x.id), ...Object.keys(ticketsRef.current)]);
    for (const id of new Set(ns.map((n) => n.ticket_id).filter((x): x is string => !!x))) if (known.has(id)) void loadChat(id);
  }, 250);

  // --- which chat is selected ---
  const selected = useMemo(() => {
    if (!ticketRef) return null;
    return Object.values(tickets).find((x) => x.id === ticketRef || String(x.number) === ticketRef) ?? list?.find((x) => x.id === ticketRef || String(x.number) === ticketRef) ?? null;
  }, [ticketRef, tickets, list]);
  const selectedId = selected?.id ?? null;
  selectedIdRef.current = selectedId;
  useEffect(() => {
    if (ticketRef && !selected) void loadChat(ticketRef);
  }, [ticketRef, selected, loadChat]);

  // --- watching: the selected chat first, then the newest others, within the server's limit ---
  const watchedHere = useRef(new Set<string>());
  const listIds = (list ?? []).map((x) => x.id).join(',');
  useEffect(() => {
    const socket = desk.live;
    if (!socket) return;
    const want = [...new Set([...(selectedId ? [selectedId] : []), ...listIds.split(',').filter(Boolean)])].slice(0, MAX_WATCHED);
    for (const id of [...watchedHere.current]) {
      if (!want.includes(id)) {
        socket.send({ type: 'unwatch', ticket_id: id });
        watchedHere.current.delete(id);
      }
    }
    for (const id of want) {
      if (!watchedHere.current.has(id)) {
        socket.send({ type: 'watch', ticket_id: id });
        watchedHere.current.add(id);
      }
    }
  }, [desk.live, selectedId, listIds]);
  useEffect(() => {
    const socket = desk.live;
    const watched = watchedHere.current;
    return () => {
      for (const id of watched) socket?.send({ type: 'unwatch', ticket_id: id });
      watched.clear();
    };
  }, [desk.live]);

  // --- live frames: the visitor typing, reading, coming and going; colleagues replying ---
  useEffect(
    () =>
      desk.onFrame((f) => {
        const id = typeof f.ticket_id === 'string' ? f.ticket_id : null;
        if (!id) return;
        if (f.type === 'chat') {
          if (f.event === 'typing') {
            if (f.on === true) flagFor(id, 'typing', VISITOR_TYPING_TTL_MS);
            else updateLive(id, () => ({ typing: false }));
          } else if (f.event === 'read' && typeof f.up_to === 'string') {
            const upTo = f.up_to;
            updateLive(id, (l) => ({ visitorReadUpTo: maxId(upTo, l.visitorReadUpTo) }));
          } else if (f.event === 'agent_read' && typeof f.up_to === 'string') {
            // A colleague read the chat (sent by servers that relay agents' receipts): it is no longer unread here.
            const upTo = f.up_to;
            updateLive(id, (l) => ({ sentReadUpTo: maxId(upTo, l.sentReadUpTo) }));
          } else if (f.event === 'visitor' && typeof f.online === 'boolean') {
            const online = f.online;
            updateLive(id, () => ({ online, ...(online ? {} : { typing: false }) }));
          }
        } else if (f.type === 'presence') {
          const agent = String(f.agent_id);
          const set = (name: string | null) =>
            setPresence((p) => {
              const forTicket = { ...(p[id] ?? {}) };
              if (name) forTicket[agent] = name;
              else delete forTicket[agent];
              return { ...p, [id]: forTicket };
            });
          set(f.mode ? String(f.name) : null);
          // 'replying' is repeated while a colleague writes; without it for a while, they stopped.
          const key = `presence:${id}:${agent}`;
          clearTimeout(timers.current.get(key));
          if (f.mode) timers.current.set(key, setTimeout(() => set(null), 8000));
        }
      }),
    [desk, flagFor, updateLive],
  );

  useEffect(() => {
    const onVisibility = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, []);

  // --- read receipts: the agent has the chat open and sees its newest visitor message ---
  const selectedTicket = selectedId ? tickets[selectedId] : undefined;
  const newestVisitorId = lastCustomerMessage(selectedTicket?.messages)?.id ?? null;
  const selectedLive = selectedId ? live[selectedId] : undefined;
  useEffect(() => {
    if (!selectedId || !newestVisitorId || !visible || !desk.live) return;
    const facts = selectedLive?.facts;
    if (!facts || facts === 'none') return;
    if (!newer(newestVisitorId, maxId(selectedLive?.sentReadUpTo, facts.agent_read_up_to))) return;
    // A moment's delay: the watch for a chat just opened must reach the server first, and a glance is not a read.
    const socket = desk.live;
    const timer = setTimeout(() => {
      socket.send({ type: 'chat_read', ticket_id: selectedId, up_to: newestVisitorId });
      updateLive(selectedId, () => ({ sentReadUpTo: newestVisitorId, flash: false }));
    }, 400);
    return () => clearTimeout(timer);
  }, [selectedId, newestVisitorId, visible, desk.live, selectedLive?.facts, selectedLive?.sentReadUpTo, updateLive]);

  const unread = useCallback(
    (id: string): boolean => {
      const tk = tickets[id];
      const l = live[id];
      const facts = l?.facts && l.facts !== 'none' ? l.facts : null;
      if (!tk || !facts) return false;
      if (id === selectedId && visible) return false;
      return newer(lastCustomerMessage(tk.messages)?.id, maxId(facts.agent_read_up_to, l?.sentReadUpTo));
    },
    [tickets, live, selectedId, visible],
  );

  const unreadCount = (list ?? []).filter((x) => unread(x.id)).length;
  const title = `${unreadCount ? `(${unreadCount}) ` : ''}${t('agent.chats.title')} · walletdesk`;
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(() => {
    const original = document.title;
    return () => {
      document.title = original;
    };
  }, []);

  // --- the agent typing: 'replying' while writing (repeated now and then), 'stopped' when idle or sent ---
  const typingState = useRef<{ id: string | null; lastSent: number; idle: ReturnType<typeof setTimeout> | null }>({ id: null, lastSent: 0, idle: null });
  const stopTyping = useCallback(() => {
    const s = typingState.current;
    if (s.idle) clearTimeout(s.idle);
    s.idle = null;
    if (s.id) desk.live?.send({ type: 'stopped', ticket_id: s.id });
    s.id = null;
    s.lastSent = 0;
  }, [desk.live]);
  const startTyping = useCallback(
    (id: string) => {
      const s = typingState.current;
      if (s.id && s.id !== id) stopTyping();
      const now = Date.now();
      if (s.id !== id || now - s.lastSent > TYPING_REPEAT_MS) {
        desk.live?.send({ type: 'replying', ticket_id: id, mode: 'reply' });
        s.id = id;
        s.lastSent = now;
      }
      if (s.idle) clearTimeout(s.idle);
      s.idle = setTimeout(stopTyping, TYPING_IDLE_MS);
    },
    [desk.live, stopTyping],
  );
  useEffect(() => stopTyping, [stopTyping, selectedId]);

  // --- actions ---
  const keys = useRef(new Map<string, string>());
  const setDraft = (id: string, value: string) => {
    keys.current.delete(id); // a changed text is a new message, not a retry of the last one
    if (value) savedDrafts.set(id, value);
    else savedDrafts.delete(id);
    setDrafts((d) => ({ ...d, [id]: value }));
    if (value.trim()) startTyping(id);
    else stopTyping();
  };

  const send = async () => {
    if (!selectedId || busy) return;
    const body = drafts[selectedId] ?? '';
    const chosen = files[selectedId] ?? [];
    if (chosen.some((f) => !f.id)) return; // still uploading
    const attachmentIds = chosen.map((f) => f.id!);
    if (!body.trim() && !attachmentIds.length) return;
    const key = keys.current.get(selectedId) ?? clientKey();
    keys.current.set(selectedId, key);
    setBusy(true);
    setNotice(null);
    try {
      const message = await request<typeof contract.MessageJson, typeof contract.MessageBody>('POST', `/api/v1/tickets/${selectedId}/messages`, { body, public: true, ...(attachmentIds.length ? { attachment_ids: attachmentIds } : {}) }, { headers: { 'idempotency-key': key } });
      keys.current.delete(selectedId);
      stopTyping();
      savedDrafts.delete(selectedId);
      setDrafts((d) => ({ ...d, [selectedId]: '' }));
      setFiles((all) => ({ ...all, [selectedId]: [] }));
      setFileError((all) => ({ ...all, [selectedId]: null }));
      setTickets((all) => {
        const tk = all[selectedId];
        if (!tk || tk.messages.some((m) => m.id === message.id)) return all;
        return { ...all, [selectedId]: { ...tk, messages: [...tk.messages, message] } };
      });
      void loadChat(selectedId);
    } catch (err) {
      setNotice(errorText(t, err));
    } finally {
      setBusy(false);
      composerRef.current?.focus();
    }
  };

  // --- attachments: uploaded as soon as chosen, sent by id with the reply ---
  const attach = async (id: string, list: File[]) => {
    keys.current.delete(id); // other files make another message
    const room = MAX_FILES - (files[id]?.length ?? 0);
    const taken = list.slice(0, Math.max(room, 0));
    setFileError((all) => ({ ...all, [id]: list.length > taken.length ? t('agent.chats.files.too_many', { max: MAX_FILES }) : null }));
    const pending = taken.map((f): PendingFile => ({ key: `f${++fileKeys}`, name: f.name, size: f.size, id: null }));
    setFiles((all) => ({ ...all, [id]: [...(all[id] ?? []), ...pending] }));
    await Promise.all(
      taken.map(async (file, i) => {
        const key = pending[i]!.key;
        try {
          const uploaded = await uploadFile(file);
          setFiles((all) => ({ ...all, [id]: (all[id] ?? []).map((f) => (f.key === key ? { ...f, id: uploaded.id, size: uploaded.size } : f)) }));
        } catch (err) {
          setFiles((all) => ({ ...all, [id]: (all[id] ?? []).filter((f) => f.key !== key) }));
          const text =
            err instanceof ApiError && err.status === 413
              ? t('agent.chats.files.too_large', { name: file.name })
              : t('agent.chats.files.failed', { name: file.name, reason: errorText(t, err) });
          setFileError((all) => ({ ...all, [id]: text }));
        }
      }),
    );
  };
  const detach = (id: string, key: string) => {
    keys.current.delete(id);
    setFiles((all) => ({ ...all, [id]: (all[id] ?? []).filter((f) => f.key !== key) }));
    setFileError((all) => ({ ...all, [id]: null }));
  };

  const change = async (changes: RequestBody<typeof contract.TicketPatch>, done: string): Promise<boolean> => {
    if (!selectedId) return false;
    setNotice(null);
    try {
      await patch<typeof contract.TicketJson, typeof contract.TicketPatch>(`/api/v1/tickets/${selectedId}`, changes);
      setNotice(done);
      await loadChat(selectedId);
      void loadList();
      return true;
    } catch (err) {
      setNotice(errorText(t, err));
      return false;
    }
  };

  const solve = async () => {
    if (!selectedId || !selected) return;
    const order = (list ?? []).map((x) => x.id);
    const next = order[order.indexOf(selectedId) + 1] ?? order.filter((x) => x !== selectedId)[0];
    const done = t('agent.chats.solved', { number: selected.number });
    if (!(await change({ status: 'solved' }, done))) return;
    // The solved chat leaves the list: go on with the next one, and say so where it stays visible.
    setNotice(null);
    setPageNotice(done);
    navigate(next ? `/agent/chats/${next}` : '/agent/chats');
  };

  // --- keyboard: Alt+↑ / Alt+↓ switch chats, wherever the focus is ---
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
      const order = (listRef.current ?? []).map((x) => x.id);
      if (selectedId && !order.includes(selectedId)) order.unshift(selectedId);
      if (!order.length) return;
      e.preventDefault();
      const i = selectedId ? order.indexOf(selectedId) : -1;
      const next = e.key === 'ArrowDown' ? order[Math.min(i + 1, order.length - 1)] : order[Math.max(i - 1, 0)];
      if (next && next !== selectedId) {
        navigate(`/agent/chats/${next}`, { replace: true });
        setTimeout(() => composerRef.current?.focus(), 0);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selectedId]);

  useEffect(() => setNotice(null), [selectedId]);

  const waiting = (list ?? []).filter((x) => !x.assignee_id && x.status !== 'pending').length;

  return (
    <section className={['chats', ticketRef ? 'has-selection' : '', list?.length === 0 ? 'empty' : ''].filter(Boolean).join(' ')} aria-labelledby="chats-title">
      <div className="chat-list-pane">
        <div className="row spread">
          <h1 id="chats-title">{t('agent.chats.title')}</h1>
          {list ? (
            <span className="muted" data-chat-waiting={waiting}>
              {t('agent.chats.waiting', { count: waiting })}
            </span>
          ) : null}
        </div>
        {pageNotice ? (
          <p role="status" className="ok">
            {pageNotice}
          </p>
        ) : null}
        {listError ? (
          <p className="error" role="alert">
            {listError}
          </p>
        ) : null}
        {list === null ? (
          <p aria-busy="true">{t('common.loading')}</p>
        ) : list.length === 0 ? (
          <p className="muted">{t('agent.chats.list_empty')}</p>
        ) : (
          <ul className="chat-list" aria-label={t('agent.chats.list_label')}>
            {list.map((x) => (
              <ChatListItem key={x.id} ticket={tickets[x.id] ?? x} live={live[x.id]} selected={x.id === selectedId} unread={unread(x.id)} desk={desk} />
            ))}
          </ul>
        )}
        <p className="hint chat-keys">{t('agent.chats.keys_hint')}</p>
      </div>
      <div className="chat-pane">
        {ticketRef ? (
          selectedTicket ? (
            <ChatView
              key={selectedTicket.id}
              ticket={selectedTicket}
              live={selectedLive ?? emptyLive()}
              presence={Object.values(presence[selectedTicket.id] ?? {})}
              draft={drafts[selectedTicket.id] ?? ''}
              files={files[selectedTicket.id] ?? []}
              fileError={fileError[selectedTicket.id] ?? null}
              onAttach={(list) => void attach(selectedTicket.id, list)}
              onDetach={(key) => detach(selectedTicket.id, key)}
              onDraft={(v) => setDraft(selectedTicket.id, v)}
              onSend={() => void send()}
              onAssign={() => void change({ assignee_id: desk.me.agent.id }, t('agent.chats.assigned'))}
              onSolve={() => void solve()}
              busy={busy}
              notice={notice}
              composerRef={composerRef}
            />
          ) : loadError[ticketRef] ? (
            <p className="error" role="alert">
              {loadError[ticketRef]}
            </p>
          ) : (
            <p aria-busy="true">{t('common.loading')}</p>
          )
        ) : list && list.length === 0 ? (
          <EmptyChats isAdmin={desk.me.agent.role === 'admin'} />
        ) : (
          <p className="muted chat-pick">{t('agent.chats.pick')}</p>
        )}
      </div>
      <span className="sr-only" aria-live="polite">
        {unreadCount ? t('agent.chats.unread_count', { count: unreadCount }) : ''}
      </span>
    </section>
  );
}

function ChatListItem({ ticket, live, selected, unread, desk }: { ticket: Ticket | TicketView; live: ChatLive | undefined; selected: boolean; unread: boolean; desk: Desk }) {
  const { t, lang } = useLang();
  const last = previewMessage('messages' in ticket ? ticket.messages : undefined);
  const preview = last ? (last.author.type === 'customer' ? last.body : t('agent.chats.preview_from', { name: last.author.name ?? t(`agent.author.${last.author.type}`), text: last.body })) : ticket.subject;
  const name = visitorName(t, ticket, live?.facts ?? null);
  const classes = ['chat-item', selected ? 'selected' : '', unread ? 'unread' : '', live?.flash ? 'flash' : ''].filter(Boolean).join(' ');
  return (
    <li className={classes} data-chat-id={ticket.id} data-unread={unread ? 'true' : 'false'}>
      <Link to={`/agent/chats/${ticket.id}`} aria-current={selected ? 'page' : undefined}>
        <span className="chat-item-top">
          <span className={live?.online ? 'presence-dot online' : 'presence-dot'} title={live?.online ? t('agent.chats.online') : t('agent.chats.offline')}>
            <span className="sr-only">{live?.online ? t('agent.chats.online') : t('agent.chats.offline')}</span>
          </span>
          <strong className="chat-item-name">{name}</strong>
          {unread ? <span className="badge unread-badge">{t('agent.chats.unread')}</span> : null}
          <time dateTime={ticket.updated_at} title={formatTime(ticket.updated_at, lang)}>
            {relativeTime(ticket.updated_at, lang)}
          </time>
        </span>
        <span className="chat-item-preview">{live?.typing ? <em>{t('agent.chats.typing_short')}</em> : preview}</span>
        <span className="chat-item-tags">
          <span className="muted">#{ticket.number}</span>
          {ticket.assignee_id ? (
            ticket.assignee_id === desk.me.agent.id ? (
              <span className="badge">{t('agent.chats.mine')}</span>
            ) : (
              <span className="muted">{agentName(desk, ticket.assignee_id)}</span>
            )
          ) : (
            <span className="badge unassigned-badge">{t('agent.ticket.unassigned')}</span>
          )}
          {ticket.category === 'security' || ticket.priority === 'urgent' ? <span className="badge hot-badge">{t(`agent.category.${ticket.category}`)}</span> : null}
        </span>
      </Link>
    </li>
  );
}

interface ChatViewProps {
  ticket: TicketView;
  live: ChatLive;
  presence: string[];
  draft: string;
  onDraft: (v: string) => void;
  files: PendingFile[];
  fileError: string | null;
  onAttach: (files: File[]) => void;
  onDetach: (key: string) => void;
  onSend: () => void;
  onAssign: () => void;
  onSolve: () => void;
  busy: boolean;
  notice: string | null;
  composerRef: RefObject<HTMLTextAreaElement | null>;
}

function ChatView({ ticket, live, presence, draft, onDraft, files, fileError, onAttach, onDetach, onSend, onAssign, onSolve, busy, notice, composerRef }: ChatViewProps) {
  const { t, lang } = useLang();
  const desk = useDesk();
  const logRef = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  const facts = live.facts && live.facts !== 'none' ? live.facts : null;
  const name = visitorName(t, ticket, live.facts);
  const email = facts?.email || ticket.requester.email;
  const d = ticket.details;
  const closed = ticket.status === 'closed';
  const fileInput = useRef<HTMLInputElement>(null);
  const uploading = files.some((f) => !f.id);
  const canSend = !busy && !uploading && (!!draft.trim() || files.length > 0);

  // Keep the newest message in view, unless the agent scrolled up to read.
  useLayoutEffect(() => {
    const el = logRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [ticket.messages.length, live.typing]);

  let lastAgentReply: Message | undefined;
  for (const m of ticket.messages) if (m.public && m.author.type === 'agent') lastAgentReply = m;
  const seen = !!lastAgentReply && !!live.visitorReadUpTo && !newer(lastAgentReply.id, live.visitorReadUpTo);

  const onKeyDown = (e: ReactKeyboardEvent<HTMLTextAreaElement>) => {
    // Enter inside an input method's composition (pinyin) picks a word, it does not send.
    if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.nativeEvent.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    onSend();
  };

  return (
    <article className="chat-view" aria-labelledby="chat-title" data-ticket-id={ticket.id}>
      <header className="chat-head">
        <div className="row spread">
          <h2 id="chat-title">
            <Link to="/agent/chats" className="chat-back">
              {t('agent.chats.back')}
            </Link>{' '}
            {name}
          </h2>
          <div className="row">
            {ticket.assignee_id !== desk.me.agent.id && !closed ? (
              <button type="button" className="secondary" onClick={onAssign}>
                {t('agent.chats.assign_me')}
              </button>
            ) : null}
            {ticket.status !== 'solved' && !closed ? (
              <button type="button" className="secondary" onClick={onSolve}>
                {t('agent.chats.solve')}
              </button>
            ) : null}
            <Link to={`/agent/tickets/${ticket.number}`}>{t('agent.chats.open_ticket', { number: ticket.number })}</Link>
          </div>
        </div>
        <p className="row chat-badges">
          {facts ? (
            facts.verified ? (
              <span className="badge verified-badge" data-identity="verified">
                {t('agent.chats.verified')}
                {facts.user_id ? <span className="mono"> · {facts.user_id}</span> : null}
              </span>
            ) : (
              <span className="badge unverified-badge" data-identity="unverified" title={t('agent.chats.unverified_hint')}>
                {t('agent.chats.unverified')}
                {facts.claimed_user_id ? <span className="mono"> · {t('agent.chats.claimed', { id: facts.claimed_user_id })}</span> : null}
              </span>
            )
          ) : live.facts === 'none' ? (
            <span className="badge">{t('agent.chats.not_chat')}</span>
          ) : null}
          <span className={live.online ? 'badge online-badge' : 'badge'} data-visitor-online={live.online ? 'true' : 'false'}>
            {live.online ? t('agent.chats.online') : t('agent.chats.offline')}
          </span>
          <span className={`badge status-${ticket.status}`}>{t(`agent.status.${ticket.status}`)}</span>
          {ticket.assignee_id ? (
            <span>{t('agent.ticket.assigned_to', { name: agentName(desk, ticket.assignee_id) })}</span>
          ) : (
            <span className="badge unassigned-badge">{t('agent.ticket.unassigned')}</span>
          )}
        </p>
        {facts && !facts.verified ? <p className="hint">{t('agent.chats.unverified_hint')}</p> : null}
        <dl className="chat-facts">
          <ChatFact label={t('agent.login.email')} value={email} mono />
          <ChatFact label={t('agent.chats.kind_label')} value={facts?.kind ? ((CHAT_KINDS as readonly string[]).includes(facts.kind) ? t(`agent.chats.kind.${facts.kind}`) : facts.kind) : null} />
          <ChatFact label={t('agent.customer.device')} value={d.device} />
          <ChatFact label={t('agent.customer.os')} value={d.os} />
          <ChatFact label={t('agent.customer.app_version')} value={d.app_version} />
          <ChatFact label={t('common.language')} value={facts?.language ?? ticket.language} />
        </dl>
      </header>
      <ol
        className="chat-log"
        ref={logRef}
        role="log"
        aria-live="polite"
        aria-label={t('agent.chats.transcript', { name })}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {ticket.messages.map((m) => {
          const from = !m.public ? 'note' : m.author.type;
          return (
            <li key={m.id} className={`bubble from-${from}`} data-message-id={m.id} data-from={from}>
              <p className="bubble-meta">
                <strong>{m.author.type === 'customer' ? name : (m.author.name ?? t(`agent.author.${m.author.type}`))}</strong>
                {!m.public ? <span className="badge note-badge">{t('agent.ticket.internal_note')}</span> : null}{' '}
                <time dateTime={m.created_at} title={formatTime(m.created_at, lang)}>
                  {new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(new Date(m.created_at))}
                </time>
              </p>
              <p className="body-text">{m.body}</p>
              <AttachmentLinks attachments={m.attachments} />
              {(m.channel_checks ?? [])
                .filter((c) => c.verdict === 'lookalike')
                .map((c) => (
                  <p key={c.value} className="warn" role="note">
                    {t('agent.ticket.lookalike_warning', { value: c.value })} {c.reason[lang === 'zh-CN' ? 'zh-CN' : 'en']}
                  </p>
                ))}
              {m === lastAgentReply && seen ? (
                <p className="seen" data-seen="true">
                  {t('agent.chats.seen')}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <p className="presence chat-typing" aria-live="polite">
        {[...(live.typing ? [t('agent.chats.visitor_typing', { name })] : []), ...presence.map((p) => t('agent.presence.replying', { name: p }))].join(' · ')}
      </p>
      {live.facts === 'none' ? (
        <p className="warn">
          {t('agent.chats.not_chat_hint')} <Link to={`/agent/tickets/${ticket.number}`}>{t('agent.chats.open_ticket', { number: ticket.number })}</Link>
        </p>
      ) : closed ? (
        <p className="muted">{t('agent.reply.closed')}</p>
      ) : (
        <form
          className="reply chat-composer"
          onSubmit={(e) => {
            e.preventDefault();
            onSend();
          }}
        >
          <label htmlFor="chat-reply" className="sr-only">
            {t('agent.chats.reply_label', { name })}
          </label>
          <textarea
            id="chat-reply"
            ref={composerRef}
            rows={3}
            value={draft}
            onChange={(e) => onDraft(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder={t('agent.chats.placeholder')}
            aria-describedby="chat-reply-hint"
          />
          {files.length ? (
            <ul className="file-chips" aria-label={t('agent.chats.files.label')} aria-busy={uploading}>
              {files.map((f) => (
                <li key={f.key} className={f.id ? 'file-chip' : 'file-chip uploading'} data-file-state={f.id ? 'uploaded' : 'uploading'}>
                  <span className="file-chip-name">{f.name}</span> <span className="muted">({fileSize(f.size)})</span>
                  {f.id ? null : <span className="muted"> · {t('agent.chats.files.uploading')}</span>}
                  <button type="button" className="file-chip-remove" onClick={() => onDetach(f.key)} aria-label={t('agent.chats.files.remove', { name: f.name })}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          {fileError ? (
            <p className="error" role="alert">
              {fileError}
            </p>
          ) : null}
          <div className="row spread">
            <p className="hint" id="chat-reply-hint">
              {t('agent.chats.composer_hint')} {t('agent.reply.shield_hint')}
            </p>
            <input
              ref={fileInput}
              type="file"
              multiple
              hidden
              tabIndex={-1}
              aria-label={t('agent.chats.files.attach')}
              onChange={(e) => {
                const chosen = Array.from(e.target.files ?? []);
                e.target.value = ''; // the same file can be chosen again after removing it
                if (chosen.length) onAttach(chosen);
              }}
            />
            <button
              type="button"
              className="secondary"
              onClick={() => fileInput.current?.click()}
              disabled={files.length >= MAX_FILES}
              title={files.length >= MAX_FILES ? t('agent.chats.files.too_many', { max: MAX_FILES }) : undefined}
            >
              {t('agent.chats.files.attach')}
            </button>
            <button type="submit" disabled={!canSend} aria-busy={busy || uploading}>
              {uploading ? t('agent.chats.files.wait') : t('agent.chats.send')}
            </button>
          </div>
        </form>
      )}
      {notice ? (
        <p role="status" className="muted">
          {notice}
        </p>
      ) : null}
    </article>
  );
}

function ChatFact({ label, value, mono }: { label: string; value: string | null | undefined; mono?: boolean }) {
  const { t } = useLang();
  return (
    <div>
      <dt>{label}</dt>
      <dd className={mono && value ? 'mono' : undefined}>{value ? value : <span className="muted">{t('agent.customer.unknown')}</span>}</dd>
    </div>
  );
}

function EmptyChats({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useLang();
  return (
    <div className="card chat-empty">
      <h2>{t('agent.chats.empty_title')}</h2>
      <p>{t('agent.chats.empty_body')}</p>
      {isAdmin ? <Link to="/agent/admin/chat">{t('agent.chats.empty_admin_link')}</Link> : <p className="muted">{t('agent.chats.empty_ask_admin')}</p>}
    </div>
  );
}
