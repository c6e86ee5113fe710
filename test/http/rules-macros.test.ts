/**
 * The rule action "send a macro" and placeholders in rule texts, over real HTTP, once per database: the macro's
 * reply in the ticket's language with the customer's name and the ticket number, its note, the use counted, and
 * the outbound guard on the filled-in text when saved and when sent.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../helpers/stores.js';
import { drainJobs } from '../helpers/jobs.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';

for (const dialect of DIALECTS) {
  describe(`rules that send macros on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
    });
    after(async () => desk.close());

    const admin = (method: string, path: string, body?: unknown) => api(desk, cast.tokens.admin, method, path, body);
    const newTicket = async (subject: string, body: string, requester: Record<string, unknown>) => {
      const res = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject, body, requester });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body as { id: string; number: number };
    };
    const messages = (id: string) => desk.deps.store.messages.listForTicket(id);

    test('a trigger sends a macro in the ticket’s language with the customer’s name and number, and its note; the use is counted', async () => {
      const macro = await admin('POST', '/api/v1/macros', {
        title: 'Withdrawal received',
        body: 'Hello {{customer_name}}, we received ticket {{ticket_number}}.',
        bodies: { 'zh-CN': '{{customer_name}}，您好，我们已收到工单 {{ticket_number}}。', en: 'Hello {{customer_name}}, we received ticket {{ticket_number}}.' },
        note: 'Sent by rule for {{customer_name}} (#{{ticket_number}}).',
      });
      assert.equal(macro.status, 201, JSON.stringify(macro.body));
      const rule = await admin('POST', '/api/v1/rules', {
        kind: 'trigger',
        name: 'Acknowledge withdrawals',
        enabled: true,
        conditions: { all: [{ field: 'event', operator: 'is', value: 'ticket.created' }, { field: 'subject', operator: 'contains', value: 'withdrawal' }] },
        actions: [
          { type: 'send_macro', value: macro.body.id },
          { type: 'add_note', value: 'Customer {{customer_name}}, ticket {{ticket_number}}, {{unknown}} stays.' },
        ],
      });
      assert.equal(rule.status, 201, JSON.stringify(rule.body));

      const zh = await newTicket('withdrawal 提现没到', '我昨天提现到现在还没到账', { email: `wang-${dialect}@example.com`, name: '王伟', language: 'zh-CN' });
      const en = await newTicket('withdrawal missing', 'My withdrawal has not arrived.', { email: `ann-${dialect}@example.com`, name: 'Ann Lee', language: 'en' });
      const other = await newTicket('fee question', 'How are fees calculated?', { email: `x-${dialect}@example.com`, name: 'X' });
      const { failures } = await drainJobs(desk.deps);
      assert.deepEqual(failures, []);

      const zhMessages = await messages(zh.id);
      const reply = zhMessages.find((m) => m.meta.kind === 'rule_reply');
      assert.equal(reply?.body, `王伟，您好，我们已收到工单 ${zh.number}。`);
      assert.equal(reply?.public, true);
      assert.equal(reply?.meta.macro_id, macro.body.id);
      assert.equal(reply?.meta.auto_submitted, true);
      const notes = zhMessages.filter((m) => m.meta.kind === 'rule_note').map((m) => m.body);
      assert.deepEqual(notes.sort(), [`Customer 王伟, ticket ${zh.number}, {{unknown}} stays.`, `Sent by rule for 王伟 (#${zh.number}).`].sort());
      assert.ok(notes.every((n) => !(zhMessages.find((m) => m.body === n)?.public)), 'notes stay internal');

      assert.equal((await messages(en.id)).find((m) => m.meta.kind === 'rule_reply')?.body, `Hello Ann Lee, we received ticket ${en.number}.`);
      assert.ok(!(await messages(other.id)).some((m) => m.meta.kind === 'rule_reply'), 'another subject is left alone');

      const history = await desk.deps.store.events.listForTicket(zh.id, { limit: 100 });
      const applied = history.find((e) => e.type === 'rule.applied');
      assert.equal(applied?.data.rule_name, 'Acknowledge withdrawals');
      assert.deepEqual((applied?.data.actions as Array<{ type: string; result: string }>).map((a) => `${a.type}:${a.result}`), ['send_macro:done', 'add_note:done']);

      const listed = await admin('GET', '/api/v1/macros');
      assert.equal(listed.body.macros.find((m: { id: string }) => m.id === macro.body.id)?.usage_count, 2, 'each ticket the rule answered is one use');
      await admin('PATCH', `/api/v1/rules/${rule.body.id}`, { enabled: false });
    });

    test('saving refuses a personal macro, an unknown one and one whose text asks for a recovery phrase', async () => {
      const personal = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/macros', { title: 'Mine', body: 'My own words.' });
      assert.equal(personal.status, 201);
      const shape = (value: string) => ({ kind: 'trigger', name: `Send ${value}`, conditions: { all: [{ field: 'event', operator: 'is', value: 'ticket.created' }] }, actions: [{ type: 'send_macro', value }] });
      const refusedPersonal = await admin('POST', '/api/v1/rules', shape(personal.body.id));
      assert.equal(refusedPersonal.status, 400);
      assert.equal(refusedPersonal.body.error.code, 'invalid_input');
      assert.equal((await admin('POST', '/api/v1/rules', shape('no-such-macro'))).status, 400);
      assert.equal((await admin('POST', '/api/v1/rules', { ...shape('x'), actions: [{ type: 'send_macro', value: '' }] })).status, 400);
      const phishing = await admin('POST', '/api/v1/macros', { title: 'Verify', body: 'To verify, please send us your 12-word recovery phrase.' });
      assert.equal(phishing.status, 201);
      const refused = await admin('POST', '/api/v1/rules', shape(phishing.body.id));
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      assert.match(refused.body.error.message, /recovery phrase|助记词/);
    });

    test('a macro changed after the rule was saved is checked again when sent: nothing asking for a phrase goes out', async () => {
      const macro = await admin('POST', '/api/v1/macros', { title: 'Verify your wallet', body: 'Hello {{customer_name}}, we are looking into it.' });
      const rule = await admin('POST', '/api/v1/rules', {
        kind: 'trigger',
        name: 'Verify wallets',
        enabled: true,
        conditions: { all: [{ field: 'event', operator: 'is', value: 'ticket.created' }, { field: 'subject', operator: 'contains', value: 'verify' }] },
        actions: [{ type: 'send_macro', value: macro.body.id }],
      });
      assert.equal(rule.status, 201, JSON.stringify(rule.body));
      const edited = await admin('PATCH', `/api/v1/macros/${macro.body.id}`, { body: 'Hello {{customer_name}}, please reply with your 12-word recovery phrase to verify.' });
      assert.equal(edited.status, 200);
      const t = await newTicket('please verify my wallet', 'Is my wallet verified?', { email: `v-${dialect}@example.com`, name: 'Vera' });
      const { failures } = await drainJobs(desk.deps);
      assert.deepEqual(failures, []);
      assert.ok(!(await messages(t.id)).some((m) => m.authorType === 'system' && m.public), 'no reply was sent');
      const history = await desk.deps.store.events.listForTicket(t.id, { limit: 100 });
      assert.ok(history.some((e) => e.type === 'shield.outbound_blocked' && e.data.rule_name === 'Verify wallets'));
      const applied = history.find((e) => e.type === 'rule.applied');
      assert.deepEqual(applied?.data.actions, [{ type: 'send_macro', result: 'failed', reason: 'outbound_guard' }]);
      await admin('PATCH', `/api/v1/rules/${rule.body.id}`, { enabled: false });
    });
  });
}
