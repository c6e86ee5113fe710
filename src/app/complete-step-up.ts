/**
 * The customer's side of a step-up (issue 18): a code typed in the chat or on the help center's identity page, a
 * signed message, or the provider's app vouching for the user. Each attempt is counted in the database before it
 * is checked (so guesses are bounded across instances), a check passes once, and the history records what
 * passed or failed — never the code. A pass raises the customer's level (never lowers it).
 */
import { AppError, conflict, invalid, notFound } from '../core/errors.js';
import type { ActorRef } from '../core/event.js';
import { higherVerification } from '../core/people.js';
import { verifySignedMessage } from '../bitcoin/signed-message.js';
import { language, t } from '../i18n/index.js';
import { checkProof, type IdentityProof } from '../channels/chat/chat-identity.js';
import { chatSecret, loadChatSettings } from '../channels/chat/chat-settings.js';
import { historyEvent } from './history.js';
import { announce } from './live.js';
import type { StepUp, StepUpResult } from './identity-ports.js';
import type { Deps, Repos } from './ports.js';
import { codeMatches, hashToken, readCode } from './step-up-secrets.js';
import { externalIdOf } from './start-step-up.js';

export type StepUpOutcome = { passed: true; stepUp: StepUp } | { passed: false; attemptsLeft: number; stepUp: StepUp };

const CUSTOMER = (id: string, via: string): ActorRef => ({ type: 'customer', id, via });

/** The open check a help-center link names; not found for unknown tokens. */
export async function stepUpByToken(deps: Pick<Deps, 'store'>, token: string): Promise<StepUp> {
  const stepUp = /^[A-Za-z0-9_-]{20,64}$/.test(token) ? await deps.store.stepUps.findByTokenHash(hashToken(token)) : null;
  if (!stepUp) throw notFound('Verification');
  return stepUp;
}

/** Closes a check that ran out of time; throws when it is not open. */
async function assertOpen(deps: Pick<Deps, 'store' | 'clock' | 'bus'>, stepUp: StepUp): Promise<void> {
  if (stepUp.status !== 'pending') throw conflict('This verification is closed. Ask the agent for a new one.', { status: stepUp.status });
  const now = deps.clock.now().toISOString();
  if (now > stepUp.expiresAt) {
    if (await deps.store.stepUps.finish(stepUp.id, 'expired', null, now)) {
      await deps.store.events.append([failedEvent(stepUp, CUSTOMER(stepUp.customerId, 'step_up'), now, 'expired', 0)]);
    }
    throw new AppError('invalid_input', 'This verification has expired. Ask the agent for a new one.', { reason: 'expired' });
  }
}

function failedEvent(stepUp: StepUp, actor: ActorRef, at: string, reason: string, attemptsLeft: number) {
  return historyEvent({
    type: 'step_up.failed',
    actor,
    at,
    subjectType: 'ticket',
    subjectId: stepUp.ticketId,
    data: { step_up_id: stepUp.id, method: stepUp.method, level: stepUp.level, reason, attempts_left: attemptsLeft },
  });
}

/** Records a pass: closes the check (once), raises the customer's level, writes the history (with `facts`). */
export async function passStepUp(deps: Pick<Deps, 'store' | 'clock' | 'bus'>, stepUp: StepUp, result: StepUpResult, actor: ActorRef, facts: Record<string, unknown> = {}): Promise<StepUp> {
  const at = deps.clock.now().toISOString();
  return deps.store.transaction(async (tx) => {
    if (!(await tx.stepUps.finish(stepUp.id, 'passed', result, at))) throw conflict('This verification is closed. Ask the agent for a new one.');
    await raiseCustomer(tx, stepUp, at, actor);
    await tx.events.append([
      historyEvent({
        type: 'step_up.passed',
        actor,
        at,
        subjectType: 'ticket',
        subjectId: stepUp.ticketId,
        data: { step_up_id: stepUp.id, method: stepUp.method, level: stepUp.level, result, weak: stepUp.method === 'phone_code', ...facts },
      }),
    ]);
    return { ...stepUp, status: 'passed' as const, result, completedAt: at };
  });
}

async function raiseCustomer(tx: Repos, stepUp: StepUp, at: string, actor: ActorRef): Promise<void> {
  const customer = await tx.customers.get(stepUp.customerId);
  if (!customer) return;
  const next = higherVerification(customer.verificationLevel, stepUp.level);
  if (next === customer.verificationLevel) return;
  await tx.customers.update(customer.id, { verificationLevel: next }, at);
  await tx.events.append([
    historyEvent({
      type: 'customer.updated',
      actor,
      at,
      subjectType: 'customer',
      subjectId: customer.id,
      ticketId: stepUp.ticketId,
      changes: { verificationLevel: [customer.verificationLevel, next] },
      data: { step_up_id: stepUp.id },
    }),
  ]);
}

