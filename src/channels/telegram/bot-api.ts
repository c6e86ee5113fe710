/**
 * A small client of the Telegram Bot API (core.telegram.org/bots/api): JSON requests to
 * `<apiUrl>/bot<token>/<method>`, answers `{ok, result}` or `{ok: false, error_code, description, parameters}`.
 * `apiUrl` is TELEGRAM_API_URL (Telegram's by default; a self-hosted Bot API server or a test double otherwise).
 * The token never appears in an error message or a log line: it is part of every URL, so errors name the method.
 */

export const TELEGRAM_API_URL = 'https://api.telegram.org';

/** A refusal or failure the Bot API answered with; `retryAfter` (seconds) comes with 429 Too Many Requests. */
export class TelegramApiError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly description: string,
    readonly retryAfter: number | null = null,
  ) {
    super(`Telegram ${method}: ${code} ${description}`);
    this.name = 'TelegramApiError';
  }
}

export interface TelegramUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TelegramFile {
  file_id: string;
  file_unique_id: string;
  file_size?: number;
  file_path?: string;
}

export interface SentTelegramMessage {
  message_id: number;
  date: number;
  chat: { id: number; type: string };
}

export interface BotApi {
  getMe(): Promise<TelegramUser>;
  setWebhook(params: { url: string; secret_token: string; allowed_updates: readonly string[]; drop_pending_updates?: boolean }): Promise<true>;
  deleteWebhook(): Promise<true>;
  sendMessage(chatId: number | string, text: string, options?: { replyTo?: number }): Promise<SentTelegramMessage>;
  getFile(fileId: string): Promise<TelegramFile>;
  /** Downloads a file getFile described; refuses more than `maxBytes` (the Bot API serves at most 20 MB). */
  download(filePath: string, maxBytes: number): Promise<Buffer>;
}

/** One bot's client. `timeoutMs` bounds each request. */
export function botApi(options: { token: string; apiUrl?: string; timeoutMs?: number; fetch?: typeof fetch }): BotApi {
  const base = (options.apiUrl ?? TELEGRAM_API_URL).replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function call<T>(method: string, params: Record<string, unknown>): Promise<T> {
    let res: Response;
    try {
      res = await doFetch(`${base}/bot${options.token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const why = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'could not connect';
      throw new TelegramApiError(method, 0, why);
    }
    let body: { ok?: boolean; result?: T; error_code?: number; description?: string; parameters?: { retry_after?: number } };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new TelegramApiError(method, res.status, 'the answer was not JSON');
    }
    if (body.ok === true && body.result !== undefined) return body.result;
    const retryAfter = typeof body.parameters?.retry_after === 'number' ? body.parameters.retry_after : null;
    throw new TelegramApiError(method, body.error_code ?? res.status, (body.description ?? 'failed').slice(0, 300), retryAfter);
  }

  return {
    getMe: () => call('getMe', {}),
    setWebhook: (params) => call('setWebhook', { ...params, allowed_updates: [...params.allowed_updates] }),
    deleteWebhook: () => call('deleteWebhook', {}),
    sendMessage: (chatId, text, opts) =>
      call('sendMessage', { chat_id: chatId, text, ...(opts?.replyTo ? { reply_parameters: { message_id: opts.replyTo, allow_sending_without_reply: true } } : {}) }),
    getFile: (fileId) => call('getFile', { file_id: fileId }),
    async download(filePath, maxBytes) {
      let res: Response;
      try {
        res = await doFetch(`${base}/file/bot${options.token}/${filePath.split('/').map(encodeURIComponent).join('/')}`, { signal: AbortSignal.timeout(timeoutMs * 4) });
      } catch {
        throw new TelegramApiError('download', 0, 'could not connect');
      }
      if (!res.ok) throw new TelegramApiError('download', res.status, 'file not served');
      const declared = Number(res.headers.get('content-length') ?? '0');
      if (declared > maxBytes) throw new TelegramApiError('download', 413, `file is ${declared} bytes; at most ${maxBytes}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      if (bytes.length > maxBytes) throw new TelegramApiError('download', 413, `file is ${bytes.length} bytes; at most ${maxBytes}`);
      return bytes;
    },
  };
}
