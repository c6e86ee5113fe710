import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { redisBus } from '../../src/bus/live-bus.js';
import { TEST_REDIS_URL } from '../helpers/stores.js';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startChat, type ChatClient } from '../helpers/chat-client.js';

const cid = () => `c${randomBytes(6).toString('hex')}`;

describe('live chat on two instances (PostgreSQL + Redis)', () => {
  let a: TestDesk;
  let b: TestDesk;
  let cast: Cast;
  const clients: ChatClient[] = [];
  before(async () => {
    a = await startTestDesk('postgres', { bus: redisBus(TEST_REDIS_URL) });
    b = await startTestDesk('postgres', { bus: redisBus(TEST_REDIS_URL), sameDatabaseAs: a });
    cast = await seedCast(a.deps);
  });
  after(async () => {
    for (const c of clients) c.ws.terminate();
    await b.close();
    await a.close(); // closing its server twice is harmless; this drops the schema and the bus
  });

  test('a visitor on instance A and an agent on instance B talk; when A stops, the visitor resumes on B with nothing lost', async () => {
    // The agent's console is on B.
    const login = await fetch(`${b.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'li@desk.example', password: PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const consoleWs = new WebSocket(`${b.url.replace('http', 'ws')}/api/v1/live`, { headers: { cookie } });
    const consoleFrames: Array<Record<string, any>> = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    consoleWs.on('message', (d) => consoleFrames.push(JSON.parse(String(d))));
    await new Promise((r) => consoleWs.once('open', r));
    const waitConsole = async (pred: (f: Record<string, any>) => boolean) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      for (let i = 0; i < 250; i++) {
        const f = consoleFrames.find(pred);
        if (f) return f;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`console on B heard nothing matching: ${JSON.stringify(consoleFrames).slice(0, 1000)}`);
    };
    await waitConsole((f) => f.type === 'ready');

    try {
      // The visitor is on A, and sees B's agent as online (presence is in the shared database).
      const { client, welcome } = await startChat(a.url, { brand: cast.brandA.slug });
      clients.push(client);
      assert.equal(welcome.agents_online, true);
      client.send({ type: 'prechat', kind: 'transaction', language: 'en' });
      await client.next((f) => f.type === 'prechat_ok');
      client.send({ type: 'message', client_id: cid(), body: 'Stuck transaction since Monday' });
      await client.next((f) => f.type === 'ack');

      const created = await waitConsole((f) => f.type === 'notice' && f.notice.type === 'ticket.created');
      const ticketId = created.notice.ticket_id as string;
      consoleWs.send(JSON.stringify({ type: 'watch', ticket_id: ticketId }));
      await new Promise((r) => setTimeout(r, 150));
      client.send({ type: 'typing', on: true });
      await waitConsole((f) => f.type === 'chat' && f.event === 'typing' && f.on === true);

      // The agent answers through B; the visitor on A gets it live.
      const answer = await api(b, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Looking at it now', public: true });
      assert.equal(answer.status, 201);
      await client.next((f) => f.type === 'message' && f.message.body === 'Looking at it now');

      // A message sent just before A stops is acknowledged, so it is stored.
      const lastId = cid();
      client.send({ type: 'message', client_id: lastId, body: 'Here is the txid: 4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b' });
      await client.next((f) => f.type === 'ack' && f.client_id === lastId);
      await a.app.close();
      const { code } = await client.closed;
      assert.equal(code, 1012, 'a stopping instance tells its clients to reconnect');

      // The visitor reconnects to B with the same session and resends what it never saw acked (nothing here).
      const resumed = await startChat(b.url, { brand: cast.brandA.slug, session: welcome.session });
      clients.push(resumed.client);
      const bodies = (resumed.welcome.conversation.messages as Array<{ from: string; body: string }>).map((m) => `${m.from}:${m.body.slice(0, 30)}`);
      assert.deepEqual(
        bodies.filter((x) => !x.startsWith('system:')),
        ['you:Stuck transaction since Monday', 'agent:Looking at it now', 'you:Here is the txid: 4a5e1e4baab8'],
      );
      // A resend of the last message on B is recognised (same client id): still one copy.
      resumed.client.send({ type: 'message', client_id: lastId, body: 'Here is the txid: 4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b' });
      await resumed.client.next((f) => f.type === 'ack' && f.client_id === lastId);
      const stored = (await api(b, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticketId}`)).body.messages as Array<{ author: { type: string } }>;
      assert.equal(stored.filter((m) => m.author.type === 'customer').length, 2);

      // And the conversation goes on live, now all on B.
      await api(b, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Found it: fee too low, we will bump it', public: true });
      await resumed.client.next((f) => f.type === 'message' && /fee too low/.test(f.message.body));
    } finally {
      consoleWs.close();
    }
  });
});
