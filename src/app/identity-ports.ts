/** What identity verification needs from the store (issue 18). */
import type { VerificationLevel } from '../core/people.js';
import type { StepUpMethod, StepUpResult, StepUpStatus } from '../core/identity.js';

export type { StepUpMethod, StepUpResult, StepUpStatus };

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
  /** A customer's open step-ups of one method, newest first. */
  listPending(customerId: string, method: StepUpMethod): Promise<StepUp[]>;
  /** Every customer's open step-ups of one method (at most 500, newest first): test transactions pick unused amounts. */
  listOpen(method: StepUpMethod): Promise<StepUp[]>;
  /** Gives an open step-up a (new) code hash; false when it is no longer open. */
  setCode(id: string, codeHash: string): Promise<boolean>;
  /** Counts one attempt on a pending step-up in one statement; returns the new count, or null when it is no longer pending. */
  countAttempt(id: string): Promise<number | null>;
  /** Ends a pending step-up; true only for the one caller that ended it (single use, even across instances). */
  finish(id: string, status: Exclude<StepUpStatus, 'pending'>, result: StepUpResult | null, at: string): Promise<boolean>;
}
