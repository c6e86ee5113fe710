/**
 * Twilio credentials as phone channel accounts, once per database: a number set up in Admin → Channels with its
 * own account SID and auth token has its webhooks checked with that token (not TWILIO_AUTH_TOKEN) and its calls
 * taken through that account's REST API; numbers without credentials keep the environment's. Webhooks posted
 * and signed as Twilio does, through the HTTP server.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, type Cast } from '../helpers/desk.js';
import { ACCOUNT_SID, AUTH_TOKEN, find, PUBLIC_URL, startPhoneDesk, TwilioSim, type PhoneDesk, type SimCall } from './twilio-sim.js';

const ENV_LINE = '+14155550100';
const OWN_LINE = '+442075550123';
const OWN_SID = 'ACfedcba9876543210fedcba9876543210';
const OWN_TOKEN = '9b2e7c41d0a85f36e1c4b7a20d9f8e53';
const QUEUE_SID = 'QU0123456789abcdef0123456789abcdef';

/** Calls, picks English and the transaction menu (2), and waits in the queue. */
async function queueCall(call: SimCall): Promise<void> {
  const first = await call.start();
  assert.equal(first.status, 200, first.body);
  const lang = await call.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: '2' });
  const menu = await call.follow(find(lang.doc!, 'Gather').attrs.action!, { Digits: '2' });
  assert.ok(find(menu.doc!, 'Enqueue'));
  await call.follow(`${PUBLIC_URL}/hooks/voice/twilio/wait`, { QueueSid: QUEUE_SID, QueuePosition: '1', QueueTime: '5', AvgQueueTime: '5', CurrentQueueSize: '1', MaxQueueSize: '100' });
}

