/**
 * The hotline speaks a phone step-up's code (issue 18), once per database: Twilio's webhooks posted signed, as
 * Twilio posts them. A caller from the number on the account hears a fresh code in the language they chose
 * (Chinese and English); the code then passes once on the identity page, recorded as weak (caller ID). A caller
 * from another number hears no code.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/core/clock.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, type Cast } from '../helpers/desk.js';
import { find, spoken, startPhoneDesk, type PhoneDesk } from './twilio-sim.js';

const LINE_A = '+14155550100';

for (const dialect of DIALECTS) {
  describe(`spoken verification code on ${dialect}`, () => {
    let desk: PhoneDesk;
    let cast: Cast;
    const clock = new ManualClock('2026-03-02T03:00:00.000Z');

    before(async () => {
      desk = await startPhoneDesk(dialect, { clock });
      cast = await seedCast(desk.deps);
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [LINE_A] })).status, 200);
    });
    after(async () => desk.close());

    /** A ticket of a customer with this phone on file, and an open phone check on it; returns the page token. */
    async function openPhoneCheck(phone: string, email: string) {
      const t = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: '冻结账户', body: '我的币被盗了', requester: { email, phone }, brand: 'satoshi' });
      assert.equal(t.status, 201, JSON.stringify(t.body));
      const started = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.body.id}/step-ups`, { method: 'phone_code' });
      assert.equal(started.status, 201, JSON.stringify(started.body));
      assert.equal(started.body.step_up.weak, true);
      return { ticketId: t.body.id as string, token: /#([A-Za-z0-9_-]+)$/.exec(started.body.link)![1]! };
    }

    /** Calls line A and picks a language; returns what the IVR says next. */
    async function callAndPickLanguage(from: string, digit: string) {
      const call = desk.sim.call(from, LINE_A);
      const first = await call.start();
      const menu = await call.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: digit });
      assert.equal(menu.status, 200);
      return spoken(menu.doc!);
    }

    const codeIn = (text: string): string | null => {
      const m = /((?:\d\s){5}\d)/.exec(text);
      return m ? m[1]!.replace(/\s/g, '') : null;
    };
    const page = (token: string, method: string, path: string, body?: unknown) => api(desk, null, method, `/api/v1/help/identity${path}`, body, { 'x-identity-token': token });

    test('in Chinese: the caller hears the code twice before the menu, and it passes once on the identity page (weak)', async () => {
      const phone = '+8613800138111';
      const { ticketId, token } = await openPhoneCheck(phone, 'zhao@example.com');
      assert.equal((await page(token, 'POST', '/code', { code: '123456' })).body.error.details.reason, 'no_code_yet', 'no code exists before the call');
      const said = await callAndPickLanguage(phone, '1');
      assert.match(said, /验证码/);
      const code = codeIn(said);
      assert.ok(code, said);
      assert.equal(said.split(code!.split('').join(' ')).length, 3, 'the code is said twice');
      const res = await page(token, 'POST', '/code', { code: code! });
      assert.equal(res.body.passed, true, JSON.stringify(res.body));
      const v = (await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticketId}/verification`)).body;
      assert.equal(v.conversation_level, 'contact');
      assert.equal(v.weak, true, 'caller ID can be spoofed');
      const events = JSON.stringify((await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticketId}/events`)).body);
      assert.ok(!events.includes(code!), 'the history never holds the code');
    });

    test('in English, each call speaks a new code and only the last one works; another number hears none', async () => {
      const phone = '+8613800138222';
      const { token } = await openPhoneCheck(phone, 'qian@example.com');
      assert.equal(codeIn(await callAndPickLanguage('+8613800138999', '2')), null, 'a stranger hears no code');
      const first = codeIn(await callAndPickLanguage(phone, '2'))!;
      const said = await callAndPickLanguage(phone, '2');
      assert.match(said, /verification code/);
      const second = codeIn(said)!;
      if (first !== second) assert.equal((await page(token, 'POST', '/code', { code: first })).body.passed, false, 'the earlier code no longer works');
      assert.equal((await page(token, 'POST', '/code', { code: second })).body.passed, true);
    });
  });
}
