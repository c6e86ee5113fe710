/**
 * Identity verification over real HTTP, once per database (issue 18): levels rise only through a passed
 * step-up; e-mailed codes (through a real SMTP relay) are short-lived, single-use, limited in attempts and in how
 * often a customer is asked, stored hashed, and never appear in an API answer, the history or the log; signed
 * messages prove an address; a brand's required levels refuse what is not yet proven, in both languages.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { base64 } from '@scure/base';
import { p2wpkh } from '@scure/btc-signer';
import { ManualClock } from '../../src/core/clock.js';
import { makeLogger } from '../../src/main.js';
import { buildHttpApp } from '../../src/http/app.js';
import { emailSender, type EmailSender } from '../../src/channels/email/sender.js';
import { emailTokens } from '../../src/channels/email/tokens.js';
import { legacyMessageHash } from '../../src/bitcoin/signed-message.js';
import { STEP_UPS_PER_HOUR } from '../../src/http/routes/identity.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startSmtpSink, type SmtpSink } from '../email/smtp-sink.js';

/** A P2WPKH key of our own, to sign challenges the way a wallet does (BIP-137, header 39+: P2WPKH). */
const key = secp256k1.utils.randomSecretKey();
const ADDRESS = p2wpkh(secp256k1.getPublicKey(key, true)).address!;
function signLegacy(message: string, header = 39): string {
  const sig = secp256k1.sign(legacyMessageHash(message), key, { prehash: false, format: 'recovered' });
  // noble's recovered format is [recovery, r, s]; BIP-137 puts the header (type base + recovery) first.
  return base64.encode(Uint8Array.from([header + sig[0]!, ...sig.subarray(1)]));
}

