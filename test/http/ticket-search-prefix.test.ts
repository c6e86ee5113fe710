/**
 * Prefix search (issue 20): a word typed with a trailing `*` finds the tickets holding a word that starts with
 * it, whatever its length against the prefix indexes (3, 4, 6 and 8 characters on SQLite: shorter, equal, between
 * and longer), through every page, also when a ticket's older message is the only one that matches and when other
 * filters reject most matches; Chinese search beside it is unchanged. On both stores.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { DIALECTS } from '../helpers/stores.js';

for (const dialect of DIALECTS) {
  describe(`prefix search (${dialect})`, () => {
    let desk: TestDesk;
    let cast: Cast;
    const made: Record<string, number> = {};
    let buried = { id: '', number: 0 };
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      const create = async (key: string, subject: string, body: string) => {
        const r = await api(desk, cast.tokens.admin, 'POST', '/api/v1/tickets', { brand: 'satoshi', subject, body, requester: { email: `${key}@example.com` } });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        made[key] = r.body.number as number;
        return { id: r.body.id as string, number: r.body.number as number };
      };
      await create('withdrawal', 'Payout', 'My withdrawal never arrived.');
      await create('withdrawing', 'Payout again', 'I am withdrawing to my cold wallet.');
      await create('without', 'Fees', 'I paid without a memo.');
      await create('within', 'Timing', 'Will it confirm within the hour?');
      await create('txid', 'Stuck', 'txid 4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b is stuck');
      await create('chinese', '提现', '提现三天还没到账');
      // The only matching word is in the first message; twenty newer replies hold a word with the same first four
      // letters, so the index reads past them (and stops between them on small pages) before it finds it.
      buried = await create('buried', 'Old question', 'Where is my withdrawal?');
      for (let i = 0; i < 20; i++) {
        const r = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${buried.id}/messages`, { body: `We will answer within a day (${i}).`, public: false });
        assert.equal(r.status, 201, JSON.stringify(r.body));
      }
      for (let i = 0; i < 6; i++) await create(`filler${i}`, 'Other', `Nothing about money, number ${i}.`);
    });
    after(async () => desk?.close());

    const all = async (query: string, limit = 25) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 100; i++) {
        const r = await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets?q=${encodeURIComponent(query)}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        seen.push(...(r.body.tickets as Array<{ number: number }>).map((t) => t.number));
        cursor = r.body.next_cursor as string | null;
        if (!cursor) return seen;
      }
      assert.fail('paging did not end');
    };
    const numbers = (...keys: string[]) => keys.map((k) => made[k]!).sort((a, b) => b - a);

    test('a prefix of every length finds the words that start with it, newest first', async () => {
      const withd = numbers('withdrawal', 'withdrawing', 'buried');
      assert.deepEqual(await all('with*'), numbers('withdrawal', 'withdrawing', 'without', 'within', 'buried'));
      assert.deepEqual(await all('withd*'), withd);
      assert.deepEqual(await all('withdr*'), withd);
      assert.deepEqual(await all('withdra*'), withd);
      assert.deepEqual(await all('withdraw*'), withd);
      assert.deepEqual(await all('withdrawa*'), numbers('withdrawal', 'buried'));
      assert.deepEqual(await all('witho*'), numbers('without'));
      assert.deepEqual(await all('withdrawals*'), []);
    });

    test('a ticket whose only match is under many newer near-misses is found on small pages too', async () => {
      for (const limit of [1, 2, 3]) {
        assert.deepEqual(await all('withdrawa*', limit), numbers('withdrawal', 'buried'), `limit ${limit}`);
        assert.deepEqual(await all('withd*', limit), numbers('withdrawal', 'withdrawing', 'buried'), `limit ${limit}`);
      }
    });

    test('other filters apply to prefix matches', async () => {
      const r = await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets?q=${encodeURIComponent('withdrawa*')}&status=new,open&limit=1`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const first = (r.body.tickets as Array<{ number: number }>).map((t) => t.number);
      assert.deepEqual(first, [made.buried]);
      const none = await api(desk, cast.tokens.admin, 'GET', `/api/v1/tickets?q=${encodeURIComponent('withdrawa*')}&status=solved`);
      assert.deepEqual(none.body.tickets, []);
    });

    test('a txid fragment matches by prefix, and a prefix shorter than three letters is a whole word', async () => {
      assert.deepEqual(await all('4a5e1e4baab89f'), numbers('txid'));
      assert.deepEqual(await all('4a5e1e4b*'), numbers('txid'));
      assert.deepEqual(await all('wi*'), []);
    });

    test('Chinese two-character search is unchanged beside prefixes', async () => {
      assert.deepEqual(await all('到账'), numbers('chinese'));
      assert.deepEqual(await all('提現'), numbers('chinese'));
    });
  });
}
