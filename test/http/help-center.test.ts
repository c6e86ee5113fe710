/** The help center's public API and the private status links, over real HTTP, once per database. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.js';
import { hashToken } from '../../src/core/ids.js';
import { HELP_REQUESTS_PER_10_MIN } from '../../src/channels/help-center/routes.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

const TXID = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16';
const tokenOf = (statusPath: string) => statusPath.split('#')[1]!;
const portal = (desk: TestDesk, token: string | null, method: string, path: string, body?: unknown) =>
  api(desk, null, method, `/api/v1/portal${path}`, body, token === null ? {} : { 'x-portal-token': token });

for (const dialect of DIALECTS) {
  describe(`help center on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    const clock = new ManualClock(new Date());
    before(async () => {
      desk = await startTestDesk(dialect, { clock });
      cast = await seedCast(desk.deps);
    });
    after(async () => desk.close());

    const submit = (body: Record<string, unknown>) =>
      api(desk, null, 'POST', '/api/v1/help/requests', { brand: 'satoshi', language: 'zh-CN', email: 'wang@example.com', ...body });

    test('a transaction problem becomes a web ticket with its txid and time, and answers with a private status link', async () => {
      const res = await submit({ kind: 'transaction', description: '转账三天还没到账', details: { txids: [TXID.toUpperCase()], tx_time: '2026-03-01T10:00' } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.match(res.body.status_path, /^\/help\/status#[A-Za-z0-9_-]{43}$/);
      const ticket = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${res.body.number}`)).body;
      assert.equal(ticket.channel, 'web');
      assert.equal(ticket.category, 'transaction');
      assert.equal(ticket.language, 'zh-CN');
      assert.deepEqual(ticket.details.txids, [TXID]);
      assert.equal(ticket.details.tx_time, '2026-03-01T10:00');
      assert.ok(ticket.tags.includes('help-center'));
      const token = tokenOf(res.body.status_path);
      const stored = await desk.deps.store.portalLinks.findByHash(hashToken(token));
      assert.ok(stored, 'the link is found by the hash of its token');
      assert.notEqual(stored.tokenHash, token, 'only a hash is stored');
    });

    test('each kind keeps only the details it asks for, and a malformed txid is refused', async () => {
      const tech = await submit({ kind: 'technical', description: 'App crashes', details: { device: 'Pixel 8', os: 'Android 15', app_version: '3.2.1', txids: [TXID] } });
      assert.equal(tech.status, 201);
      const t = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${tech.body.number}`)).body;
      assert.deepEqual({ device: t.details.device, os: t.details.os, app: t.details.app_version }, { device: 'Pixel 8', os: 'Android 15', app: '3.2.1' });
      assert.equal(t.details.txids, undefined, 'a technical problem does not ask for a txid');
      const stolen = await submit({ kind: 'stolen', description: 'My coins are gone' });
      const s = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${stolen.body.number}`)).body;
      assert.equal(s.priority, 'urgent');
      assert.equal(s.category, 'security');
      const bad = await submit({ kind: 'transaction', description: 'x', details: { txids: ['not-a-txid'] } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'invalid_input');
      const noBrand = await api(desk, null, 'POST', '/api/v1/help/requests', { kind: 'other', description: 'hi', email: 'a@example.com', language: 'en' });
      assert.equal(noBrand.status, 400, 'with two brands the form must name one');
    });

    test('sending the same form twice (same client key) opens one request', async () => {
      const a = await submit({ kind: 'how_to', description: 'How do I back up?', client_key: 'form-key-123456' });
      const b = await submit({ kind: 'how_to', description: 'How do I back up?', client_key: 'form-key-123456' });
      assert.equal(a.body.number, b.body.number);
    });

    test('the link shows its request with public replies only, never internal notes', async () => {
      const res = await submit({ kind: 'transaction', description: '还没到账', details: { txids: [TXID] } });
      const token = tokenOf(res.body.status_path);
      const id = res.body.number;
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${id}/messages`, { body: 'INTERNAL: check the mempool', public: false })).status, 201);
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${id}/messages`, { body: '我们正在查看您的交易。' })).status, 201);
      const view = await portal(desk, token, 'GET', '/request');
      assert.equal(view.status, 200);
      assert.equal(view.body.number, id);
      const messages = view.body.messages as Array<{ from: string; body: string; author_name: string | null }>;
      assert.deepEqual(
        messages.filter((m) => m.from !== 'system').map((m) => [m.from, m.body]),
        [
          ['you', '还没到账'],
          ['support', '我们正在查看您的交易。'],
        ],
      );
      // The desk's own public reply (here: asking for the missing time of the transaction) is shown too.
      assert.ok(messages.some((m) => m.from === 'system' && /交易发起的大致时间/.test(m.body)), JSON.stringify(messages));
      assert.equal(messages.find((m) => m.from === 'support')?.author_name, '李客服');
      assert.ok(!JSON.stringify(view.body).includes('INTERNAL'), 'no trace of the note');
      assert.equal(view.headers.get('cache-control'), 'no-store');
    });

    test('a wrong, missing, expired or revoked link answers the same 404', async () => {
      const res = await submit({ kind: 'other', description: 'expiry check' });
      const token = tokenOf(res.body.status_path);
      const wrong = await portal(desk, token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'), 'GET', '/request');
      const missing = await portal(desk, null, 'GET', '/request');
      assert.equal(wrong.status, 404);
      assert.equal(missing.status, 404);
      assert.equal((await portal(desk, token, 'GET', '/request')).status, 200);
      clock.advance(31 * 24 * 3_600_000);
      try {
        const expired = await portal(desk, token, 'GET', '/request');
        assert.equal(expired.status, 404);
        assert.equal(expired.body.error.message, wrong.body.error.message, 'expired and wrong look alike');
        assert.equal((await portal(desk, token, 'POST', '/request/messages', { body: 'hello?' })).status, 404);
      } finally {
        clock.advance(-31 * 24 * 3_600_000);
      }
      const ticket = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${res.body.number}`)).body;
      await desk.deps.store.portalLinks.revokeForTicket(ticket.id, clock.now().toISOString());
      assert.equal((await portal(desk, token, 'GET', '/request')).status, 404);
    });

    test('a link opens exactly one request: another request\'s files and a note\'s files stay hidden', async () => {
      const mine = await submit({ kind: 'other', description: 'mine', email: 'one@example.com' });
      const theirs = await submit({ kind: 'other', description: 'theirs', email: 'two@example.com' });
      const myToken = tokenOf(mine.body.status_path);
      const theirToken = tokenOf(theirs.body.status_path);
      // The other customer uploads and sends a file on their own request.
      const form = new FormData();
      form.append('file', new Blob(['their screenshot']), 'theirs.txt');
      const up = await fetch(`${desk.url}/api/v1/portal/attachments`, { method: 'POST', headers: { 'x-portal-token': theirToken }, body: form });
      assert.equal(up.status, 201);
      const file = (await up.json()) as { id: string };
      assert.equal((await portal(desk, theirToken, 'POST', '/request/messages', { body: 'see file', attachment_ids: [file.id] })).status, 201);
      assert.equal((await portal(desk, theirToken, 'GET', `/attachments/${file.id}`)).status, 200);
      assert.equal((await portal(desk, myToken, 'GET', `/attachments/${file.id}`)).status, 404, 'not through another link');
      assert.equal((await portal(desk, myToken, 'POST', '/request/messages', { body: 'steal', attachment_ids: [file.id] })).status, 400, 'cannot attach it either');
      // An agent's file on an internal note is not the customer's to see.
      const agentForm = new FormData();
      agentForm.append('file', new Blob(['internal log']), 'log.txt');
      const agentUp = await fetch(`${desk.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${cast.tokens.agentA}` }, body: agentForm });
      const agentFile = (await agentUp.json()) as { id: string };
      await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${theirs.body.number}/messages`, { body: 'log', public: false, attachment_ids: [agentFile.id] });
      assert.equal((await portal(desk, theirToken, 'GET', `/attachments/${agentFile.id}`)).status, 404);
    });

    test('the customer answers on the status page; a retry adds it once; a closed request opens a follow-up with a new link', async () => {
      const res = await submit({ kind: 'transaction', description: 'first words' });
      const token = tokenOf(res.body.status_path);
      const a1 = await portal(desk, token, 'POST', '/request/messages', { body: '补充：交易时间是上午十点', client_key: 'answer-key-0001' });
      const a2 = await portal(desk, token, 'POST', '/request/messages', { body: '补充：交易时间是上午十点', client_key: 'answer-key-0001' });
      assert.equal(a1.status, 201);
      assert.equal(a1.body.message_id, a2.body.message_id);
      assert.equal(a1.body.follow_up_path, null);
      const seen = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${res.body.number}`)).body;
      assert.deepEqual(seen.messages.map((m: { body: string }) => m.body), ['first words', '补充：交易时间是上午十点']);
      assert.equal(seen.messages[1].channel, 'web');

      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${res.body.number}`, { status: 'solved' });
      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${res.body.number}`, { status: 'closed' });
      const late = await portal(desk, token, 'POST', '/request/messages', { body: 'it happened again' });
      assert.equal(late.status, 201);
      assert.match(late.body.follow_up_path, /^\/help\/status#/);
      const follow = await portal(desk, tokenOf(late.body.follow_up_path), 'GET', '/request');
      assert.notEqual(follow.body.number, res.body.number);
      // The customer's words open it; triage may add its request for missing details (from the desk, not the customer).
      const followMessages = follow.body.messages as Array<{ body: string; from: string }>;
      assert.deepEqual(followMessages.filter((m) => m.from === 'you').map((m) => m.body), ['it happened again']);
      assert.equal(followMessages[0]?.body, 'it happened again');
      assert.equal((await portal(desk, token, 'GET', '/request')).body.number, res.body.number, 'the old link still shows the old request');
    });

    test('the contact page lists the brand\'s official support addresses', async () => {
      const res = await api(desk, null, 'GET', '/api/v1/help/contact?brand=satoshi');
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.emails, ['help@satoshi.example']);
      assert.equal(res.body.brand.name, 'Satoshi Wallet');
      assert.equal((await api(desk, null, 'GET', '/api/v1/help/contact?brand=nope')).status, 404);
    });
  });
}

describe('help center limits', () => {
  let desk: TestDesk;
  before(async () => {
    desk = await startTestDesk('sqlite');
    await seedCast(desk.deps);
  });
  after(async () => desk.close());

  test('one address may send only a few requests in ten minutes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= HELP_REQUESTS_PER_10_MIN; i++) {
      const res = await api(desk, null, 'POST', '/api/v1/help/requests', { brand: 'pocket', kind: 'other', description: `n${i}`, email: 'spam@example.com', language: 'en' });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses.slice(0, HELP_REQUESTS_PER_10_MIN), Array(HELP_REQUESTS_PER_10_MIN).fill(201));
    assert.equal(statuses[HELP_REQUESTS_PER_10_MIN], 429);
  });
});
