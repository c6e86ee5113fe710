/**
 * Proof of address ownership by a small test transaction (issue 18), once per database, for a 2-of-3 multisig
 * P2WSH address that cannot sign a message. The agent starts the check with the provider's receiving address;
 * the desk names an odd amount and a window; a local Esplora server (test/fakes/esplora-server.ts) plays the
 * chain. A payment of the same amount from another address does not pass; the customer's real, signed
 * multisig transaction does, found by the desk's own periodic look (a durable job), and the conversation is
 * then address-owner. The customer's page shows the terms and can ask for a look.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as btc from '@scure/btc-signer';
import { hex } from '@scure/base';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ManualClock } from '../../src/core/clock.js';
import { createEsploraBackend } from '../../src/bitcoin/index.js';
import { DIALECTS } from '../helpers/stores.js';
import { drainJobs } from '../helpers/jobs.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startEsplora, type FakeServer } from '../fakes/esplora-server.js';
import { wallet } from '../fakes/scenario.js';
import type { FakeTx } from '../fakes/chain.js';

const key = (label: string): Uint8Array => sha256(new TextEncoder().encode(`walletdesk-test-multisig:${label}`));
const signers = ['a', 'b', 'c'].map(key);
const multisig = btc.p2wsh(btc.p2ms(2, signers.map((k) => secp256k1.getPublicKey(k, true))), btc.NETWORK);
const provider = wallet('provider-verification', 'wpkh', 'mainnet');
const stranger = wallet('someone-else', 'wpkh', 'mainnet');

/** A signed transaction paying `amount` sats to `to` from a coin of `from` (its prevout given to the fake chain). */
function payment(from: 'multisig' | 'stranger', to: string, amount: number, seen: number): FakeTx {
  const coin = 100_000n;
  const tx = new btc.Transaction();
  const prevTxid = sha256(new TextEncoder().encode(`coin:${from}:${amount}:${seen}`));
  if (from === 'multisig') {
    tx.addInput({ txid: prevTxid, index: 0, witnessUtxo: { script: multisig.script, amount: coin }, witnessScript: multisig.witnessScript });
  } else {
    tx.addInput({ txid: prevTxid, index: 0, witnessUtxo: { script: stranger.script, amount: coin } });
  }
  tx.addOutputAddress(to, BigInt(amount), btc.NETWORK);
  tx.addOutputAddress(from === 'multisig' ? multisig.address! : stranger.address, coin - BigInt(amount) - 400n, btc.NETWORK);
  if (from === 'multisig') {
    tx.sign(signers[0]!);
    tx.sign(signers[2]!);
  } else tx.sign(stranger.priv);
  tx.finalize();
  return { hex: tx.hex, prevouts: [{ amount: coin, script: from === 'multisig' ? multisig.script : stranger.script }], firstSeen: seen };
}

