/**
 * Chat settings as the brand's chat channel account, once per database, over HTTP and the visitor's WebSocket:
 * Admin → Chat (/brands/:id/chat-settings) and Admin → Channels (/channel-accounts) edit the same account, a
 * secret pasted in Admin → Channels verifies identity proofs, and disabling the account switches chat off.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startChat, type ChatClient } from '../helpers/chat-client.js';
import { userHash } from '../../src/channels/chat/chat-identity.js';

for (const dialect of DIALECTS) {
  describe(`chat settings are the brand's chat account (${dialect})`, () => {
    let desk: TestDesk;
    let cast: Cast;
    const clients: ChatClient[] = [];
    before(async () => {
      desk = await startTestDesk(dialect, { chatMaxSocketsPerIp: 1000 });
      cast = await seedCast(desk.deps);
    });
    after(async () => {
      for (const c of clients) c.ws.terminate();
      await desk.close();
    });
    const chat = async (hello: Record<string, unknown>) => {
      const r = await startChat(desk.url, hello);
      clients.push(r.client);
      return r;
    };
    const chatAccounts = async (brandId: string) =>
      (await api(desk, cast.tokens.admin, 'GET', `/api/v1/channel-accounts?kind=chat&brand_id=${brandId}`)).body.accounts as Array<{
        id: string;
        settings: Record<string, unknown>;
        secrets_set: string[];
        enabled: boolean;
      }>;

    test('Admin → Chat creates the account on its first save; Admin → Channels sees and edits the same one', async () => {
      const brandId = cast.brandA.id;
      assert.deepEqual(await chatAccounts(brandId), [], 'no account: chat runs on the defaults');
      assert.equal((await api(desk, cast.tokens.admin, 'GET', `/api/v1/brands/${brandId}/chat-settings`)).body.enabled, true);

      const saved = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${brandId}/chat-settings`, { reply_within_hours: 6 });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      let [account] = await chatAccounts(brandId);
      assert.ok(account);
      assert.deepEqual(account.settings, { enforce_identity: false, allowed_origins: [], reply_within_hours: 6 });
      assert.deepEqual(account.secrets_set, []);

      const rotated = await api(desk, cast.tokens.admin, 'POST', `/api/v1/brands/${brandId}/chat-secret`);
      assert.equal(rotated.status, 200);
      [account] = await chatAccounts(brandId);
      assert.deepEqual(account!.secrets_set, ['secret']);
      assert.equal(JSON.stringify(await chatAccounts(brandId)).includes(rotated.body.secret), false, 'write-only');

      const second = await api(desk, cast.tokens.admin, 'POST', '/api/v1/channel-accounts', { brand_id: brandId, kind: 'chat', name: 'Second chat', settings: {} });
      assert.equal(second.status, 409, 'one chat account per brand');

      const edited = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/channel-accounts/${account!.id}`, {
        settings: { enforce_identity: false, allowed_origins: ['https://Wallet.Example.com/'], reply_within_hours: 12 },
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.deepEqual(edited.body.settings.allowed_origins, ['https://wallet.example.com'], 'origins normalised as Admin → Chat does');
      const shown = (await api(desk, cast.tokens.admin, 'GET', `/api/v1/brands/${brandId}/chat-settings`)).body;
      assert.deepEqual([shown.reply_within_hours, shown.allowed_origins, shown.secret_set], [12, ['https://wallet.example.com'], true]);

      const badOrigin = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/channel-accounts/${account!.id}`, { settings: { allowed_origins: ['https://x.example/path'] } });
      assert.equal(badOrigin.status, 400);
      const badHours = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/channel-accounts/${account!.id}`, { settings: { reply_within_hours: 500 } });
      assert.equal(badHours.status, 400);
      const weak = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/channel-accounts/${account!.id}`, { secrets: { secret: 'short' } });
      assert.equal(weak.status, 400);
      assert.equal(weak.body.error.details?.field, 'secrets.secret');
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/channel-accounts?kind=chat')).status, 403, 'admins only');
      await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/channel-accounts/${account!.id}`, { settings: { allowed_origins: [] } });
    });

    test('a secret pasted in Admin → Channels verifies proofs; disabling the account switches chat off until Admin → Chat turns it on', async () => {
      const secret = 'pasted-chat-secret-from-the-wallet-backend-0001';
      const made = await api(desk, cast.tokens.admin, 'POST', '/api/v1/channel-accounts', {
        brand_id: cast.brandB.id,
        kind: 'chat',
        name: 'App chat',
        settings: { enforce_identity: true },
        secrets: { secret },
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.deepEqual(made.body.settings, { enforce_identity: true, allowed_origins: [], reply_within_hours: 24 }, 'defaults filled in');

      const anonymous = await chat({ brand: cast.brandB.slug });
      assert.equal(anonymous.welcome.code, 'identity_required');
      const proven = await chat({ brand: cast.brandB.slug, identity: { user_id: 'user-77', user_hash: userHash(secret, 'user-77') } });
      assert.equal(proven.welcome.type, 'welcome');
      assert.equal(proven.welcome.visitor.verified, true);
      const wrong = await chat({ brand: cast.brandB.slug, identity: { user_id: 'user-77', user_hash: userHash('another-secret-another-secret-0000', 'user-77') } });
      assert.equal(wrong.welcome.code, 'identity_required');

      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/channel-accounts/${made.body.id}`, { enabled: false })).status, 200);
      const off = await chat({ brand: cast.brandB.slug, identity: { user_id: 'user-77', user_hash: userHash(secret, 'user-77') } });
      assert.equal(off.welcome.code, 'forbidden');
      assert.equal((await api(desk, cast.tokens.admin, 'GET', `/api/v1/brands/${cast.brandB.id}/chat-settings`)).body.enabled, false);

      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandB.id}/chat-settings`, { enabled: true })).status, 200);
      const [account] = await chatAccounts(cast.brandB.id);
      assert.equal(account!.id, made.body.id, 'the same account');
      assert.equal(account!.enabled, true);
      const on = await chat({ brand: cast.brandB.slug, identity: { user_id: 'user-77', user_hash: userHash(secret, 'user-77') } });
      assert.equal(on.welcome.visitor.verified, true);
    });
  });
}
