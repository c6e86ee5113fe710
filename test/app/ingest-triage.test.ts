/** Ingestion triages every request: category, priority, language, details, the missing-details question, escalation. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestInbound } from '../../src/app/ingest-inbound.js';
import { DELIVER_JOB, deliverMessage } from '../../src/app/deliver-message.js';
import { PROCESSOR_JOB } from '../../src/app/processors/processor.js';
import { runProcessorJob } from '../../src/app/processors/run-processor-job.js';
import type { ChannelSender, OutboundDelivery } from '../../src/app/ports.js';
import { startJobWorker } from '../../src/bus/job-worker.js';
import { seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

describe('ingestion with triage', () => {
  let desk: TestDesk;
  let cast: Cast;
  const sent: OutboundDelivery[] = [];
  let failNext = 0;
  const emailSender: ChannelSender = {
    async send(delivery) {
      if (failNext > 0) {
        failNext--;
        throw new Error('relay said 421 try later');
      }
      sent.push(delivery);
      return { externalId: `<${delivery.message.id}@desk.example>` };
    },
  };
  before(async () => {
    desk = await startTestDesk('sqlite');
    desk.deps.senders = { email: emailSender };
    cast = await seedCast(desk.deps);
  });
  after(async () => desk.close());

  const inbound = (body: string, extra: Partial<Parameters<typeof ingestInbound>[1]> = {}) =>
    ingestInbound(desk.deps, { brandId: cast.brandA.id, channel: 'web', from: { email: 'user@example.com' }, body, ...extra });

  test('a Chinese theft report lands as an urgent security ticket, with the reasons recorded', async () => {
    const r = await inbound('救命！我的钱包里的比特币被盗了，有一笔不是我发起的转账，全部被转走了', { subject: '币被盗了' });
    assert.equal(r.ticket.category, 'security');
    assert.equal(r.ticket.priority, 'urgent');
    assert.equal(r.ticket.language, 'zh-Hans');
    const triaged = (await desk.deps.store.events.listForTicket(r.ticket.id, { limit: 10 })).find((e) => e.type === 'ticket.triaged');
    assert.ok(triaged);
    assert.ok((triaged.data.reasons as string[]).some((x) => x.includes('盗')), JSON.stringify(triaged.data.reasons));
  });

  test('a trusted caller may not lower a theft report below what triage says', async () => {
    const r = await inbound('Someone stole all my bitcoin, unauthorized transaction drained my wallet', { overrides: { priority: 'low' } });
    assert.equal(r.ticket.priority, 'urgent');
  });

  test('a transaction problem without a txid gets one question asking exactly for it, in the customer\'s language', async () => {
    const r = await inbound('我转的币三天了还没到账，怎么回事？');
    assert.equal(r.ticket.category, 'transaction');
    const messages = await desk.deps.store.messages.listForTicket(r.ticket.id);
    const ask = messages.find((m) => m.authorType === 'system');
    assert.ok(ask, 'a system message asks for the missing details');
    assert.equal(ask.public, true);
    assert.match(ask.body, /交易ID/);
    assert.doesNotMatch(ask.body, /设备型号/, 'only what is missing');
    assert.match(ask.body, /绝不会/, 'and the reminder that we never ask for the phrase');
  });

  test('details given in form fields are not asked for again', async () => {
    const r = await inbound('My payment is still unconfirmed', {
      details: { txids: ['f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16'], tx_time: '2026-11-20T10:00' },
    });
    assert.equal(r.ticket.category, 'transaction');
    assert.equal((await desk.deps.store.messages.listForTicket(r.ticket.id)).filter((m) => m.authorType === 'system').length, 0);
    assert.equal(r.ticket.details.tx_time, '2026-11-20T10:00');
  });

  test('a later message that reports theft escalates the ticket', async () => {
    const first = await inbound('The app crashes when I open it, iPhone 15 iOS 17.2 app 4.2.1');
    assert.equal(first.ticket.category, 'technical');
    const second = await inbound('Now I see my funds were stolen, an unauthorized transaction emptied my wallet!', { ticketId: first.ticket.id });
    assert.equal(second.kind, 'appended');
    assert.equal(second.ticket.category, 'security');
    assert.equal(second.ticket.priority, 'urgent');
    const escalated = (await desk.deps.store.events.listForTicket(first.ticket.id, { limit: 20 })).find((e) => e.type === 'ticket.escalated');
    assert.deepEqual(escalated?.changes.priority, [first.ticket.priority, 'urgent']);
  });

  test('on a channel that sends, the question goes out as a durable job that retries and records delivery', async () => {
    failNext = 1;
    const worker = startJobWorker({
      store: desk.deps.store,
      clock: desk.deps.clock,
      pollMs: 600_000,
      handlers: {
        [DELIVER_JOB]: (job) => deliverMessage(desk.deps, String(job.payload.message_id), { number: job.attempts, max: job.maxAttempts }),
        [PROCESSOR_JOB]: (job) => runProcessorJob(desk.deps, job),
      },
    });
    // Stopped at once (its first poll is waited for): only the explicit runOnce calls below run jobs, none in the background.
    await worker.stop();
    try {
      const r = await inbound('My withdrawal never arrived in my wallet', { channel: 'email', from: { email: 'mail@example.com' } });
      const ask = (await desk.deps.store.messages.listForTicket(r.ticket.id)).find((m) => m.authorType === 'system')!;
      assert.equal(ask.delivery, null, 'stored with the ticket; the auto-reply-delivery processor queues it');
      await worker.runOnce();
      assert.equal((await desk.deps.store.messages.get(ask.id))?.delivery?.status, 'queued');
      await worker.runOnce();
      const failed = await desk.deps.store.messages.get(ask.id);
      assert.equal(failed?.delivery?.status, 'retrying');
      assert.match(failed?.delivery?.error ?? '', /421/);
      const job = (await desk.deps.store.jobs.list({ type: DELIVER_JOB }, 10)).find((j) => j.payload.message_id === ask.id)!;
      await desk.deps.store.transaction(async (tx) => tx.jobs.fail(job.id, 'test: make it due now', new Date().toISOString(), new Date().toISOString()));
      await worker.runOnce();
      const delivered = await desk.deps.store.messages.get(ask.id);
      assert.equal(delivered?.delivery?.status, 'sent');
      assert.equal(sent.filter((d) => d.message.id === ask.id).length, 1, 'sent exactly once');
      assert.equal(sent.at(-1)?.requester.emails[0], 'mail@example.com');
      await worker.runOnce();
      assert.equal(sent.filter((d) => d.message.id === ask.id).length, 1, 'a finished delivery is never repeated');
    } finally {
      await worker.stop();
    }
  });
});