for (const dialect of DIALECTS) {
  describe(`identity verification on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let sink: SmtpSink;
    let sender: EmailSender;
    let url: string;
    let app: Awaited<ReturnType<typeof buildHttpApp>>;
    const logLines: string[] = [];
    const clock = new ManualClock(new Date());
    const call = (token: string | null, method: string, path: string, body?: unknown, headers?: Record<string, string>) => api({ url }, token, method, path, body, headers);
    const page = (token: string, method: string, path: string, body?: unknown) => call(null, method, `/api/v1/help/identity${path}`, body, { 'x-identity-token': token });
    const codes: string[] = [];

    before(async () => {
      desk = await startTestDesk(dialect, { clock });
      cast = await seedCast(desk.deps);
      sink = await startSmtpSink();
      sender = emailSender({ relay: sink.url, tokens: emailTokens('identity-test-secret'), supportEmail: 'desk@default.example', files: desk.deps.files });
      desk.deps.senders = { email: sender };
      // A second listener on the same deps with a trace-level log we can read.
      const logSink = new Writable({
        write(chunk, _enc, done) {
          logLines.push(String(chunk));
          done();
        },
      });
      app = await buildHttpApp(desk.deps, { logger: makeLogger({ logLevel: 'trace' }, logSink) });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    after(async () => {
      await app.close();
      sender.close();
      await sink.close();
      await desk.close();
    });

    const newTicket = async (email: string, chinese = false) => {
      const text = chinese ? { subject: '有人盗走了我的币', body: '请立即冻结我的账户，我的钱包被盗了' } : { subject: 'Someone took my coins', body: 'Please freeze my account' };
      const res = await call(cast.tokens.agentA, 'POST', '/api/v1/tickets', { ...text, requester: { email }, brand: 'satoshi' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return { ...(res.body as { id: string; number: number }), requester_id: res.body.requester.id as string };
    };
    /** Starts an e-mailed code and returns the code and page token from the caught mail. */
    const emailCode = async (ticketId: string) => {
      const before = sink.mails.length;
      const res = await call(cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticketId}/step-ups`, { method: 'email_code' });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(sink.mails.length, before + 1, 'one e-mail went out');
      const text = sink.mails.at(-1)!.parsed.text ?? '';
      const code = /(\d{6})/.exec(text)![1]!;
      const token = /\/help\/identity#([A-Za-z0-9_-]+)/.exec(text)![1]!;
      codes.push(code);
      assert.ok(!JSON.stringify(res.body).includes(code), 'the agent never sees the code');
      assert.equal(res.body.link, null, 'the link with the code travels only in the e-mail');
      return { stepUp: res.body.step_up as { id: string; target: string; status: string }, code, token, mail: text };
    };

    test('an agent can no longer set a level by hand', async () => {
      const t = await newTicket('hand@example.com');
      const res = await call(cast.tokens.admin, 'PATCH', `/api/v1/customers/${t.requester_id}`, { verification_level: 'address' });
      assert.equal(res.status, 400);
      assert.equal((await call(cast.tokens.admin, 'GET', `/api/v1/customers/${t.requester_id}`)).body.verification_level, 'unverified');
    });

    test('an e-mailed code passes once on the help-center page, raises both levels and is recorded without the code', async () => {
      const t = await newTicket('wang@example.com', true);
      const { stepUp, code, token, mail } = await emailCode(t.id);
      assert.equal(stepUp.target, 'w***@example.com');
      assert.match(mail, /验证码/, 'a Chinese conversation gets a Chinese e-mail');
      const shown = await page(token, 'GET', '');
      assert.equal(shown.status, 200);
      assert.equal(shown.body.method, 'email_code');
      const wrong = await page(token, 'POST', '/code', { code: code === '000000' ? '111111' : '000000' });
      assert.equal(wrong.status, 200);
      assert.deepEqual([wrong.body.passed, wrong.body.attempts_left], [false, 4]);
      assert.ok(wrong.body.message['zh-CN'] && wrong.body.message.en);
      const right = await page(token, 'POST', '/code', { code: `${code.slice(0, 3)} ${code.slice(3)}` });
      assert.equal(right.status, 200, JSON.stringify(right.body));
      assert.equal(right.body.passed, true);
      const again = await page(token, 'POST', '/code', { code });
      assert.equal(again.status, 409, 'a code works once');

      const v = (await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}/verification`)).body;
      assert.equal(v.customer_level, 'contact');
      assert.equal(v.conversation_level, 'contact');
      assert.equal(v.step_ups[0].status, 'passed');
      assert.equal(v.step_ups[0].result, 'code');
      assert.equal(v.step_ups[0].attempts, 2);
      const events = (await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}/events`)).body;
      const types = (events.events as Array<{ type: string }>).map((e) => e.type);
      for (const type of ['step_up.started', 'step_up.failed', 'step_up.passed']) assert.ok(types.includes(type), type);
      const started = (events.events as Array<{ type: string; actor: { id: string } }>).find((e) => e.type === 'step_up.started')!;
      assert.equal(started.actor.id, cast.agentA.id, 'the history says who asked');
      assert.ok(!JSON.stringify(events).includes(code), 'the history never holds the code');
      const row = await desk.deps.store.stepUps.get(stepUp.id);
      assert.ok(row?.codeHash && !row.codeHash.includes(code), 'only a salted hash is stored');
    });

    test('a code expires after ten minutes', async () => {
      const t = await newTicket('late@example.com');
      const { code, token } = await emailCode(t.id);
      clock.advance(10 * 60_000 + 1000);
      const res = await page(token, 'POST', '/code', { code });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.details.reason, 'expired');
      assert.equal((await page(token, 'GET', '')).body.status, 'expired');
      assert.equal((await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}/verification`)).body.conversation_level, 'unverified');
    });

    test('five wrong codes close the check: the right one is refused after that', async () => {
      const t = await newTicket('guess@example.com');
      const { code, token } = await emailCode(t.id);
      const wrongCode = code === '123456' ? '654321' : '123456';
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push((await page(token, 'POST', '/code', { code: wrongCode })).body.attempts_left);
      assert.deepEqual(answers, [4, 3, 2, 1, 0]);
      assert.equal((await page(token, 'POST', '/code', { code })).status, 409);
      const v = (await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}/verification`)).body;
      assert.equal(v.step_ups[0].status, 'failed');
      assert.equal(v.conversation_level, 'unverified');
    });

    test(`a customer is asked at most ${STEP_UPS_PER_HOUR} times an hour`, async () => {
      const t = await newTicket('often@example.com');
      for (let i = 0; i < STEP_UPS_PER_HOUR; i++) await emailCode(t.id);
      const res = await call(cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/step-ups`, { method: 'email_code' });
      assert.equal(res.status, 429);
      const v = (await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}/verification`)).body;
      assert.equal(v.step_ups.filter((s: { status: string }) => s.status === 'pending').length, 1, 'a new code cancels the last one');
    });

    test('an agent of another brand cannot start a check on the ticket', async () => {
      const t = await newTicket('other@example.com');
      const res = await call(cast.tokens.agentB, 'POST', `/api/v1/tickets/${t.id}/step-ups`, { method: 'email_code' });
      assert.equal(res.status, 404);
    });

    test('a signed challenge proves the address; a signature of another message is refused', async () => {
      const t = await newTicket('signer@example.com');
      const started = await call(cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/step-ups`, { method: 'address', address: ADDRESS });
      assert.equal(started.status, 201, JSON.stringify(started.body));
      const challenge: string = started.body.step_up.challenge;
      for (const part of ['localhost', 'Satoshi Wallet', `#${t.number}`, ADDRESS, 'Nonce: ', 'Expires: ']) assert.ok(challenge.includes(part), part);
      const token = /#([A-Za-z0-9_-]+)$/.exec(started.body.link)![1]!;
      assert.equal((await page(token, 'GET', '')).body.challenge, challenge);
      const bad = await page(token, 'POST', '/signature', { signature: signLegacy(`${challenge}x`) });
      assert.equal(bad.body.passed, false);
      const good = await page(token, 'POST', '/signature', { signature: signLegacy(challenge) });
      assert.equal(good.body.passed, true, JSON.stringify(good.body));
      const v = (await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}/verification`)).body;
      assert.equal(v.conversation_level, 'address');
      assert.equal(v.step_ups[0].result, 'bip137_strict');
    });

    test('an agent pastes a loose (Electrum-style) signature the customer sent; a multisig address is offered a test transaction', async () => {
      const t = await newTicket('electrum@example.com');
      const started = await call(cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/step-ups`, { method: 'address', address: ADDRESS });
      const res = await call(cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/step-ups/${started.body.step_up.id}/signature`, { signature: signLegacy(started.body.step_up.challenge, 31) });
      assert.equal(res.body.passed, true);
      const v = (await call(cast.tokens.agentA, 'GET', `/api/v1/tickets/${t.id}/verification`)).body;
      assert.equal(v.step_ups[0].result, 'bip137_loose');
      const multisig = await call(cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/step-ups`, { method: 'address', address: 'bc1qeklep85ntjz4605drds6aww9u0qr46qzrv5xswd35uhjuj8ahfcqgf6hak' });
      assert.equal(multisig.status, 400);
      assert.equal(multisig.body.error.details.reason, 'multisig');
      assert.match(multisig.body.error.message, /test transaction/);
    });

    test('a brand’s levels refuse a contact change until the customer proves enough, naming the missing step in both languages', async () => {
      const defaults = await call(cast.tokens.agentA, 'GET', `/api/v1/brands/${cast.brandA.id}/verification-requirements`);
      assert.deepEqual(defaults.body, { freeze: 'unverified', unfreeze: 'app', change_contact: 'contact', merge_customers: 'contact' });
      assert.equal((await call(cast.tokens.agentA, 'PATCH', `/api/v1/brands/${cast.brandA.id}/verification-requirements`, { change_contact: 'app' })).status, 403);
      assert.equal((await call(cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}/verification-requirements`, { freeze: 'contact' })).status, 400, 'freezing stays free');
      const set = await call(cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}/verification-requirements`, { change_contact: 'address' });
      assert.equal(set.body.change_contact, 'address');

      const t = await newTicket('move@example.com');
      const refused = await call(cast.tokens.admin, 'PATCH', `/api/v1/customers/${t.requester_id}`, { add_emails: ['new@example.com'] });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.details.reason, 'verification_required');
      assert.deepEqual(refused.body.error.details.missing, ['contact', 'app', 'address']);
      assert.match(refused.body.error.details.messages['zh-CN'], /修改客户的联系方式/);
      assert.match(refused.body.error.details.messages.en, /signed with the key/);

      const started = await call(cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/step-ups`, { method: 'address', address: ADDRESS });
      const token = /#([A-Za-z0-9_-]+)$/.exec(started.body.link)![1]!;
      assert.equal((await page(token, 'POST', '/signature', { signature: signLegacy(started.body.step_up.challenge) })).body.passed, true);
      const allowed = await call(cast.tokens.admin, 'PATCH', `/api/v1/customers/${t.requester_id}`, { add_emails: ['new@example.com'] });
      assert.equal(allowed.status, 200, JSON.stringify(allowed.body));
      await call(cast.tokens.admin, 'PATCH', `/api/v1/brands/${cast.brandA.id}/verification-requirements`, { change_contact: 'contact' });
    });

    test('bad input gets a clear 4xx, never a 500', async () => {
      const t = await newTicket('bad@example.com');
      assert.equal((await call(cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/step-ups`, { method: 'carrier_pigeon' })).status, 400);
      assert.equal((await call(cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/step-ups`, { method: 'address', address: 'not-an-address' })).status, 400);
      assert.equal((await call(cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/step-ups`, { method: 'phone_code' })).status, 400, 'no phone on file');
      assert.equal((await call(cast.tokens.agentA, 'POST', `/api/v1/tickets/${t.id}/step-ups`, { method: 'app_link' })).status, 400, 'no app user id on file');
      assert.equal((await page('x'.repeat(32), 'GET', '')).status, 404);
      assert.equal((await page('short', 'POST', '/code', { code: '123456' })).status, 404);
      const { token } = await emailCode(t.id);
      assert.equal((await page(token, 'POST', '/code', { code: 'abc' })).status, 400);
      assert.equal((await page(token, 'POST', '/signature', { signature: 'abc' })).status, 400);
    });

    test('no code ever reaches the log', () => {
      const log = logLines.join('');
      assert.ok(log.includes('request completed'));
      for (const code of codes) assert.ok(!log.includes(code), 'a code in the log');
    });
  });
}
