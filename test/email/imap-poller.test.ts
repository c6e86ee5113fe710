/**
 * The IMAP poller against a real (in-memory) IMAP server, hoodiecrow-imap, on both databases: UID bookkeeping,
 * the one-poller lease, UIDVALIDITY changes and database failures, without losing or doubling a message.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import hoodiecrow, { type Hoodiecrow } from 'hoodiecrow-imap';
import type { Store } from '../../src/app/ports.js';
import { startImapPoller, type ImapPoller } from '../../src/channels/email/imap-poller.js';
import { inboundProcessor } from '../../src/channels/email/inbound.js';
import { DIALECTS } from '../helpers/stores.js';
import { mail, startEmailDesk, type EmailDesk } from './email-desk.js';

async function imapServer(messages: string[], uidvalidity = 1): Promise<{ server: Hoodiecrow; port: number; close(): Promise<void> }> {
  const users = Object.fromEntries(['testuser', 'lease@x.example', 'dead@x.example', 'db@x.example', 'uv@x.example', 'support@pocket.example'].map((u) => [u, { password: 'testpass' }]));
  const server = hoodiecrow({ plugins: ['ID', 'UIDPLUS', 'ENABLE', 'LITERALPLUS'], users, storage: { INBOX: { uidvalidity, messages: messages.map((raw) => ({ raw })) } } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const ascii = (id: string, extra: Parameters<typeof mail>[0] = {}) => mail({ messageId: `<${id}@mail.example>`, subject: id, ...extra });

for (const dialect of DIALECTS) {
  describe(`IMAP poller on ${dialect}`, () => {
    let desk: EmailDesk;
    const pollers: ImapPoller[] = [];
    const flaky = { down: false };
    before(async () => {
      desk = await startEmailDesk(dialect, {
        wrapStore: (s) =>
          new Proxy(s, {
            get(target, prop, receiver) {
              if (prop === 'transaction' && flaky.down) return async () => Promise.reject(new Error('database unavailable'));
              if (prop === 'ping' && flaky.down) return async () => Promise.reject(new Error('database unavailable'));
              return Reflect.get(target, prop, receiver);
            },
          }) as Store,
      });
    });
    after(async () => {
      for (const p of pollers) await p.stop();
      await desk.close();
    });
    const poller = (port: number, owner: string, user = 'testuser') => {
      const p = startImapPoller({
        url: `imap://${user}:testpass@127.0.0.1:${port}/INBOX`,
        store: desk.store,
        processor: desk.processor,
        clock: desk.clock,
        pollMs: 60_000,
        owner,
        autoStart: false,
      });
      pollers.push(p);
      return p;
    };
    const count = async (ids: string[]) => {
      let n = 0;
      for (const id of ids) if (await desk.store.messages.findBySource('email', `<${id}@mail.example>`)) n++;
      return n;
    };

    test('imports each message once, resumes after the last committed UID, and picks up new mail', async () => {
      const imap = await imapServer([ascii('imap-a'), ascii('imap-b', { headers: { 'Auto-Submitted': 'auto-replied' } }), ascii('imap-c')]);
      const p = poller(imap.port, 'one');
      const first = await p.pollOnce();
      assert.deepEqual(first.kind === 'polled' && [first.imported, first.ignored, first.lastUid], [2, 1, 3]);
      assert.equal(await count(['imap-a', 'imap-c']), 2);
      const again = await p.pollOnce();
      assert.deepEqual(again.kind === 'polled' && [again.imported, again.lastUid], [0, 3]);

      imap.server.appendMessage('INBOX', [], new Date(), ascii('imap-d', { inReplyTo: '<imap-a@mail.example>' }));
      const third = await p.pollOnce();
      assert.deepEqual(third.kind === 'polled' && [third.imported, third.lastUid], [1, 4]);
      const a = await desk.store.messages.findBySource('email', '<imap-a@mail.example>');
      const d = await desk.store.messages.findBySource('email', '<imap-d@mail.example>');
      assert.equal(d?.ticketId, a?.ticketId, 'IMAP mail threads like SMTP mail');
      assert.equal((d?.meta.email as { via: string }).via, 'imap');
      await p.stop();
      await imap.close();
    });

    test('only the lease holder polls; when it stops, another instance carries on from its UID', async () => {
      const imap = await imapServer([ascii('lease-a'), ascii('lease-b')]);
      const one = poller(imap.port, 'instance-1', 'lease@x.example');
      const two = poller(imap.port, 'instance-2', 'lease@x.example');
      const [r1, r2] = await Promise.all([one.pollOnce(), two.pollOnce()]);
      assert.deepEqual([r1.kind, r2.kind].sort(), ['not_leader', 'polled']);
      const leader = r1.kind === 'polled' ? one : two;
      const follower = leader === one ? two : one;
      imap.server.appendMessage('INBOX', [], new Date(), ascii('lease-c'));
      assert.equal((await follower.pollOnce()).kind, 'not_leader');
      await leader.stop();
      const takeover = await follower.pollOnce();
      assert.deepEqual(takeover.kind === 'polled' && [takeover.imported, takeover.lastUid], [1, 3]);
      assert.equal(await count(['lease-a', 'lease-b', 'lease-c']), 3);
      await imap.close();
    });

    test('an expired lease (the holder died) is taken over', async () => {
      const imap = await imapServer([ascii('dead-a')]);
      const dead = poller(imap.port, 'dead', 'dead@x.example');
      assert.equal((await dead.pollOnce()).kind, 'polled');
      const alive = poller(imap.port, 'alive', 'dead@x.example');
      assert.equal((await alive.pollOnce()).kind, 'not_leader');
      desk.clock.advance(181_000);
      assert.equal((await alive.pollOnce()).kind, 'polled');
      await imap.close();
    });

    test('a database failure stops the round without advancing; the next round imports the message once', async () => {
      const imap = await imapServer([ascii('dbfail-a'), ascii('dbfail-b')], 7);
      const p = poller(imap.port, 'db', 'db@x.example');
      assert.equal((await p.pollOnce()).kind, 'polled');
      imap.server.appendMessage('INBOX', [], new Date(), ascii('dbfail-c'));
      flaky.down = true;
      const failed = await p.pollOnce();
      assert.equal(failed.kind, 'failed');
      assert.equal(await count(['dbfail-c']), 0);
      flaky.down = false;
      const retried = await p.pollOnce();
      assert.deepEqual(retried.kind === 'polled' && [retried.imported, retried.lastUid], [1, 3]);
      assert.equal(await count(['dbfail-a', 'dbfail-b', 'dbfail-c']), 3);
      await imap.close();
    });

    test('a new UIDVALIDITY re-reads the mailbox without importing anything twice', async () => {
      const messages = [ascii('uv-a'), ascii('uv-b')];
      const first = await imapServer(messages, 100);
      const p1 = poller(first.port, 'uv', 'uv@x.example');
      assert.equal((await p1.pollOnce()).kind, 'polled');
      await p1.stop();
      await first.close();
      // The provider rebuilt the mailbox: same mail, new UIDs. The mailbox row is keyed by host:port, so reuse it.
      const rebuilt = await imapServer([...messages, ascii('uv-c')], 200);
      const p2 = startImapPoller({ url: `imap://uv@x.example:testpass@127.0.0.1:${rebuilt.port}/INBOX`, store: desk.store, processor: desk.processor, clock: desk.clock, pollMs: 60_000, owner: 'uv', autoStart: false });
      pollers.push(p2);
      await desk.store.mailboxes.acquire(p2.mailboxId, 'uv', desk.clock.now().toISOString(), desk.clock.now().toISOString());
      await desk.store.mailboxes.advance(p2.mailboxId, 'uv', '100', 2, desk.clock.now().toISOString());
      const report = await p2.pollOnce();
      assert.ok(report.kind === 'polled' && report.uidValidityChanged);
      assert.equal(await count(['uv-a', 'uv-b', 'uv-c']), 3);
      for (const id of ['uv-a', 'uv-b']) {
        const m = await desk.store.messages.findBySource('email', `<${id}@mail.example>`);
        assert.equal((await desk.store.messages.listForTicket(m!.ticketId)).filter((x) => x.authorType === 'customer').length, 1);
      }
      await rebuilt.close();
    });
  });
}

describe('IMAP mailbox brand', () => {
  let desk: EmailDesk;
  before(async () => {
    desk = await startEmailDesk('sqlite');
  });
  after(async () => desk.close());

  test('mail in a brand’s mailbox that names no desk address (Bcc) goes to the mailbox’s brand', async () => {
    const imap = await imapServer([mail({ messageId: '<bcc-1@mail.example>', to: 'someone@else.example' })]);
    const processor = inboundProcessor(desk.deps, { tokens: desk.tokens, maxAttachmentBytes: 1_048_576 });
    const p = startImapPoller({ url: `imap://support%40pocket.example:testpass@127.0.0.1:${imap.port}/INBOX`, store: desk.store, processor, clock: desk.clock, pollMs: 60_000, autoStart: false });
    assert.equal((await p.pollOnce()).kind, 'polled');
    const m = await desk.store.messages.findBySource('email', '<bcc-1@mail.example>');
    assert.equal((await desk.store.tickets.get(m!.ticketId))?.brandId, desk.other.id);
    await p.stop();
    await imap.close();
  });
});
