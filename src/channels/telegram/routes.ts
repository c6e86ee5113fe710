/**
 * The Telegram webhook: `POST /telegram/v1/webhook/:accountId`, one per bot, set by `connectAll` with a secret
 * token that every update must carry (X-Telegram-Bot-Api-Secret-Token). A private message becomes a customer
 * message on the sender's latest Telegram ticket of that brand (or a new one), with its photos and documents as
 * attachments through the shield; /start and /verify are answered at once, in groups too. The answer is 200 only
 * once the message is stored: while the database is away it is 503, and Telegram delivers the update again.
 * De-duplication: the bot's account, the chat and the message id (a redelivered update is stored once).
 */
import { isAppError } from '../../core/errors.js';
import type { ContactIdentity } from '../../app/resolve-customer.js';
import { ingestInbound } from '../../app/ingest-inbound.js';
import { uploadAttachment } from '../../app/upload-attachment.js';
import { verifyChannel } from '../../app/official-channels.js';
import { t } from '../../i18n/index.js';
import type { ChannelRoutes, HttpDeps } from '../../http/deps.js';
import { secretMatches, telegramBots, type Bot } from './bots.js';
import { readUpdate, type ReadUpdate } from './update.js';

/** The Bot API serves files of at most 20 MB. */
const TELEGRAM_MAX_FILE = 20 * 1_048_576;

async function answerCommand(deps: HttpDeps, bot: Bot, cmd: Extract<ReadUpdate, { kind: 'command' }>): Promise<void> {
  const brand = (await deps.store.brands.get(bot.account.brandId))?.name ?? '';
  const lang = cmd.language;
  let text: string;
  if (cmd.command === 'start') {
    const reminder = t(lang, 'telegram.reminder', { brand });
    text = cmd.group ? reminder : t(lang, 'telegram.welcome', { brand, reminder });
  } else if (!cmd.argument || !deps.officialChannels) {
    text = t(lang, 'telegram.verify_usage', { bot: bot.username });
  } else {
    // "@handle" alone names a Telegram account; a link, number or address is checked as given.
    const value = /^@[A-Za-z0-9_]{3,64}$/.test(cmd.argument) ? `https://t.me/${cmd.argument.slice(1)}` : cmd.argument;
    const answer = await verifyChannel(deps.officialChannels, value);
    const named = answer.brandInfo?.name ?? brand;
    const key = answer.verdict === 'official' ? 'telegram.verify_official' : answer.verdict === 'lookalike' ? 'telegram.verify_lookalike' : 'telegram.verify_unknown';
    text = t(lang, key, { value: cmd.argument, brand: named });
  }
  await bot.pacer.wait(cmd.chatId);
  await bot.api.sendMessage(cmd.chatId, text, { replyTo: cmd.messageId });
}

async function storeMessage(deps: HttpDeps, bot: Bot, msg: Extract<ReadUpdate, { kind: 'message' }>): Promise<void> {
  const brandId = bot.account.brandId;
  const lang = msg.from.language;
  const from: ContactIdentity = { externalId: `~telegram:${msg.from.id}`, name: msg.from.name, language: lang };
  // The conversation goes on on this customer's latest Telegram ticket of the brand (ingestion reopens a solved
  // one and opens a follow-up of a closed one).
  const customerId = await deps.store.customers.findByIdentity('external', `${brandId}:${from.externalId}`);
  const latest = customerId
    ? (await deps.store.tickets.list({ brandId, requesterId: customerId, channel: ['telegram'] }, { limit: 1, sort: 'updated_desc' })).tickets[0]
    : undefined;

  const attachmentIds: string[] = [];
  const notKept: string[] = [];
  const max = Math.min(deps.config.maxAttachmentBytes, TELEGRAM_MAX_FILE);
  for (const file of msg.files) {
    try {
      if (file.size !== null && file.size > max) throw new Error(`${Math.ceil(file.size / 1_048_576)} MB`);
      const described = await bot.api.getFile(file.fileId);
      if (!described.file_path) throw new Error('not served');
      const bytes = await bot.api.download(described.file_path, max);
      attachmentIds.push((await uploadAttachment(deps, { type: 'customer', id: null }, { filename: file.filename, contentType: file.contentType, bytes }, max)).id);
    } catch (err) {
      if (isAppError(err) && err.code === 'unavailable') throw err;
      notKept.push(t(lang, 'telegram.file_not_kept', { name: file.filename, why: err instanceof Error ? err.message.slice(0, 80) : 'error' }));
    }
  }
  const body = [msg.text || (attachmentIds.length > 0 ? '' : t(lang, 'telegram.photo_only')), ...notKept].filter(Boolean).join('\n\n') || t(lang, 'telegram.photo_only');
  await ingestInbound(deps, {
    brandId,
    channel: 'telegram',
    from,
    ...(customerId ? { customerId } : {}),
    body,
    sourceId: `${bot.account.id}:${msg.sourceId}`,
    ticketId: latest?.id ?? null,
    attachmentIds,
    meta: { telegram: { account_id: bot.account.id, chat_id: msg.chatId, message_id: msg.messageId, update_id: msg.updateId, username: msg.from.username } },
  });
}

export const telegramRoutes: ChannelRoutes = async (app, { deps }) => {
  const bots = telegramBots(deps, { publicUrl: deps.config.publicUrl });

  app.post<{ Params: { accountId: string } }>('/telegram/v1/webhook/:accountId', { config: { rateLimit: false }, schema: { hide: true } }, async (request, reply) => {
    let bot: Bot | null;
    try {
      bot = await bots.get(request.params.accountId);
    } catch (err) {
      // The store or Telegram (getMe) is away: Telegram tries the update again later.
      request.log.warn({ area: 'telegram', err: { message: err instanceof Error ? err.message : String(err) } }, 'bot unavailable');
      return reply.code(503).send({ ok: false });
    }
    if (!bot) return reply.code(404).send({ ok: false });
    if (!secretMatches(bot.secret, request.headers['x-telegram-bot-api-secret-token'] as string | undefined)) return reply.code(401).send({ ok: false });

    const update = readUpdate(request.body, bot.username);
    if (update.kind === 'ignored') return { ok: true };
    if (update.kind === 'command') {
      try {
        await answerCommand(deps, bot, update);
      } catch (err) {
        // An answer Telegram refused (rate limit, bot removed from the group) is not worth a redelivery.
        request.log.warn({ area: 'telegram', err: { message: err instanceof Error ? err.message : String(err) } }, 'command answer not sent');
      }
      return { ok: true };
    }
    try {
      await storeMessage(deps, bot, update);
    } catch (err) {
      if (isAppError(err) && err.code === 'invalid_input') return { ok: true }; // nothing storable: never ask for it again
      throw err; // unavailable → 503 (the error handler), and Telegram delivers again
    }
    return { ok: true };
  });
};
