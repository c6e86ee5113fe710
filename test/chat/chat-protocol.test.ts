import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { SignJWT } from 'jose';
import { DIALECTS } from '../helpers/stores.js';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { connectChat, startChat, type ChatClient } from '../helpers/chat-client.js';
import { userHash } from '../../src/channels/chat/chat-identity.js';

const cid = () => `c${Math.random().toString(36).slice(2, 12)}`;

/** Signs in like the console and opens its live socket (which also makes the agent "online"). */
async function console_(desk: TestDesk, email: string) {
  const res = await fetch(`${desk.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const ws = new WebSocket(`${desk.url.replace('http', 'ws')}/api/v1/live`, { headers: { cookie } });
  const frames: Array<Record<string, any>> = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  ws.on('message', (d) => frames.push(JSON.parse(String(d))));
  await new Promise((r) => ws.once('open', r));
  for (let i = 0; i < 100 && !frames.some((f) => f.type === 'ready'); i++) await new Promise((r) => setTimeout(r, 20));
  const waitFor = async (pred: (f: Record<string, any>) => boolean) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    for (let i = 0; i < 200; i++) {
      const f = frames.find(pred);
      if (f) return f;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`console got no matching frame: ${JSON.stringify(frames).slice(0, 1500)}`);
  };
  return { ws, frames, waitFor, send: (f: unknown) => ws.send(JSON.stringify(f)) };
}

for (const dialect of DIALECTS) {
  describe(`live chat over WebSocket (${dialect})`, () => {
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
    const chat = async (hello: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const r = await startChat(desk.url, hello, headers);
      clients.push(r.client);
      return r;
    };

    test('a visitor chats with an agent: pre-chat, ack, reply, typing, read receipts, and resend without duplicates', async () => {
      const agent = await console_(desk, 'li@desk.example');
      const waiting = async () => (await api(desk, cast.tokens.agentA, 'GET', '/api/v1/views')).body.chats_waiting as number;
      try {
        const waitingBefore = await waiting();
        const { client, welcome } = await chat({ brand: cast.brandA.slug, language: 'en' });
        assert.equal(welcome.type, 'welcome');
        assert.equal(welcome.conversation, null);
        assert.equal(welcome.needs_prechat, true);
        assert.equal(welcome.visitor.verified, false);
        assert.equal(welcome.agents_online, true, 'the agent has the console open');
        assert.match(welcome.session, /^[A-Za-z0-9_-]{40,}$/);

        client.send({ type: 'prechat', kind: 'transaction', language: 'en', email: 'Visitor@Example.com', device: 'Pixel 8', os: 'Android 15', app_version: '4.2.0' });
        await client.next((f) => f.type === 'prechat_ok');
        const clientId = cid();
        client.send({ type: 'message', client_id: clientId, body: 'My withdrawal has been pending for 2 days' });
        const ack = await client.next((f) => f.type === 'ack');
        assert.equal(ack.client_id, clientId);
        assert.equal(ack.message.from, 'you');

        const created = await agent.waitFor((f) => f.type === 'notice' && f.notice.type === 'ticket.created');
        const ticketId = created.notice.ticket_id as string;
        const ticket = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticketId}`)).body;
        assert.equal(ticket.channel, 'chat');
        assert.equal(ticket.category, 'transaction');
        assert.deepEqual([ticket.details.device, ticket.details.os, ticket.details.app_version], ['Pixel 8', 'Android 15', '4.2.0']);
        assert.ok(ticket.tags.includes('unverified'));
        assert.equal(await waiting(), waitingBefore + 1, 'the console counts the chat as waiting');

        // The same client id again (a resend after a lost ack): the same message, stored once.
        client.send({ type: 'message', client_id: clientId, body: 'My withdrawal has been pending for 2 days' });
        const again = await client.next((f) => f.type === 'ack');
        assert.equal(again.message.id, ack.message.id);

        // Agent watches the chat: visitor typing reaches the console; agent typing reaches the visitor, notes don't.
        agent.send({ type: 'watch', ticket_id: ticketId });
        await new Promise((r) => setTimeout(r, 100));
        client.send({ type: 'typing', on: true });
        await agent.waitFor((f) => f.type === 'chat' && f.event === 'typing' && f.on === true);
        agent.send({ type: 'replying', ticket_id: ticketId, mode: 'note' });
        agent.send({ type: 'replying', ticket_id: ticketId, mode: 'reply' });
        const typing = await client.next((f) => f.type === 'typing');
        assert.equal(typing.on, false, 'a note being written is not shown as typing');
        assert.equal((await client.next((f) => f.type === 'typing')).on, true);

        await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'internal: check the mempool', public: false });
        const reply = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Please send me the txid <b>here</b>', public: true });
        assert.equal(reply.status, 201);
        const got = await client.next((f) => f.type === 'message' && f.message.from === 'agent');
        assert.equal(got.message.body, 'Please send me the txid <b>here</b>');
        assert.equal(got.message.author_name, '李客服');
        assert.ok(!client.frames.some((f) => f.type === 'message' && /internal/.test(f.message.body)), 'internal notes never reach the visitor');

        client.send({ type: 'read', up_to: got.message.id });
        const seen = await agent.waitFor((f) => f.type === 'chat' && f.event === 'read');
        assert.equal(seen.up_to, got.message.id);
        agent.send({ type: 'chat_read', ticket_id: ticketId, up_to: ack.message.id });
        assert.equal((await client.next((f) => f.type === 'read')).up_to, ack.message.id);

        const facts = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticketId}/chat`)).body;
        assert.equal(facts.verified, false);
        assert.equal(facts.online, true);
        assert.equal(facts.email, 'visitor@example.com');
        assert.equal(facts.visitor_read_up_to, got.message.id);
        const other = await api(desk, cast.tokens.agentB, 'GET', `/api/v1/tickets/${ticketId}/chat`);
        assert.equal(other.status, 404, "another brand's agent learns nothing about the chat");

        // Reload: a new socket with the session token resumes the whole conversation.
        client.ws.close();
        const resumed = await chat({ brand: cast.brandA.slug, session: welcome.session });
        assert.equal(resumed.welcome.session, welcome.session);
        const bodies = resumed.welcome.conversation.messages.map((m: { from: string; body: string }) => `${m.from}:${m.body}`);
        assert.deepEqual(bodies.filter((b: string) => !b.startsWith('system:')), ['you:My withdrawal has been pending for 2 days', 'agent:Please send me the txid <b>here</b>']);
        assert.equal(resumed.welcome.conversation.agent_read_up_to, ack.message.id);
        const messages = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticketId}`)).body.messages as Array<{ author: { type: string } }>;
        assert.equal(messages.filter((m) => m.author.type === 'customer').length, 1);
      } finally {
        agent.ws.close();
      }
    });

    test('with nobody online the visitor is told when and how the answer comes, and the chat stays a ticket', async () => {
      const { client } = await chat({ brand: cast.brandB.slug });
      client.send({ type: 'prechat', kind: 'technical', language: 'zh-CN', email: 'wu@example.com' });
      await client.next((f) => f.type === 'prechat_ok');
      client.send({ type: 'message', client_id: cid(), body: '更新后应用打不开了' });
      await client.next((f) => f.type === 'ack');
      const notice = await client.next((f) => f.type === 'message' && f.message.from === 'system' && /没有客服在线/.test(f.message.body));
      assert.match(notice.message.body, /24 小时/);
      assert.match(notice.message.body, /wu@example\.com/);
      const list = (await api(desk, cast.tokens.agentB, 'GET', '/api/v1/tickets?channel=chat')).body.tickets as Array<{ subject: string }>;
      assert.ok(list.some((t) => t.subject.includes('更新后应用打不开了')));
    });

    test("a visitor who never chose a language gets the offline notice in the conversation's language, the one they write in", async () => {
      // An English-speaking brand, no language in hello, no pre-chat: the conversation is Chinese all the same.
      const { client } = await chat({ brand: cast.brandB.slug });
      client.send({ type: 'message', client_id: cid(), body: '我的比特币转账三天了还没有到账，交易一直显示未确认，怎么办？' });
      await client.next((f) => f.type === 'ack');
      const notice = await client.next((f) => f.type === 'message' && f.message.from === 'system' && /agent|客服/.test(f.message.body));
      assert.match(notice.message.body, /目前没有客服在线/);
      assert.doesNotMatch(notice.message.body, /No agent is online/);
    });

    test("a protocol error reaches the visitor in the conversation's language", async () => {
      const { client } = await chat({ brand: cast.brandA.slug, language: 'zh-CN' });
      for (let i = 0; i < 25; i++) client.send({ type: 'message', client_id: cid(), body: `第 ${i} 条消息` });
      const error = await client.next((f) => f.type === 'error' && f.code === 'rate_limited');
      assert.equal(error.message, '您发送消息的速度太快了，请等几秒后再发送。');
    });

    test('malformed frames close the socket with 4400 and the server goes on serving', async () => {
      for (const bad of ['not json', '[1,2]', JSON.stringify({ type: 'launch' }), JSON.stringify({ type: 'hello', brand: 42 }), JSON.stringify({ type: 'message', client_id: 'abcdefgh', body: 'x' })]) {
        const c = await connectChat(desk.url);
        clients.push(c);
        c.ws.send(bad);
        const { code, reason } = await c.closed;
        assert.equal(code, 4400, `${bad} → ${code} ${reason}`);
        assert.match(reason, /malformed|hello first/);
      }
      const { client, welcome } = await chat({ brand: cast.brandA.slug });
      assert.equal(welcome.type, 'welcome');
      client.send({ type: 'typing', on: 'yes' });
      assert.equal((await client.closed).code, 4400);
    });

    test('an over-long message gets a clear error, not a close; an unknown brand closes with 4404', async () => {
      const { client } = await chat({ brand: cast.brandA.slug });
      client.send({ type: 'message', client_id: cid(), body: 'x'.repeat(4001) });
      const err = await client.next((f) => f.type === 'error');
      assert.equal(err.code, 'invalid_input');
      assert.match(err.message, /at most 4000/);
      client.send({ type: 'ping' });
      await client.next((f) => f.type === 'pong');
      const unknown = await chat({ brand: 'no-such-brand' });
      assert.equal(unknown.welcome.code, 'not_found');
      assert.equal((await unknown.client.closed).code, 4404);
    });

    test('a brand that enforces identity needs a valid proof on every frame', async () => {
      const secret = (await api(desk, cast.tokens.admin, 'POST', `/api/v1/brands/${cast.brandB.id}/chat-secret`)).body.secret as string;
      assert.ok(secret.length >= 40);
      const patched = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandB.id}/chat-settings`, { enforce_identity: true });
      assert.equal(patched.body.enforce_identity, true);
      assert.equal(patched.body.secret_set, true);
      assert.ok(!JSON.stringify(patched.body).includes(secret), 'the secret is shown only once');
      assert.equal((await api(desk, cast.tokens.agentB, 'PATCH', `/api/v1/brands/${cast.brandB.id}/chat-settings`, { enforce_identity: false })).status, 403);
      try {
        const anonymous = await chat({ brand: cast.brandB.slug });
        assert.equal(anonymous.welcome.code, 'identity_required');
        assert.equal((await anonymous.client.closed).code, 4401);

        const proof = { user_id: 'user-1001', user_hash: userHash(secret, 'user-1001') };
        const { client, welcome } = await chat({ brand: cast.brandB.slug, identity: proof });
        assert.equal(welcome.visitor.verified, true);
        assert.equal(welcome.visitor.user_id, 'user-1001');
        client.send({ type: 'prechat', kind: 'stolen', language: 'en', identity: proof });
        await client.next((f) => f.type === 'prechat_ok');
        client.send({ type: 'message', client_id: cid(), body: 'Funds left my wallet without my consent', identity: proof });
        await client.next((f) => f.type === 'ack');
        // The next frame without a proof: refused and closed (a leaked session token alone reads nothing).
        client.send({ type: 'message', client_id: cid(), body: 'no proof this time' });
        const refused = await client.next((f) => f.type === 'error');
        assert.equal(refused.code, 'identity_required');
        assert.equal((await client.closed).code, 4401);

        // Resuming with the session token but another user's proof is refused too; the right proof resumes.
        const other = { user_id: 'user-1002', user_hash: userHash(secret, 'user-1002') };
        const hijack = await chat({ brand: cast.brandB.slug, session: welcome.session, identity: other });
        assert.notEqual(hijack.welcome.session, welcome.session, 'another user gets a fresh session, not this one');
        assert.equal(hijack.welcome.conversation, null);
        const noProof = await chat({ brand: cast.brandB.slug, session: welcome.session });
        assert.equal(noProof.welcome.code, 'identity_required');

        // A short-lived JWT works the same way.
        const exp = Math.floor(Date.now() / 1000) + 300;
        const token = await new SignJWT({ sub: 'user-1001', exp, name: 'Wang Fang' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
        const resumed = await chat({ brand: cast.brandB.slug, session: welcome.session, identity: { token } });
        assert.equal(resumed.welcome.session, welcome.session);
        assert.equal(resumed.welcome.conversation.messages.filter((m: { from: string }) => m.from === 'you').length, 1);
        const tickets = (await api(desk, cast.tokens.agentB, 'GET', '/api/v1/tickets?channel=chat&category=security')).body.tickets as Array<{ id: string; priority: string }>;
        assert.equal(tickets[0]?.priority, 'urgent', 'a theft report goes first');
        const facts = (await api(desk, cast.tokens.agentB, 'GET', `/api/v1/tickets/${tickets[0]!.id}/chat`)).body;
        assert.equal(facts.verified, true);
        assert.equal(facts.user_id, 'user-1001');
      } finally {
        await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandB.id}/chat-settings`, { enforce_identity: false });
      }
    });

    test('a claimed user id without a valid proof is kept as claimed and never matched', async () => {
      const { welcome } = await chat({ brand: cast.brandA.slug, identity: { user_id: 'victim-1', user_hash: 'f'.repeat(64) } });
      assert.equal(welcome.visitor.verified, false);
      assert.equal(welcome.visitor.user_id, null);
    });

    test('only allowed origins may embed the chat', async () => {
      const set = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}/chat-settings`, { allowed_origins: ['https://wallet.example.com/'] });
      assert.deepEqual(set.body.allowed_origins, ['https://wallet.example.com']);
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}/chat-settings`, { allowed_origins: ['https://x.example/path'] })).status, 400);
      try {
        const evil = await chat({ brand: cast.brandA.slug }, { origin: 'https://wallet-example.com' });
        assert.equal(evil.welcome.code, 'forbidden');
        assert.equal((await evil.client.closed).code, 4403);
        const good = await chat({ brand: cast.brandA.slug }, { origin: 'https://wallet.example.com' });
        assert.equal(good.welcome.type, 'welcome');
      } finally {
        await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}/chat-settings`, { allowed_origins: [] });
      }
    });

    test('the HTTP fallback: session, pre-chat, send, long-poll for the reply, attachments', async () => {
      const post = (path: string, body: unknown, session?: string) =>
        api(desk, null, 'POST', path, body, session ? { 'x-chat-session': session, origin: 'https://app.example' } : { origin: 'https://app.example' });
      const w = await post('/chat/v1/session', { brand: cast.brandA.id, language: 'zh-CN' });
      assert.equal(w.status, 200);
      assert.equal(w.headers.get('access-control-allow-origin'), 'https://app.example');
      const session = w.body.session as string;
      assert.equal((await post('/chat/v1/prechat', { kind: 'how_to', language: 'zh-CN' }, session)).status, 200);

      const form = new FormData();
      form.append('file', new Blob(['screenshot bytes'], { type: 'image/png' }), 'screen.png');
      const up = await fetch(`${desk.url}/chat/v1/attachments`, { method: 'POST', headers: { 'x-chat-session': session }, body: form });
      assert.equal(up.status, 201);
      const file = (await up.json()) as { id: string };

      const clientId = cid();
      const sent = await post('/chat/v1/messages', { client_id: clientId, body: '怎么备份钱包？', attachment_ids: [file.id] }, session);
      assert.equal(sent.status, 201);
      assert.equal(sent.body.message.attachments[0].filename, 'screen.png');
      assert.equal((await post('/chat/v1/messages', { client_id: clientId, body: '怎么备份钱包？' }, session)).status, 200, 'a resend is answered, not stored again');

      const ticketId = (await api(desk, cast.tokens.agentA, 'GET', '/api/v1/tickets?channel=chat&q=备份')).body.tickets[0].id as string;
      // The desk's own answers (nobody online) come first; then the poll waits for the agent.
      const sofar = (await api(desk, null, 'GET', `/chat/v1/messages?after=${sent.body.message.id}`, undefined, { 'x-chat-session': session })).body.messages as Array<{ id: string }>;
      const last = sofar.at(-1)?.id ?? sent.body.message.id;
      const poll = api(desk, null, 'GET', `/chat/v1/messages?after=${last}&wait=10`, undefined, { 'x-chat-session': session });
      await new Promise((r) => setTimeout(r, 200));
      await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticketId}/messages`, { body: '请在设置中查看备份选项。', public: true });
      const polled = await poll;
      assert.equal(polled.status, 200);
      assert.ok(polled.body.messages.some((m: { from: string; body: string }) => m.from === 'agent' && m.body === '请在设置中查看备份选项。'));

      const download = await fetch(`${desk.url}/chat/v1/attachments/${file.id}`, { headers: { 'x-chat-session': session } });
      assert.equal(download.status, 200);
      assert.equal(await download.text(), 'screenshot bytes');
      const stranger = (await post('/chat/v1/session', { brand: cast.brandA.id })).body.session as string;
      assert.equal((await fetch(`${desk.url}/chat/v1/attachments/${file.id}`, { headers: { 'x-chat-session': stranger } })).status, 404, "another visitor cannot read this visitor's file");
      assert.equal((await api(desk, null, 'GET', '/chat/v1/messages', undefined, { 'x-chat-session': 'forged' })).status, 404);
    });

    test('one address may hold a limited number of sockets', async () => {
      const tight = await startTestDesk('sqlite', { chatMaxSocketsPerIp: 2 });
      try {
        const a = await connectChat(tight.url);
        const b = await connectChat(tight.url);
        const ws = new WebSocket(`${tight.url.replace('http', 'ws')}/chat/v1/socket`);
        const code = await new Promise<number>((r) => ws.on('close', (c) => r(c)));
        assert.equal(code, 4429);
        a.ws.close();
        await a.closed;
        await new Promise((r) => setTimeout(r, 50));
        const c = await connectChat(tight.url);
        for (const x of [b, c]) x.ws.terminate();
      } finally {
        await tight.close();
      }
    });
  });
}
