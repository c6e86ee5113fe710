/**
 * Agents' public replies (and the desk's automatic replies) on Telegram tickets: sent to the chat the customer
 * last wrote from, through that chat's bot, split and paced (send-reply.ts). A pause Telegram asks for that is
 * longer than a delivery waits makes the delivery fail for now; the job queue tries again, and the parts already
 * sent are remembered in this process so that a retry here does not send them twice.
 */
import type { ChannelSender, OutboundDelivery } from '../../app/ports.js';
import type { TelegramBots } from './bots.js';
import { sendTelegramReply, TelegramRetryLater } from './send-reply.js';

interface TelegramMeta {
  account_id: string;
  chat_id: number;
}

function chatOf(delivery: OutboundDelivery): TelegramMeta | null {
  for (let i = delivery.thread.length - 1; i >= 0; i--) {
    const m = delivery.thread[i]!;
    const tg = m.authorType === 'customer' ? (m.meta.telegram as Partial<TelegramMeta> | undefined) : undefined;
    if (tg && typeof tg.account_id === 'string' && typeof tg.chat_id === 'number') return { account_id: tg.account_id, chat_id: tg.chat_id };
  }
  return null;
}

export function telegramSender(bots: TelegramBots): ChannelSender {
  const sentParts = new Map<string, number>();
  return {
    async send(delivery) {
      const chat = chatOf(delivery);
      if (!chat) throw new Error('the customer has not written from Telegram on this ticket');
      const bot = await bots.get(chat.account_id);
      if (!bot) throw new Error('the Telegram bot of this conversation is disabled or gone');
      try {
        const result = await sendTelegramReply(bot.api, bot.pacer, chat.chat_id, delivery.message.body, {
          alreadySent: sentParts.get(delivery.message.id) ?? 0,
          maxWaitMs: 20_000,
        });
        sentParts.delete(delivery.message.id);
        return { externalId: result.messageIds.join(',') || null };
      } catch (err) {
        if (err instanceof TelegramRetryLater) {
          sentParts.set(delivery.message.id, err.sentParts);
          if (sentParts.size > 10_000) sentParts.clear();
        }
        throw err;
      }
    },
  };
}
