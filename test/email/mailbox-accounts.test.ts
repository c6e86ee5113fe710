/**
 * Several IMAP mailboxes per brand from channel accounts (issue 15): two mailboxes set up over the API, each on its
 * own (in-memory) IMAP server, are polled by the e-mail channel module for their own brands; a disabled account
 * is not polled. Once per database.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import hoodiecrow from 'hoodiecrow-imap';
import { loadConfig } from '../../src/config/config.js';
import { createChannelAccount, enabledAccounts } from '../../src/app/channel-accounts.js';
import { createBrand } from '../../src/app/create-brand.js';
import { openDesk, serve } from '../../src/main.js';
import { emailChannel } from '../../src/channels/email/index.js';
import type { RunningChannel } from '../../src/channels/channel.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { mail } from './email-desk.js';

async function imapServer(user: string, messages: string[]) {
  const server = hoodiecrow({ plugins: ['ID', 'UIDPLUS', 'ENABLE', 'LITERALPLUS'], users: { [user]: { password: 'pw-' + user } }, storage: { INBOX: { uidvalidity: 1, messages: messages.map((raw) => ({ raw })) } } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const dialect of DIALECTS) {
  describe(`mailbox accounts on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let running: RunningChannel | null = null;
    const servers: Array<{ close(): Promise<void> }> = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'walletdesk-mailboxes-'));
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
    });
    after(async () => {
      await running?.stop();
      for (const s of servers) await s.close();
      await desk.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('two mailboxes of two brands are each polled for their own brand; a disabled one is not polled', async () => {
      // Mail written to no brand address (a Bcc, a forwarding alias): only the mailbox says whose it is.
      const toA = mail({ to: 'alias@elsewhere.example', messageId: `<box-a-${dialect}@mail.example>`, subject: 'Mailbox A' });
      const toB = mail({ to: 'alias@elsewhere.example', messageId: `<box-b-${dialect}@mail.example>`, subject: 'Mailbox B' });
      const toOff = mail({ to: 'alias@elsewhere.example', messageId: `<box-off-${dialect}@mail.example>`, subject: 'Mailbox off' });
      const boxes = [await imapServer('inbox-a', [toA]), await imapServer('inbox-b', [toB]), await imapServer('inbox-off', [toOff])];
      servers.push(...boxes);
      const add = async (brandId: string, name: string, user: string, port: number, enabled = true) => {
        const res = await api(desk, cast.tokens.admin, 'POST', '/api/v1/channel-accounts', {
          brand_id: brandId,
          kind: 'email',
          name,
          enabled,
          settings: { imap_host: '127.0.0.1', imap_port: port, imap_secure: false, imap_user: user },
          secrets: { imap_password: `pw-${user}` },
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
      };
      await add(cast.brandA.id, 'Support A', 'inbox-a', boxes[0]!.port);
      await add(cast.brandB.id, 'Support B', 'inbox-b', boxes[1]!.port);
      await add(cast.brandB.id, 'Old B', 'inbox-off', boxes[2]!.port, false);

      const config = loadConfig({ DATA_DIR: dataDir, SMTP_PORT: 'off', LOG_LEVEL: 'silent', SECRET_KEY: randomBytes(32).toString('hex') });
      const accounts = await enabledAccounts(desk.deps, 'email');
      assert.deepEqual(accounts.map((a) => a.name).sort(), ['Support A', 'Support B']);
      running = await emailChannel.start!({ deps: desk.deps, config, secretKey: config.secretKey!, log: pino({ level: 'silent' }) }, accounts);

      const a = await waitFor('mailbox A', () => desk.deps.store.messages.findBySource('email', `<box-a-${dialect}@mail.example>`));
      const b = await waitFor('mailbox B', () => desk.deps.store.messages.findBySource('email', `<box-b-${dialect}@mail.example>`));
      assert.equal((await desk.deps.store.tickets.get(a.ticketId))?.brandId, cast.brandA.id);
      assert.equal((await desk.deps.store.tickets.get(b.ticketId))?.brandId, cast.brandB.id);
      assert.equal(await desk.deps.store.messages.findBySource('email', `<box-off-${dialect}@mail.example>`), null, 'the disabled mailbox is not read');
    });
  });
}

test('serve polls each mailbox account in the database for its brand, with no IMAP_URL set', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'walletdesk-serve-mailboxes-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SMTP_PORT: 'off', LOG_LEVEL: 'silent', SQLITE_SYNCHRONOUS: 'normal', SECRET_KEY: randomBytes(32).toString('hex') });
  const box = await imapServer('serve-box', [mail({ to: 'alias@elsewhere.example', messageId: '<serve-box@mail.example>', subject: 'Via the account' })]);
  const setup = await openDesk(config, pino({ level: 'silent' }));
  const brand = await createBrand(setup.deps, null, { name: 'Pocket', slug: 'pocket', default_language: 'en', time_zone: 'Europe/Berlin' });
  const admin = { agentId: 'setup', name: 'setup', role: 'admin' as const, brandIds: [], tokenId: null };
  await createChannelAccount(setup.deps, admin, [emailChannel.settings!], {
    brand_id: brand.id,
    kind: 'email',
    name: 'Pocket support',
    settings: { imap_host: '127.0.0.1', imap_port: box.port, imap_secure: false, imap_user: 'serve-box' },
    secrets: { imap_password: 'pw-serve-box' },
  });
  const server = await serve(config);
  try {
    const stored = await waitFor('the mailbox account’s mail', () => setup.deps.store.messages.findBySource('email', '<serve-box@mail.example>'));
    assert.equal((await setup.deps.store.tickets.get(stored.ticketId))?.brandId, brand.id, 'the account’s brand, not the default one');
  } finally {
    await server.close();
    await setup.close();
    await box.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
