/**
 * The widget's link to the desk (docs/chat.md): a WebSocket at /chat/v1/socket, or, after three WebSocket
 * connects in a row fail, the HTTP fallback with a long poll. Both speak in the same frames to the caller, so
 * the conversation logic (chat.ts) does not know which one is in use.
 *
 * It waits for `hello_please` before `hello`, reconnects with backoff, asks the host for a new identity proof
 * on 4401 (HTTP 401), stops on 4403 and 4400, and reports 4404 so the caller can drop its session.
 * Once a proof is configured, it goes with every frame and every HTTP call.
 */
import type { AttachmentInfo, ChatMessage, ClientFrame, Proof, ServerFrame, Welcome } from './protocol';

export type ConnState = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'unavailable' | 'sign_in';

export interface ConnectionHooks {
  origin: string;
  brand: string;
  identity?: () => Proof | Promise<Proof>;
  /** The resume token to send in hello, if any. */
  session(): string | null;
  language(): string;
  /** The id of the newest message the caller has (the HTTP poll's starting point). */
  lastId(): string | null;
  frame(f: ServerFrame): void;
  state(s: ConnState): void;
  /** The server does not know the session (4404): forget it; the next hello starts a new one. */
  sessionLost(): void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const WS_FAILURES_BEFORE_HTTP = 3;
/** HTTP statuses of the fallback, as the socket's closing codes. */
const CLOSE_CODE_OF_STATUS: Record<number, number> = { 400: 4400, 401: 4401, 403: 4403, 404: 4404, 429: 4429 };
const PING_EVERY_MS = 25_000;
/** A socket without hello_please this long after opening is taken for a failed connect (e.g. a proxy that swallows it). */
const HELLO_PLEASE_MS = 10_000;
/** Without any frame for this long (pings are answered), the socket is taken for dead. */
const SILENCE_MS = 70_000;

export class Connection {
  private ws: WebSocket | null = null;
  private mode: 'ws' | 'http' = 'ws';
  /** hello was answered by welcome: frames may flow. */
  private ready = false;
  private stopped = false;
  private wsFailures = 0;
  private attempt = 0;
  private proof: Proof | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private lastFrameAt = 0;
  /** Bumped on every new link, so callbacks of an old socket or poll do nothing. */
  private generation = 0;
  private poll: AbortController | null = null;

  constructor(private readonly hooks: ConnectionHooks) {
    window.addEventListener('online', () => this.retryNow());
    window.addEventListener('offline', () => {
      if (!this.stopped) this.hooks.state('offline');
    });
  }

  start(): void {
    if (this.generation === 0) void this.connect();
  }

  /** True when the frame went out; false while (re)connecting, the caller keeps what must not be lost. */
  send(frame: ClientFrame): boolean {
    if (!this.ready) return false;
    if (this.mode === 'ws') {
      if (this.ws?.readyState !== WebSocket.OPEN) return false;
      this.ws.send(this.encode(frame));
      return true;
    }
    void this.sendHttp(frame, this.generation);
    return true;
  }

  /** Uploads one file to this conversation (POST /chat/v1/attachments). */
  async upload(file: File): Promise<AttachmentInfo> {
    const form = new FormData();
    form.append('file', file, file.name);
    return (await this.call('POST', '/chat/v1/attachments', form)) as AttachmentInfo;
  }

  /** Downloads a file of this conversation; a plain link cannot, as the download needs the session headers. */
  async download(id: string): Promise<Blob> {
    return (await this.call('GET', `/chat/v1/attachments/${encodeURIComponent(id)}`, undefined, { blob: true })) as Blob;
  }

  /** The signed record of this conversation as a PDF (GET /chat/v1/record). */
  async record(): Promise<Blob> {
    return (await this.call('GET', '/chat/v1/record?format=pdf', undefined, { blob: true })) as Blob;
  }

