/**
 * Outbound e-mail end to end: an agent's reply goes through the durable 'message.deliver' job to a local SMTP
 * sink, carries threading headers the customer's reply comes back with, and failures show on the message.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job } from '../../src/app/ports.js';
import { addAgentMessage } from '../../src/app/add-agent-message.js';
import { createAgent } from '../../src/app/create-agent.js';
import { DELIVER_JOB, deliverMessage } from '../../src/app/deliver-message.js';
import { NOTIFY_JOB, notifyCustomer } from '../../src/app/notify-customer.js';
import { generateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { backoffMs } from '../../src/bus/job-worker.js';
import { PROCESSOR_JOB } from '../../src/app/processors/processor.js';
import { runProcessorJob } from '../../src/app/processors/run-processor-job.js';
import type { Principal } from '../../src/core/policy.js';
import { emailSender, type EmailSender } from '../../src/channels/email/sender.js';
import { DIALECTS } from '../helpers/stores.js';
import { mail, startEmailDesk, type EmailDesk } from './email-desk.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

/**
 * Runs due jobs until none is due, like the worker does (claim, handle, complete or fail with backoff): a
 * processor's job may queue a notice or a delivery, which runs in the next round.
 */
async function runDueJobs(desk: EmailDesk): Promise<Job[]> {
  const ran: Job[] = [];
  for (let round = 0; round < 10; round++) {
    const now = desk.clock.now();
    const jobs = await desk.store.jobs.claim('test', now.toISOString(), new Date(now.getTime() + 60_000).toISOString(), 20);
    if (jobs.length === 0) break;
    for (const job of jobs) {
      ran.push(job);
      try {
        if (job.type === DELIVER_JOB) await deliverMessage(desk.deps, String(job.payload.message_id), { number: job.attempts, max: job.maxAttempts });
        else if (job.type === NOTIFY_JOB) await notifyCustomer(desk.deps, job.payload);
        else if (job.type === PROCESSOR_JOB) await runProcessorJob(desk.deps, job);
        await desk.store.jobs.complete(job.id, desk.clock.now().toISOString());
      } catch (err) {
        const retry = job.attempts < job.maxAttempts ? new Date(desk.clock.now().getTime() + backoffMs(job.attempts)).toISOString() : null;
        await desk.store.jobs.fail(job.id, err instanceof Error ? err.message : String(err), retry, desk.clock.now().toISOString());
      }
    }
  }
  return ran;
}

