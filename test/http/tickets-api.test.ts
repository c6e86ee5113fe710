/** The ticket API over real HTTP on loopback, once per database. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestInbound } from '../../src/app/ingest-inbound.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

const TXID = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16';

for (const dialect of DIALECTS) {
  describe(`ticket API on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
    });
    after(async () => desk.close());

    const create = (token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      api(desk, token, 'POST', '/api/v1/tickets', body, headers);

    test('POST /tickets opens a ticket whose body is the requester\'s first message', async () => {
      const res = await create(cast.tokens.agentA, {
        subject: '转账三天还没到账',
        body: `我三天前转了 0.5 BTC，交易ID ${TXID}，还没到账。`,
        requester: { email: 'Wang.Wei@Example.com', name: '王伟', phone: '+86 138 0013 8000' },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const t = res.body;
      for (const key of ['id', 'subject', 'status', 'priority', 'category', 'channel', 'requester', 'created_at']) assert.ok(key in t, key);
      assert.equal(t.status, 'new');
      assert.equal(t.channel, 'api');
      assert.equal(t.category, 'transaction', 'triage files a missing payment as a transaction problem');
      assert.equal(t.priority, 'high', 'money missing is high priority');
      assert.equal(t.brand_id, cast.brandA.id, 'an agent of one brand needs not name it');
      assert.equal(t.requester.email, 'wang.wei@example.com');
      assert.equal(t.requester.phone, '+8613800138000');
      assert.deepEqual(t.details.txids, [TXID], 'a pasted txid is kept as a structured detail');

      const got = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}`);
      assert.equal(got.status, 200);
      const m = got.body.messages[0];
      assert.equal(m.public, true);
      assert.deepEqual(m.author, { type: 'customer', id: t.requester.id, name: '王伟' });
      assert.ok(m.body.includes('0.5 BTC'));
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.number}`)).body.id, t.id, 'a ticket is also found by number');
    });

    test('the caller may set channel, priority, category, brand and tags', async () => {
      const res = await create(cast.tokens.admin, {
        subject: 'Funds gone',
        body: 'Someone emptied my wallet',
        requester: { email: 'victim@example.com' },
        channel: 'phone',
        priority: 'urgent',
        category: 'security',
        brand: 'pocket',
        tags: ['Theft Report', 'vip'],
      });
      assert.equal(res.status, 201);
      assert.equal(res.body.priority, 'urgent');
      assert.equal(res.body.category, 'security');
      assert.equal(res.body.channel, 'phone');
      assert.equal(res.body.brand_id, cast.brandB.id);
      assert.deepEqual(res.body.tags, ['theft-report', 'vip']);
    });

    test('an admin of several brands must say which brand', async () => {
      const res = await create(cast.tokens.admin, { subject: 's', body: 'b', requester: { email: 'x@example.com' } });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'invalid_input');
      assert.match(res.body.error.message, /satoshi|pocket/);
    });

    test('bad input gets a 4xx with a clear message and writes nothing', async () => {
      const before = await desk.deps.store.tickets.count({});
      const cases: Array<[string, unknown, number]> = [
        ['malformed JSON', '{"subject": "x", ', 400],
        ['wrong type', { subject: 1, body: 'b', requester: { email: 'a@b.example' } }, 400],
        ['missing requester', { subject: 's', body: 'b' }, 400],
        ['bad e-mail', { subject: 's', body: 'b', requester: { email: 'not-an-email' } }, 400],
        ['unknown priority', { subject: 's', body: 'b', requester: { email: 'a@b.example' }, priority: 'asap' }, 400],
        ['unknown field', { subject: 's', body: 'b', requester: { email: 'a@b.example' }, evil: true }, 400],
        ['bad phone', { subject: 's', body: 'b', requester: { email: 'a@b.example', phone: 'call me' } }, 400],
        ['unknown brand', { subject: 's', body: 'b', requester: { email: 'a@b.example' }, brand: 'nope' }, 400],
        ['prototype pollution', '{"subject":"s","body":"b","requester":{"email":"a@b.example"},"__proto__":{"admin":true}}', 400],
        ['oversize body', { subject: 's', body: 'x'.repeat(1_100_000), requester: { email: 'a@b.example' } }, 413],
      ];
      for (const [name, body, status] of cases) {
        const res = await create(cast.tokens.agentA, body as Record<string, unknown>);
        assert.equal(res.status, status, `${name}: ${JSON.stringify(res.body)}`);
        assert.equal(typeof res.body.error?.message, 'string', name);
        assert.ok(res.body.error.message.length > 10, name);
      }
      const wrongType = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', 'subject=x', { 'content-type': 'text/plain' });
      assert.equal(wrongType.status, 415);
      assert.equal(await desk.deps.store.tickets.count({}), before, 'nothing was written');
    });

    test('unknown and malformed ids answer 404 and 400, never 500', async () => {
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/tickets/0192f0a0-0000-7000-8000-000000000000')).status, 404);
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/tickets/99999999')).status, 404);
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/tickets/abc%27%3B--')).status, 400);
      assert.equal((await api(desk, cast.tokens.agentA, 'PATCH', '/api/v1/tickets/99999999', { status: 'open' })).status, 404);
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/nope')).status, 404);
    });

    test('the same Idempotency-Key returns the first ticket instead of a second one', async () => {
      const body = { subject: 'retry me', body: 'network retry', requester: { email: 'retry@example.com' } };
      const first = await create(cast.tokens.agentA, body, { 'idempotency-key': 'abc-123' });
      const second = await create(cast.tokens.agentA, body, { 'idempotency-key': 'abc-123' });
      assert.equal(first.status, 201);
      // The stored response is replayed as it was (draft-ietf-httpapi-idempotency-key-header).
      assert.equal(second.status, 201);
      assert.equal(second.body.id, first.body.id);
    });

    test('a public reply opens a new ticket and records the first response; a note changes nothing', async () => {
      const t = (await create(cast.tokens.agentA, { subject: 'Question', body: 'How do I export my transaction history?', requester: { email: 'crash@example.com' } })).body;
      const note = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/messages`, { body: 'Checked the logs', public: false });
      assert.equal(note.status, 201);
      assert.equal(note.body.public, false);
      let now = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}`)).body;
      assert.equal(now.status, 'new');
      assert.equal(now.first_response_at, null);

      const reply = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/messages`, { body: '请更新到 4.2 版本再试。' });
      assert.equal(reply.status, 201);
      assert.deepEqual(reply.body.author, { type: 'agent', id: cast.agentA.id, name: '李客服' });
      now = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}`)).body;
      assert.equal(now.status, 'open');
      assert.ok(now.first_response_at);
      assert.deepEqual(now.messages.map((m: { public: boolean }) => m.public), [true, false, true]);

      const solved = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/messages`, { body: 'Fixed in 4.2.', status: 'solved' });
      assert.equal(solved.status, 201);
      now = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}`)).body;
      assert.equal(now.status, 'solved');
      assert.ok(now.solved_at);
    });

    test('PATCH changes fields, checks the lifecycle, and the history keeps before and after', async () => {
      const t = (await create(cast.tokens.agentA, { subject: 'fee too low', body: 'stuck tx', requester: { email: 'fee@example.com' }, priority: 'normal', category: 'other' })).body;
      const team = (await api(desk, cast.tokens.supervisorA, 'POST', '/api/v1/teams', { name: 'Payments', brand_id: cast.brandA.id })).body;
      const res = await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t.id}`, {
        status: 'pending',
        priority: 'high',
        category: 'transaction',
        assignee_id: cast.agentA.id,
        team_id: team.id,
        tags: ['fee', 'rbf'],
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'pending');
      assert.equal(res.body.assignee_id, cast.agentA.id);
      assert.deepEqual(res.body.tags, ['fee', 'rbf']);

      const wrongBrand = await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t.id}`, { assignee_id: cast.agentB.id });
      assert.equal(wrongBrand.status, 400, 'an agent of another brand cannot be assigned');
      const toNew = await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t.id}`, { status: 'new' });
      assert.equal(toNew.status, 409);
      assert.match(toNew.body.error.message, /Allowed/);

      const eventsRes = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}/events`);
      assert.equal(eventsRes.status, 200, JSON.stringify(eventsRes.body));
      const events = eventsRes.body.events;
      const types = events.map((e: { type: string }) => e.type);
      assert.deepEqual(types.slice(0, 3), ['ticket.created', 'ticket.triaged', 'message.added']);
      const assigned = events.find((e: { type: string }) => e.type === 'ticket.assigned');
      assert.deepEqual(assigned.changes.assignee_id, [null, cast.agentA.id]);
      const updated = events.find((e: { type: string }) => e.type === 'ticket.updated');
      assert.deepEqual(updated.changes.status, ['new', 'pending']);
      assert.deepEqual(updated.changes.priority, ['normal', 'high']);
      assert.equal(updated.actor.id, cast.agentA.id);
      assert.match(updated.actor.via, /^token:/);

      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved' });
      assert.equal((await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t.id}`, { status: 'closed' })).status, 200);
      const reopen = await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t.id}`, { status: 'open' });
      assert.equal(reopen.status, 409, 'a closed ticket never reopens');
      const reply = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/messages`, { body: 'hello?' });
      assert.equal(reply.status, 409);
    });

    test('a customer reply reopens a solved ticket; to a closed one it opens a linked follow-up', async () => {
      const t = (await create(cast.tokens.agentA, { subject: 'restore', body: 'cannot restore', requester: { email: 'restore@example.com' } })).body;
      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved' });
      const reopened = await ingestInbound(desk.deps, { brandId: cast.brandA.id, channel: 'email', from: { email: 'restore@example.com' }, body: 'still broken', ticketId: t.id });
      assert.equal(reopened.kind, 'appended');
      assert.equal(reopened.ticket.status, 'open');
      assert.equal(reopened.ticket.solvedAt, null);

      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t.id}`, { status: 'solved' });
      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${t.id}`, { status: 'closed' });
      const followUp = await ingestInbound(desk.deps, { brandId: cast.brandA.id, channel: 'email', from: { email: 'restore@example.com' }, body: 'again!', ticketId: t.id });
      assert.equal(followUp.kind, 'followed_up');
      assert.notEqual(followUp.ticket.id, t.id);
      assert.equal(followUp.ticket.followUpOfId, t.id);
      const closed = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}`)).body;
      assert.equal(closed.status, 'closed');
      const fromCustomer = closed.messages.filter((m: { author: { type: string } }) => m.author.type === 'customer').map((m: { body: string }) => m.body);
      assert.deepEqual(fromCustomer, ['cannot restore', 'still broken'], 'the closed ticket did not get the new message');
    });

    test('the same inbound message delivered twice is stored once', async () => {
      const input = { brandId: cast.brandA.id, channel: 'email' as const, from: { email: 'dup@example.com' }, body: 'hello', sourceId: '<m1@example.com>' };
      const [a, b] = await Promise.all([ingestInbound(desk.deps, input), ingestInbound(desk.deps, input)]);
      assert.equal(a.message.id, b.message.id);
      assert.deepEqual([a.kind, b.kind].sort(), ['created', 'duplicate']);
      const list = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets?requester_id=${a.ticket.requesterId}`);
      assert.equal(list.body.tickets.length, 1);
    });

    test('lists filter by every field, search Chinese and English, and page with a cursor', async () => {
      const mk = async (subject: string, body: string, extra: Record<string, unknown> = {}) =>
        (await create(cast.tokens.supervisorA, { subject, body, requester: { email: `list-${subject.length}-${body.length}@example.com` }, ...extra })).body;
      const stolen = await mk('币被盗了', '昨天晚上我的钱包里的比特币被盗了，有一笔未授权的交易', { category: 'security', priority: 'urgent' });
      const stuck = await mk('Stuck transaction', 'My payment has been unconfirmed in the mempool for days', { category: 'transaction' });
      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${stuck.id}`, { assignee_id: cast.agentA.id, tags: ['mempool'] });

      const ids = async (query: string, token = cast.tokens.agentA) => {
        const res = await api(desk, token, 'GET', `/api/v1/tickets?${query}`);
        assert.equal(res.status, 200, `${query}: ${JSON.stringify(res.body)}`);
        return res.body.tickets.map((t: { id: string }) => t.id);
      };
      assert.ok((await ids('q=被盗')).includes(stolen.id));
      assert.ok(!(await ids('q=被盗')).includes(stuck.id));
      assert.deepEqual(await ids('q=unconfirmed%20mempool'), [stuck.id]);
      assert.ok((await ids('category=security&priority=urgent')).includes(stolen.id));
      assert.ok(!(await ids('category=transaction')).includes(stolen.id));
      assert.ok((await ids('assignee_id=me&category=transaction')).includes(stuck.id));
      assert.ok(!(await ids('assignee_id=me&category=transaction')).includes(stolen.id));
      assert.ok(!(await ids('assignee_id=none')).includes(stuck.id));
      assert.deepEqual(await ids('tag=mempool'), [stuck.id]);
      assert.ok((await ids(`brand_id=${cast.brandA.id}&status=new,open`)).includes(stolen.id));
      assert.deepEqual(await ids(`requester_id=${stolen.requester.id}`), [stolen.id]);
      assert.equal((await ids(`updated_since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).length, 0);
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/tickets?status=bogus')).status, 400);
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/tickets?limit=1000')).status, 400);
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/tickets?cursor=garbage')).status, 400);

      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { tickets: Array<{ id: string }>; next_cursor: string | null } } = await api(
          desk,
          cast.tokens.agentA,
          'GET',
          `/api/v1/tickets?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        all.push(...page.body.tickets.map((t) => t.id));
        cursor = page.body.next_cursor;
      } while (cursor);
      assert.equal(new Set(all).size, all.length);
      assert.equal(all.length, await desk.deps.store.tickets.count({ visibleBrandIds: [cast.brandA.id] }));
    });

    test('merging moves the conversation and points the source at the target', async () => {
      const a = (await create(cast.tokens.agentA, { subject: 'first', body: 'part one', requester: { email: 'merge@example.com' } })).body;
      const b = (await create(cast.tokens.agentA, { subject: 'second', body: 'part two', requester: { email: 'merge@example.com' } })).body;
      const res = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${a.id}/merge`, { target_id: b.id });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.source.merged_into_id, b.id);
      assert.equal(res.body.source.status, 'closed');
      const target = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${b.id}`)).body;
      const bodies = target.messages.map((m: { body: string }) => m.body);
      assert.ok(bodies.includes('part one') && bodies.includes('part two'));
      const source = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${a.id}`)).body;
      assert.deepEqual(source.messages.map((m: { public: boolean }) => m.public), [false], 'only the merge note stays behind');
      assert.ok((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/tickets?q=part%20one')).body.tickets.some((t: { id: string }) => t.id === b.id));
      const other = (await create(cast.tokens.agentB, { subject: 'other brand', body: 'x', requester: { email: 'merge@example.com' } })).body;
      assert.equal((await api(desk, cast.tokens.admin, 'POST', `/api/v1/tickets/${b.id}/merge`, { target_id: other.id })).status, 400);
      const late = await ingestInbound(desk.deps, { brandId: cast.brandA.id, channel: 'api', from: { email: 'merge@example.com' }, body: 'late reply', ticketId: a.id });
      assert.equal(late.ticket.id, b.id, 'a reply to a merged ticket lands on its target');
    });

    test("the merge notes are written in each conversation's language", async () => {
      const a = (await create(cast.tokens.agentA, { subject: '提现一直没到账', body: '我的提现已经三天了还没有到账，请帮忙查一下。', requester: { email: 'zh-merge@example.com' } })).body;
      const b = (await create(cast.tokens.agentA, { subject: '转账问题', body: '转账显示成功但是对方没有收到，怎么办？', requester: { email: 'zh-merge@example.com' } })).body;
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${a.id}/merge`, { target_id: b.id })).status, 200);
      const source = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${a.id}`)).body;
      assert.deepEqual(source.messages.map((m: { body: string }) => m.body), [`已合并到 #${b.number}。`]);
      const target = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${b.id}`)).body;
      const note = target.messages.find((m: { public: boolean; author: { type: string } }) => !m.public && m.author.type === 'system');
      assert.match(note.body, new RegExp(`^#${a.number}（提现一直没到账）已合并到本工单，共 \\d+ 条消息。$`));
    });
  });
}
