/** The transaction desk in tickets and on the help center, against a local Esplora-compatible server. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildScenario } from '../fakes/scenario.js';
import { startEsplora, type FakeServer } from '../fakes/esplora-server.js';
import { createEsploraBackend, withCacheAndCoalescing } from '../../src/bitcoin/index.js';
import { PROCESSOR_JOB, type ProcessorJobPayload } from '../../src/app/processors/processor.js';
import { runProcessorJob } from '../../src/app/processors/run-processor-job.js';
import { writeChainNote } from '../../src/app/look-up-chain.js';
import { drainJobs } from '../helpers/jobs.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

const sc = buildScenario();

describe('transaction desk', () => {
  let desk: TestDesk;
  let cast: Cast;
  let esplora: FakeServer;
  before(async () => {
    esplora = await startEsplora({ transactions: sc.transactions, tipHeight: sc.tipHeight, feeEstimates: sc.feeEstimates, tipTime: Math.floor(sc.now.getTime() / 1000) });
    desk = await startTestDesk('sqlite');
    desk.deps.chain = withCacheAndCoalescing(createEsploraBackend({ url: esplora.url }), { ttlMs: 60_000 });
    cast = await seedCast(desk.deps);
  });
  after(async () => {
    await desk.close();
    await esplora.close();
  });

  test('a ticket that names a stuck transaction gets an internal note with its status and the advice', async () => {
    const t = (
      await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', {
        subject: 'Payment stuck for three days',
        body: `I sent bitcoin three days ago and it is still unconfirmed. txid ${sc.txids.rbfLowFee}`,
        requester: { email: 'stuck@example.com' },
      })
    ).body;
    const jobs = await desk.deps.store.jobs.list({ type: PROCESSOR_JOB }, 10);
    const job = jobs.find((j) => (j.payload as unknown as ProcessorJobPayload).processor === 'chain-note' && (j.payload as unknown as ProcessorJobPayload).event.subjectId === t.id);
    assert.ok(job, 'the lookup was queued with the ticket, for the chain-note processor');
    const { failures } = await drainJobs(desk.deps);
    assert.deepEqual(failures, []);
    // At least once: a second run of the same job (a worker that died before completing it) adds nothing.
    await runProcessorJob(desk.deps, job);
    const view = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}`)).body;
    const notes = view.messages.filter((m: { public: boolean; author: { type: string } }) => !m.public && m.author.type === 'system');
    assert.equal(notes.length, 1, 'one note, even when the job runs twice');
    assert.match(notes[0].body, new RegExp(sc.txids.rbfLowFee));
    assert.match(notes[0].body, /RBF|fee/i);
  });

  test("agents see the live status of a ticket's transactions; other brands do not", async () => {
    const t = (
      await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', {
        subject: 'two payments',
        body: `First ${sc.txids.confirmed} and second ${sc.txids.rbfLowFee}`,
        requester: { email: 'two@example.com' },
      })
    ).body;
    const res = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}/chain?lang=zh-CN`);
    assert.equal(res.status, 200);
    assert.equal(res.body.configured, true);
    const byTxid = Object.fromEntries(res.body.transactions.map((x: { txid: string }) => [x.txid, x]));
    assert.equal(byTxid[sc.txids.confirmed].status.confirmed, true);
    assert.equal(byTxid[sc.txids.rbfLowFee].status.stuck, true);
    assert.ok(byTxid[sc.txids.rbfLowFee].status.advice.includes('rbf'));
    assert.match(byTxid[sc.txids.rbfLowFee].summary.join('\n'), /[\u4e00-\u9fff]/, 'in the agent\'s language');
    assert.equal((await api(desk, cast.tokens.agentB, 'GET', `/api/v1/tickets/${t.id}/chain`)).status, 404);
  });

  test('a customer checks a txid on the help center without a ticket, in plain words, and it is counted', async () => {
    const res = await api(desk, null, 'GET', `/api/v1/public/tx/${sc.txids.rbfLowFee}?lang=en`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.stuck, true);
    assert.ok(res.body.explanation.length > 40);
    assert.ok(res.body.advice.length > 0);
    assert.equal((await api(desk, null, 'GET', '/api/v1/public/tx/not-a-txid')).status, 400);
    const report = await api(desk, cast.tokens.supervisorA, 'GET', '/api/v1/reports/self-service');
    assert.equal(report.status, 200);
    assert.equal(Object.values(report.body.tx_checks as Record<string, number>).reduce((a, b) => a + b, 0), 1);
    assert.equal((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/reports/self-service')).status, 403);
  });

  test('a desk with no chain backend tells a customer so in their language, without the admin\'s setup hint', async () => {
    const bare = await startTestDesk('sqlite');
    try {
      const zh = await api(bare, null, 'GET', `/api/v1/public/tx/${sc.txids.confirmed}?lang=zh-CN`);
      assert.equal(zh.status, 503);
      assert.match(zh.body.error.message, /暂时无法在这里查询交易/);
      assert.doesNotMatch(zh.body.error.message, /ESPLORA|BITCOIN_RPC|admin/i);
      const en = await api(bare, null, 'GET', `/api/v1/public/tx/${sc.txids.confirmed}?lang=en`);
      assert.match(en.body.error.message, /^We cannot look up transactions here right now/);
    } finally {
      await bare.close();
    }
  });

  test('a backend that is down gets a clear 503 for customers and a per-transaction error for agents', async () => {
    const down = await startTestDesk('sqlite');
    try {
      down.deps.chain = withCacheAndCoalescing(createEsploraBackend({ url: 'http://127.0.0.1:1', timeoutMs: 500 }), { ttlMs: 1000 });
      const c = await seedCast(down.deps);
      const res = await api(down, null, 'GET', `/api/v1/public/tx/${sc.txids.confirmed}`);
      assert.equal(res.status, 503);
      assert.match(res.body.error.message, /cannot look up transactions here right now/, 'a plain sentence for the customer');
      assert.doesNotMatch(res.body.error.message, /127\.0\.0\.1|backend|ESPLORA/i, 'no address or setup detail reaches a customer');
      const zh = await api(down, null, 'GET', `/api/v1/public/tx/${sc.txids.confirmed}?lang=zh-CN`);
      assert.equal(zh.status, 503);
      assert.match(zh.body.error.message, /暂时无法在这里查询交易/);
      const t = (await api(down, c.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 's', body: `tx ${sc.txids.confirmed} missing`, requester: { email: 'd@example.com' } })).body;
      const chain = await api(down, c.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}/chain`);
      assert.equal(chain.status, 200);
      assert.equal(chain.body.transactions[0].error.code, 'unavailable');
      await assert.rejects(writeChainNote(down.deps, t.id), 'the note job is retried later instead of noting the outage');
    } finally {
      await down.close();
    }
  });
});
