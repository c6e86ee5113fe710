/**
 * The Telegram channel module: a bot per brand (a channel account holding the bot's token), its webhook
 * (routes.ts), replies through the bot (sender.ts). Setting a bot up is pasting its token in Admin → Channels:
 * within a minute the desk calls getMe and setWebhook (with a secret token and the update types it reads); the
 * same runs at start. `api_url` points a bot at a Bot API-compatible server instead of Telegram's.
 */
import { Type } from '@sinclair/typebox';
import type { ChannelModule } from '../channel.js';
import { telegramBots } from './bots.js';
import { telegramRoutes } from './routes.js';
import { telegramSender } from './sender.js';

export const TelegramAccountSettings = Type.Object(
  {
    api_url: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 300, description: 'A Bot API server; empty: Telegram’s (https://api.telegram.org)' })),
  },
  { additionalProperties: false },
);

const CONNECT_EVERY_MS = 60_000;

export const telegramChannel: ChannelModule = {
  kind: 'telegram',
  channel: 'telegram',
  routes: telegramRoutes,
  settings: { kind: 'telegram', schema: TelegramAccountSettings, secretFields: ['bot_token'], requiredSecrets: ['bot_token'] },
  async start({ deps, config, log }) {
    const bots = telegramBots(deps, { publicUrl: config.publicUrl });
    const connect = async () => {
      for (const r of await bots.connectAll()) {
        if (r.ok) log.info({ area: 'telegram', account: r.accountId }, 'telegram webhook set');
        else log.warn({ area: 'telegram', account: r.accountId, reason: r.error }, 'telegram bot not connected; trying again in a minute');
      }
    };
    await connect().catch((err: unknown) => log.warn({ area: 'telegram', err: { message: err instanceof Error ? err.message : String(err) } }, 'telegram bots not read'));
    const timer = setInterval(() => void connect().catch(() => undefined), CONNECT_EVERY_MS);
    timer.unref();
    return { sender: telegramSender(bots), stop: async () => clearInterval(timer) };
  },
};