  private async connect(): Promise<void> {
    clearTimeout(this.retryTimer);
    if (this.stopped) return;
    const generation = ++this.generation;
    this.ready = false;
    if (!navigator.onLine) return this.hooks.state('offline');
    // Later attempts keep the state lost() gave them ("reconnecting", or "sign in" after a refused proof).
    if (this.attempt === 0) this.hooks.state('connecting');
    if (this.hooks.identity && !this.proof) {
      try {
        this.proof = await this.hooks.identity();
      } catch {
        return this.lost(generation, 1011);
      }
      if (generation !== this.generation) return;
    }
    if (this.mode === 'http') return this.helloHttp(generation);

    this.ws?.close();
    let ws: WebSocket;
    try {
      ws = new WebSocket(`${this.hooks.origin.replace(/^http/, 'ws')}/chat/v1/socket`);
    } catch {
      // e.g. the host page's CSP forbids the connection
      this.wsFailures++;
      return this.lost(generation, 1006);
    }
    this.ws = ws;
    let greeted = false;
    // A socket that never got as far as hello_please counts towards the switch to HTTP.
    const fail = (code: number) => {
      if (generation !== this.generation) return;
      if (!greeted) this.wsFailures++;
      ws.close();
      this.lost(generation, code);
    };
    setTimeout(() => greeted || fail(1006), HELLO_PLEASE_MS);
    ws.onmessage = (event) => {
      if (generation !== this.generation) return;
      this.lastFrameAt = Date.now();
      let f: ServerFrame;
      try {
        f = JSON.parse(String(event.data)) as ServerFrame;
      } catch {
        return;
      }
      if (f.type === 'hello_please') {
        greeted = true;
        this.wsFailures = 0;
        const session = this.hooks.session();
        const hello: ClientFrame = { type: 'hello', brand: this.hooks.brand, language: this.hooks.language(), ...(session ? { session } : {}) };
        ws.send(this.encode(hello));
        return;
      }
      if (f.type === 'welcome') this.welcomed();
      if (f.type !== 'pong') this.hooks.frame(f);
    };
    ws.onclose = (event) => fail(event.code);
    clearInterval(this.pingTimer);
    this.lastFrameAt = Date.now();
    this.pingTimer = setInterval(() => {
      if (generation !== this.generation || ws.readyState !== WebSocket.OPEN) return;
      if (Date.now() - this.lastFrameAt > SILENCE_MS) fail(1006);
      else if (this.ready) ws.send(this.encode({ type: 'ping' }));
    }, PING_EVERY_MS);
  }

  /** A frame as sent: with the identity proof, once the host gives one, on every frame. */
  private encode(frame: ClientFrame): string {
    return JSON.stringify(this.proof ? { ...frame, identity: this.proof } : frame);
  }

  private welcomed(): void {
    this.ready = true;
    this.attempt = 0;
    this.hooks.state('online');
  }