for (const dialect of DIALECTS) {
  describe(`the test-transaction proof on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    const servers: FakeServer[] = [];
    const clock = new ManualClock('2026-12-08T02:00:00.000Z');
    /** The chain as it is now: a local Esplora server holding these transactions. */
    const chainWith = async (transactions: FakeTx[]) => {
      const server = await startEsplora({ transactions, tipHeight: 900_000, network: 'mainnet', tipTime: Math.floor(clock.now().getTime() / 1000) });
      servers.push(server);
      desk.deps.chain = createEsploraBackend({ url: server.url });
      return server;
    };
    before(async () => {
      desk = await startTestDesk(dialect, { clock });
      cast = await seedCast(desk.deps);
    });
    after(async () => {
      for (const s of servers) await s.close();
      await desk.close();
    });

    test('a multisig address is proven by its own small payment, found by the desk; a payment from elsewhere is not enough', async () => {
      await chainWith([]);
      const created = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'Multisig vault', body: 'I need to prove my vault address', brand: 'satoshi', requester: { email: 'vault@mail.example', language: 'en' } });
      assert.equal(created.status, 201);
      const ticketId = created.body.id as string;
      // A multisig address cannot sign a message: the signed-message check refuses it and points here.
      const signed = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticketId}/step-ups`, { method: 'address', address: multisig.address });
      assert.equal(signed.status, 400);
      assert.equal(signed.body.error.details.reason, 'multisig');
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticketId}/step-ups`, { method: 'test_transaction', address: multisig.address })).status, 400, 'the receiving address is needed');
      assert.equal((await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticketId}/step-ups`, { method: 'test_transaction', address: multisig.address, receive_address: multisig.address })).status, 400);

      const started = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticketId}/step-ups`, { method: 'test_transaction', address: multisig.address, receive_address: provider.address });
      assert.equal(started.status, 201, JSON.stringify(started.body));
      const stepUp = started.body.step_up;
      assert.equal(stepUp.level, 'address');
      assert.equal(stepUp.target, multisig.address);
      const amount = Number(/^Amount \(sats\): (\d+)$/m.exec(stepUp.challenge)?.[1]);
      assert.ok(amount >= 1000 && amount < 5000 && amount % 100 !== 0, stepUp.challenge);
      assert.match(stepUp.challenge, new RegExp(`^To: ${provider.address}$`, 'm'));
      assert.equal(Date.parse(stepUp.expires_at) - clock.now().getTime(), 24 * 3_600_000);

      // The customer's page shows the terms.
      const token = /#([A-Za-z0-9_-]+)$/.exec(started.body.link)?.[1];
      assert.ok(token);
      const page = await api(desk, null, 'GET', '/api/v1/help/identity', undefined, { 'x-identity-token': token });
      assert.equal(page.body.method, 'test_transaction');
      assert.equal(page.body.target, multisig.address);
      assert.match(page.body.challenge, new RegExp(`Send exactly ${amount} sats`));

      // Nothing on the chain yet: the customer's "I have sent it" gets "not yet", with the next automatic look.
      const early = await api(desk, null, 'POST', '/api/v1/help/identity/check', undefined, { 'x-identity-token': token });
      assert.equal(early.status, 200, JSON.stringify(early.body));
      assert.deepEqual({ ...early.body, next_check_at: null }, { status: 'pending', passed: false, txid: null, confirmed: null, next_check_at: null });

      // Someone else pays the same amount to the provider: not proof that the customer controls the vault.
      const t0 = Math.floor(clock.now().getTime() / 1000);
      await chainWith([payment('stranger', provider.address, amount, t0 + 30)]);
      const decoy = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${ticketId}/step-ups/${stepUp.id}/check`);
      assert.equal(decoy.status, 200);
      assert.equal(decoy.body.passed, false);

      // The customer's two signers sign the payment; the desk's own look, a minute later, finds it.
      const real = payment('multisig', provider.address, amount, t0 + 60);
      const chain = await chainWith([payment('stranger', provider.address, amount, t0 + 30), real]);
      clock.advance(61_000);
      const { failures } = await drainJobs(desk.deps);
      assert.deepEqual(failures.map((f) => f.error), []);
      assert.ok(chain.count('/address/') > 0, 'the desk looked at the receiving address');
      const txid = btc.Transaction.fromRaw(hex.decode(real.hex)).id;

      const verification = await api(desk, cast.tokens.agentA, 'GET', `/api/v1/tickets/${ticketId}/verification`);
      assert.equal(verification.body.conversation_level, 'address');
      const passed = verification.body.step_ups.find((s: { id: string }) => s.id === stepUp.id);
      assert.equal(passed.status, 'passed');
      assert.equal(passed.result, 'test_transaction');
      const events = await desk.deps.store.events.listForTicket(ticketId, { limit: 200 });
      const pass = events.find((e) => e.type === 'step_up.passed');
      assert.equal((pass?.data as { txid: string }).txid, txid);
      assert.equal((pass?.data as { confirmed: boolean }).confirmed, false, 'seen in the mempool');
      assert.equal((pass?.data as { amount_sats: number }).amount_sats, amount);

      // Closed: another look changes nothing; the customer's page says passed.
      const after = await api(desk, null, 'POST', '/api/v1/help/identity/check', undefined, { 'x-identity-token': token });
      assert.equal(after.body.status, 'passed');
    });

    test('the window closes: an unpaid check expires at its end; without a chain backend the method is unavailable', async () => {
      await chainWith([]);
      const created = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: 'Vault', body: 'Prove it', brand: 'satoshi', requester: { email: 'late@mail.example' } });
      const started = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${created.body.id}/step-ups`, { method: 'test_transaction', address: multisig.address, receive_address: provider.address });
      assert.equal(started.status, 201);
      clock.advance(24 * 3_600_000 + 1000);
      const late = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${created.body.id}/step-ups/${started.body.step_up.id}/check`);
      assert.equal(late.body.status, 'expired');
      const saved = desk.deps.chain;
      desk.deps.chain = undefined;
      const none = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${created.body.id}/step-ups`, { method: 'test_transaction', address: multisig.address, receive_address: provider.address });
      assert.equal(none.status, 503);
      desk.deps.chain = saved;
    });
  });
}
