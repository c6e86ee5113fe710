/** Identity verification (issue 18): a ticket's levels and step-ups, a brand's required levels, the customer's page. */
import { Type } from '@sinclair/typebox';
import { SENSITIVE_ACTIONS } from '../core/people.js';
import { STEP_UP_METHODS, STEP_UP_RESULTS, STEP_UP_STATUSES } from '../core/identity.js';
import { Bilingual, Nullable, VerificationT, literals } from './common.js';

export const StepUpMethodT = literals(STEP_UP_METHODS);
export const SensitiveActionT = literals(SENSITIVE_ACTIONS);

/** One step-up as agents see it: never the code, never the link token. */
export const StepUpJson = Type.Object({
  id: Type.String(),
  method: StepUpMethodT,
  level: VerificationT,
  status: literals(STEP_UP_STATUSES),
  /** Where the code went (masked), or the address to prove. */
  target: Nullable(Type.String()),
  /** The message to sign (address). */
  challenge: Nullable(Type.String()),
  attempts: Type.Integer(),
  max_attempts: Type.Integer(),
  result: Nullable(literals(STEP_UP_RESULTS)),
  /** A phone code rests on caller ID, which can be spoofed. */
  weak: Type.Boolean(),
  requested_by: Nullable(Type.String()),
  created_at: Type.String(),
  expires_at: Type.String(),
  completed_at: Nullable(Type.String()),
});

/** POST /tickets/:id/step-ups */
export const StepUpBody = Type.Object(
  {
    method: StepUpMethodT,
    address: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** test_transaction: the provider's own address the small payment goes to. */
    receive_address: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

/** POST …/step-ups/:step_up_id/check and /help/identity/check: one look at the chain for a test transaction. */
export const TestTxCheckJson = Type.Object({
  status: literals(STEP_UP_STATUSES),
  passed: Type.Boolean(),
  /** The transaction that paid, once found. */
  txid: Nullable(Type.String()),
  confirmed: Nullable(Type.Boolean()),
  /** When the desk looks again by itself (null once closed). */
  next_check_at: Nullable(Type.String()),
});

export const StartedStepUpJson = Type.Object({
  step_up: StepUpJson,
  /** The page to send the customer; null for an e-mailed code (its link is only in that e-mail). */
  link: Nullable(Type.String()),
});

export const VerificationRequirementsJson = Type.Object({
  freeze: VerificationT,
  unfreeze: VerificationT,
  change_contact: VerificationT,
  merge_customers: VerificationT,
});

export const VerificationRequirementsPatch = Type.Object(
  {
    freeze: Type.Optional(VerificationT),
    unfreeze: Type.Optional(VerificationT),
    change_contact: Type.Optional(VerificationT),
    merge_customers: Type.Optional(VerificationT),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** GET /tickets/:id/verification */
export const TicketVerificationJson = Type.Object({
  /** The highest level this customer ever proved. */
  customer_level: VerificationT,
  /** What this conversation has proven: its passed step-ups, the chat's signed-in identity, a matching caller number. */
  conversation_level: VerificationT,
  /** True when the conversation's level rests only on caller ID. */
  weak: Type.Boolean(),
  sources: Type.Array(Type.Object({ level: VerificationT, how: Type.String(), weak: Type.Boolean() })),
  step_ups: Type.Array(StepUpJson),
  requirements: VerificationRequirementsJson,
  /** Which sensitive actions the conversation's level allows now. */
  allowed: Type.Object({ freeze: Type.Boolean(), unfreeze: Type.Boolean(), change_contact: Type.Boolean(), merge_customers: Type.Boolean() }),
});

/** POST /tickets/:id/step-ups/:step_up_id/signature (the customer pasted it in the conversation) and the help page. */
export const SignatureBody = Type.Object({ signature: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });

export const StepUpOutcomeJson = Type.Object({
  passed: Type.Boolean(),
  attempts_left: Type.Integer(),
  status: literals(STEP_UP_STATUSES),
  message: Bilingual,
});

/** GET /api/v1/help/identity (token in X-Identity-Token): what the customer is asked to do. */
export const IdentityPageJson = Type.Object({
  method: StepUpMethodT,
  status: literals(STEP_UP_STATUSES),
  brand: Type.Object({ name: Type.String() }),
  ticket_number: Type.Integer(),
  target: Nullable(Type.String()),
  challenge: Nullable(Type.String()),
  expires_at: Type.String(),
});

export const CodeBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false });

export const AppProofBody = Type.Union([
  Type.Object({ user_id: Type.String({ maxLength: 200 }), user_hash: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
  Type.Object({ token: Type.String({ maxLength: 4096 }) }, { additionalProperties: false }),
]);
