/** The JSON shapes of identity verification (issue 18): never a code, a code hash or a link token. */
import type { StepUp } from '../app/identity-ports.js';
import type { StepUpOutcome } from '../app/complete-step-up.js';
import type { TestTxResult } from '../app/check-test-transaction.js';
import { inAll } from '../i18n/index.js';

export function presentStepUp(s: StepUp) {
  return {
    id: s.id,
    method: s.method,
    level: s.level,
    status: s.status,
    target: s.target,
    challenge: s.challenge,
    attempts: s.attempts,
    max_attempts: s.maxAttempts,
    result: s.result,
    weak: s.method === 'phone_code',
    requested_by: s.requestedBy,
    created_at: s.createdAt,
    expires_at: s.expiresAt,
    completed_at: s.completedAt,
  };
}

export function presentOutcome(o: StepUpOutcome) {
  return {
    passed: o.passed,
    attempts_left: o.passed ? 0 : o.attemptsLeft,
    status: o.passed ? ('passed' as const) : o.attemptsLeft === 0 ? ('failed' as const) : ('pending' as const),
    message: o.passed ? inAll('identity.outcome.passed') : inAll('identity.outcome.failed', { count: o.attemptsLeft }),
  };
}

/** One look at the chain for a test transaction (agents' "check now", the customer's "I have sent it"). */
export function presentTestTxCheck(r: TestTxResult) {
  switch (r.kind) {
    case 'passed':
      return { status: 'passed' as const, passed: true, txid: r.txid, confirmed: r.confirmed, next_check_at: null };
    case 'waiting':
      return { status: 'pending' as const, passed: false, txid: null, confirmed: null, next_check_at: r.nextCheckAt };
    case 'expired':
      return { status: 'expired' as const, passed: false, txid: null, confirmed: null, next_check_at: null };
    case 'closed':
      return { status: r.status, passed: r.status === 'passed', txid: null, confirmed: null, next_check_at: null };
  }
}
