/** Odd and broken input on the HTTP edges, on both stores: always a clear answer, never a 500. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { ManualClock } from '../../src/core/clock.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { DIALECTS } from '../helpers/stores.js';

/** Queries without a single letter or digit, FTS operators, and odd Unicode: generated, not hand-picked. */
function oddQueries(): string[] {
  const out = new Set<string>();
  for (let c = 0x21; c < 0x7f; c++) {
    const ch = String.fromCharCode(c);
    if (/[\p{L}\p{N}]/u.test(ch)) continue;
    out.add(ch);
    out.add(ch.repeat(3));
    out.add(`withdrawal${ch}`);
    out.add(`${ch}withdrawal${ch}`);
  }
  for (const s of [
    '"', '""', '" OR "', '*', '**', '^', 'NEAR(', 'NOT', 'AND OR', '-withdrawal', 'withdrawal*', "'", "''", ':*', '&', '!', '|', '(', ')',
    '🙂', '💸💸', '👩‍💻', '🇨🇳', '\u0301', 'e\u0301', '\u02c6', '\u02b0', '½', '²', 'Ⅻ', '。', '？', '！', '〜', '\u200b', '\u200d', '\ufeff',
    '\u3000', '　？　', 'مرحبا', 'ــ', '\u0e4f', '\u{1d7d8}', '\u{1f600}withdrawal', '提币？', '%', '_', '\\', '\\%', '\t', ' \n ', '\u00a0',
  ]) out.add(s);
  return [...out];
}

for (const dialect of DIALECTS) {
  describe(`ticket search with odd queries (${dialect})`, () => {
    let desk: TestDesk;
    let cast: Cast;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      const r = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', {
        brand: cast.brandB.slug,
        subject: 'Withdrawal stuck',
        body: 'My withdrawal has not arrived.',
        requester: { email: 'odd@example.com' },
      });
      assert.equal(r.status, 201);
    });
    after(async () => desk.close());

    test('every query without letters or digits answers 200, and odd punctuation around a word still finds it', async () => {
      const queries = oddQueries();
      assert.ok(queries.length > 150);
      const failures: string[] = [];
      for (const q of queries) {
        for (const path of ['/api/v1/tickets', '/api/v1/customers']) {
          const r = await api(desk, cast.tokens.admin, 'GET', `${path}?q=${encodeURIComponent(q)}`);
          if (r.status !== 200) failures.push(`${path} ${JSON.stringify(q)} → ${r.status}`);
        }
      }
      assert.deepEqual(failures, []);
      const found = await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets?q=${encodeURIComponent('"withdrawal?*')}`);
      assert.equal(found.body.tickets.length, 1);
      const nothing = await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets?q=${encodeURIComponent('?')}`);
      assert.deepEqual(nothing.body.tickets, []);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`Idempotency-Key (${dialect})`, () => {
    let desk: TestDesk;
    let cast: Cast;
    const clock = new ManualClock(new Date());
    before(async () => {
      desk = await startTestDesk(dialect, { clock });
      cast = await seedCast(desk.deps);
    });
    after(async () => desk.close());

    const ticket = (over: Record<string, unknown> = {}) => ({ brand: 'pocket', subject: 'Retry me', body: 'network retry', requester: { email: 'retry@example.com' }, ...over });
    const create = (key: string, body: unknown, token = cast.tokens.admin) => api(desk, token, 'POST', '/api/v1/tickets', body, { 'idempotency-key': key });
    const count = () => desk.deps.store.tickets.count({});

    test('the same key and the same request replay the first response', async () => {
      const first = await create('same', ticket());
      const again = await create('same', { requester: { email: 'retry@example.com' }, body: 'network retry', subject: 'Retry me', brand: 'pocket' });
      assert.equal(first.status, 201);
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.body, first.body);
    });

    test('the same key with another body or another channel is refused with 422, and nothing is created', async () => {
      assert.equal((await create('k2', ticket())).status, 201);
      const before = await count();
      const otherBody = await create('k2', ticket({ body: 'something else' }));
      assert.equal(otherBody.status, 422);
      assert.match(otherBody.body.error.message, /Idempotency-Key/);
      assert.equal((await create('k2', ticket({ channel: 'email' }))).status, 422);
      assert.equal(await count(), before);
    });

    test('a key is the principal\'s and the endpoint\'s own', async () => {
      const mine = await create('shared', ticket());
      const theirs = await create('shared', ticket(), cast.tokens.agentB);
      assert.equal(mine.status, 201);
      assert.equal(theirs.status, 201);
      assert.notEqual(theirs.body.id, mine.body.id);
      const reply = await api(desk, cast.tokens.admin, 'POST', `/api/v1/tickets/${mine.body.id}/messages`, { body: 'On it' }, { 'idempotency-key': 'shared' });
      assert.equal(reply.status, 201);
    });

    test('a message key reused on another ticket is refused with 422, not a 500', async () => {
      const a = (await create('ta', ticket())).body;
      const b = (await create('tb', ticket({ subject: 'Other' }))).body;
      const send = (id: string, token = cast.tokens.admin) => api(desk, token, 'POST', `/api/v1/tickets/${id}/messages`, { body: 'Same words' }, { 'idempotency-key': 'msg-1' });
      assert.equal((await send(a.id)).status, 201);
      const other = await send(b.id);
      assert.equal(other.status, 422);
      // Keys are per token: another token of the same agent may use the same key for its own message.
      const token2 = (await api(desk, cast.tokens.admin, 'POST', '/api/v1/tokens', { agent_id: cast.admin.id, name: 'second' })).body.token as string;
      assert.equal((await send(b.id, token2)).status, 201);
    });

    test('requests racing with one key create one ticket: the others get 409 or the replay', async () => {
      const before = await count();
      const results = await Promise.all(Array.from({ length: 6 }, () => create('race', ticket({ subject: 'Race' }))));
      for (const r of results) assert.ok([201, 409].includes(r.status), `status ${r.status}`);
      assert.equal(await count(), before + 1);
      const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.id));
      assert.equal(ids.size, 1);
    });

    test('a key expires after a day: then it may name a new request, and the old keys are cleared', async () => {
      assert.equal((await create('daily', ticket({ subject: 'Day one' }))).status, 201);
      clock.advance(25 * 3_600_000);
      const next = await create('daily', ticket({ subject: 'Day two' }));
      assert.equal(next.status, 201);
      assert.equal(next.body.subject, 'Day two');
      const tokenId = (await desk.deps.store.tokens.list(cast.admin.id)).find((t) => t.name === 'test')!.id;
      const old = await desk.deps.store.idempotency.claim({ scope: `token:${tokenId}`, endpoint: 'POST /api/v1/tickets', key: 'same' }, 'x', clock.now().toISOString(), '', '');
      assert.equal(old, null, 'the day-old key "same" was cleared with the others');
    });

    test('a failed request frees its key for the corrected retry', async () => {
      const bad = await create('fix-me', ticket({ brand: 'no-such-brand' }));
      assert.equal(bad.status, 400);
      assert.equal((await create('fix-me', ticket())).status, 201);
    });
  });
}

