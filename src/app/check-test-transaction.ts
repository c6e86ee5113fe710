/**
 * One look at the chain for a test-transaction step-up (app/test-transaction.ts has the terms): passes it when
 * the payment is there, closes it when its window is over, else queues the next look.
 */
import { AppError } from '../core/errors.js';
import type { ActorRef } from '../core/event.js';
import { historyEvent } from './history.js';
import { passStepUp } from './complete-step-up.js';
import type { StepUp } from './identity-ports.js';
import type { Deps } from './ports.js';
import { nextCheckAt, parseTestTx, queueTestTxCheck } from './test-transaction.js';

/** Block timestamps may run up to two hours behind the real time (consensus allows it). */
const BLOCK_TIME_SLACK_S = 2 * 3600;

export type TestTxResult =
  | { kind: 'passed'; txid: string; confirmed: boolean; stepUp: StepUp }
  | { kind: 'waiting'; nextCheckAt: string | null }
  | { kind: 'expired' }
  | { kind: 'closed'; status: StepUp['status'] };

/** The payment that satisfies the terms, if the chain has one. */
async function findPayment(deps: Pick<Deps, 'chain'>, stepUp: StepUp, terms: { from: string; to: string; amountSats: number }): Promise<{ txid: string; confirmed: boolean } | null> {
  const chain = deps.chain!;
  const summary = await chain.getAddress(terms.to);
  const notBefore = Date.parse(stepUp.createdAt) / 1000 - BLOCK_TIME_SLACK_S;
  // The address's net gain in the transaction must be the amount; only those are fetched whole.
  for (const candidate of summary.recent.filter((t) => t.delta === terms.amountSats)) {
    if (candidate.confirmed && candidate.blockTime !== null && candidate.blockTime < notBefore) continue;
    const lookup = await chain.getTx(candidate.txid);
    if (!lookup.found) continue;
    const tx = lookup.tx;
    const paid = tx.outputs.filter((o) => o.address === terms.to).reduce((s, o) => s + o.value, 0);
    if (paid !== terms.amountSats) continue;
    if (!tx.inputs.some((i) => i.address === terms.from)) continue;
    return { txid: tx.txid, confirmed: tx.status.confirmed };
  }
  return null;
}

/**
 * One look at the chain for a test-transaction step-up: passes it when the payment is there, closes it when its
 * window is over, else says when to look again. A chain backend that does not answer throws (the job retries).
 */
export async function checkTestTransaction(deps: Pick<Deps, 'store' | 'clock' | 'bus' | 'chain'>, stepUpId: string, actor: ActorRef = { type: 'system', id: null }): Promise<TestTxResult> {
  const stepUp = await deps.store.stepUps.get(stepUpId);
  if (!stepUp || stepUp.method !== 'test_transaction') throw new AppError('not_found', 'Verification not found.');
  if (stepUp.status !== 'pending') return { kind: 'closed', status: stepUp.status };
  const terms = parseTestTx(stepUp);
  if (!terms) throw new AppError('conflict', 'This verification has no readable terms.');
  if (!deps.chain) throw new AppError('unavailable', 'This desk has no chain backend (ESPLORA_URL or BITCOIN_RPC_URL), so it cannot look for the payment.');
  const now = deps.clock.now();
  const found = await findPayment(deps, stepUp, terms);
  if (found) {
    const passed = await passStepUp(deps, stepUp, 'test_transaction', actor, { txid: found.txid, confirmed: found.confirmed, amount_sats: terms.amountSats, from: terms.from, to: terms.to });
    return { kind: 'passed', txid: found.txid, confirmed: found.confirmed, stepUp: passed };
  }
  const at = now.toISOString();
  if (at >= stepUp.expiresAt) {
    if (await deps.store.stepUps.finish(stepUp.id, 'expired', null, at)) {
      await deps.store.events.append([
        historyEvent({ type: 'step_up.failed', actor, at, subjectType: 'ticket', subjectId: stepUp.ticketId, data: { step_up_id: stepUp.id, method: stepUp.method, level: stepUp.level, reason: 'expired', attempts_left: 0 } }),
      ]);
    }
    return { kind: 'expired' };
  }
  const next = nextCheckAt(stepUp, now);
  await deps.store.transaction(async (tx) => {
    if (next) await queueTestTxCheck(tx, stepUp, next, at);
    // A look someone asked for is in the history; the automatic ones (each minute) would only be noise there.
    if (actor.type !== 'system') {
      await tx.events.append([
        historyEvent({ type: 'step_up.checked', actor, at, subjectType: 'ticket', subjectId: stepUp.ticketId, data: { step_up_id: stepUp.id, found: false, next_check_at: next } }),
      ]);
    }
  });
  return { kind: 'waiting', nextCheckAt: next };
}
