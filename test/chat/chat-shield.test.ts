/**
 * The pre-chat fields and a claimed user id go through the shield before they are stored in chat_session
 * and shown to agents. Over the real WebSocket protocol, once per database.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startChat, type ChatClient } from '../helpers/chat-client.js';
import { hashToken } from '../../src/core/ids.js';

const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const MARKER = '[recovery phrase removed]';
const TELLTALES = ['sausage', 'winner', 'yellow'];

function assertClean(what: string, value: unknown): void {
  const json = JSON.stringify(value);
  for (const w of TELLTALES) assert.ok(!json.includes(w), `${what} holds "${w}": ${json.slice(0, 400)}`);
}

for (const dialect of DIALECTS) {
  describe(`chat pre-chat fields through the shield (${dialect})`, () => {
    let desk: TestDesk;
    let cast: Cast;
    const clients: ChatClient[] = [];
    before(async () => {
      desk = await startTestDesk(dialect, { chatMaxSocketsPerIp: 1000 });
      cast = await seedCast(desk.deps);
    });
    after(async () => {
      for (const c of clients) c.ws.terminate();
      await desk.close();
    });

    test('name, device, OS, app version and a claimed user id holding a phrase are stored and shown with the marker', async () => {
      const { client, welcome } = await startChat(desk.url, {
        brand: cast.brandB.slug,
        language: 'en',
        identity: { user_id: PHRASE.replaceAll(' ', '-'), user_hash: 'f'.repeat(64) },
      });
      clients.push(client);
      assert.equal(welcome.type, 'welcome', JSON.stringify(welcome));
      assert.equal(welcome.visitor.verified, false);
      client.send({ type: 'prechat', kind: 'technical', language: 'en', name: `Wu ${PHRASE}`, device: PHRASE, os: `Android ${PHRASE}`, app_version: PHRASE });
      await client.next((f) => f.type === 'prechat_ok');
      client.send({ type: 'message', client_id: 'c-shield-1', body: 'The app will not open after the update' });
      await client.next((f) => f.type === 'ack');

      const session = await desk.deps.store.chatSessions.findByTokenHash(hashToken(welcome.session as string));
      assert.ok(session?.ticketId, 'the chat is a ticket');
      assertClean('chat_session', session);
      assert.equal(session.name, `Wu ${MARKER}`);
      assert.equal(session.claimedUserId, MARKER);
      assert.equal(session.details.os, `Android ${MARKER}`);

      const facts = await api(desk, cast.tokens.agentB, 'GET', `/api/v1/tickets/${session.ticketId}/chat`);
      assert.equal(facts.status, 200, JSON.stringify(facts.body));
      assert.equal(facts.body.claimed_user_id, MARKER);
      assertClean('the chat facts', facts.body);
      assertClean('the ticket', (await api(desk, cast.tokens.agentB, 'GET', `/api/v1/tickets/${session.ticketId}`)).body);
    });

    test('a Chinese visitor who sends a phrase reads the marker in Chinese and the automatic reply', async () => {
      const { client, welcome } = await startChat(desk.url, { brand: cast.brandB.slug, language: 'zh-CN' });
      clients.push(client);
      client.send({ type: 'prechat', kind: 'technical', language: 'zh-CN' });
      await client.next((f) => f.type === 'prechat_ok');
      client.send({ type: 'message', client_id: 'c-shield-zh', body: `恢复失败，我的助记词是 ${PHRASE} ，怎么办？` });
      const ack = await client.next((f) => f.type === 'ack');
      assert.equal(ack.message.body, '恢复失败，我的助记词是 【助记词已删除】 ，怎么办？');
      const reply = await client.next((f) => f.type === 'message' && f.message.from === 'system' && /助记词/.test(f.message.body));
      assert.doesNotMatch(reply.message.body, /removed\]/);
      // Agents read the stored form.
      const session = await desk.deps.store.chatSessions.findByTokenHash(hashToken(welcome.session as string));
      const ticket = await api(desk, cast.tokens.agentB, 'GET', `/api/v1/tickets/${session!.ticketId}`);
      assert.ok(ticket.body.messages.some((m: { body: string }) => m.body.includes(MARKER)));
    });

    test('an e-mail address that spells a phrase is refused, and the chat goes on', async () => {
      const { client } = await startChat(desk.url, { brand: cast.brandB.slug, language: 'en' });
      clients.push(client);
      client.send({ type: 'prechat', kind: 'technical', language: 'en', email: `wu@${PHRASE.replaceAll(' ', '.')}.com` });
      const err = await client.next((f) => f.type === 'error');
      assert.equal(err.code, 'invalid_input', JSON.stringify(err));
      assert.match(String(err.message), /recovery phrase/);
      client.send({ type: 'prechat', kind: 'technical', language: 'en', email: 'wu@example.com' });
      await client.next((f) => f.type === 'prechat_ok');
    });
  });
}
