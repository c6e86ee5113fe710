/**
 * Proof of address ownership by a small test transaction (issue 18), for addresses that cannot sign a message
 * (multisig P2WSH / P2SH, script-path taproot). The desk names an address of the provider, an odd amount of
 * 1 000–4 999 sats and a window (24 hours); the customer sends exactly that amount *from* the address they
 * claim. The desk watches the chain (the configured Esplora or Bitcoin Core backend): a transaction that pays
 * the provider's address exactly the amount, spends at least one output of the claimed address and was seen
 * inside the window passes the check as an address-owner step-up. Spending from an address needs its keys (all
 * the multisig's required signers), so the payment proves control as a signature would. A transaction waiting in
 * the mempool counts (it is only accepted there with valid signatures); whether it confirmed is recorded.
 *
 * Checks run as durable jobs (`identity.test_tx.check`, app/check-test-transaction.ts): each minute for the
 * first hour, then every five, until the check passes or its window closes; the agent's "check now" and the
 * customer's "I have sent it" run one at once. This file holds the terms (no store writes beyond queueing).
 */
import { randomInt } from 'node:crypto';
import { AppError } from '../core/errors.js';
import type { StepUp } from './identity-ports.js';
import type { Repos } from './ports.js';

/** The job of each automatic look (app/check-test-transaction.ts runs it). */
export const TEST_TX_JOB = 'identity.test_tx.check';
/** The window to send it in (STEP_UP_RULES.test_transaction in start-step-up.ts: 24 hours). */
export const TEST_TX_WINDOW_MINUTES = 24 * 60;
export const TEST_TX_MIN_SATS = 1_000;
export const TEST_TX_MAX_SATS = 4_999;

/** What the customer must do, as the step-up's challenge text (one line each) and as facts. */
export interface TestTxTerms {
  from: string;
  to: string;
  amountSats: number;
  ticketNumber: number;
  expiresAt: string;
}

const btc = (sats: number): string => (sats / 1e8).toFixed(8);

/** The challenge text agents and the customer read; `parseTestTx` reads the terms back from it. */
export function testTxChallenge(t: TestTxTerms): string {
  return [
    `Send exactly ${t.amountSats} sats (${btc(t.amountSats)} BTC) from the address you want to prove to the address below, in one transaction.`,
    `From: ${t.from}`,
    `To: ${t.to}`,
    `Amount (sats): ${t.amountSats}`,
    `Ticket: #${t.ticketNumber}`,
    `Before: ${t.expiresAt}`,
  ].join('\n');
}

/** The terms of a test-transaction step-up, from its challenge. */
export function parseTestTx(stepUp: Pick<StepUp, 'challenge'>): { from: string; to: string; amountSats: number } | null {
  const text = stepUp.challenge ?? '';
  const from = /^From: (\S+)$/m.exec(text)?.[1];
  const to = /^To: (\S+)$/m.exec(text)?.[1];
  const amount = Number(/^Amount \(sats\): (\d+)$/m.exec(text)?.[1]);
  return from && to && Number.isInteger(amount) && amount > 0 ? { from, to, amountSats: amount } : null;
}

/** An odd amount in the window, different from the open checks to the same address (so a payment names one check). */
export function pickAmount(taken: ReadonlySet<number>): number {
  for (let i = 0; i < 50; i++) {
    const n = randomInt(TEST_TX_MIN_SATS, TEST_TX_MAX_SATS + 1);
    if (n % 100 !== 0 && !taken.has(n)) return n;
  }
  throw new AppError('conflict', 'Too many test transactions are open to this address; try again later.');
}

/** When the next automatic look is due after a look at `now`: each minute in the first hour, then every five. */
export function nextCheckAt(stepUp: Pick<StepUp, 'createdAt' | 'expiresAt'>, now: Date): string | null {
  const age = now.getTime() - Date.parse(stepUp.createdAt);
  const next = new Date(now.getTime() + (age < 3_600_000 ? 60_000 : 300_000));
  if (now.toISOString() >= stepUp.expiresAt) return null;
  return (next.toISOString() > stepUp.expiresAt ? stepUp.expiresAt : next.toISOString());
}

/** Queues the next automatic look (one per step-up and minute, whichever instance asks). */
export async function queueTestTxCheck(repos: Pick<Repos, 'jobs'>, stepUp: Pick<StepUp, 'id'>, runAt: string, at: string): Promise<void> {
  await repos.jobs.enqueue({ type: TEST_TX_JOB, payload: { step_up_id: stepUp.id }, dedupeKey: `test-tx:${stepUp.id}:${runAt.slice(0, 16)}`, runAt, maxAttempts: 3 }, at);
}