  /** The link ended with `code` (a WebSocket close code; HTTP statuses are mapped to the same codes). */
  private lost(generation: number, code: number): void {
    if (generation !== this.generation || this.stopped) return;
    this.generation++;
    this.ready = false;
    this.ws = null;
    this.poll?.abort();
    clearInterval(this.pingTimer);
    if (code === 4403 || code === 4400 || (code === 4401 && !this.hooks.identity)) {
      // Not allowed here, or a bug on our side: retrying would fail the same way.
      this.stopped = true;
      this.hooks.state(code === 4401 ? 'sign_in' : 'unavailable');
      return;
    }
    if (code === 4401) this.proof = null;
    if (code === 4404) this.hooks.sessionLost();
    const switching = this.mode === 'ws' && this.wsFailures >= WS_FAILURES_BEFORE_HTTP;
    if (switching) this.mode = 'http';
    const delay = code === 4404 || switching ? 0 : code === 4429 ? 30_000 : Math.min(30_000, 1000 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt++;
    this.hooks.state(code === 4401 ? 'sign_in' : navigator.onLine ? 'reconnecting' : 'offline');
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private retryNow(): void {
    // Only a link that was started and is down: going online must not open a chat nobody asked for.
    if (this.generation > 0 && !this.stopped && !this.ready) void this.connect();
  }

  // --- HTTP fallback ---

  private headers(): Record<string, string> {
    const h: Record<string, string> = {};
    const session = this.hooks.session();
    if (session) h['x-chat-session'] = session;
    if (this.proof && 'token' in this.proof) h['x-chat-identity-token'] = this.proof.token;
    else if (this.proof) {
      h['x-chat-user-id'] = this.proof.user_id;
      h['x-chat-user-hash'] = this.proof.user_hash;
    }
    return h;
  }

  /**
   * One HTTP call with the session and identity headers; a 401 fetches a new proof and tries once more.
   * Throws HttpError (status 0 for a network failure).
   */
  private async call(method: string, path: string, body?: unknown, options: { blob?: boolean; signal?: AbortSignal } = {}): Promise<unknown> {
    for (let round = 0; ; round++) {
      const headers = this.headers();
      const isForm = body instanceof FormData;
      if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
      let res: Response;
      try {
        res = await fetch(this.hooks.origin + path, {
          method,
          headers,
          body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
          signal: options.signal,
          credentials: 'omit',
        });
      } catch (err) {
        throw new HttpError(0, (err as Error).name === 'AbortError' ? 'aborted' : 'network', 'network');
      }
      if (res.status === 401 && round === 0 && this.hooks.identity) {
        this.proof = await this.hooks.identity();
        continue;
      }
      if (res.ok) return options.blob ? res.blob() : res.status === 204 ? null : res.json();
      const e = ((await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null)?.error;
      throw new HttpError(res.status, e?.code ?? 'unavailable', e?.message ?? `HTTP ${res.status}`);
    }
  }

  /**
   * Maps a failed call to what a socket would have done: an error frame for a refused prechat or message (too
   * long, rate limited: that frame's problem, not the link's), else losing the link.
   */
  private failed(generation: number, err: unknown, frame?: ClientFrame): void {
    const e = err instanceof HttpError ? err : new HttpError(0, 'network', String(err));
    if (e.code === 'aborted') return;
    const clientId = frame?.type === 'message' ? { client_id: frame.client_id } : {};
    if (frame && (e.status === 400 || e.status === 413 || (e.status === 429 && frame.type === 'message'))) {
      this.hooks.frame({ type: 'error', code: e.code, message: e.message, ...clientId });
    } else this.lost(generation, CLOSE_CODE_OF_STATUS[e.status] ?? 1006);
  }

  private async helloHttp(generation: number): Promise<void> {
    try {
      const session = this.hooks.session();
      const welcome = (await this.call('POST', '/chat/v1/session', { brand: this.hooks.brand, language: this.hooks.language(), ...(session ? { session } : {}) })) as Welcome;
      if (generation !== this.generation) return;
      this.welcomed();
      this.hooks.frame({ type: 'welcome', ...welcome });
      void this.pollLoop(generation);
    } catch (err) {
      this.failed(generation, err);
    }
  }

  private async sendHttp(frame: ClientFrame, generation: number): Promise<void> {
    try {
      if (frame.type === 'prechat') {
        const { type: _type, ...body } = frame;
        await this.call('POST', '/chat/v1/prechat', body);
        this.hooks.frame({ type: 'prechat_ok' });
      } else if (frame.type === 'message') {
        const { type: _type, ...body } = frame;
        const { message } = (await this.call('POST', '/chat/v1/messages', body)) as { message: ChatMessage };
        this.hooks.frame({ type: 'ack', client_id: frame.client_id, message });
      } else if (frame.type === 'typing') await this.call('POST', '/chat/v1/typing', { on: frame.on });
      else if (frame.type === 'read') await this.call('POST', '/chat/v1/read', { up_to: frame.up_to });
    } catch (err) {
      // Typing and read hints are not worth a reconnect.
      if (frame.type === 'typing' || frame.type === 'read') return;
      this.failed(generation, err, frame);
    }
  }

  private async pollLoop(generation: number): Promise<void> {
    let after = this.hooks.lastId();
    let seen = { read: undefined as string | null | undefined, typing: false, status: undefined as string | undefined };
    while (generation === this.generation) {
      const poll = (this.poll = new AbortController());
      // The server answers within 25 s; a call still open at 40 s went through a dead network.
      const timeout = setTimeout(() => poll.abort(), 40_000);
      try {
        const r = (await this.call('GET', `/chat/v1/messages?wait=25${after ? `&after=${encodeURIComponent(after)}` : ''}`, undefined, { signal: poll.signal })) as {
          messages: ChatMessage[];
          agent_read_up_to: string | null;
          agent_typing: boolean;
          status: string;
        };
        if (generation !== this.generation) return;
        for (const message of r.messages) {
          this.hooks.frame({ type: 'message', message });
          after = message.id;
        }
        if (r.agent_read_up_to && r.agent_read_up_to !== seen.read) this.hooks.frame({ type: 'read', up_to: r.agent_read_up_to });
        if (r.agent_typing !== seen.typing) this.hooks.frame({ type: 'typing', on: r.agent_typing });
        if (seen.status !== undefined && r.status !== seen.status) this.hooks.frame({ type: 'status', status: r.status });
        seen = { read: r.agent_read_up_to, typing: r.agent_typing, status: r.status };
      } catch (err) {
        const aborted = err instanceof HttpError && err.code === 'aborted';
        if (aborted && generation === this.generation && !this.stopped) this.lost(generation, 1006);
        else this.failed(generation, err);
        return;
      } finally {
        clearTimeout(timeout);
      }
    }
  }
}
