/**
 * A NUL character (U+0000) in anything a customer sends is dropped at the store, the same on both stores, on
 * every channel: PostgreSQL cannot store it, so before this the message was refused for ever (SMTP 451 until
 * the sender bounced it, chat "unavailable", HTTP 500).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startChat, type ChatClient } from '../helpers/chat-client.js';
import { DIALECTS } from '../helpers/stores.js';
import { startEmailDesk, type EmailDesk } from '../email/email-desk.js';

const N = '\u0000';
const b64 = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;
const noNul = (value: unknown) => assert.ok(!JSON.stringify(value).includes('\\u0000'), `no NUL in ${JSON.stringify(value).slice(0, 300)}`);

for (const dialect of DIALECTS) {
  describe(`NUL characters over HTTP and chat (${dialect})`, () => {
    let desk: TestDesk;
    let cast: Cast;
    const clients: ChatClient[] = [];
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
    });
    after(async () => {
      for (const c of clients) c.ws.terminate();
      await desk.close();
    });

    test('the API stores a ticket, a reply and a search with NUL in every text field', async () => {
      const created = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', {
        subject: `Withdrawal${N} stuck`,
        body: `My with${N}drawal has not arrived`,
        requester: { email: 'nul@example.com', name: `Nu${N}ll`, external_id: `ext${N}1` },
        tags: ['nul'],
        details: { device: `Pixel${N} 8` },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.subject, 'Withdrawal stuck');
      const reply = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${created.body.id}/messages`, { body: `On${N} it`, public: false });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      const full = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${created.body.id}`);
      noNul(full.body);
      assert.equal(full.body.messages[0].body, 'My withdrawal has not arrived');
      const search = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets?q=${encodeURIComponent(`with${N}drawal`)}`);
      assert.equal(search.status, 200);
      assert.equal(search.body.tickets.length, 1);
    });

    test('the help-center form stores a request with NUL in its fields', async () => {
      const res = await api(desk, null, 'POST', '/api/v1/help/requests', {
        brand: 'satoshi',
        language: 'en',
        email: 'form@example.com',
        name: `Fo${N}rm`,
        kind: 'how_to',
        description: `How do I back${N} up?`,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const token = (res.body.status_path as string).split('#')[1]!;
      const view = await api(desk, null, 'GET', '/api/v1/portal/request', undefined, { 'x-portal-token': token });
      assert.equal(view.status, 200);
      noNul(view.body);
      const answer = await api(desk, null, 'POST', '/api/v1/portal/request/messages', { body: `more${N}info` }, { 'x-portal-token': token });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
    });

    test('a chat message with NUL is acknowledged and stored', async () => {
      const { client, welcome } = await startChat(desk.url, { brand: cast.brandA.slug, language: 'en' });
      clients.push(client);
      assert.equal(welcome.type, 'welcome', JSON.stringify(welcome));
      client.send({ type: 'prechat', kind: 'how_to', language: 'en', email: 'chat@example.com', device: `Pi${N}xel`, os: 'Android', app_version: '1' });
      await client.next((f) => f.type === 'prechat_ok' || f.type === 'error');
      client.send({ type: 'message', client_id: 'nul-client-1', body: `hello${N} there` });
      const ack = await client.next((f) => f.type === 'ack' || f.type === 'error' || f.type === 'unavailable');
      assert.equal(ack.type, 'ack', JSON.stringify(ack));
      assert.equal(ack.message.body, 'hello there');
      const stored = await desk.deps.store.messages.get(ack.message.id as string);
      assert.equal(stored?.body, 'hello there');
    });
  });

  describe(`NUL characters over SMTP (${dialect})`, () => {
    let desk: EmailDesk;
    before(async () => {
      desk = await startEmailDesk(dialect);
    });
    after(async () => desk.close());

    test('a mail with NUL in its subject, sender name, headers and body is accepted and stored', async () => {
      const raw = [
        `From: ${b64(`Wang${N} Wei`)} <wang@mail.example>`,
        'To: help@satoshi.example',
        `Subject: ${b64(`提币${N}没到账`)}`,
        'Message-ID: <nul-1@mail.example>',
        `X-Mailer: Mail${N}er`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'My with=00drawal is stuck',
        '',
      ].join('\r\n');
      const reply = await desk.sendRaw(raw);
      assert.match(reply, /^250/);
      const message = await desk.store.messages.findBySource('email', '<nul-1@mail.example>');
      assert.ok(message);
      assert.match(message.body, /My withdrawal is stuck/);
      noNul(message);
      const ticket = await desk.store.tickets.get(message.ticketId);
      assert.equal(ticket?.subject, '提币没到账');
    });
  });
}
