/**
 * The customer's identity page for a test transaction (issue 18), on a phone in Chinese in Chromium: it shows
 * the terms (from, to, the exact amount, the window), "I have sent it" says "not yet" while the chain has
 * nothing, and once the customer's multisig payment is on the (local Esplora) chain it says the check passed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as btc from '@scure/btc-signer';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { Browser } from 'playwright-core';
import { createEsploraBackend } from '../../src/bitcoin/index.js';
import { api, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { startEsplora, type FakeServer } from '../fakes/esplora-server.js';
import { wallet } from '../fakes/scenario.js';
import { launch, shot, watchErrors } from './chromium.js';

const signers = ['a', 'b', 'c'].map((l) => sha256(new TextEncoder().encode(`walletdesk-test-multisig-page:${l}`)));
const multisig = btc.p2wsh(btc.p2ms(2, signers.map((k) => secp256k1.getPublicKey(k, true))), btc.NETWORK);
const provider = wallet('provider-page', 'wpkh', 'mainnet');

describe('the test-transaction page in Chromium', () => {
  let desk: TestDesk;
  let cast: Cast;
  let browser: Browser;
  const servers: FakeServer[] = [];
  const chainWith = async (transactions: Parameters<typeof startEsplora>[0]['transactions']) => {
    const server = await startEsplora({ transactions, tipHeight: 900_000, network: 'mainnet' });
    servers.push(server);
    desk.deps.chain = createEsploraBackend({ url: server.url });
  };
  before(async () => {
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    for (const s of servers) await s.close();
    await desk?.close();
  });

  test('the terms, "not yet", then passed', async () => {
    await chainWith([]);
    const created = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject: '多签钱包验证', body: '我需要证明我的多签地址', brand: 'satoshi', requester: { email: 'ms@mail.example', language: 'zh-CN' } });
    const started = await api(desk, cast.tokens.agentA, 'POST', `/api/v1/tickets/${created.body.id}/step-ups`, { method: 'test_transaction', address: multisig.address, receive_address: provider.address });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const amount = Number(/^Amount \(sats\): (\d+)$/m.exec(started.body.step_up.challenge)?.[1]);

    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const problems = watchErrors(page);
    await page.goto(started.body.link.replace(/^https?:\/\/[^/]+/, desk.url));
    await page.getByText(`请在您自己的钱包中，从 ${multisig.address!} 转出一笔小额款项`).waitFor();
    await page.locator('[data-slot="challenge"]').filter({ hasText: `Amount (sats): ${amount}` }).waitFor();
    await page.getByRole('button', { name: '我已转出' }).click();
    await page.getByRole('status').filter({ hasText: '我们暂未看到这笔转账' }).waitFor();
    await shot(page, 'identity-test-transaction-not-yet');

    const tx = new btc.Transaction();
    tx.addInput({ txid: sha256(new TextEncoder().encode('coin:page')), index: 0, witnessUtxo: { script: multisig.script, amount: 50_000n }, witnessScript: multisig.witnessScript });
    tx.addOutputAddress(provider.address, BigInt(amount), btc.NETWORK);
    tx.sign(signers[1]!);
    tx.sign(signers[2]!);
    tx.finalize();
    await chainWith([{ hex: tx.hex, prevouts: [{ amount: 50_000n, script: multisig.script }] }]);
    await page.getByRole('button', { name: '我已转出' }).click();
    await page.locator('[data-slot="identity-passed"]').waitFor();
    await shot(page, 'identity-test-transaction-passed');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
