/**
 * The search box finds a ticket by its words, its number, and its requester's name, e-mail or phone, on both stores.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { DIALECTS } from '../helpers/stores.js';

for (const dialect of DIALECTS) {
  describe(`ticket search by number and requester (${dialect})`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let wang: { id: string; number: number };
    let other: { id: string; number: number };
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      const create = async (body: Record<string, unknown>) => {
        const r = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', body);
        assert.equal(r.status, 201, JSON.stringify(r.body));
        return { id: r.body.id as string, number: r.body.number as number };
      };
      wang = await create({ subject: '转账三天还没到账', body: '我三天前转了 0.5 BTC，还没到账。', requester: { email: 'Wang.Wei@Example.com', name: '王伟', phone: '+86 138 0013 8000' } });
      other = await create({ subject: 'app will not open', body: 'after the update the app closes at once', requester: { email: 'emma@mail.example', name: 'Emma Stone' } });
    });
    after(async () => desk?.close());

    const find = async (q: string) => {
      const r = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return (r.body.tickets as Array<{ id: string }>).map((t) => t.id).sort();
    };

    test('by number, with or without #', async () => {
      assert.deepEqual(await find(`#${wang.number}`), [wang.id]);
      assert.deepEqual(await find(String(other.number)), [other.id]);
    });

    test("by the requester's name, e-mail or phone (as typed, with spaces or without the country code)", async () => {
      assert.deepEqual(await find('王伟'), [wang.id]);
      assert.deepEqual(await find('emma st'), [other.id]);
      assert.deepEqual(await find('wang.wei@example'), [wang.id]);
      assert.deepEqual(await find('EMMA@MAIL.EXAMPLE'), [other.id]);
      assert.deepEqual(await find('+86 138 0013 8000'), [wang.id]);
      assert.deepEqual(await find('13800138000'), [wang.id]);
    });

    test('words still find the conversation, and a stranger finds nothing', async () => {
      assert.deepEqual(await find('到账'), [wang.id]);
      assert.deepEqual(await find('update'), [other.id]);
      assert.deepEqual(await find('nobody@nowhere.example'), []);
    });
  });
}
