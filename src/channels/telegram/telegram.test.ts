import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeTelegram, type FakeTelegram } from '../../../test/fakes/telegram-bot-api.js';
import { botApi, TelegramApiError } from './bot-api.js';
import { readUpdate, languageOf } from './update.js';
import { splitForTelegram, TELEGRAM_MAX_TEXT } from './split.js';
import { sendTelegramReply, telegramPacer, TelegramRetryLater, type Pacer } from './send-reply.js';

const noPacing: Pacer = { wait: async () => undefined };

describe('Bot API client against a server speaking the Bot API', () => {
  let tg: FakeTelegram;
  before(async () => {
    tg = await startFakeTelegram();
  });
  after(() => tg.close());

  test('getMe, setWebhook with a secret token and allowed updates, sendMessage, getFile and the download', async () => {
    const api = botApi({ token: tg.token, apiUrl: tg.url });
    assert.equal((await api.getMe()).username, tg.bot.username);
    await api.setWebhook({ url: 'http://127.0.0.1:1/telegram/hook', secret_token: 'abc_DEF-123', allowed_updates: ['message'] });
    assert.deepEqual(tg.webhook, { url: 'http://127.0.0.1:1/telegram/hook', secret_token: 'abc_DEF-123', allowed_updates: ['message'] });
    const sent = await api.sendMessage(42, '你好');
    assert.equal(typeof sent.message_id, 'number');
    assert.deepEqual(tg.sent.map((m) => [m.chat_id, m.text]), [[42, '你好']]);
    const file = tg.addFile(Buffer.from('screenshot bytes'), 'photos/file_1.jpg');
    const described = await api.getFile(file.file_id);
    assert.equal(described.file_path, 'photos/file_1.jpg');
    assert.equal((await api.download(described.file_path!, 1000)).toString(), 'screenshot bytes');
    await assert.rejects(api.download(described.file_path!, 5), (e: unknown) => e instanceof TelegramApiError && e.code === 413);
  });

  test('a wrong token is a 401 error that does not contain the token', async () => {
    const api = botApi({ token: '999:wrong-token-value', apiUrl: tg.url });
    await assert.rejects(api.getMe(), (e: unknown) => e instanceof TelegramApiError && e.code === 401 && !e.message.includes('wrong-token-value'));
  });

  test('a 429 carries retry_after; a text over 4,096 characters is refused by the API', async () => {
    const api = botApi({ token: tg.token, apiUrl: tg.url });
    tg.throttleNext(1, 7);
    await assert.rejects(api.sendMessage(1, 'x'), (e: unknown) => e instanceof TelegramApiError && e.code === 429 && e.retryAfter === 7);
    await assert.rejects(api.sendMessage(1, 'x'.repeat(4097)), (e: unknown) => e instanceof TelegramApiError && e.code === 400);
  });

  test('a long reply goes out in parts of at most 4,096 characters, in order, after waiting out a short 429', async () => {
    tg.sent.length = 0;
    const api = botApi({ token: tg.token, apiUrl: tg.url });
    const paragraphs = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}: ${'请先不要重复广播交易。'.repeat(20)}`);
    const text = paragraphs.join('\n\n');
    tg.throttleNext(1, 2);
    const waits: number[] = [];
    const result = await sendTelegramReply(api, noPacing, 77, text, { sleep: async (ms) => void waits.push(ms) });
    assert.deepEqual(waits, [2000]);
    assert.equal(result.parts, tg.sent.length);
    assert.ok(tg.sent.length >= 3);
    assert.ok(tg.sent.every((m) => m.text.length <= TELEGRAM_MAX_TEXT && m.chat_id === 77));
    assert.equal(tg.sent.map((m) => m.text).join('\n\n'), text);
  });

  test('a long 429 is handed back with the parts already sent, and the resend sends only the rest', async () => {
    tg.sent.length = 0;
    const api = botApi({ token: tg.token, apiUrl: tg.url });
    const text = `${'a'.repeat(4000)}\n\n${'b'.repeat(4000)}\n\n${'c'.repeat(100)}`;
    // The first part goes through; the second meets a 30 s pause.
    const pacer: Pacer = { wait: async () => void (tg.sent.length === 1 && tg.throttleNext(1, 30)) };
    let later: TelegramRetryLater | null = null;
    try {
      await sendTelegramReply(api, pacer, 5, text, { maxWaitMs: 10_000 });
    } catch (err) {
      later = err as TelegramRetryLater;
    }
    assert.ok(later instanceof TelegramRetryLater);
    assert.equal(later.retryAfterMs, 30_000);
    assert.equal(later.sentParts, 1);
    await sendTelegramReply(api, noPacing, 5, text, { alreadySent: later.sentParts });
    assert.deepEqual(tg.sent.map((m) => m.text[0]), ['a', 'b', 'c']);
  });
});

test('the pacer spaces messages to one chat by a second and all messages by 1/30 s', async () => {
  let now = 1_000_000;
  const slept: number[] = [];
  const pacer = telegramPacer({ now: () => now, sleep: async (ms) => void slept.push(ms) });
  await pacer.wait(1);
  await pacer.wait(1);
  await pacer.wait(2);
  assert.deepEqual(slept.map(Math.round), [1000, 1033]);
  now += 5000;
  slept.length = 0;
  await pacer.wait(3);
  assert.deepEqual(slept, []);
});

test('splitting never passes 4,096 code units, never cuts an emoji in two, and loses nothing', () => {
  const text = '🙂'.repeat(5000);
  const parts = splitForTelegram(text);
  assert.ok(parts.every((p) => p.length <= TELEGRAM_MAX_TEXT && !/[\ud800-\udbff]$/.test(p) && !/^[\udc00-\udfff]/.test(p)));
  assert.equal(parts.join(''), text);
  assert.deepEqual(splitForTelegram('short'), ['short']);
});

describe('reading updates', () => {
  const BOT = 'satoshi_support_bot';
  const from = { id: 1001, is_bot: false, first_name: '小明', last_name: '王', username: 'xiaoming', language_code: 'zh-hans' };
  const privateChat = { id: 1001, first_name: '小明', type: 'private' };

  test('a private text message becomes a customer message keyed by chat and message id', () => {
    const r = readUpdate({ update_id: 9001, message: { message_id: 12, date: 1765000000, chat: privateChat, from, text: '转账三天了还没到账' } }, BOT);
    assert.equal(r.kind, 'message');
    if (r.kind !== 'message') return;
    assert.equal(r.sourceId, '1001:12');
    assert.equal(r.text, '转账三天了还没到账');
    assert.equal(r.from.name, '小明 王');
    assert.equal(r.from.language, 'zh-CN');
  });

  test('a photo keeps its largest size and its caption; a document keeps its name and type', () => {
    const photo = readUpdate(
      {
        update_id: 9002,
        message: {
          message_id: 13, date: 1765000000, chat: privateChat, from, caption: 'error screen',
          photo: [
            { file_id: 'small', file_unique_id: 's', width: 90, height: 60, file_size: 1000 },
            { file_id: 'large', file_unique_id: 'l', width: 1280, height: 853, file_size: 90000 },
          ],
        },
      },
      BOT,
    );
    assert.ok(photo.kind === 'message' && photo.files[0]!.fileId === 'large' && photo.text === 'error screen');
    const doc = readUpdate(
      { update_id: 9003, message: { message_id: 14, date: 1765000000, chat: privateChat, from, document: { file_id: 'd1', file_unique_id: 'u', file_name: 'log.txt', mime_type: 'text/plain', file_size: 10 } } },
      BOT,
    );
    assert.ok(doc.kind === 'message' && doc.files[0]!.filename === 'log.txt' && doc.files[0]!.contentType === 'text/plain' && doc.text === '');
  });

  test('in a group the bot hears only its commands, addressed to it or to no bot', () => {
    const group = { id: -100200, title: 'Satoshi Wallet 中文群', type: 'supergroup' };
    const msg = (text: string, length: number) => ({ update_id: 1, message: { message_id: 1, date: 1, chat: group, from, text, entities: [{ type: 'bot_command', offset: 0, length }] } });
    assert.deepEqual(readUpdate(msg('/verify@satoshi_support_bot @satoshi_help', 27), BOT), { kind: 'command', command: 'verify', argument: '@satoshi_help', chatId: -100200, messageId: 1, group: true, language: 'zh-CN' });
    assert.equal(readUpdate(msg('/start', 6), BOT).kind, 'command');
    assert.equal(readUpdate(msg('/verify@other_bot @x', 16), BOT).kind, 'ignored');
    assert.equal(readUpdate(msg('/price', 6), BOT).kind, 'ignored');
    assert.deepEqual(readUpdate({ update_id: 2, message: { message_id: 2, date: 1, chat: group, from, text: 'DM me for support' } }, BOT), { kind: 'ignored', reason: 'group message' });
  });

  test('bots, other update types and malformed payloads are ignored with a reason', () => {
    assert.equal(readUpdate({ update_id: 3, message: { message_id: 3, date: 1, chat: privateChat, from: { ...from, is_bot: true }, text: 'hi' } }, BOT).kind, 'ignored');
    assert.deepEqual(readUpdate({ update_id: 4, edited_message: {} }, BOT), { kind: 'ignored', reason: 'update type not handled' });
    assert.equal(readUpdate({ update_id: 'x' }, BOT).kind, 'ignored');
    assert.equal(readUpdate(null, BOT).kind, 'ignored');
    assert.equal(languageOf('zh-TW'), 'zh-CN');
    assert.equal(languageOf('de'), 'en');
  });
});
