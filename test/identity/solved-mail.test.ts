/**
 * The "your request is solved" e-mail (issue 18), once per database, through a real SMTP relay: a solved
 * ticket's customer gets one e-mail in their language with a private link to their request's page; the link
 * opens the signed record; a reopen and a second solve send a second; a customer with no e-mail gets none; an
 * e-mail conversation gets it as a reply in its own thread.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emailSender, type EmailSender } from '../../src/channels/email/sender.js';
import { emailTokens } from '../../src/channels/email/tokens.js';
import { ingestInbound } from '../../src/app/ingest-inbound.js';
import { DIALECTS } from '../helpers/stores.js';
import { drainJobs } from '../helpers/jobs.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startSmtpSink, type SmtpSink } from '../email/smtp-sink.js';

const PUBLIC = 'https://help.example.com';

for (const dialect of DIALECTS) {
  describe(`the solve e-mail on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let sink: SmtpSink;
    let sender: EmailSender;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      sink = await startSmtpSink();
      sender = emailSender({ relay: sink.url, tokens: emailTokens('solved-test-secret'), supportEmail: 'desk@default.example', files: desk.deps.files });
      desk.deps.senders = { email: sender };
      desk.deps.publicUrl = PUBLIC;
    });
    after(async () => {
      sender.close();
      await sink.close();
      await desk.close();
    });

    const solve = async (id: string) => {
      const res = await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${id}`, { status: 'solved' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const { failures } = await drainJobs(desk.deps);
      assert.deepEqual(failures.map((f) => f.error), []);
    };
    const mailsTo = (to: string) => sink.mails.filter((m) => m.to.includes(to) && /已解决|is solved/.test(m.parsed.subject ?? ''));

    test('the customer gets one e-mail in their language whose link opens the signed record; a second solve sends another', async () => {
      const created = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: '提现没有到账', body: '我昨天提现，到现在还没到账', brand: 'satoshi', requester: { email: 'wang@mail.example', language: 'zh-CN' } });
      assert.equal(created.status, 201);
      await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${created.body.id}/messages`, { body: '已为您处理，请查收。', public: true });
      await solve(created.body.id);
      const [mail, ...more] = mailsTo('wang@mail.example');
      assert.ok(mail, 'one solve e-mail went out');
      assert.equal(more.length, 0);
      assert.equal(mail.parsed.subject, `您的请求 #${created.body.number} 已解决`);
      const text = mail.parsed.text ?? '';
      assert.match(text, /下载本次对话的完整记录/);
      const token = new RegExp(`${PUBLIC.replace(/\./g, '\\.')}/help/status#([A-Za-z0-9_-]{20,100})`).exec(text)?.[1];
      assert.ok(token, text);
      // The history keeps that it was sent, never the link.
      const events = await desk.deps.store.events.listForTicket(created.body.id, { limit: 200 });
      assert.ok(events.some((e) => e.type === 'customer.notified' && (e.data as { kind?: string }).kind === 'solved'));
      assert.ok(!JSON.stringify(events).includes(token));

      const record = await api(desk, null, 'GET', '/api/v1/portal/record?format=json', undefined, { 'x-portal-token': token });
      assert.equal(record.status, 200, JSON.stringify(record.body));
      assert.ok(JSON.stringify(record.body).includes('已为您处理，请查收。'), 'the record holds the conversation');
      const verified = await api(desk, null, 'POST', '/api/v1/records/verify', record.body);
      assert.equal(verified.body.valid, true, JSON.stringify(verified.body));

      // Running the queue again sends nothing more; a reopen and a second solve send a second one.
      await drainJobs(desk.deps);
      assert.equal(mailsTo('wang@mail.example').length, 1);
      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${created.body.id}`, { status: 'open' });
      await solve(created.body.id);
      assert.equal(mailsTo('wang@mail.example').length, 2);
    });

    test('a customer with no e-mail address (a caller) gets none; a reopened ticket before the job ran gets none', async () => {
      const phoneOnly = await ingestInbound(desk.deps, { brandId: cast.brandA.id, channel: 'phone', from: { phone: '+4915112345678' }, subject: 'Call back', body: 'Please call me back', sourceId: `CA-${dialect}-nomail` });
      assert.ok('ticket' in phoneOnly);
      const before = sink.mails.length;
      await solve(phoneOnly.ticket.id);
      assert.equal(sink.mails.length, before);

      const quick = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'Question', body: 'How do fees work?', brand: 'satoshi', requester: { email: 'quick@mail.example', language: 'en' } });
      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${quick.body.id}`, { status: 'solved' });
      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${quick.body.id}`, { status: 'open' });
      await drainJobs(desk.deps);
      assert.equal(mailsTo('quick@mail.example').length, 0);
    });

    test('an e-mail conversation gets the solve e-mail as a reply in its own thread, in English', async () => {
      const messageId = `<thread-${dialect}-${Date.now()}@mail.example>`;
      const result = await ingestInbound(desk.deps, {
        brandId: cast.brandA.id,
        channel: 'email',
        from: { email: 'eve@mail.example', name: 'Eve' },
        subject: 'Where is my withdrawal?',
        body: 'My withdrawal from yesterday has not arrived yet.',
        sourceId: messageId,
      });
      assert.ok('ticket' in result);
      await api(desk, cast.tokens.agentA, 'PATCH', `/api/v1/tickets/${result.ticket.id}`, { language: 'en' });
      await solve(result.ticket.id);
      const mail = sink.mails.filter((m) => m.to.includes('eve@mail.example')).find((m) => (m.parsed.text ?? '').includes('as solved'));
      assert.ok(mail, sink.mails.map((m) => m.parsed.subject).join(' | '));
      assert.equal(mail.parsed.inReplyTo, messageId);
      assert.match(mail.parsed.subject ?? '', /^Re: Where is my withdrawal\?/);
      assert.match(mail.parsed.text ?? '', /download the full record of this conversation/);
    });
  });
}
