/** Channel accounts through /api/v1/channel-accounts, over real HTTP, once per database. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { aesSecretBox } from '../../src/crypto/secret-box.js';
import { enabledAccounts } from '../../src/app/channel-accounts.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

const PASSWORD = 'imap-secret-Pa55word';
const mailbox = (user: string) => ({ imap_host: 'imap.example.com', imap_user: user });

for (const dialect of DIALECTS) {
  describe(`channel accounts on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
    });
    after(async () => desk.close());

    const create = (body: Record<string, unknown>, token = cast.tokens.admin) => api(desk, token, 'POST', '/api/v1/channel-accounts', body);

    test('an admin adds two mailboxes and a phone number to one brand; secrets are sealed and never returned', async () => {
      const support = await create({ brand_id: cast.brandA.id, kind: 'email', name: 'Support', settings: mailbox('help@satoshi.example'), secrets: { imap_password: PASSWORD } });
      assert.equal(support.status, 201, JSON.stringify(support.body));
      assert.deepEqual(support.body.secrets_set, ['imap_password']);
      // Defaults of the channel's schema are filled in.
      assert.deepEqual(support.body.settings, { imap_host: 'imap.example.com', imap_user: 'help@satoshi.example', imap_port: 993, imap_secure: true, imap_mailbox: 'INBOX' });
      const security = await create({ brand_id: cast.brandA.id, kind: 'email', name: 'Security', settings: { ...mailbox('security@satoshi.example'), imap_mailbox: 'Reports' }, secrets: { imap_password: PASSWORD } });
      assert.equal(security.status, 201, JSON.stringify(security.body));
      const phone = await create({ brand_id: cast.brandA.id, kind: 'phone', name: 'Hotline', settings: { number: '+14155550100' } });
      assert.equal(phone.status, 201, JSON.stringify(phone.body));

      const list = await api(desk, cast.tokens.admin, 'GET', `/api/v1/channel-accounts?brand_id=${cast.brandA.id}`);
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.accounts.map((a: { name: string }) => a.name), ['Support', 'Security', 'Hotline']);
      assert.ok(!JSON.stringify(list.body).includes(PASSWORD), 'the password never comes back');
      const stored = await desk.deps.store.channelAccounts.get(support.body.id);
      assert.ok(stored?.sealedSecrets?.startsWith('v1.'), 'sealed with the install key');
      assert.ok(!stored?.sealedSecrets?.includes(PASSWORD));
      const emails = await api(desk, cast.tokens.admin, 'GET', '/api/v1/channel-accounts?kind=email');
      assert.equal(emails.body.accounts.length, 2);
    });

    test('only admins see or change channel accounts', async () => {
      for (const token of [cast.tokens.supervisorA, cast.tokens.agentA]) {
        assert.equal((await api(desk, token, 'GET', '/api/v1/channel-accounts')).status, 403);
        const res = await create({ brand_id: cast.brandA.id, kind: 'phone', name: 'Sneaky', settings: { number: '+14155550199' } }, token);
        assert.equal(res.status, 403);
        assert.equal(res.body.error.code, 'forbidden');
      }
      assert.equal((await api(desk, null, 'GET', '/api/v1/channel-accounts')).status, 401);
    });

    test('settings are checked by the channel’s own schema, and bad input is a 400 that names the field', async () => {
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ kind: 'email', settings: { imap_user: 'x@y.example' }, secrets: { imap_password: 'p' } }, /imap_host/],
        [{ kind: 'email', settings: { ...mailbox('a@b.example'), smtp: 'x' }, secrets: { imap_password: 'p' } }, /settings/],
        [{ kind: 'email', settings: mailbox('c@b.example') }, /secrets\.imap_password/],
        [{ kind: 'email', settings: mailbox('d@b.example'), secrets: { api_key: 'k', imap_password: 'p' } }, /secrets\.api_key is not a secret/],
        [{ kind: 'phone', settings: { number: '0155 555 0100' } }, /settings\.number/],
        [{ kind: 'fax', settings: {} }, /Unknown channel kind "fax"/],
      ];
      for (const [body, message] of cases) {
        const res = await create({ brand_id: cast.brandB.id, name: 'Bad', ...body });
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.body.error.code, 'invalid_input');
        assert.match(res.body.error.message, message);
      }
      const noBrand = await create({ brand_id: '0190d5d0-0000-7000-8000-000000000000', kind: 'phone', name: 'X', settings: { number: '+14155550150' } });
      assert.equal(noBrand.status, 404);
      const none = await api(desk, cast.tokens.admin, 'GET', `/api/v1/channel-accounts?brand_id=${cast.brandB.id}`);
      assert.deepEqual(none.body.accounts, [], 'nothing half-written');
    });

    test('a number or a mailbox belongs to one account, and a name is unique within a brand and kind', async () => {
      await create({ brand_id: cast.brandB.id, kind: 'phone', name: 'Main line', settings: { number: '+493055550100' } });
      const sameNumber = await create({ brand_id: cast.brandA.id, kind: 'phone', name: 'Other', settings: { number: '+493055550100' } });
      assert.equal(sameNumber.status, 409);
      assert.match(sameNumber.body.error.message, /\+493055550100/);
      const sameName = await create({ brand_id: cast.brandB.id, kind: 'phone', name: 'Main line', settings: { number: '+493055550101' } });
      assert.equal(sameName.status, 409);
      const sameMailbox = await create({ brand_id: cast.brandB.id, kind: 'email', name: 'Copy', settings: mailbox('HELP@satoshi.example'), secrets: { imap_password: 'p' } });
      assert.equal(sameMailbox.status, 409, 'user names compare case-insensitively');
    });

    test('an admin renames, disables and re-keys an account; a cleared required secret is refused while enabled', async () => {
      const made = await create({ brand_id: cast.brandB.id, kind: 'email', name: 'Billing', settings: mailbox('billing@pocket.example'), secrets: { imap_password: PASSWORD } });
      const path = `/api/v1/channel-accounts/${made.body.id}`;
      const cleared = await api(desk, cast.tokens.admin, 'PATCH', path, { secrets: { imap_password: null } });
      assert.equal(cleared.status, 400);
      const off = await api(desk, cast.tokens.admin, 'PATCH', path, { name: 'Billing (old)', enabled: false, secrets: { imap_password: null } });
      assert.equal(off.status, 200, JSON.stringify(off.body));
      assert.equal(off.body.enabled, false);
      assert.equal(off.body.name, 'Billing (old)');
      assert.deepEqual(off.body.secrets_set, []);
      const on = await api(desk, cast.tokens.admin, 'PATCH', path, { enabled: true, secrets: { imap_password: 'new-one' }, settings: { ...mailbox('billing@pocket.example'), imap_port: 1993 } });
      assert.equal(on.status, 200, JSON.stringify(on.body));
      assert.equal(on.body.settings.imap_port, 1993);
      assert.deepEqual(on.body.secrets_set, ['imap_password']);
      const stored = await desk.deps.store.channelAccounts.get(made.body.id);
      assert.equal(JSON.parse(desk.deps.secrets.open(stored!.sealedSecrets!)).imap_password, 'new-one');
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', '/api/v1/channel-accounts/nope', { enabled: false })).status, 404);
      assert.equal((await api(desk, cast.tokens.supervisorA, 'PATCH', path, { enabled: false })).status, 403);
    });

    test('an account sealed with another key (SECRET_KEY changed) lists without secrets, is skipped by its channel, and takes new ones', async () => {
      const made = await create({ brand_id: cast.brandA.id, kind: 'email', name: 'Moved', settings: mailbox('moved@satoshi.example'), secrets: { imap_password: PASSWORD } });
      const row = await desk.deps.store.channelAccounts.get(made.body.id);
      await desk.deps.store.channelAccounts.update({ ...row!, sealedSecrets: aesSecretBox(randomBytes(32).toString('hex')).seal(JSON.stringify({ imap_password: 'x' })) });
      const list = await api(desk, cast.tokens.admin, 'GET', '/api/v1/channel-accounts?kind=email');
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.accounts.find((a: { id: string }) => a.id === made.body.id).secrets_set, []);
      const skipped: string[] = [];
      const running = await enabledAccounts(desk.deps, 'email', (a) => skipped.push(a.id));
      assert.deepEqual(skipped, [made.body.id]);
      assert.ok(!running.some((a) => a.id === made.body.id));
      const fixed = await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/channel-accounts/${made.body.id}`, { secrets: { imap_password: 'again' } });
      assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
      assert.deepEqual(fixed.body.secrets_set, ['imap_password']);
    });

    test('the kinds that take accounts are listed with their settings schema and secret fields', async () => {
      const res = await api(desk, cast.tokens.admin, 'GET', '/api/v1/channel-accounts/kinds');
      assert.equal(res.status, 200);
      const email = res.body.kinds.find((k: { kind: string }) => k.kind === 'email');
      assert.deepEqual(email.secret_fields, ['imap_password']);
      assert.ok(email.settings_schema.properties.imap_host);
      assert.ok(res.body.kinds.some((k: { kind: string }) => k.kind === 'phone'));
    });
  });
}
