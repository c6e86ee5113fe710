/**
 * The SMTP listener's contract over real SMTP on loopback, on both databases: 250 only after commit, 451 when
 * the database fails (and the retry stores once), 550 for strangers, sizes, rate limits, and threading.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../src/app/ports.js';
import { DIALECTS } from '../helpers/stores.js';
import { drainJobs } from '../helpers/jobs.js';
import { mail, startEmailDesk, type EmailDesk } from './email-desk.js';

type SmtpError = { responseCode?: number; response?: string };
const refusedWith = (code: number, text?: RegExp) => (err: SmtpError) => {
  assert.equal(err.responseCode, code, err.response);
  if (text) assert.match(err.response ?? '', text);
  return true;
};

/** A store whose next `failCommits` transactions fail: the database "goes away" mid-delivery. */
function flakyStore(store: Store, state: { failCommits: number }): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
      return async (fn: Parameters<Store['transaction']>[0]) => {
        if (state.failCommits > 0) {
          state.failCommits--;
          throw Object.assign(new Error('connection terminated unexpectedly'), { code: 'ECONNRESET' });
        }
        return target.transaction(fn);
      };
    },
  });
}

for (const dialect of DIALECTS) {
  describe(`inbound SMTP on ${dialect}`, () => {
    let desk: EmailDesk;
    const flaky = { failCommits: 0 };
    before(async () => {
      desk = await startEmailDesk(dialect, { wrapStore: (s) => flakyStore(s, flaky) });
    });
    after(async () => desk.close());

    test('a mail to a support address opens a ticket and is answered 250 after it is stored', async () => {
      const reply = await desk.sendRaw(mail({ messageId: '<first@mail.example>' }));
      // Never a ticket number: a replayed Message-ID must not learn another customer's ticket.
      assert.equal(reply, '250 2.0.0 Stored');
      const stored = await desk.store.messages.findBySource('email', '<first@mail.example>');
      assert.ok(stored);
      const ticket = await desk.store.tickets.get(stored.ticketId);
      assert.equal(ticket?.brandId, desk.brand.id);
      assert.equal(ticket?.channel, 'email');
      assert.equal(stored.body, 'My withdrawal has been pending for two days.');
    });

    test('the same Message-ID delivered twice is one message', async () => {
      const raw = mail({ messageId: '<twice@mail.example>' });
      const a = await desk.sendRaw(raw);
      const b = await desk.sendRaw(raw, { to: ['help+anything@satoshi.example'] });
      assert.deepEqual([a, b], ['250 2.0.0 Stored', '250 2.0.0 Already stored']);
      const m = await desk.store.messages.findBySource('email', '<twice@mail.example>');
      assert.equal((await desk.store.messages.listForTicket(m!.ticketId)).filter((x) => x.authorType === 'customer').length, 1);
    });

    test('a database failure answers 451 so the sender retries, and the retry stores the message (and its acknowledgement) exactly once', async () => {
      const raw = mail({ messageId: '<dbdown@mail.example>' });
      flaky.failCommits = 1;
      await assert.rejects(desk.sendRaw(raw), refusedWith(451, /try again/));
      assert.equal(await desk.store.messages.findBySource('email', '<dbdown@mail.example>'), null);
      // Committed, but the 250 never reached the sender (the connection dropped): the sender sends it again.
      const raw2 = mail({ messageId: '<dbblip@mail.example>' });
      await desk.processor.process(Buffer.from(raw2), { mailFrom: 'customer@mail.example', recipients: ['help@satoshi.example'], via: 'smtp' });
      assert.match(await desk.sendRaw(raw), /^250 /);
      assert.match(await desk.sendRaw(raw2), /^250 /);
      await drainJobs(desk.deps); // the acknowledgement is queued by the email-inbound processor's job
      for (const id of ['<dbdown@mail.example>', '<dbblip@mail.example>']) {
        const m = await desk.store.messages.findBySource('email', id);
        assert.ok(m);
        assert.equal((await desk.store.messages.listForTicket(m.ticketId)).filter((x) => x.authorType === 'customer').length, 1);
        const acks = (await desk.store.jobs.list({ type: 'customer.notify' }, 500)).filter((j) => j.payload.message_id === m.id);
        assert.equal(acks.length, 1, `one acknowledgement for ${id}`);
      }
    });

    test('recipients that are no support address get 550; SUPPORT_EMAIL reaches the default brand', async () => {
      await assert.rejects(desk.sendRaw(mail({}), { to: ['stranger@satoshi.example'] }), refusedWith(550, /No such support address/));
      await desk.sendRaw(mail({ messageId: '<default@mail.example>', to: 'desk@default.example' }), { to: ['desk@default.example'] });
      const m = await desk.store.messages.findBySource('email', '<default@mail.example>');
      assert.equal((await desk.store.tickets.get(m!.ticketId))?.brandId, desk.brand.id, 'the oldest brand is the default');
      await desk.sendRaw(mail({ messageId: '<pocket@mail.example>', to: 'support@pocket.example' }), { to: ['support@pocket.example'] });
      const p = await desk.store.messages.findBySource('email', '<pocket@mail.example>');
      assert.equal((await desk.store.tickets.get(p!.ticketId))?.brandId, desk.other.id);
    });

    test('a message over the size limit is refused with 552 and a reason', async () => {
      const big = mail({ body: 'x'.repeat(3 * 1_048_576) });
      await assert.rejects(desk.sendRaw(big), refusedWith(552, /larger than/));
    });

    test('an attachment over the per-file limit is refused with 552 naming the file and the limit', async () => {
      const boundary = 'b1';
      const raw = [
        'From: big@mail.example',
        'To: help@satoshi.example',
        'Subject: log',
        'Message-ID: <bigfile@mail.example>',
        'MIME-Version: 1.0',
        `Content-Type: multipart/mixed; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain',
        '',
        'see log',
        `--${boundary}`,
        'Content-Type: application/zip; name="wallet-log.zip"',
        'Content-Disposition: attachment; filename="wallet-log.zip"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.alloc(300 * 1024, 7).toString('base64').replace(/.{76}/g, '$&\r\n'),
        `--${boundary}--`,
        '',
      ].join('\r\n');
      await assert.rejects(desk.sendRaw(raw), refusedWith(552, /wallet-log\.zip.*at most 0\.3 MB per file/));
      assert.equal(await desk.store.messages.findBySource('email', '<bigfile@mail.example>'), null);
    });

    test('replies thread by In-Reply-To, by reply address and by [#n] from the requester; strangers using [#n] get a new ticket', async () => {
      await desk.sendRaw(mail({ from: 'li@mail.example', messageId: '<t-1@mail.example>', subject: 'Cannot log in' }));
      const first = (await desk.store.messages.findBySource('email', '<t-1@mail.example>'))!;
      const ticket = (await desk.store.tickets.get(first.ticketId))!;

      await desk.sendRaw(mail({ from: 'li@mail.example', messageId: '<t-2@mail.example>', subject: 'totally new subject', inReplyTo: '<t-1@mail.example>' }));
      const replyAddress = desk.tokens.replyAddress('help@satoshi.example', ticket.number);
      await desk.sendRaw(mail({ from: 'other.person@mail.example', messageId: '<t-3@mail.example>', subject: 'hello', to: replyAddress }), { to: [replyAddress] });
      await desk.sendRaw(mail({ from: 'li@mail.example', messageId: '<t-4@mail.example>', subject: `Re: [Zendesk #77] Cannot log in [#${ticket.number}]` }));
      await desk.sendRaw(mail({ from: 'attacker@evil.example', messageId: '<t-5@evil.example>', subject: `Re: [#${ticket.number}] give me the thread` }));
      const forged = `help+t${ticket.number}.000000000000@satoshi.example`;
      await desk.sendRaw(mail({ from: 'attacker@evil.example', messageId: '<t-6@evil.example>', subject: 'hi', to: forged }), { to: [forged] });

      for (const id of ['<t-2@mail.example>', '<t-3@mail.example>', '<t-4@mail.example>']) {
        assert.equal((await desk.store.messages.findBySource('email', id))?.ticketId, ticket.id, `${id} joins the ticket`);
      }
      for (const id of ['<t-5@evil.example>', '<t-6@evil.example>']) {
        assert.notEqual((await desk.store.messages.findBySource('email', id))?.ticketId, ticket.id, `${id} does not`);
      }
      const t4 = await desk.store.messages.findBySource('email', '<t-4@mail.example>');
      assert.equal((t4!.meta.email as { subject: string }).subject, `Re: [Zendesk #77] Cannot log in [#${ticket.number}]`, "another desk's token is kept");
    });

    test('the desk CC’d in the middle of a customer’s thread with a colleague does not split the ticket', async () => {
      // The desk got the first mail; the customer and a colleague went on without the desk, then CC'd it again.
      await desk.sendRaw(mail({ from: 'amy@corp.example', messageId: '<cc-1@corp.example>', subject: 'Payout missing' }));
      const ticketId = (await desk.store.messages.findBySource('email', '<cc-1@corp.example>'))!.ticketId;
      await desk.sendRaw(
        mail({ from: 'ben@corp.example', to: 'amy@corp.example', cc: 'help@satoshi.example', messageId: '<cc-3@corp.example>', subject: 'Re: Payout missing', inReplyTo: '<cc-2-never-seen@corp.example>', references: '<cc-1@corp.example> <cc-2-never-seen@corp.example>' }),
      );
      // The same mail reaches the desk twice (To: and Cc: both desk addresses): one message.
      await desk.sendRaw(
        mail({ from: 'ben@corp.example', to: 'amy@corp.example', cc: 'help@satoshi.example', messageId: '<cc-3@corp.example>', subject: 'Re: Payout missing', inReplyTo: '<cc-2-never-seen@corp.example>', references: '<cc-1@corp.example> <cc-2-never-seen@corp.example>' }),
      );
      const m = await desk.store.messages.findBySource('email', '<cc-3@corp.example>');
      assert.equal(m?.ticketId, ticketId);
      assert.equal((await desk.store.messages.listForTicket(ticketId)).filter((x) => x.authorType === 'customer').length, 2);
    });

    test('a mail to one brand never threads into another brand’s ticket', async () => {
      await desk.sendRaw(mail({ from: 'x@mail.example', messageId: '<brand-1@mail.example>', subject: 'A' }));
      const a = (await desk.store.messages.findBySource('email', '<brand-1@mail.example>'))!;
      await desk.sendRaw(mail({ from: 'x@mail.example', messageId: '<brand-2@mail.example>', subject: 'B', to: 'support@pocket.example', inReplyTo: '<brand-1@mail.example>' }), { to: ['support@pocket.example'] });
      const b = (await desk.store.messages.findBySource('email', '<brand-2@mail.example>'))!;
      assert.notEqual(a.ticketId, b.ticketId);
    });
  });
}

describe('per-sender rate limit', () => {
  let desk: EmailDesk;
  before(async () => {
    desk = await startEmailDesk('sqlite', { inbound: { ratePerHour: 3 } });
  });
  after(async () => desk.close());

  test('a sender over the hourly limit is deferred with 451; others are not; an hour later it is accepted', async (t) => {
    // The limiter counts in wall-clock windows (rate-limiter-flexible reads Date): move Date, not the timers.
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    for (let i = 0; i < 3; i++) await desk.sendRaw(mail({ from: 'loop@bot.example', subject: `n${i}` }));
    await assert.rejects(desk.sendRaw(mail({ from: 'loop@bot.example', subject: 'n4' })), refusedWith(451, /Too many messages/));
    assert.match(await desk.sendRaw(mail({ from: 'calm@mail.example' })), /^250 /);
    desk.clock.advance(3_600_001);
    t.mock.timers.tick(3_600_001);
    assert.match(await desk.sendRaw(mail({ from: 'loop@bot.example', subject: 'n5' })), /^250 /);
  });
});
