/**
 * A local server that speaks the Telegram Bot API as its documentation describes (core.telegram.org/bots/api):
 * `POST|GET /bot<token>/<method>` with parameters as JSON, a form or the query string, answering
 * `{"ok": true, "result": …}` or `{"ok": false, "error_code", "description", "parameters"?}`; files at
 * `/file/bot<token>/<file_path>`. It keeps what a bot did (messages sent, the webhook set) for the tests, can be
 * told to answer 429 with `retry_after`, and pushes updates to the webhook the bot set, with the secret token
 * header, as Telegram does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, type Listening } from './http-server.js';

export interface SentMessage {
  chat_id: number | string;
  text: string;
  at: number;
  params: Record<string, unknown>;
}

export interface FakeFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  content: Buffer;
}

export interface FakeTelegram {
  /** Base URL to give the desk as TELEGRAM_API_URL. */
  url: string;
  token: string;
  bot: { id: number; username: string; first_name: string };
  sent: SentMessage[];
  /** Every method call, in order (method name and parameters). */
  calls: Array<{ method: string; params: Record<string, unknown> }>;
  webhook: { url: string; secret_token: string | null; allowed_updates: string[] | null } | null;
  /** The next `count` sendMessage calls answer 429 with this retry_after (seconds). */
  throttleNext(count: number, retryAfter: number): void;
  addFile(content: Buffer, path: string): FakeFile;
  /** POSTs an update to the webhook the bot set, with its secret token; resolves with the HTTP status. */
  pushUpdate(update: unknown, secretOverride?: string | null): Promise<number>;
  close(): Promise<void>;
}

const MAX_TEXT = 4096;

async function readParams(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if (!body) return params;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) Object.assign(params, JSON.parse(body));
  else if (type.includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body)) params[k] = v;
  }
  return params;
}

/** Form and query values are strings; JSON-serialised arrays arrive as text there (as Telegram accepts them). */
function list(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(String);
  try {
    const parsed = JSON.parse(String(value));
    return Array.isArray(parsed) ? parsed.map(String) : null;
  } catch {
    return null;
  }
}

export async function startFakeTelegram(options: { token?: string; username?: string } = {}): Promise<FakeTelegram> {
  const token = options.token ?? '123456789:AAExampleExampleExampleExampleExam';
  const bot = { id: 123456789, username: options.username ?? 'satoshi_support_bot', first_name: 'Satoshi Support' };
  const files = new Map<string, FakeFile>();
  let throttle = { count: 0, retryAfter: 0 };
  let messageId = 100;
  let fileSeq = 0;

  const state: Omit<FakeTelegram, 'url' | 'close' | 'pushUpdate' | 'throttleNext' | 'addFile'> = { token, bot, sent: [], calls: [], webhook: null };

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, code: number, description: string, parameters?: Record<string, unknown>) =>
    answer(res, code, { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) });

  const server: Listening = await listen((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
      if (fileMatch) {
        const file = [...files.values()].find((f) => f.file_path === decodeURIComponent(fileMatch[2]!));
        if (fileMatch[1] !== token || !file) return fail(res, 404, 'Not Found');
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.content.length) });
        return res.end(file.content);
      }
      const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
      if (!m) return fail(res, 404, 'Not Found');
      if (m[1] !== token) return fail(res, 401, 'Unauthorized');
      const method = m[2]!;
      let params: Record<string, unknown>;
      try {
        params = await readParams(req, url);
      } catch {
        return fail(res, 400, "Bad Request: can't parse JSON object");
      }
      state.calls.push({ method, params });
      switch (method) {
        case 'getMe':
          return answer(res, 200, { ok: true, result: { ...bot, is_bot: true, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } });
        case 'setWebhook': {
          const secret = params.secret_token === undefined ? null : String(params.secret_token);
          if (secret !== null && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) return fail(res, 400, 'Bad Request: secret token contains unallowed characters');
          if (typeof params.url !== 'string') return fail(res, 400, 'Bad Request: bad webhook: URL must be provided');
          state.webhook = params.url === '' ? null : { url: params.url, secret_token: secret, allowed_updates: list(params.allowed_updates) };
          return answer(res, 200, { ok: true, result: true, description: params.url === '' ? 'Webhook was deleted' : 'Webhook was set' });
        }
        case 'deleteWebhook':
          state.webhook = null;
          return answer(res, 200, { ok: true, result: true, description: 'Webhook was deleted' });
        case 'getWebhookInfo':
          return answer(res, 200, { ok: true, result: { url: state.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: 0, allowed_updates: state.webhook?.allowed_updates ?? undefined } });
        case 'sendMessage': {
          const text = params.text === undefined ? '' : String(params.text);
          if (params.chat_id === undefined) return fail(res, 400, 'Bad Request: chat_id is empty');
          if (text.trim() === '') return fail(res, 400, 'Bad Request: message text is empty');
          if (text.length > MAX_TEXT) return fail(res, 400, 'Bad Request: message is too long');
          if (throttle.count > 0) {
            throttle.count -= 1;
            return fail(res, 429, `Too Many Requests: retry after ${throttle.retryAfter}`, { retry_after: throttle.retryAfter });
          }
          const chatId = typeof params.chat_id === 'number' ? params.chat_id : /^-?\d+$/.test(String(params.chat_id)) ? Number(params.chat_id) : String(params.chat_id);
          state.sent.push({ chat_id: chatId, text, at: Date.now(), params });
          messageId += 1;
          return answer(res, 200, { ok: true, result: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, from: { ...bot, is_bot: true }, text } });
        }
        case 'getFile': {
          const file = files.get(String(params.file_id));
          if (!file) return fail(res, 400, 'Bad Request: invalid file_id');
          return answer(res, 200, { ok: true, result: { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.content.length, file_path: file.file_path } });
        }
        default:
          return fail(res, 404, 'Not Found: method not found');
      }
    })().catch(() => fail(res, 500, 'Internal Server Error'));
  });

  return Object.assign(state, {
    url: `http://127.0.0.1:${server.port}`,
    throttleNext(count: number, retryAfter: number) {
      throttle = { count, retryAfter };
    },
    addFile(content: Buffer, path: string): FakeFile {
      fileSeq += 1;
      const file = { file_id: `AgAC${fileSeq}xyz`, file_unique_id: `AQAD${fileSeq}`, file_path: path, content };
      files.set(file.file_id, file);
      return file;
    },
    async pushUpdate(update: unknown, secretOverride?: string | null): Promise<number> {
      if (!state.webhook) throw new Error('no webhook set');
      const secret = secretOverride === undefined ? state.webhook.secret_token : secretOverride;
      const res = await fetch(state.webhook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
        body: JSON.stringify(update),
      });
      await res.arrayBuffer();
      return res.status;
    },
    close: () => server.close(),
  });
}
