/**
 * The conversation: turns the server's frames into what the view shows, and the visitor's actions into
 * frames. Owns the session token and the outbox (persisted per brand): a message stays in the outbox until
 * its ack, and every (re)connect resends what is left with the same client_id, so nothing is lost or doubled.
 */
import { guessDevice } from '../shared/device';
import { Connection, type ConnState } from './connection';
import { newClientId, type AttachmentInfo, type ChatMessage, type ClientFrame, type Outgoing, type Prechat, type Proof, type ServerFrame, type Welcome } from './protocol';
import { savedState, type Saved } from './saved';
import { pickLang, t, type Lang, type StringKey } from './strings';
import { View, type PendingFile, type Suggestion } from './view';

/** What the host page may set in window.walletdeskChat before the script loads. */
export interface HostConfig {
  identity?: () => Proof | Promise<Proof>;
  device?: { device?: string; os?: string; app_version?: string };
}

export interface ChatOptions {
  origin: string;
  brand: string;
  lang: Lang;
  host: HostConfig;
}

const STATUS_TEXT: Record<ConnState, StringKey | null> = {
  connecting: 'connecting',
  online: null,
  reconnecting: 'reconnecting',
  offline: 'offline',
  unavailable: 'unavailable',
  sign_in: 'sign_in',
};

/** The desk takes at most this many files on one message (a frame with more is refused as malformed). */
const MAX_FILES = 5;

/** Suggestions are looked up this long after the last keystroke. */
const SUGGEST_DELAY_MS = 350;

/** A random key for one attempt at asking for help (the deflection events of one conversation start). */
function attemptKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Typing "off" goes out after this long without a keystroke. */
const TYPING_IDLE_MS = 3000;

/** Device details for the pre-chat frame: the app's own when the host gives them, else the browser's best guess. */
function deviceInfo(given: HostConfig['device']): Pick<Prechat, 'device' | 'os' | 'app_version'> {
  const guess = guessDevice(navigator.userAgent);
  const platform = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform;
  const d = given ?? { device: guess.device, os: guess.os || platform || navigator.platform };
  const out: Record<string, string> = {};
  for (const k of ['device', 'os', 'app_version'] as const) {
    const v = d[k];
    // The desk refuses (closes the socket on) longer values: app_version may have 60 characters.
    if (typeof v === 'string' && v.trim()) out[k] = v.trim().slice(0, 60);
  }
  return out;
}

export class Chat {
  private readonly saved: ReturnType<typeof savedState>;
  private readonly state: Saved;
  private readonly view: View;
  private readonly conn: Connection;
  /** Transcript lines in order, keyed by client_id (visitor's) or id; `id` is null until stored. */
  private entries = new Map<string, { id: string | null; from: ChatMessage['from'] }>();
  private needsPrechat: boolean;
  private pendingPrechat: ClientFrame | null = null;
  private agentReadUpTo: string | null = null;
  private readSent: string | null = null;
  private typingOn = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private files: PendingFile[] = [];
  private unread = 0;
  /** Deflection (issue 17): the attempt's key, whether suggestions were shown in it, and the pending lookup. */
  private attempt = attemptKey();
  private suggestionsShown = false;
  private firstSent = false;
  private suggestTimer: ReturnType<typeof setTimeout> | undefined;
  private suggestAbort: AbortController | null = null;

  constructor(shadow: ShadowRoot, private readonly options: ChatOptions) {
    this.saved = savedState(options.brand);
    this.state = this.saved.load();
    // Without a session the server will ask for the pre-chat step: show it before the socket even opens.
    this.needsPrechat = !this.state.session;
    this.view = new View(shadow, this.state.language ? pickLang(this.state.language) : options.lang, {
      opened: () => {
        this.unread = 0;
        this.conn.start();
        this.markRead();
      },
      prechat: (p) => this.prechat(p.kind, p.language, p.email),
      language: (lang) => {
        this.view.setLang(lang);
        this.state.language = lang;
        this.persist();
      },
      send: (body) => this.send(body),
      typing: () => this.typing(),
      attach: (file) => this.attach(file),
      removeFile: (key) => this.setFiles(this.files.filter((f) => f.key !== key)),
      download: (file) => void this.download(file),
      record: () => void this.record(),
      draft: (text) => this.suggest(text),
      openArticle: (a) => this.reportDeflection('article_opened', a.id),
    });
    this.conn = new Connection({
      origin: options.origin,
      brand: options.brand,
      identity: options.host.identity,
      session: () => this.state.session,
      language: () => this.view.lang,
      lastId: () => [...this.entries.values()].reverse().find((e) => e.id)?.id ?? null,
      frame: (f) => this.onFrame(f),
      state: (s) => this.view.setStatus(STATUS_TEXT[s]),
      sessionLost: () => this.sessionLost(),
    });
    for (const o of this.state.outbox) this.showOutgoing(o);
    this.view.showPrechat(this.needsPrechat);
    document.addEventListener('visibilitychange', () => this.markRead());
    // Leaving the page after suggestions without sending: the attempt was abandoned (perhaps self-served).
    window.addEventListener('pagehide', () => {
      if (this.suggestionsShown && !this.firstSent) this.reportDeflection('request_abandoned', undefined, true);
    });
    // A returning visitor reconnects at once, so a reply that came meanwhile shows on the launcher.
    if (this.state.session) this.conn.start();
  }

