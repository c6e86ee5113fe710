/** What identity verification needs from the store (issue 18). */
import type { VerificationLevel } from '../core/people.js';

/** How a customer proves a step: a code sent to a contact point on file, a link the provider's app opens, a signed message. */
export const STEP_UP_METHODS = ['email_code', 'phone_code', 'app_link', 'address'] as const;
export type StepUpMethod = (typeof STEP_UP_METHODS)[number];

export const STEP_UP_STATUSES = ['pending', 'passed', 'failed', 'expired', 'cancelled'] as const;
export type StepUpStatus = (typeof STEP_UP_STATUSES)[number];

/** How a passed step-up was proven. */
export type StepUpResult = 'code' | 'app_hmac' | 'app_jwt' | 'bip322_simple' | 'bip137_strict' | 'bip137_loose';

/** One step-up an agent started on a ticket. The code and link token themselves are never stored. */
export interface StepUp {
  id: string;
  ticketId: string;
  customerId: string;
  brandId: string;
  method: StepUpMethod;
  /** The level a pass gives. */
  level: VerificationLevel;
  status: StepUpStatus;
  /** Where the code went, masked ("a***@example.com", "+44 *** 1234"), or the address to prove. */
  target: string | null;
  /** "salt:sha256hex" of the one-time code; null for methods without a code. */
  codeHash: string | null;
  /** SHA-256 hex of the customer's link token. */
  tokenHash: string | null;
  /** The message to sign (address). */
  challenge: string | null;
  attempts: number;
  maxAttempts: number;
  result: StepUpResult | null;
  /** The agent who asked. */
  requestedBy: string | null;
  createdAt: string;
  expiresAt: string;
  completedAt: string | null;
}

export interface StepUpRepo {
  insert(stepUp: StepUp): Promise<void>;
  get(id: string): Promise<StepUp | null>;
  findByTokenHash(tokenHash: string): Promise<StepUp | null>;
  /** A ticket's step-ups, newest first. */
  listForTicket(ticketId: string): Promise<StepUp[]>;
  /** Counts one attempt on a pending step-up in one statement; returns the new count, or null when it is no longer pending. */
  countAttempt(id: string): Promise<number | null>;
  /** Ends a pending step-up; true only for the one caller that ended it (single use, even across instances). */
  finish(id: string, status: Exclude<StepUpStatus, 'pending'>, result: StepUpResult | null, at: string): Promise<boolean>;
}
