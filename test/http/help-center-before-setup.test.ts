/**
 * A new desk makes a placeholder brand at start ("My Wallet"). Until the first admin is created nobody can answer,
 * so the help center offers no brand and takes no request; after setup it takes them for the real brand.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureDefaultBrand } from '../../src/app/ensure-default-brand.js';
import { api, startTestDesk, type TestDesk } from '../helpers/desk.js';
import { DIALECTS } from '../helpers/stores.js';

for (const dialect of DIALECTS) {
  describe(`the help center before setup (${dialect})`, () => {
    let desk: TestDesk;
    before(async () => {
      desk = await startTestDesk(dialect);
      await ensureDefaultBrand(desk.deps);
      desk.setupToken.value = 'token-from-the-log';
    });
    after(async () => desk?.close());

    const request = { kind: 'transaction', description: 'my withdrawal has not arrived', email: 'early@mail.example', language: 'en' };

    test('offers no brand and refuses a request with 503 until the first admin exists; then takes it', async () => {
      assert.deepEqual((await api(desk, null, 'GET', '/api/v1/help/brands')).body, { brands: [] });
      const early = await api(desk, null, 'POST', '/api/v1/help/requests', request);
      assert.equal(early.status, 503);
      assert.equal(early.body.error.code, 'unavailable');
      assert.match(early.body.error.message, /opens once the desk is set up/);
      assert.equal(await desk.deps.store.tickets.count({}), 0, 'nothing was stored');

      const setup = await api(desk, null, 'POST', '/api/v1/setup', {
        token: 'token-from-the-log',
        email: 'boss@wallet.example',
        name: 'Boss',
        password: 'a long admin password',
        brand_name: 'Real Wallet',
      });
      assert.equal(setup.status, 201, JSON.stringify(setup.body));
      const brands = (await api(desk, null, 'GET', '/api/v1/help/brands')).body.brands as Array<{ name: string }>;
      assert.deepEqual(brands.map((b) => b.name), ['Real Wallet']);
      assert.equal((await api(desk, null, 'POST', '/api/v1/help/requests', request)).status, 201);
    });
  });
}