for (const dialect of DIALECTS) {
  describe(`outbound e-mail on ${dialect}`, () => {
    let desk: EmailDesk;
    let sink: SmtpSink;
    let sender: EmailSender;
    let agent: Principal;

    before(async () => {
      desk = await startEmailDesk(dialect);
      sink = await startSmtpSink();
      sender = emailSender({ relay: sink.url, tokens: desk.tokens, supportEmail: 'desk@default.example', files: desk.deps.files });
      desk.deps.senders = { email: sender };
      const a = await createAgent(desk.deps, null, { email: 'li@desk.example', name: 'Li', role: 'agent', password: 'correct horse battery staple', brand_ids: [desk.brand.id] });
      agent = { agentId: a.id, role: 'agent', brandIds: [desk.brand.id], tokenId: null } as unknown as Principal;
    });
    after(async () => {
      sender.close();
      await sink.close();
      await desk.close();
    });

    test('a new e-mail ticket gets one acknowledgement, threaded under the customer mail and marked auto-replied', async () => {
      await desk.sendRaw(mail({ messageId: '<ack-1@mail.example>', subject: '提币一直没到账' }));
      await desk.sendRaw(mail({ messageId: '<ack-1@mail.example>', subject: '提币一直没到账' }));
      await runDueJobs(desk);
      const acks = sink.mails.filter((m) => m.parsed.inReplyTo === '<ack-1@mail.example>');
      assert.equal(acks.length, 1);
      const ack = acks[0]!;
      assert.equal(ack.parsed.headers.get('auto-submitted'), 'auto-replied');
      assert.equal(ack.parsed.from?.value[0]?.address, 'help@satoshi.example');
      assert.deepEqual(ack.to, ['customer@mail.example']);
      assert.match(ack.parsed.text ?? '', /工单号为 #\d+/);
      assert.match(ack.parsed.text ?? '', /助记词/);
      assert.match(ack.parsed.subject ?? '', /^Re: 提币一直没到账 \[#\d+\]$/);
      assert.ok(ack.parsed.html && ack.parsed.html.includes('<p>'));
    });

    test('the automatic replies to a new e-mail ride in its one acknowledgement; later in the thread each goes out as a reply of its own', async () => {
      await desk.sendRaw(mail({ messageId: '<fold-1@mail.example>', from: 'Sam <sam@mail.example>', subject: 'Withdrawal', body: 'My withdrawal never arrived in my wallet' }));
      const first = (await desk.store.messages.findBySource('email', '<fold-1@mail.example>'))!;
      await runDueJobs(desk);
      const folded = (await desk.store.messages.listForTicket(first.ticketId)).filter((m) => m.authorType === 'system' && m.meta.reply_to === first.id);
      assert.ok(folded.some((m) => m.meta.kind === 'missing_details'), 'the desk asked for what is missing');
      assert.ok(folded.every((m) => m.delivery === null), 'not sent on their own');
      const acks = sink.mails.filter((m) => m.parsed.inReplyTo === '<fold-1@mail.example>');
      assert.equal(acks.length, 1, 'one mail, not one per automatic reply');
      const question = folded.find((m) => m.meta.kind === 'missing_details')!;
      assert.ok((acks[0]!.parsed.text ?? '').replace(/\s+/g, ' ').includes(question.body.split('\n')[0]!.trim().replace(/\s+/g, ' ')), 'the question is inside the acknowledgement');

      sink.mails.length = 0;
      const phrase = generateMnemonic(english, 128);
      await desk.sendRaw(mail({ messageId: '<fold-2@mail.example>', from: 'Sam <sam@mail.example>', subject: 'Re: Withdrawal', inReplyTo: '<fold-1@mail.example>', references: '<fold-1@mail.example>', body: `Is this safe? ${phrase}` }));
      const second = (await desk.store.messages.findBySource('email', '<fold-2@mail.example>'))!;
      assert.equal(second.ticketId, first.ticketId, 'appended to the same ticket');
      await runDueJobs(desk);
      const warning = (await desk.store.messages.listForTicket(first.ticketId)).find((m) => m.meta.kind === 'secret_exposed' && m.meta.reply_to === second.id);
      assert.ok(warning, 'the desk answered the exposed phrase');
      assert.equal(warning.delivery?.status, 'sent', 'later in a thread, the automatic reply is delivered as a reply');
      assert.ok(!sink.mails.some((m) => (m.parsed.text ?? '').includes(phrase)), 'the phrase never leaves the desk');
    });

    test("an agent's reply goes out from the brand with threading headers, and the customer's answer to it lands on the same ticket", async () => {
      await desk.sendRaw(mail({ messageId: '<thread-1@mail.example>', subject: 'Where is my BTC? [Case 00123]' }));
      const first = await desk.store.messages.findBySource('email', '<thread-1@mail.example>');
      assert.ok(first);
      const ticket = (await desk.store.tickets.get(first.ticketId))!;
      const reply = await addAgentMessage(desk.deps, agent, ticket.id, { body: 'Please send us the txid.\nThanks.' });
      assert.equal(reply.message.delivery?.status, 'queued');
      sink.mails.length = 0;
      await runDueJobs(desk);

      const out = sink.mails.find((m) => m.parsed.text?.includes('Please send us the txid'));
      assert.ok(out, 'the reply reached the relay');
      assert.equal(out.parsed.from?.value[0]?.address, 'help@satoshi.example');
      assert.equal(out.parsed.subject, `Re: Where is my BTC? [Case 00123] [#${ticket.number}]`);
      assert.equal(out.parsed.inReplyTo, '<thread-1@mail.example>');
      assert.ok(String(out.parsed.references).includes('<thread-1@mail.example>'));
      const replyTo = out.parsed.replyTo?.value[0]?.address ?? '';
      assert.equal(desk.tokens.ticketNumberOfAddress(replyTo), ticket.number);
      assert.ok(out.parsed.html && out.parsed.text);
      const stored = await desk.store.messages.get(reply.message.id);
      assert.equal(stored?.delivery?.status, 'sent');
      assert.equal(stored?.delivery?.externalId, out.parsed.messageId);

      // The customer answers with a new subject; a colleague they copied answers too, quoting the older mail only.
      await desk.sendRaw(
        mail({ messageId: '<thread-2@mail.example>', subject: 'txid here', inReplyTo: out.parsed.messageId!, references: `<thread-1@mail.example> ${out.parsed.messageId}`, body: 'It is 4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b' }),
      );
      await desk.sendRaw(
        mail({ from: 'Wang Wu <wangwu@corp.example>', messageId: '<thread-3@corp.example>', subject: 'Re: Where is my BTC?', inReplyTo: '<thread-1@mail.example>', references: '<thread-1@mail.example>', body: 'I am his colleague, same problem here.' }),
      );
      for (const id of ['<thread-2@mail.example>', '<thread-3@corp.example>']) {
        const m = await desk.store.messages.findBySource('email', id);
        assert.equal(m?.ticketId, ticket.id, `${id} threads onto the ticket`);
      }
    });

    test('a relay failure is visible on the message, retried with backoff and sent exactly once', async () => {
      await desk.sendRaw(mail({ messageId: '<retry-1@mail.example>', subject: 'Retry me' }));
      const first = (await desk.store.messages.findBySource('email', '<retry-1@mail.example>'))!;
      await runDueJobs(desk);
      const reply = await addAgentMessage(desk.deps, agent, first.ticketId, { body: 'We are on it.' });
      sink.mails.length = 0;
      sink.refuseNext(1, 451);
      await runDueJobs(desk);
      const failed = await desk.store.messages.get(reply.message.id);
      assert.equal(failed?.delivery?.status, 'retrying');
      assert.match(failed?.delivery?.error ?? '', /451|try again/i);
      assert.equal(sink.mails.length, 0);

      desk.clock.advance(backoffMs(1) + 1000);
      await runDueJobs(desk);
      await runDueJobs(desk);
      const sent = await desk.store.messages.get(reply.message.id);
      assert.equal(sent?.delivery?.status, 'sent');
      assert.equal(sink.mails.filter((m) => m.parsed.messageId === sent?.delivery?.externalId).length, 1);
    });
  });
}
