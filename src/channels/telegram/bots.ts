/**
 * The bots of the desk: one per Telegram channel account (a brand may have several). Accounts are read from the
 * store when needed, so a bot added in Admin → Channels works without a restart; `connectTelegramBots` sets each
 * enabled bot's webhook (getMe, then setWebhook with a secret token and the update types the desk reads) and is
 * run at start and every minute after.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../app/ports.js';
import { readableSecrets } from '../../app/channel-accounts.js';
import type { ChannelAccount } from '../../app/channel-account-ports.js';
import { botApi, TELEGRAM_API_URL, type BotApi } from './bot-api.js';
import { ALLOWED_UPDATES } from './update.js';
import { telegramPacer, type Pacer } from './send-reply.js';

export interface TelegramOptions {
  /** PUBLIC_URL: where Telegram reaches the desk's webhooks. */
  publicUrl: string;
}

export interface Bot {
  account: ChannelAccount;
  api: BotApi;
  /** The secret token Telegram must send with every update to this bot's webhook. */
  secret: string;
  pacer: Pacer;
  /** The bot's @username (from getMe), which group commands may name. */
  username: string;
}

type BotDeps = Pick<Deps, 'store' | 'secrets'>;

/**
 * The secret Telegram sends back in X-Telegram-Bot-Api-Secret-Token ([A-Za-z0-9_-]): derived from the bot's own
 * token and the account, so nothing more is stored and a new token changes it.
 */
export function webhookSecret(botToken: string, accountId: string): string {
  return createHmac('sha256', botToken).update(`walletdesk-telegram-webhook:${accountId}`).digest('base64url');
}

/** Compares a received secret token in constant time. */
export function secretMatches(expected: string, received: string | undefined): boolean {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function webhookUrl(options: Pick<TelegramOptions, 'publicUrl'>, accountId: string): string {
  return `${options.publicUrl}/telegram/v1/webhook/${encodeURIComponent(accountId)}`;
}

/** Opens and caches bots by account; an account changed in Admin (updated_at) is opened again. */
export function telegramBots(deps: BotDeps, options: TelegramOptions) {
  const cache = new Map<string, Bot>();
  const connected = new Map<string, string>();

  async function open(account: ChannelAccount): Promise<Bot | null> {
    const cached = cache.get(account.id);
    if (cached && cached.account.updatedAt === account.updatedAt) return cached;
    const token = readableSecrets(deps, account)?.bot_token;
    if (!token) return null;
    const apiUrl = typeof account.settings.api_url === 'string' && account.settings.api_url ? account.settings.api_url : TELEGRAM_API_URL;
    const api = botApi({ token, apiUrl });
    const me = await api.getMe();
    const bot: Bot = { account, api, secret: webhookSecret(token, account.id), pacer: cached?.pacer ?? telegramPacer(), username: me.username ?? '' };
    cache.set(account.id, bot);
    return bot;
  }

  return {
    /** The enabled bot of this account, or null (unknown, disabled, not a bot, no token). */
    async get(accountId: string): Promise<Bot | null> {
      const account = await deps.store.channelAccounts.get(accountId);
      if (!account || account.kind !== 'telegram' || !account.enabled) return null;
      return open(account);
    },
    /**
     * Sets the webhook of every enabled bot not yet connected in its current version; returns what happened per
     * account. A bot Telegram refuses (a revoked token) is reported and tried again on the next round.
     */
    async connectAll(): Promise<Array<{ accountId: string; ok: boolean; error?: string }>> {
      const out: Array<{ accountId: string; ok: boolean; error?: string }> = [];
      for (const account of await deps.store.channelAccounts.list({ kind: 'telegram', enabled: true })) {
        if (connected.get(account.id) === account.updatedAt) continue;
        try {
          const bot = await open(account);
          if (!bot) {
            out.push({ accountId: account.id, ok: false, error: 'no bot token' });
            continue;
          }
          await bot.api.setWebhook({ url: webhookUrl(options, account.id), secret_token: bot.secret, allowed_updates: ALLOWED_UPDATES });
          connected.set(account.id, account.updatedAt);
          out.push({ accountId: account.id, ok: true });
        } catch (err) {
          out.push({ accountId: account.id, ok: false, error: err instanceof Error ? err.message : String(err) });
        }
      }
      return out;
    },
  };
}

export type TelegramBots = ReturnType<typeof telegramBots>;