/** A raw request whose body may be anything (fetch would fix up a broken multipart body). */
function rawPost(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => {
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const BROKEN_MULTIPART: Array<[string, string, string]> = [
  ['no boundary', 'multipart/form-data', '--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc\r\n--x--\r\n'],
  ['cut short', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nabc'],
  ['cut in the headers', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-da'],
  ['empty', 'multipart/form-data; boundary=x', ''],
  ['another boundary', 'multipart/form-data; boundary=y', '--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc\r\n--x--\r\n'],
  ['no file field', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--x--\r\n'],
];

for (const dialect of DIALECTS) {
  describe(`malformed multipart uploads (${dialect})`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let portalToken: string;
    let chatSession: string;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      const help = await api(desk, null, 'POST', '/api/v1/help/requests', { brand: 'satoshi', language: 'en', email: 'up@example.com', kind: 'how_to', description: 'How do I back up?' });
      assert.equal(help.status, 201, JSON.stringify(help.body));
      portalToken = (help.body.status_path as string).split('#')[1]!;
      const chat = await api(desk, null, 'POST', '/chat/v1/session', { brand: cast.brandA.id, language: 'en' });
      chatSession = chat.body.session as string;
    });
    after(async () => desk.close());

    test('every upload route answers a broken multipart body with 400 and a clear message', async () => {
      const routes: Array<[string, Record<string, string>]> = [
        ['/api/v1/attachments', { authorization: `Bearer ${cast.tokens.agentA}` }],
        ['/api/v1/portal/attachments', { 'x-portal-token': portalToken }],
        ['/chat/v1/attachments', { 'x-chat-session': chatSession }],
      ];
      const failures: string[] = [];
      for (const [path, auth] of routes) {
        for (const [name, type, body] of BROKEN_MULTIPART) {
          const r = await rawPost(`${desk.url}${path}`, { ...auth, 'content-type': type }, body);
          if (r.status !== 400 || typeof r.body?.error?.message !== 'string' || !/multipart|file/.test(r.body.error.message)) {
            failures.push(`${path} ${name} → ${r.status} ${JSON.stringify(r.body)}`);
          }
        }
      }
      assert.deepEqual(failures, []);
      assert.equal((await api(desk, cast.tokens.admin, 'GET', '/api/v1/tickets')).status, 200, 'the desk still works');
    });

    test('the portal upload refuses a wrong token before reading the body', { timeout: 10_000 }, async () => {
      const res = await new Promise<{ status: number; sentBytes: number }>((resolve, reject) => {
        const req = http.request(`${desk.url}/api/v1/portal/attachments`, {
          method: 'POST',
          headers: { 'x-portal-token': 'A'.repeat(43), 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(50 * 1_048_576) },
        });
        const sent = '--x\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n';
        req.on('response', (r) => {
          r.resume();
          resolve({ status: r.statusCode ?? 0, sentBytes: Buffer.byteLength(sent) });
          req.destroy();
        });
        req.on('error', (err) => ((err as { code?: string }).code === 'ECONNRESET' ? undefined : reject(err)));
        // Only the start of a 50 MB body: the answer must come without the rest.
        req.write(sent);
      });
      assert.equal(res.status, 404);
    });
  });
}
