/**
 * The Telegram channel end to end, on SQLite and PostgreSQL: a bot is set up through the channel-accounts API
 * with its token, the desk sets its webhook (secret token, allowed updates) on a server that speaks the Bot API,
 * updates pushed to that webhook become tickets (once, however often delivered), photos become attachments, a
 * recovery phrase never reaches storage, agents' replies go back through the bot split at 4,096 characters and
 * after the pause a 429 asks for, and in groups the bot answers only /start and /verify.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { drainJobs } from '../helpers/jobs.js';
import { DIALECTS } from '../helpers/stores.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.js';
import { telegramBots } from '../../src/channels/telegram/bots.js';
import { telegramSender } from '../../src/channels/telegram/sender.js';

const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const customer = { id: 5551234, is_bot: false, first_name: 'Wei', last_name: 'Zhang', username: 'weizhang', language_code: 'zh-hans' };
const privateChat = { id: 5551234, first_name: 'Wei', type: 'private' };
let nextUpdate = 700_000;
let nextMessage = 10;
const textUpdate = (text: string, chat: Record<string, unknown> = privateChat, entities?: unknown[]) => ({
  update_id: ++nextUpdate,
  message: { message_id: ++nextMessage, date: 1765100000, chat, from: customer, text, ...(entities ? { entities } : {}) },
});

for (const dialect of DIALECTS) {
  describe(`Telegram channel (${dialect})`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let tg: FakeTelegram;
    let accountId: string;
    before(async () => {
      tg = await startFakeTelegram();
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      const bots = telegramBots(desk.deps, { publicUrl: desk.url });
      desk.deps.senders = { ...desk.deps.senders, telegram: telegramSender(bots) };
    });
    after(async () => {
      await desk?.close();
      await tg?.close();
    });

    const tickets = async () => (await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets?channel=telegram&brand_id=${cast.brandA.id}`)).body.tickets as Array<{ id: string; number: number }>;
    const messagesOf = async (id: string) => (await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets/${id}`)).body.messages as Array<{ body: string; author: { type: string }; attachments: unknown[]; public: boolean }>;

    test('an admin adds the bot with its token; the desk sets its webhook with a secret token and the updates it reads', async () => {
      const created = await api(desk, cast.tokens.admin, 'POST', '/api/v1/channel-accounts', {
        brand_id: cast.brandA.id,
        kind: 'telegram',
        name: 'Support bot',
        settings: { api_url: tg.url },
        secrets: { bot_token: tg.token },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.ok(!JSON.stringify(created.body).includes(tg.token), 'the token is never shown again');
      accountId = created.body.id;
      const results = await telegramBots(desk.deps, { publicUrl: desk.url }).connectAll();
      assert.deepEqual(results, [{ accountId, ok: true }]);
      assert.equal(tg.webhook?.url, `${desk.url}/telegram/v1/webhook/${accountId}`);
      assert.match(tg.webhook?.secret_token ?? '', /^[A-Za-z0-9_-]{20,256}$/);
      assert.deepEqual(tg.webhook?.allowed_updates, ['message']);
    });

    test('a private message becomes a ticket once, however often Telegram delivers it; a wrong secret is refused', async () => {
      const update = textUpdate('转账三天了还没到账，交易一直未确认');
      assert.equal(await tg.pushUpdate(update, 'not-the-secret'), 401);
      assert.equal((await tickets()).length, 0);
      assert.equal(await tg.pushUpdate(update), 200);
      assert.equal(await tg.pushUpdate(update), 200);
      const list = await tickets();
      assert.equal(list.length, 1);
      const messages = await messagesOf(list[0]!.id);
      assert.equal(messages.filter((m) => m.author.type === 'customer').length, 1);
      assert.equal(messages[0]!.body, '转账三天了还没到账，交易一直未确认');
    });

    test('a photo with a caption lands on the same ticket as an attachment; a recovery phrase never reaches storage', async () => {
      const file = tg.addFile(Buffer.from('\x89PNG fake screenshot'), 'photos/file_7.jpg');
      const photo = {
        update_id: ++nextUpdate,
        message: { message_id: ++nextMessage, date: 1765100100, chat: privateChat, from: customer, caption: '错误截图', photo: [{ file_id: file.file_id, file_unique_id: file.file_unique_id, width: 800, height: 600, file_size: 20 }] },
      };
      assert.equal(await tg.pushUpdate(photo), 200);
      assert.equal(await tg.pushUpdate(textUpdate(`恢复的时候提示助记词无效 ${PHRASE}`)), 200);
      const list = await tickets();
      assert.equal(list.length, 1, 'the conversation stays on one ticket');
      const messages = await messagesOf(list[0]!.id);
      assert.ok(messages.some((m) => m.body === '错误截图' && m.attachments.length === 1));
      const all = JSON.stringify(await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets/${list[0]!.id}`));
      assert.ok(!all.includes('sausage'), 'the phrase is not stored');
      // The desk's warning goes back through the bot, in the customer's language.
      const { failures } = await drainJobs(desk.deps);
      assert.deepEqual(failures, []);
      assert.ok(tg.sent.some((m) => m.chat_id === customer.id && /助记词/.test(m.text)), JSON.stringify(tg.sent.map((m) => m.text.slice(0, 40))));
    });

    test("an agent's long reply goes back in parts of at most 4,096 characters, after the pause a 429 asks for", async () => {
      tg.sent.length = 0;
      const [ticket] = await tickets();
      const reply = Array.from({ length: 30 }, (_, i) => `第${i + 1}段：${'请不要重复广播这笔交易，我们正在核实。'.repeat(12)}`).join('\n\n');
      const posted = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticket!.id}/messages`, { body: reply, public: true });
      assert.equal(posted.status, 201, JSON.stringify(posted.body));
      tg.throttleNext(1, 1);
      const { failures } = await drainJobs(desk.deps);
      assert.deepEqual(failures, []);
      const parts = tg.sent.filter((m) => m.chat_id === customer.id);
      assert.ok(parts.length >= 2 && parts.every((m) => m.text.length <= 4096));
      assert.equal(parts.map((m) => m.text).join('\n\n'), reply);
      const stored = (await messagesOf(ticket!.id)).find((m) => m.body === reply) as unknown as { delivery: { status: string } };
      assert.equal(stored.delivery.status, 'sent');
    });

    test('in a group the bot answers /start and /verify and nothing else; nothing from the group is stored', async () => {
      const registry = await api(desk, cast.tokens.admin, 'PUT', `/api/v1/brands/${cast.brandA.id}/channels`, {
        domains: ['satoshiwallet.com'], emails: [], phones: [], handles: [{ platform: 'telegram', handle: 'satoshi_help' }],
      });
      assert.equal(registry.status, 200, JSON.stringify(registry.body));
      desk.deps.officialChannels?.invalidate();
      tg.sent.length = 0;
      const before = (await tickets()).length;
      const group = { id: -1009876, title: 'Satoshi Wallet 用户群', type: 'supergroup' };
      const cmd = (text: string, length: number) => textUpdate(text, group, [{ type: 'bot_command', offset: 0, length }]);
      assert.equal(await tg.pushUpdate(cmd(`/verify@${tg.bot.username} @satoshi_help`, `/verify@${tg.bot.username}`.length)), 200);
      assert.equal(await tg.pushUpdate(cmd('/verify @satoshi_he1p', 7)), 200);
      assert.equal(await tg.pushUpdate(cmd('/start', 6)), 200);
      assert.equal(await tg.pushUpdate(textUpdate('私信我，我帮你找回币', group)), 200);
      const answers = tg.sent.filter((m) => m.chat_id === group.id).map((m) => m.text);
      assert.equal(answers.length, 3, JSON.stringify(answers));
      assert.match(answers[0]!, /✅ @satoshi_help/);
      assert.match(answers[1]!, /@satoshi_he1p/);
      assert.doesNotMatch(answers[1]!, /✅/);
      assert.match(answers[2]!, /绝不会主动私信您/);
      assert.equal((await tickets()).length, before);
    });
  });
}