/** Counts one attempt and, when it fails, records it (and closes the check after the last one). */
async function attempt(deps: Pick<Deps, 'store' | 'clock' | 'bus'>, stepUp: StepUp, actor: ActorRef, check: () => StepUpResult | null, failReason: string): Promise<StepUpOutcome> {
  const attempts = await deps.store.stepUps.countAttempt(stepUp.id);
  if (attempts === null) throw conflict('This verification is closed. Ask the agent for a new one.');
  const result = check();
  // Open ticket pages refresh their verification panel (the notice names the ticket, never a code).
  const tell = () => announce(deps, [{ type: 'step_up.changed', brandId: stepUp.brandId, ticketId: stepUp.ticketId, data: { step_up_id: stepUp.id } }]);
  if (result) {
    const passed = await passStepUp(deps, stepUp, result, actor);
    await tell();
    return { passed: true, stepUp: passed };
  }
  const left = Math.max(0, stepUp.maxAttempts - attempts);
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (tx) => {
    if (left === 0) await tx.stepUps.finish(stepUp.id, 'failed', null, at);
    await tx.events.append([failedEvent(stepUp, actor, at, left === 0 ? 'too_many_attempts' : failReason, left)]);
  });
  await tell();
  return { passed: false, attemptsLeft: left, stepUp };
}

/** A code the customer typed (help-center page, chat). */
export async function submitStepUpCode(deps: Pick<Deps, 'store' | 'clock' | 'bus'>, stepUp: StepUp, typed: string, via: string): Promise<StepUpOutcome> {
  if (stepUp.method !== 'email_code' && stepUp.method !== 'phone_code') throw invalid('This verification does not take a code.', { field: 'code' });
  const code = readCode(typed);
  if (!code) throw invalid('The code is six digits.', { field: 'code' });
  await assertOpen(deps, stepUp);
  if (!stepUp.codeHash) throw invalid('No code has been given out yet: call the hotline from the number on your account to hear it.', { reason: 'no_code_yet' });
  return attempt(deps, stepUp, CUSTOMER(stepUp.customerId, via), () => (codeMatches(stepUp.codeHash!, code) ? 'code' : null), 'wrong_code');
}

/** A message signed with the address's key: BIP-322 simple or legacy (BIP-137 strict, then loose). */
export async function submitStepUpSignature(deps: Pick<Deps, 'store' | 'clock' | 'bus'>, stepUp: StepUp, signature: string, actor: ActorRef): Promise<StepUpOutcome> {
  if (stepUp.method !== 'address' || !stepUp.target || !stepUp.challenge) throw invalid('This verification does not take a signature.', { field: 'signature' });
  await assertOpen(deps, stepUp);
  const check = verifySignedMessage(stepUp.target, stepUp.challenge, signature);
  if (check.kind === 'unsupported') throw invalid('This address type cannot sign a message here.', { field: 'signature' });
  return attempt(deps, stepUp, actor, () => (check.kind === 'valid' ? check.mode : null), check.kind === 'invalid' ? `signature_${check.reason}` : 'signature');
}

/** The provider's app vouches for its signed-in user (the chat widget's HMAC or JWT proof, same brand secret). */
export async function submitStepUpAppProof(deps: Pick<Deps, 'store' | 'clock' | 'bus' | 'secrets'>, stepUp: StepUp, proof: IdentityProof): Promise<StepUpOutcome> {
  if (stepUp.method !== 'app_link') throw invalid('This verification is not confirmed by the app.', { field: 'proof' });
  await assertOpen(deps, stepUp);
  const customer = await deps.store.customers.get(stepUp.customerId);
  const expected = customer ? externalIdOf(customer, stepUp.brandId) : null;
  const checked = await checkProof(chatSecret(deps, await loadChatSettings(deps.store, stepUp.brandId)), proof, deps.clock.now());
  return attempt(
    deps,
    stepUp,
    CUSTOMER(stepUp.customerId, 'app_link'),
    () => (checked.kind === 'verified' && expected !== null && checked.userId === expected ? ('token' in proof ? 'app_jwt' : 'app_hmac') : null),
    checked.kind === 'verified' ? 'another_user' : 'bad_proof',
  );
}

/**
 * A chat message that is a code (six digits): tried against the ticket's open code check, and replaced by a marker
 * before it is stored, so the code never sits in the thread. A code-shaped message on a ticket with no code check
 * in the last day is left alone (it may be an order number).
 */
export async function takeCodeFromChat(deps: Pick<Deps, 'store' | 'clock' | 'bus'>, ticketId: string, text: string, lang: string | null): Promise<string> {
  if (!readCode(text)) return text;
  const since = new Date(deps.clock.now().getTime() - 86_400_000).toISOString();
  const checks = (await deps.store.stepUps.listForTicket(ticketId)).filter((s) => (s.method === 'email_code' || s.method === 'phone_code') && s.createdAt >= since);
  if (checks.length === 0) return text;
  const l = language(lang, 'en');
  const open = checks.find((s) => s.status === 'pending' && s.codeHash);
  if (!open) return t(l, 'identity.chat.code_closed');
  try {
    const outcome = await submitStepUpCode(deps, open, text, 'chat');
    return t(l, outcome.passed ? 'identity.chat.code_passed' : 'identity.chat.code_failed');
  } catch {
    return t(l, 'identity.chat.code_closed');
  }
}