  open(): void {
    if (!this.view.isOpen) this.view.open();
  }

  close(): void {
    if (this.view.isOpen) this.view.close();
  }

  private onFrame(f: ServerFrame): void {
    switch (f.type) {
      case 'welcome':
        return this.welcome(f);
      case 'prechat_ok':
        this.needsPrechat = false;
        this.pendingPrechat = null;
        this.view.showPrechat(false);
        this.flush();
        return this.markRead();
      case 'ack':
        return this.showMessage({ ...f.message, client_id: f.client_id }, false);
      case 'message':
        return this.showMessage(f.message, true);
      case 'typing':
        this.view.setTyping(f.on);
        // Never leave "typing…" up if the "off" got lost with a connection.
        clearTimeout(this.agentTypingTimer);
        if (f.on) this.agentTypingTimer = setTimeout(() => this.view.setTyping(false), 30_000);
        return;
      case 'read':
        this.agentReadUpTo = f.up_to;
        return this.drawSeen();
      case 'status':
        return this.showStatus(f.status);
      case 'error':
        return this.error(f.code, f.message, f.client_id);
    }
  }

  private welcome(w: Welcome): void {
    this.state.session = w.session;
    const brand = typeof w.brand === 'string' ? w.brand : w.brand?.name;
    if (brand) this.view.setBrand(brand);
    if (w.limits?.max_chars) this.view.setMaxChars(w.limits.max_chars);
    const c = w.conversation;
    // The record exists once the conversation does: a returning visitor's, or after the first stored message.
    this.view.setRecordable(Boolean(c));
    if (c) {
      for (const m of c.messages) this.showMessage(m, false);
      this.agentReadUpTo = c.agent_read_up_to;
      this.drawSeen();
      this.showStatus(c.status);
    }
    // Stored while we were away (the ack was lost with the connection): no need to resend.
    const stored = new Set(c?.messages.map((m) => m.client_id));
    this.state.outbox = this.state.outbox.filter((o) => !stored.has(o.client_id));
    this.persist();
    // Before the first message the widget says nobody is online; after it, the desk's own message in the
    // transcript says it (with when and how the answer comes), so the notice is not shown twice.
    this.view.setAway(w.agents_online || c ? false : w.reply_within_hours);
    this.needsPrechat = w.needs_prechat;
    if (!this.needsPrechat) {
      this.pendingPrechat = null;
      this.view.showPrechat(false);
      this.flush();
    } else if (this.pendingPrechat) this.conn.send(this.pendingPrechat);
    else this.view.showPrechat(true);
    this.markRead();
  }

  private prechat(kind: Prechat['kind'], language: Lang, email: string): void {
    this.state.language = language;
    this.persist();
    this.pendingPrechat = { type: 'prechat', kind, language, ...(email ? { email } : {}), ...deviceInfo(this.options.host.device) };
    // Sent now if the session is ready, else by welcome().
    this.conn.start();
    this.conn.send(this.pendingPrechat);
  }

  private send(text: string): boolean {
    const body = text.trim();
    // A message waits for its files: sending while one still uploads would drop it.
    if (this.files.some((f) => !f.info && !f.error)) return false;
    const ready = this.files.flatMap((f) => (f.info ? [f.info] : []));
    if (!body && ready.length === 0) return false;
    const o: Outgoing = { client_id: newClientId(), body, attachment_ids: ready.map((a) => a.id), attachments: ready };
    this.setFiles([]);
    this.state.outbox.push(o);
    this.persist();
    this.showOutgoing(o);
    this.stopTyping();
    if (!this.needsPrechat) this.conn.send(this.messageFrame(o));
    this.endAttempt();
    return true;
  }

