/**
 * Issue 19 over real HTTP, once per database: every agent reply says what happened to it (sent through a real
 * SMTP relay, retrying with the reason, waiting on the status page, reaching nobody); a ticket whose channel
 * cannot carry a reply says so and offers e-mail, a status link and a callback; help-center customers are
 * e-mailed the answer with a working status link; subjects over 200 characters are refused, not cut; two
 * customers merge only at the brand's merge_customers level, and both histories say so.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emailSender, type EmailSender } from '../../src/channels/email/sender.js';
import { emailTokens } from '../../src/channels/email/tokens.js';
import { helpCenterSender } from '../../src/channels/help-center/answer-mail.js';
import { chatSender } from '../../src/channels/chat/chat-session.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { drainJobs } from '../helpers/jobs.js';
import { startSmtpSink, type SmtpSink } from '../email/smtp-sink.js';

for (const dialect of DIALECTS) {
  describe(`reply reach and delivery states on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let sink: SmtpSink;
    let sender: EmailSender;
    const call = (token: string | null, method: string, path: string, body?: unknown, headers?: Record<string, string>) => api(desk, token, method, path, body, headers);
    const newTicket = async (channel: string, requester: Record<string, string>, subject = 'Where is my withdrawal?') => {
      const res = await call(cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject, body: 'It has been two days.', requester, channel, brand: 'satoshi' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body as { id: string; number: number; requester: { id: string } };
    };
    const reply = (id: string, body: Record<string, unknown>) => call(cast.tokens.agentA, 'POST', `/api/v1/tickets/${id}/messages`, body);
    const mailsTo = (address: string) => sink.mails.filter((m) => m.to.includes(address));

    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      sink = await startSmtpSink();
      sender = emailSender({ relay: sink.url, tokens: emailTokens('reach-test'), supportEmail: 'desk@default.example', files: desk.deps.files });
      desk.deps.senders = { email: sender, chat: chatSender(desk.deps) };
      desk.deps.senders.web = helpCenterSender(desk.deps, 'http://desk.test');
    });
    after(async () => {
      sender.close();
      await sink.close();
      await desk.close();
    });

    test('a phone ticket says replies reach nobody and offers e-mail, the status link and a callback; a reply by e-mail is sent', async () => {
      const tk = await newTicket('phone', { email: 'caller@example.com', phone: '+8613800138000' });
      const view = await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${tk.id}`);
      assert.deepEqual(view.body.reply_reach, { on_channel: false, reason: 'phone', email: true, status_link: true, callback: true });

      const plain = await reply(tk.id, { body: 'We are looking into it.' });
      assert.equal(plain.status, 201);
      assert.equal(plain.body.delivery.status, 'no_channel', 'a reply nothing carries never says queued or sent');

      const byMail = await reply(tk.id, { body: 'Your withdrawal was sent this morning.', via: 'email' });
      assert.equal(byMail.status, 201, JSON.stringify(byMail.body));
      assert.equal(byMail.body.channel, 'email');
      assert.equal(byMail.body.delivery.status, 'queued');
      const { failures } = await drainJobs(desk.deps);
      assert.deepEqual(failures, []);
      const mail = mailsTo('caller@example.com').find((m) => m.parsed.text?.includes('Your withdrawal was sent this morning.'));
      assert.ok(mail, 'the reply went out through SMTP');
      const after = await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${tk.id}`);
      const states = after.body.messages.filter((m: { author: { type: string } }) => m.author.type === 'agent').map((m: { delivery: { status: string } }) => m.delivery.status);
      assert.deepEqual(states, ['no_channel', 'sent']);
    });

    test('only a public reply can go by e-mail: an internal note asked to is refused with a 400', async () => {
      const tk = await newTicket('phone', { email: 'x@example.com' });
      const res = await reply(tk.id, { body: 'note', public: false, via: 'email' });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'invalid_input');
    });

    test('a chat ticket whose visitor is gone is not answerable on its channel and its reply is not queued', async () => {
      const tk = await newTicket('chat', { email: 'visitor@example.com' });
      const view = await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${tk.id}`);
      assert.equal(view.body.reply_reach.on_channel, false);
      assert.equal(view.body.reply_reach.reason, 'chat_gone');
      const res = await reply(tk.id, { body: 'Are you still there?' });
      assert.equal(res.body.delivery.status, 'no_channel');
    });

    test('an e-mail ticket on a desk without SMTP says so, and a refused mail shows retrying with the reason', async () => {
      const tk = await newTicket('email', { email: 'mailer@example.com' });
      const senders = desk.deps.senders;
      desk.deps.senders = {};
      try {
        const view = await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${tk.id}`);
        assert.deepEqual(view.body.reply_reach, { on_channel: false, reason: 'no_sender', email: false, status_link: false, callback: false });
        const res = await reply(tk.id, { body: 'Nobody will get this.' });
        assert.equal(res.body.delivery.status, 'no_channel');
      } finally {
        desk.deps.senders = senders;
      }
      const view = await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${tk.id}`);
      assert.equal(view.body.reply_reach.on_channel, true);
      sink.refuseNext(1, 451);
      const res = await reply(tk.id, { body: 'Second try.' });
      assert.equal(res.body.delivery.status, 'queued');
      await drainJobs(desk.deps);
      const again = await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${tk.id}`);
      const last = again.body.messages.at(-1);
      assert.equal(last.delivery.status, 'retrying');
      assert.match(last.delivery.error, /451|try again/i);
    });

    test('a help-center customer is e-mailed the answer with a status link that opens the request', async () => {
      const sent = await call(null, 'POST', '/api/v1/help/requests', { brand: 'satoshi', language: 'en', email: 'helpme@example.com', kind: 'how_to', description: 'How do I back up my wallet?' });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const view = await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${sent.body.number}`);
      assert.equal(view.body.reply_reach.on_channel, true);
      const res = await reply(view.body.id, { body: 'Open Settings, then Backup.' });
      assert.equal(res.body.delivery.status, 'queued');
      await drainJobs(desk.deps);
      const mail = mailsTo('helpme@example.com').find((m) => m.parsed.text?.includes('Open Settings, then Backup.'));
      assert.ok(mail, 'the answer was e-mailed');
      const token = /\/help\/status#([A-Za-z0-9_-]+)/.exec(mail.parsed.text ?? '')?.[1];
      assert.ok(token, 'the mail carries a status link');
      const page = await call(null, 'GET', '/api/v1/portal/request', undefined, { 'x-portal-token': token });
      assert.equal(page.status, 200);
      assert.ok(JSON.stringify(page.body).includes('Open Settings, then Backup.'));
      const after = await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${view.body.id}`);
      assert.equal(after.body.messages.at(-1).delivery.status, 'sent');
    });

    test('a status link is e-mailed on request and its token never appears in the answer or the history', async () => {
      const tk = await newTicket('phone', { email: 'linkme@example.com' });
      const res = await call(cast.tokens.agentA, 'POST', `/api/v1/tickets/${tk.id}/status-link`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body, { to: 'linkme@example.com' });
      await drainJobs(desk.deps);
      const mail = mailsTo('linkme@example.com').at(-1);
      const token = /\/help\/status#([A-Za-z0-9_-]+)/.exec(mail?.parsed.text ?? '')?.[1];
      assert.ok(token);
      const events = await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${tk.id}/events`);
      assert.ok(!JSON.stringify(events.body).includes(token));
      const other = await call(cast.tokens.agentB, 'POST', `/api/v1/tickets/${tk.id}/status-link`);
      assert.equal(other.status, 404, 'an agent of another brand cannot send one');
    });

    test('a subject over 200 characters is refused with a 400 instead of being cut silently', async () => {
      const long = await call(cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'x'.repeat(201), body: 'b', requester: { email: 'long@example.com' }, brand: 'satoshi' });
      assert.equal(long.status, 400);
      assert.equal(long.body.error.code, 'invalid_input');
      const fits = await newTicket('api', { email: 'long@example.com' }, 'y'.repeat(200));
      const view = await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${fits.id}`);
      assert.equal(view.body.subject.length, 200);
    });

    test('two customers merge only at the brand merge level; tickets move and both histories say so', async () => {
      const a = await newTicket('email', { email: 'dup-one@example.com', name: 'Wang Wei' });
      const b = await newTicket('web', { email: 'dup-two@example.com' });
      const refused = await call(cast.tokens.agentA, 'POST', `/api/v1/customers/${b.requester.id}/merge`, { target_id: a.requester.id });
      assert.equal(refused.status, 403, 'unverified duplicates need the default contact level');
      assert.equal(refused.body.error.details.reason, 'verification_required');
      assert.equal(refused.body.error.details.action, 'merge_customers');
      const set = await call(cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}/verification-requirements`, { merge_customers: 'unverified' });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      const outsider = await call(cast.tokens.agentB, 'POST', `/api/v1/customers/${b.requester.id}/merge`, { target_id: a.requester.id });
      assert.equal(outsider.status, 404);
      const merged = await call(cast.tokens.agentA, 'POST', `/api/v1/customers/${b.requester.id}/merge`, { target_id: a.requester.id });
      assert.equal(merged.status, 200, JSON.stringify(merged.body));
      assert.equal(merged.body.moved_tickets, 1);
      assert.deepEqual([...merged.body.customer.emails].sort(), ['dup-one@example.com', 'dup-two@example.com']);
      const moved = await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${b.id}`);
      assert.equal(moved.body.requester.id, a.requester.id);
      const list = await call(cast.tokens.agentA, 'GET', '/api/v1/customers?q=dup-');
      assert.deepEqual(list.body.customers.map((c: { id: string }) => c.id), [a.requester.id], 'the merged customer leaves the list');
      const history = await call(cast.tokens.agentA, 'GET', `/api/v1/customers/${a.requester.id}/events`);
      assert.ok(history.body.events.some((e: { type: string }) => e.type === 'customer.merge_received'));
      const again = await call(cast.tokens.admin, 'POST', `/api/v1/customers/${b.requester.id}/merge`, { target_id: a.requester.id });
      assert.equal(again.status, 409);
      const self = await call(cast.tokens.agentA, 'POST', `/api/v1/customers/${a.requester.id}/merge`, { target_id: a.requester.id });
      assert.equal(self.status, 400);
    });
  });
}
