/**
 * Migration 20261208T0200-chat-accounts, once per database: a desk migrated up to channel accounts with chat
 * settings rows (one with a sealed chat secret, one of a deleted brand) is migrated to the latest schema; each
 * row becomes the brand's chat account, the old secret opens with the install's key, and the account's next
 * change re-seals it as one object.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Migrator, sql, type Kysely } from 'kysely';
import { DIALECTS, TEST_DATABASE_URL } from '../helpers/stores.js';
import { openPostgres, openSqlite, type DialectName } from '../../src/store/dialect.js';
import { createStore, migrateToLatest } from '../../src/store/kysely-store.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { aesSecretBox } from '../../src/crypto/secret-box.js';
import { chatSecret, chatSettingsSpec, loadChatSettings } from '../../src/channels/chat/chat-settings.js';
import { updateChannelAccount } from '../../src/app/channel-accounts.js';
import { systemClock } from '../../src/core/clock.js';
import type { Principal } from '../../src/core/policy.js';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function openEmpty(dialect: DialectName): Promise<{ db: AnyDb; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'walletdesk-migration-'));
    return { db: openSqlite(join(dir, 'desk.sqlite'), { synchronous: 'normal' }) as AnyDb, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `wd_test_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(TEST_DATABASE_URL, { maxConnections: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  return {
    db: openPostgres(TEST_DATABASE_URL, { schema, maxConnections: 2, applicationName: schema }) as AnyDb,
    cleanup: async () => {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin);
      await admin.destroy();
    },
  };
}

const admin: Principal = { agentId: '0193a000-0000-7000-8000-0000000000ad', tokenId: null, name: 'Admin', role: 'admin', brandIds: [] };

for (const dialect of DIALECTS) {
  describe(`chat settings rows become chat accounts (${dialect})`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    after(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    test('each row becomes its brand\'s chat account; the secret still opens and is re-sealed on the next change', async () => {
      const { db, cleanup } = await openEmpty(dialect);
      cleanups.push(cleanup);
      const schema = dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
      const migrator = new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
      const upTo = await migrator.migrateTo('20261207T1820-channel-account');
      assert.equal(upTo.error, undefined);

      const box = aesSecretBox(randomBytes(32).toString('hex'));
      const secret = 'a-chat-secret-of-the-old-settings-row-000';
      const at = '2026-12-01T10:00:00.000Z';
      const brand = (id: string, slug: string) => ({ id, name: slug, slug, default_language: 'en', time_zone: 'UTC', created_at: at, updated_at: at });
      await db.insertInto('brand').values([brand('0193a000-0000-7000-8000-00000000000a', 'alpha'), brand('0193a000-0000-7000-8000-00000000000b', 'beta')]).execute();
      await db
        .insertInto('setting')
        .values([
          {
            key: 'chat:0193a000-0000-7000-8000-00000000000a',
            value: JSON.stringify({ enabled: false, enforceIdentity: true, allowedOrigins: ['https://wallet.example.com'], replyWithinHours: 6, secretSealed: box.seal(secret) }),
          },
          { key: 'chat:0193a000-0000-7000-8000-00000000000b', value: JSON.stringify({ enabled: true, enforceIdentity: false, allowedOrigins: [], replyWithinHours: 48, secretSealed: null }) },
          { key: 'chat:0193a000-0000-7000-8000-0000000000ff', value: JSON.stringify({ enabled: true }) },
          { key: 'security', value: JSON.stringify({ require_2fa: true }) },
        ])
        .execute();

      const ran = await migrateToLatest(db);
      assert.ok(ran.includes('20261208T0200-chat-accounts'), ran.join(', '));
      const store = createStore(db, dialect);
      cleanups.push(() => store.close());

      const a = await loadChatSettings(store, '0193a000-0000-7000-8000-00000000000a');
      assert.ok(a.accountId, 'brand alpha has a chat account');
      assert.deepEqual(
        { enabled: a.enabled, enforceIdentity: a.enforceIdentity, allowedOrigins: a.allowedOrigins, replyWithinHours: a.replyWithinHours },
        { enabled: false, enforceIdentity: true, allowedOrigins: ['https://wallet.example.com'], replyWithinHours: 6 },
      );
      assert.equal(chatSecret({ secrets: box }, a), secret, 'the old sealed secret opens with the install key');
      const b = await loadChatSettings(store, '0193a000-0000-7000-8000-00000000000b');
      assert.deepEqual([b.enabled, b.replyWithinHours, b.sealedSecrets], [true, 48, null]);

      const accounts = await store.channelAccounts.list({ kind: 'chat' });
      assert.equal(accounts.length, 2, 'none for the deleted brand');
      assert.equal(await store.settings.get('chat:0193a000-0000-7000-8000-00000000000a'), null, 'the rows are gone');
      assert.equal(await store.settings.get('chat:0193a000-0000-7000-8000-0000000000ff'), null);
      assert.deepEqual(await store.settings.get('security'), { require_2fa: true }, 'other settings untouched');

      // The next change through Admin → Channels seals the secrets as one object; the secret is the same.
      const deps = { store, secrets: box, clock: systemClock };
      const view = await updateChannelAccount(deps, admin, [chatSettingsSpec], a.accountId!, { settings: { enforce_identity: true, allowed_origins: ['https://wallet.example.com'], reply_within_hours: 8 } });
      assert.deepEqual(view.secretsSet, ['secret']);
      const after = await loadChatSettings(store, '0193a000-0000-7000-8000-00000000000a');
      assert.match(after.sealedSecrets!, /^v1\./);
      assert.equal(chatSecret({ secrets: box }, after), secret);
      assert.equal(after.replyWithinHours, 8);
    });
  });
}