  /** True until the visitor has a message in this conversation: suggestions are for the first one only. */
  private beforeFirstMessage(): boolean {
    return !this.firstSent && this.state.outbox.length === 0 && ![...this.entries.values()].some((e) => e.from === 'you');
  }

  /** Looks up the brand's public articles for what the visitor is writing, shortly after the last keystroke. */
  private suggest(text: string): void {
    clearTimeout(this.suggestTimer);
    const q = text.trim();
    if (!this.beforeFirstMessage() || q.length < 2) {
      this.suggestAbort?.abort();
      this.view.setSuggestions([]);
      return;
    }
    this.suggestTimer = setTimeout(() => void this.lookUp(q), SUGGEST_DELAY_MS);
  }

  private async lookUp(q: string): Promise<void> {
    this.suggestAbort?.abort();
    const abort = (this.suggestAbort = new AbortController());
    const params = new URLSearchParams({ brand: this.options.brand, q: q.slice(0, 500), locale: this.view.lang });
    try {
      const res = await fetch(`${this.options.origin}/chat/v1/articles?${params}`, { credentials: 'omit', signal: abort.signal });
      if (!res.ok) return;
      const { articles } = (await res.json()) as { articles: Suggestion[] };
      if (abort.signal.aborted || !this.beforeFirstMessage()) return;
      const list = articles.map((a) => ({ ...a, url: new URL(a.url, this.options.origin).href }));
      this.view.setSuggestions(list);
      if (list.length && !this.suggestionsShown) {
        this.suggestionsShown = true;
        this.reportDeflection('suggestion_shown');
      }
    } catch {
      // No suggestions is fine: the visitor can still write.
    }
  }

  /** The first message went out: the attempt ends ("sent" when suggestions were shown) and suggestions go. */
  private endAttempt(): void {
    if (this.firstSent) return;
    this.firstSent = true;
    clearTimeout(this.suggestTimer);
    this.suggestAbort?.abort();
    this.view.setSuggestions([]);
    if (this.suggestionsShown) this.reportDeflection('request_sent');
  }

  /** Tells the desk what became of the suggestions (query string only: a beacon from another site needs no preflight). */
  private reportDeflection(kind: 'suggestion_shown' | 'article_opened' | 'request_sent' | 'request_abandoned', articleId?: string, beacon = false): void {
    const params = new URLSearchParams({ brand: this.options.brand, kind, session_key: this.attempt, ...(articleId ? { article_id: articleId } : {}) });
    const url = `${this.options.origin}/chat/v1/deflection?${params}`;
    if (beacon && navigator.sendBeacon?.(url)) return;
    void fetch(url, { method: 'POST', credentials: 'omit', keepalive: true }).catch(() => undefined);
  }

  private messageFrame(o: Outgoing): ClientFrame {
    return { type: 'message', client_id: o.client_id, body: o.body, ...(o.attachment_ids.length ? { attachment_ids: o.attachment_ids } : {}) };
  }

  /** Sends (again) every message still waiting for its ack. */
  private flush(): void {
    for (const o of this.state.outbox) if (!this.conn.send(this.messageFrame(o))) return;
  }

  private showOutgoing(o: Outgoing): void {
    const key = `c:${o.client_id}`;
    this.entries.set(key, { id: null, from: 'you' });
    this.view.line(key, { from: 'you', author_name: null, body: o.body, attachments: o.attachments, meta: t(this.view.lang, 'sending') });
  }

  /** Adds or updates a stored message; `live` ones from the desk raise the unread count while the chat is unseen. */
  private showMessage(m: ChatMessage, live: boolean): void {
    // A stored message means the conversation (and so its record) exists, from the first ack on.
    this.view.setRecordable(true);
    const key = m.client_id ? `c:${m.client_id}` : `m:${m.id}`;
    const entry = this.entries.get(key);
    if (entry) entry.id = m.id;
    else {
      this.entries.set(key, { id: m.id, from: m.from });
      if (live && m.from !== 'you' && !this.seeing()) this.view.setUnread(++this.unread);
    }
    this.view.line(key, { from: m.from, author_name: m.author_name, body: m.body, attachments: m.attachments ?? [], meta: null });
    if (m.from === 'you' && m.client_id && this.state.outbox.some((o) => o.client_id === m.client_id)) {
      this.state.outbox = this.state.outbox.filter((o) => o.client_id !== m.client_id);
      this.persist();
    }
    if (m.from === 'agent') this.view.setTyping(false);
    this.drawSeen();
    this.markRead();
  }