const basic = (sid: string, token: string) => `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;

for (const dialect of DIALECTS) {
  describe(`phone numbers with their own provider account on ${dialect}`, () => {
    let desk: PhoneDesk;
    let cast: Cast;
    let own: TwilioSim;
    let seq = 0;
    const caller = () => `+8613900${String(139000 + ++seq).padStart(6, '0')}`;

    before(async () => {
      desk = await startPhoneDesk(dialect);
      cast = await seedCast(desk.deps);
      own = new TwilioSim(desk.url, OWN_TOKEN);
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [ENV_LINE] })).status, 200);
    });
    after(async () => desk.close());

    test('Admin → Channels keeps the auth token write-only and refuses half-set or malformed credentials', async () => {
      const post = (settings: Record<string, unknown>, secrets?: Record<string, string>) =>
        api(desk, cast.tokens.admin, 'POST', '/api/v1/channel-accounts', { brand_id: cast.brandB.id, kind: 'phone', name: `line ${++seq}`, settings, ...(secrets ? { secrets } : {}) });
      const sidOnly = await post({ number: '+442075550001', account_sid: OWN_SID });
      assert.equal(sidOnly.status, 400);
      assert.equal(sidOnly.body.error.details?.field, 'secrets.auth_token');
      assert.equal((await post({ number: '+442075550002' }, { auth_token: OWN_TOKEN })).status, 400, 'a token without its account SID');
      assert.equal((await post({ number: '+442075550003', account_sid: OWN_SID }, { auth_token: 'short token' })).status, 400);
      assert.equal((await post({ number: '+442075550004', account_sid: 'not a sid!' }, { auth_token: OWN_TOKEN })).status, 400);
      const kinds = await api(desk, cast.tokens.admin, 'GET', '/api/v1/channel-accounts/kinds');
      const phone = kinds.body.kinds.find((k: { kind: string }) => k.kind === 'phone');
      assert.deepEqual(phone.secret_fields, ['auth_token']);
      assert.ok(phone.settings_schema.properties.account_sid, 'the form offers the account SID');

      const made = await api(desk, cast.tokens.admin, 'POST', '/api/v1/channel-accounts', {
        brand_id: cast.brandA.id,
        kind: 'phone',
        name: 'London line',
        settings: { number: OWN_LINE, account_sid: OWN_SID },
        secrets: { auth_token: OWN_TOKEN },
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.deepEqual(made.body.secrets_set, ['auth_token']);
      const listed = await api(desk, cast.tokens.admin, 'GET', '/api/v1/channel-accounts?kind=phone');
      assert.equal(JSON.stringify(listed.body).includes(OWN_TOKEN), false, 'the token is never shown');
      assert.equal(JSON.stringify(made.body).includes(OWN_TOKEN), false);
    });

    test("a call to the number is checked with the number's own token: TWILIO_AUTH_TOKEN's signature is refused there", async () => {
      const bySim = desk.sim.call(caller(), OWN_LINE);
      assert.equal((await bySim.start()).status, 403, 'signed with the environment token');
      assert.equal(await desk.deps.store.calls.getBySid(bySim.sid), null, 'nothing recorded');

      const call = own.call(caller(), OWN_LINE);
      const first = await call.start();
      assert.equal(first.status, 200, first.body);
      const stored = await desk.deps.store.calls.getBySid(call.sid);
      assert.equal(stored?.brandId, cast.brandA.id, "the account's brand");

      // The next step of that call, signed with the environment's token and claiming another number: the stored
      // call's number decides the token, so it is refused and the call does not move.
      const action = find(first.doc!, 'Gather').attrs.action!;
      const forged = await desk.sim.post(action, { ...call.params({ Digits: '2' }), To: ENV_LINE, Called: ENV_LINE });
      assert.equal(forged.status, 403);
      assert.equal((await desk.deps.store.calls.getBySid(call.sid))?.state, 'language');
      assert.equal((await call.follow(action, { Digits: '2' })).status, 200);

      const envCall = desk.sim.call(caller(), ENV_LINE);
      assert.equal((await envCall.start()).status, 200, 'a number without its own credentials keeps TWILIO_AUTH_TOKEN');
      assert.equal((await own.call(caller(), ENV_LINE).start()).status, 403, "and another account's token does not sign for it");
    });

    test("taking a call uses the REST credentials of the number the caller dialled", async () => {
      const ownCall = own.call(caller(), OWN_LINE);
      await queueCall(ownCall);
      const envCall = desk.sim.call(caller(), ENV_LINE);
      await queueCall(envCall);
      const queue = await api(desk, cast.tokens.agentA, 'GET', '/api/v1/calls/queue');
      assert.equal(queue.body.take_available, true);
      const idOf = (sid: string) => queue.body.calls.find((q: { call: { call_sid: string } }) => q.call.call_sid === sid)?.call.id as string;

      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/calls/${idOf(ownCall.sid)}/take`)).status, 200);
      const viaOwn = desk.rest.at(-1)!;
      assert.match(viaOwn.url, new RegExp(`/2010-04-01/Accounts/${OWN_SID}/Queues/${QUEUE_SID}/Members/${ownCall.sid}\\.json$`));
      assert.equal(viaOwn.authorization, basic(OWN_SID, OWN_TOKEN));

      assert.equal((await api(desk, cast.tokens.supervisorA, 'POST', `/api/v1/calls/${idOf(envCall.sid)}/take`)).status, 200);
      const viaEnv = desk.rest.at(-1)!;
      assert.match(viaEnv.url, new RegExp(`/Accounts/${ACCOUNT_SID}/`));
      assert.equal(viaEnv.authorization, basic(ACCOUNT_SID, AUTH_TOKEN));
    });
  });

  describe(`a desk without TWILIO_* variables on ${dialect}`, () => {
    let desk: PhoneDesk;
    let cast: Cast;

    before(async () => {
      desk = await startPhoneDesk(dialect, { envToken: false });
      cast = await seedCast(desk.deps);
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [ENV_LINE] })).status, 200);
    });
    after(async () => desk.close());

    test('works for the numbers set up with credentials in Admin → Channels, and says what is missing for the others', async () => {
      const before = await api(desk, cast.tokens.agentA, 'GET', '/api/v1/calls/queue');
      assert.equal(before.body.take_available, false);
      assert.match(before.body.take_unavailable_reason, /Admin → Channels.*TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/);
      assert.deepEqual(before.body.take_unavailable_missing, ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN']);
      const unconfigured = await desk.sim.call('+8613700137000', ENV_LINE).start();
      assert.equal(unconfigured.status, 503, 'no token for this number anywhere');

      const made = await api(desk, cast.tokens.admin, 'POST', '/api/v1/channel-accounts', {
        brand_id: cast.brandA.id,
        kind: 'phone',
        name: 'London line',
        settings: { number: OWN_LINE, account_sid: OWN_SID },
        secrets: { auth_token: OWN_TOKEN },
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      // No restart: the next webhook and the next queue read see the account.
      const call = new TwilioSim(desk.url, OWN_TOKEN).call('+8613700137001', OWN_LINE);
      await queueCall(call);
      const queue = await api(desk, cast.tokens.agentA, 'GET', '/api/v1/calls/queue');
      assert.equal(queue.body.take_available, true);
      assert.equal(queue.body.take_unavailable_reason, null);
      const waiting = queue.body.calls.find((q: { call: { call_sid: string } }) => q.call.call_sid === call.sid);
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/calls/${waiting.call.id}/take`)).status, 200);
      assert.equal(desk.rest.at(-1)!.authorization, basic(OWN_SID, OWN_TOKEN));

      // Disabled: its number is no longer served (no token anywhere), and nothing can be taken.
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/channel-accounts/${made.body.id}`, { enabled: false })).status, 200);
      assert.equal((await new TwilioSim(desk.url, OWN_TOKEN).call('+8613700137002', OWN_LINE).start()).status, 503);
      assert.equal((await api(desk, cast.tokens.agentA, 'GET', '/api/v1/calls/queue')).body.take_available, false);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`a desk with TWILIO_AUTH_TOKEN but no TWILIO_ACCOUNT_SID on ${dialect}`, () => {
    let desk: PhoneDesk;
    let cast: Cast;

    before(async () => {
      desk = await startPhoneDesk(dialect, { voice: false });
      cast = await seedCast(desk.deps);
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}`, { phone_numbers: [ENV_LINE] })).status, 200);
    });
    after(async () => desk.close());

    test('the line answers, and the notice names only the missing TWILIO_ACCOUNT_SID (queue and take)', async () => {
      const call = desk.sim.call('+8613700137100', ENV_LINE);
      await queueCall(call);
      const queue = await api(desk, cast.tokens.agentA, 'GET', '/api/v1/calls/queue');
      assert.equal(queue.body.take_available, false);
      assert.deepEqual(queue.body.take_unavailable_missing, ['TWILIO_ACCOUNT_SID']);
      assert.match(queue.body.take_unavailable_reason, /set TWILIO_ACCOUNT_SID, to take/);
      assert.doesNotMatch(queue.body.take_unavailable_reason, /TWILIO_AUTH_TOKEN/);
      const waiting = queue.body.calls.find((q: { call: { call_sid: string } }) => q.call.call_sid === call.sid);
      const take = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/calls/${waiting.call.id}/take`);
      assert.equal(take.status, 503);
      assert.match(take.body.error.message, /TWILIO_ACCOUNT_SID/);
      assert.doesNotMatch(take.body.error.message, /TWILIO_AUTH_TOKEN/);
      assert.equal(desk.rest.length, 0, 'nothing was sent to the provider');
    });
  });
}
