/** The JSON shapes of identity verification (issue 18): never a code, a code hash or a link token. */
import type { StepUp } from '../app/identity-ports.js';
import type { StepUpOutcome } from '../app/complete-step-up.js';
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