  /** "Seen" goes under the visitor's last stored message at or before the agents' read pointer. */
  private drawSeen(): void {
    if (!this.agentReadUpTo) return;
    let candidate: string | null = null;
    for (const [key, e] of this.entries) {
      if (e.from === 'you' && e.id) candidate = key;
      if (e.id === this.agentReadUpTo) return this.view.setSeen(candidate);
    }
  }

  private showStatus(status: string): void {
    this.view.notice('status', status === 'solved' ? 'status_solved' : status === 'closed' ? 'status_closed' : null);
  }

  private error(code: string, message: string, clientId?: string): void {
    const o = clientId ? this.state.outbox.find((x) => x.client_id === clientId) : undefined;
    if (o && (code === 'rate_limited' || code === 'unavailable')) {
      // Not stored this time (too fast, or the desk's database blinked): it stays in the outbox and goes again.
      setTimeout(() => this.flush(), 5000);
    } else if (o && code === 'identity_required') {
      // The 4401 close follows; the message stays in the outbox and is resent after the new proof.
    } else if (o) {
      // Refused for good (too long, a bad attachment): say so on the message, and stop resending it.
      this.state.outbox = this.state.outbox.filter((x) => x !== o);
      this.persist();
      this.view.line(`c:${o.client_id}`, { from: 'you', author_name: null, body: o.body, attachments: o.attachments, meta: t(this.view.lang, 'not_sent', { reason: message }), failed: true });
    } else if (this.pendingPrechat && this.needsPrechat) {
      this.view.showPrechat(true, message);
    } else if (code !== 'identity_required') {
      // identity_required is followed by the 4401 close, which the connection handles.
      this.view.notice('error', 'error', { reason: message });
    }
  }

  private sessionLost(): void {
    this.state.session = null;
    this.persist();
    this.entries.clear();
    this.agentReadUpTo = null;
    this.readSent = null;
    this.view.clear();
    this.view.setRecordable(false);
    for (const o of this.state.outbox) this.showOutgoing(o);
    this.needsPrechat = true;
    this.view.showPrechat(!this.pendingPrechat);
    // A new conversation is a new attempt.
    this.attempt = attemptKey();
    this.suggestionsShown = false;
    this.firstSent = false;
  }

  private typing(): void {
    if (!this.typingOn && this.conn.send({ type: 'typing', on: true })) this.typingOn = true;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (this.typingOn) this.conn.send({ type: 'typing', on: false });
    this.typingOn = false;
  }

  private seeing(): boolean {
    return this.view.isOpen && document.visibilityState === 'visible';
  }

  /** Tells the desk the visitor has seen the newest message from it, once per message. */
  private markRead(): void {
    if (!this.seeing() || this.needsPrechat) return;
    let last: string | null = null;
    for (const e of this.entries.values()) if (e.from !== 'you' && e.id) last = e.id;
    if (last && last !== this.readSent && this.conn.send({ type: 'read', up_to: last })) this.readSent = last;
  }

  private attach(file: File): void {
    const full = this.files.filter((f) => !f.error).length >= MAX_FILES;
    const pending: PendingFile = { key: newClientId(), name: file.name, info: null, error: full ? t(this.view.lang, 'too_many_files', { max: MAX_FILES }) : null };
    this.setFiles([...this.files, pending]);
    if (full) return;
    this.conn.upload(file).then(
      (info) => (pending.info = info),
      (err: Error) => (pending.error = err.message),
    ).finally(() => this.setFiles(this.files));
  }

  private setFiles(files: PendingFile[]): void {
    this.files = files;
    this.view.setPendingFiles(files);
  }

  private async download(file: AttachmentInfo): Promise<void> {
    try {
      const url = URL.createObjectURL(await this.conn.download(file.id));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      this.view.notice('download', 'download_failed', { name: file.filename });
    }
  }

  private async record(): Promise<void> {
    try {
      const url = URL.createObjectURL(await this.conn.record());
      const a = document.createElement('a');
      a.href = url;
      a.download = 'walletdesk-record.pdf';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      this.view.notice('download', 'download_failed', { name: 'walletdesk-record.pdf' });
    }
  }

  private persist(): void {
    this.saved.save(this.state);
  }
}
