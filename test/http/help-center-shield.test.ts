/**
 * What a customer sees on the help center's status page when they sent a recovery phrase: every public
 * message of the conversation, the desk's automatic "we removed it — move your funds" reply included, with
 * the removed-phrase marker in the conversation's language. Over real HTTP, once per database.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const tokenOf = (statusPath: string) => statusPath.split('#')[1]!;

interface PortalMessage {
  from: string;
  body: string;
}

for (const dialect of DIALECTS) {
  describe(`help center status page after a phrase was removed (${dialect})`, () => {
    let desk: TestDesk;
    let cast: Cast;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
    });
    after(async () => desk.close());

    const view = (token: string, query = '') => api(desk, null, 'GET', `/api/v1/portal/request${query}`, undefined, { 'x-portal-token': token });

    test('a Chinese request shows the automatic reply and the marker in Chinese', async () => {
      const res = await api(desk, null, 'POST', '/api/v1/help/requests', {
        brand: 'satoshi',
        language: 'zh-CN',
        email: 'zhao@example.com',
        kind: 'technical',
        description: `恢复钱包时提示助记词无效，我的助记词是 ${PHRASE} ，请帮忙。`,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const token = tokenOf(res.body.status_path);
      const page = await view(token);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      const messages = page.body.messages as PortalMessage[];
      assert.ok(!JSON.stringify(page.body).includes('sausage'));
      const mine = messages.find((m) => m.from === 'you');
      assert.ok(mine, JSON.stringify(messages));
      assert.match(mine.body, /【助记词已删除】/);
      assert.doesNotMatch(mine.body, /removed\]/, 'no English marker inside Chinese text');
      const system = messages.filter((m) => m.from === 'system');
      assert.ok(system.length >= 1, `the automatic reply is shown: ${JSON.stringify(messages)}`);
      assert.ok(system.some((m) => /助记词/.test(m.body) && /转移|转出/.test(m.body)), JSON.stringify(system));

      // The page in English (its language switch) gets the English marker; agents keep the stored form.
      const en = await view(token, '?lang=en');
      assert.match((en.body.messages as PortalMessage[]).find((m) => m.from === 'you')!.body, /\[recovery phrase removed\]/);
      assert.equal((await view(token, '?lang=fr')).status, 400);
      const ticket = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${res.body.number}`);
      assert.match(ticket.body.messages[0].body, /\[recovery phrase removed\]/);
    });

    test('an English request shows the automatic reply in English', async () => {
      const res = await api(desk, null, 'POST', '/api/v1/help/requests', {
        brand: 'pocket',
        language: 'en',
        email: 'sam@example.com',
        kind: 'technical',
        description: `Restore says invalid mnemonic. My words: ${PHRASE}. Please help.`,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const page = await view(tokenOf(res.body.status_path));
      const messages = page.body.messages as PortalMessage[];
      assert.match(messages.find((m) => m.from === 'you')!.body, /\[recovery phrase removed\]/);
      assert.ok(messages.some((m) => m.from === 'system' && /recovery phrase/i.test(m.body) && /move/i.test(m.body)), JSON.stringify(messages));
    });
  });
}
