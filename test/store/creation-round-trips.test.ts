/**
 * How many statements a new ticket costs on PostgreSQL, counted at node-postgres's Client.query for one
 * POST /api/v1/tickets on a warm desk (issue 20: creation speed on PostgreSQL is bounded by round trips). The
 * bound fails the test when a change adds statements back to the hot path; lower it when a change removes some.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

/**
 * Left out: the token's principal (api_token, agent and its brands and teams, the token's last use), which the
 * server caches for 5 s (app/authenticate.ts) while the test desk does not, and the trigger and SLA-policy views,
 * which refresh on a timer whatever the traffic (app/trigger-view.ts, app/sla-policy-view.ts).
 */
const NOT_PER_TICKET = /^(select .* from|update) "(api_token|agent|agent_brand|agent_team|rule|sla_policy)" /;

/** Statements sent by this process while `run` runs (every pool and client share the prototype). */
async function countStatements(run: () => Promise<unknown>): Promise<{ count: number; texts: string[] }> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const texts: string[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0];
    const text = typeof q === 'string' ? q : String((q as { text?: string }).text ?? q);
    if (!NOT_PER_TICKET.test(text)) texts.push(text);
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    proto.query = original;
  }
  return { count: texts.length, texts };
}

describe('round trips per new ticket on postgres', () => {
  let desk: TestDesk;
  let cast: Cast;
  before(async () => {
    desk = await startTestDesk('postgres');
    cast = await seedCast(desk.deps);
  });
  after(async () => desk.close());

  const create = (n: number, brand?: string) =>
    api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', {
      subject: `转账三天没到账 #${n}`,
      body: 'I sent 0.05 BTC three days ago and it still shows unconfirmed. 我三天前转的币还没到账，请帮忙查一下。',
      requester: { email: `rt${n}@example.com`, name: '王伟' },
      ...(brand ? { brand } : {}),
    });

  test('a new customer\'s ticket through the API takes 7 statements, transaction included, and one more per 16 for numbers', async (t) => {
    assert.equal((await create(0)).status, 201, 'warm-up');
    const statuses: number[] = [];
    const { count, texts } = await countStatements(async () => {
      // 16 tickets: the ticket numbers come from the sequence 16 at a time, so at most one block is fetched.
      for (let n = 1; n <= 16; n++) statuses.push((await create(n)).status);
    });
    assert.deepEqual(new Set(statuses), new Set([201]));
    t.diagnostic(`${count} statements for 16 tickets; the last ticket's:\n${texts.slice(-7).map((s) => s.slice(0, 140).replace(/\s+/g, ' ')).join('\n')}`);
    assert.ok(count <= 16 * 7 + 1, `${count} statements for 16 tickets: ${texts.slice(-8).map((s) => s.slice(0, 60)).join(' | ')}`);
  });

  test('naming the brand (by slug) costs no extra statement', async () => {
    const { count } = await countStatements(async () => {
      for (let n = 100; n < 116; n++) assert.equal((await create(n, cast.brandA.slug)).status, 201);
    });
    assert.ok(count <= 16 * 7 + 1, `${count} statements for 16 tickets`);
  });

  test('a returning customer\'s ticket takes no more than a new one\'s', async () => {
    const { count } = await countStatements(async () => {
      for (let n = 100; n < 116; n++) assert.equal((await create(n)).status, 201);
    });
    assert.ok(count <= 16 * 7 + 1, `${count} statements for 16 tickets`);
  });
});
