/**
 * Sends an agent's reply to a Telegram chat the way the Bot API asks bots to behave: at most one message a second
 * to one chat and about thirty a second in all (core.telegram.org/bots/faq), 4,096 characters a message, and on
 * 429 Too Many Requests a pause of exactly the `retry_after` Telegram names. A pause longer than the caller can
 * wait is handed back (`TelegramRetryLater`) so that the durable job queue tries again then, from the part that
 * was not sent yet: nothing is sent twice.
 */
import { TelegramApiError, type BotApi } from './bot-api.js';
import { splitForTelegram } from './split.js';

/** Telegram asked for a pause longer than this send may wait; `sentParts` parts went out before it. */
export class TelegramRetryLater extends Error {
  constructor(
    readonly retryAfterMs: number,
    readonly sentParts: number,
  ) {
    super(`Telegram asked to wait ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = 'TelegramRetryLater';
  }
}

export interface Pacer {
  /** Resolves when a message may go to `chatId`. */
  wait(chatId: number | string): Promise<void>;
}

/** Per-bot pacing in this process: one message a second per chat, `perSecond` in all. */
export function telegramPacer(options: { perChatMs?: number; perSecond?: number; now?: () => number; sleep?: (ms: number) => Promise<void> } = {}): Pacer {
  const perChatMs = options.perChatMs ?? 1000;
  const gapMs = 1000 / (options.perSecond ?? 30);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const lastByChat = new Map<string, number>();
  let lastAny = 0;
  return {
    async wait(chatId) {
      const key = String(chatId);
      // Reserve the slot before sleeping, so that concurrent sends queue behind each other.
      const at = Math.max(now(), (lastByChat.get(key) ?? -Infinity) + perChatMs, lastAny + gapMs);
      lastByChat.set(key, at);
      lastAny = at;
      if (lastByChat.size > 10_000) lastByChat.clear();
      const delay = at - now();
      if (delay > 0) await sleep(delay);
    },
  };
}

/**
 * Sends `text` (split into parts), starting after `alreadySent` parts. Waits out a 429 up to `maxWaitMs` each time;
 * longer, it throws TelegramRetryLater. Other API errors are thrown as they came (a blocked bot answers 403).
 */
export async function sendTelegramReply(
  api: BotApi,
  pacer: Pacer,
  chatId: number | string,
  text: string,
  options: { alreadySent?: number; maxWaitMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<{ messageIds: number[]; parts: number }> {
  const parts = splitForTelegram(text);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  const messageIds: number[] = [];
  for (let i = options.alreadySent ?? 0; i < parts.length; i++) {
    for (;;) {
      await pacer.wait(chatId);
      try {
        messageIds.push((await api.sendMessage(chatId, parts[i]!)).message_id);
        break;
      } catch (err) {
        if (!(err instanceof TelegramApiError) || err.code !== 429) throw err;
        const waitMs = (err.retryAfter ?? 1) * 1000;
        if (waitMs > maxWaitMs) throw new TelegramRetryLater(waitMs, i);
        await sleep(waitMs);
      }
    }
  }
  return { messageIds, parts: parts.length };
}
