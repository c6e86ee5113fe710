/**
 * Search results at scale keep their meaning (issue 20): newest ticket first, pages that follow each other
 * without gaps or repeats, Chinese two-character terms whether written in Simplified or Traditional, the other
 * filters and brand visibility applied to every page, and documents that follow a merge, on both stores.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { DIALECTS } from '../helpers/stores.js';

interface Made {
  id: string;
  number: number;
}

for (const dialect of DIALECTS) {
  describe(`ticket search order and paging (${dialect})`, () => {
    let desk: TestDesk;
    let cast: Cast;
    const arrived: Made[] = [];
    let traditional: Made;
    let apart: Made;
    let stuck: Made;
    let solved: Made;
    let otherBrand: Made;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      const create = async (body: Record<string, unknown>): Promise<Made> => {
        const r = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', { brand: 'satoshi', ...body });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        return { id: r.body.id as string, number: r.body.number as number };
      };
      for (let i = 0; i < 7; i++) {
        arrived.push(await create({ subject: `提现问题 ${i}`, body: `第${i}笔提现还没到账，请查一下。`, requester: { email: `u${i}@example.com` } }));
      }
      traditional = await create({ subject: '轉帳問題', body: '我的轉帳三天還沒到賬，帳戶也被凍結了。', requester: { email: 'tw@example.com' } });
      apart = await create({ subject: '问题', body: '钱到了，但是账单不对。', requester: { email: 'apart@example.com' } });
      stuck = await create({ subject: 'Transaction stuck', body: 'My transaction is stuck in the mempool.', requester: { email: 'stuck@example.com' } });
      solved = await create({ subject: '已解决', body: '昨天的转账已经到账了，谢谢。', requester: { email: 'done@example.com' } });
      const patched = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/tickets/${solved.id}`, { status: 'solved' });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      otherBrand = await create({ brand: 'pocket', subject: 'Pocket', body: '钱包的币没有到账', requester: { email: 'pocket@example.com' } });
    });
    after(async () => desk?.close());

    const page = async (token: string, query: string) => {
      const r = await api(desk, token, 'GET', `/api/v1/tickets?${query}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return { numbers: (r.body.tickets as Array<{ number: number }>).map((t) => t.number), cursor: r.body.next_cursor as string | null };
    };
    const all = async (token: string, query: string, limit: number) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 50; i++) {
        const p = await page(token, `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        seen.push(...p.numbers);
        cursor = p.cursor;
        if (!cursor) return seen;
      }
      assert.fail('paging did not end');
    };
    const desc = (items: Made[]) => items.map((t) => t.number).sort((a, b) => b - a);

    test('a two-character query finds every ticket holding it, Simplified or Traditional, newest first', async () => {
      const expected = desc([...arrived, traditional, solved, otherBrand]);
      assert.deepEqual((await page(cast.tokens.admin, `q=${encodeURIComponent('到账')}`)).numbers, expected);
      assert.deepEqual((await page(cast.tokens.admin, `q=${encodeURIComponent('到賬')}`)).numbers, expected);
      assert.deepEqual((await page(cast.tokens.admin, `q=${encodeURIComponent('到帳')}`)).numbers, expected);
    });

    test('two characters must stand together: 到 … 账 apart is not a match, but each alone is', async () => {
      const pair = (await page(cast.tokens.admin, `q=${encodeURIComponent('到账')}`)).numbers;
      assert.ok(!pair.includes(apart.number));
      assert.ok((await page(cast.tokens.admin, `q=${encodeURIComponent('账')}`)).numbers.includes(apart.number));
      assert.deepEqual((await page(cast.tokens.admin, `q=${encodeURIComponent('冻结')}`)).numbers, [traditional.number]);
    });

    test('pages follow each other without gaps or repeats', async () => {
      const expected = desc([...arrived, traditional, solved, otherBrand]);
      assert.deepEqual(await all(cast.tokens.admin, `q=${encodeURIComponent('到账')}`, 2), expected);
      assert.deepEqual(await all(cast.tokens.admin, `q=${encodeURIComponent('到账')}`, 3), expected);
    });

    test('the other filters and the brands an agent may see apply to every page', async () => {
      const unsolved = await all(cast.tokens.admin, `q=${encodeURIComponent('到账')}&status=new,open,pending,on_hold`, 2);
      assert.deepEqual(unsolved, desc([...arrived, traditional, otherBrand]));
      const agentA = await all(cast.tokens.agentA, `q=${encodeURIComponent('到账')}`, 2);
      assert.deepEqual(agentA, desc([...arrived, traditional, solved]));
      assert.deepEqual(await all(cast.tokens.agentB, `q=${encodeURIComponent('到账')}`, 2), [otherBrand.number]);
    });

    test('English words match whole (endings trimmed) or by prefix with *, and several words must all match', async () => {
      assert.deepEqual((await page(cast.tokens.admin, 'q=mempoo')).numbers, []);
      assert.deepEqual((await page(cast.tokens.admin, 'q=mempoo*')).numbers, [stuck.number]);
      assert.deepEqual((await page(cast.tokens.admin, 'q=transactions')).numbers, [stuck.number]);
      assert.deepEqual((await page(cast.tokens.admin, 'q=stuck%20transaction')).numbers, [stuck.number]);
      assert.deepEqual((await page(cast.tokens.admin, 'q=stuck%20bitcoin')).numbers, []);
    });

    test('matches that few tickets pass the other filters are still found, page after page', async () => {
      // 45 tickets hold the word, two documents each; only the two oldest are solved, so the newest documents
      // read first hold no solved ticket and the search has to walk the solved tickets instead.
      const zebras: Made[] = [];
      for (let i = 0; i < 45; i++) {
        const r = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', { brand: 'satoshi', subject: `zebra ${i}`, body: 'a zebra crossing', requester: { email: `z${i}@example.com` } });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        zebras.push({ id: r.body.id as string, number: r.body.number as number });
      }
      for (const z of zebras.slice(0, 2)) {
        const r = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/tickets/${z.id}`, { status: 'solved' });
        assert.equal(r.status, 200, JSON.stringify(r.body));
      }
      assert.deepEqual(await all(cast.tokens.admin, 'q=zebra&status=solved', 1), desc(zebras.slice(0, 2)));
      assert.deepEqual(await all(cast.tokens.admin, 'q=zebras', 7), desc(zebras));
    });

    test("a name many requesters share finds all their tickets, newest first, page after page", async () => {
      // More than a hundred people match, so the search walks the tickets instead of each person's tickets.
      const zeds: Made[] = [];
      for (let i = 0; i < 104; i++) {
        const r = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', { brand: 'satoshi', subject: 'hello', body: 'hi', requester: { email: `zed${i}@example.com`, name: `Zed Q${i}` } });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        zeds.push({ id: r.body.id as string, number: r.body.number as number });
      }
      assert.deepEqual(await all(cast.tokens.admin, 'q=zed%20q', 25), desc(zeds));
      assert.deepEqual(await all(cast.tokens.admin, 'q=zed%20q1', 4), desc(zeds.filter((_, i) => String(i).startsWith('1'))));
    });

    test('a cursor that is not ours is refused with 400', async () => {
      const r = await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets?q=x&cursor=${Buffer.from('["2020-01-01","abc"]').toString('base64url')}`);
      assert.equal(r.status, 400, JSON.stringify(r.body));
    });

    test('after a merge the moved messages are found under the ticket they now belong to', async () => {
      const source = arrived[0]!;
      const target = arrived[1]!;
      const r = await api(desk, cast.tokens.admin, 'POST', `/api/v1/tickets/${source.id}/merge`, { target_id: target.id });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      // "第0笔" was only in the source's message, which now belongs to the target.
      assert.deepEqual((await page(cast.tokens.admin, `q=${encodeURIComponent('第0笔')}`)).numbers, [target.number]);
      // The source keeps its subject.
      assert.ok((await page(cast.tokens.admin, `q=${encodeURIComponent('提现问题 0')}`)).numbers.includes(source.number));
    });
  });
}
