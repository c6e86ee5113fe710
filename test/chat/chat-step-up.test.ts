/**
 * Step-ups in live chat (issue 18), over the real WebSocket protocol, once per database: a code the visitor types
 * is checked and stored only as a marker (the shield does not take it for a secret); a signed-in visitor's chat is
 * app verified; the provider's app confirms a verification link with the same HMAC proof as the widget.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashToken } from '../../src/core/ids.js';
import { userHash } from '../../src/channels/chat/chat-identity.js';
import { emailSender, type EmailSender } from '../../src/channels/email/sender.js';
import { emailTokens } from '../../src/channels/email/tokens.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startChat, type ChatClient } from '../helpers/chat-client.js';
import { startSmtpSink, type SmtpSink } from '../email/smtp-sink.js';

for (const dialect of DIALECTS) {
  describe(`step-ups in chat (${dialect})`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let sink: SmtpSink;
    let sender: EmailSender;
    const clients: ChatClient[] = [];
    before(async () => {
      desk = await startTestDesk(dialect, { chatMaxSocketsPerIp: 1000 });
      cast = await seedCast(desk.deps);
      sink = await startSmtpSink();
      sender = emailSender({ relay: sink.url, tokens: emailTokens('chat-step-up'), supportEmail: 'desk@default.example', files: desk.deps.files });
      desk.deps.senders = { ...desk.deps.senders, email: sender };
    });
    after(async () => {
      for (const c of clients) c.ws.terminate();
      sender.close();
      await sink.close();
      await desk.close();
    });

    async function openChat(hello: Record<string, unknown> = {}) {
      const { client, welcome } = await startChat(desk.url, { brand: cast.brandB.slug, language: 'en', ...hello });
      clients.push(client);
      assert.equal(welcome.type, 'welcome', JSON.stringify(welcome));
      // A signed-in visitor proves the identity on every frame.
      const proof = hello.identity ? { identity: hello.identity } : {};
      client.send({ type: 'prechat', kind: 'stolen', language: 'en', ...proof });
      await client.next((f) => f.type === 'prechat_ok');
      client.send({ type: 'message', client_id: 'c-first-0001', body: 'Someone is draining my wallet, please help', ...proof });
      await client.next((f) => f.type === 'ack');
      const session = (await desk.deps.store.chatSessions.findByTokenHash(hashToken(welcome.session as string)))!;
      return { client, session, ticketId: session.ticketId! };
    }

    test('a code typed in the chat passes and is stored only as a marker, not as a secret', async () => {
      const { client, session, ticketId } = await openChat();
      // The visitor's e-mail on file (set here directly: adding one through the API needs a verified customer).
      await desk.deps.store.customers.addIdentity(session.customerId, 'email', 'chat-visitor@example.com', new Date().toISOString());
      const started = await api(desk, cast.tokens.agentB, 'POST', `/api/v1/tickets/${ticketId}/step-ups`, { method: 'email_code' });
      assert.equal(started.status, 201, JSON.stringify(started.body));
      const code = /(\d{6})/.exec(sink.mails.at(-1)!.parsed.text ?? '')![1]!;

      client.send({ type: 'message', client_id: 'c-code-00001', body: ` ${code} ` });
      const ack = await client.next((f) => f.type === 'ack');
      assert.equal(ack.message.body, '[verification code entered: accepted]');
      const messages = await api(desk, cast.tokens.agentB, 'GET', `/api/v1/tickets/${ticketId}/messages`);
      assert.ok(!JSON.stringify(messages.body).includes(code), 'the thread never holds the code');
      const events = (await api(desk, cast.tokens.agentB, 'GET', `/api/v1/tickets/${ticketId}/events`)).body.events as Array<{ type: string }>;
      assert.ok(!events.some((e) => e.type === 'secret.redacted'), 'the shield did not take the code for a secret');
      assert.ok(events.some((e) => e.type === 'step_up.passed'));
      const v = (await api(desk, cast.tokens.agentB, 'GET', `/api/v1/tickets/${ticketId}/verification`)).body;
      assert.equal(v.conversation_level, 'contact');

      client.send({ type: 'message', client_id: 'c-code-00002', body: code });
      const again = await client.next((f) => f.type === 'ack');
      assert.equal(again.message.body, '[verification code entered: this check is already closed]', 'used once; the repeat is not stored either');
    });

    test('a signed-in visitor is app verified, and the app confirms a verification link with its HMAC proof', async () => {
      const secret = await api(desk, cast.tokens.admin, 'POST', `/api/v1/brands/${cast.brandB.id}/chat-secret`);
      assert.equal(secret.status, 200, JSON.stringify(secret.body));
      const userId = 'user-42';
      const { ticketId } = await openChat({ identity: { user_id: userId, user_hash: userHash(secret.body.secret, userId) } });
      const v = (await api(desk, cast.tokens.agentB, 'GET', `/api/v1/tickets/${ticketId}/verification`)).body;
      assert.equal(v.conversation_level, 'app');
      assert.deepEqual(v.sources, [{ level: 'app', how: 'chat_identity', weak: false }]);

      const started = await api(desk, cast.tokens.agentB, 'POST', `/api/v1/tickets/${ticketId}/step-ups`, { method: 'app_link' });
      assert.equal(started.status, 201, JSON.stringify(started.body));
      const token = /#([A-Za-z0-9_-]+)$/.exec(started.body.link)![1]!;
      const page = (body: unknown) => api(desk, null, 'POST', '/api/v1/help/identity/app', body, { 'x-identity-token': token });
      const other = await page({ user_id: 'user-43', user_hash: userHash(secret.body.secret, 'user-43') });
      assert.equal(other.body.passed, false, 'another user of the app does not pass');
      const forged = await page({ user_id: userId, user_hash: 'ab'.repeat(32) });
      assert.equal(forged.body.passed, false);
      const ok = await page({ user_id: userId, user_hash: userHash(secret.body.secret, userId) });
      assert.equal(ok.body.passed, true, JSON.stringify(ok.body));
      const after = (await api(desk, cast.tokens.agentB, 'GET', `/api/v1/tickets/${ticketId}/verification`)).body;
      assert.equal(after.step_ups[0].result, 'app_hmac');
      assert.equal(after.customer_level, 'app');
    });
  });
}
