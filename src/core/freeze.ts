/**
 * The emergency freeze (issue 18): what a brand's freeze settings are, what one freeze of a customer's account
 * is, and the rules that gate an unfreeze (minimum hold, four eyes). The verification an unfreeze needs is
 * identity's per-brand requirement for `unfreeze` (app/verification-requirements.ts). Pure: no clock, no I/O.
 */
import { forbidden, AppError } from './errors.js';
import type { ActorRef } from './event.js';

/** Minimum hold before an unfreeze, by default: two hours. */
export const DEFAULT_MIN_HOLD_MINUTES = 120;
/** The hold an admin may set: 0 (no hold) to 30 days. */
export const MAX_MIN_HOLD_MINUTES = 30 * 24 * 60;
/** The optional cooling-off between an approved unfreeze and the account working again: 24 h to 30 days. */
export const MIN_COOLING_OFF_HOURS = 24;
export const MAX_COOLING_OFF_HOURS = 30 * 24;

/** A brand's freeze settings. The webhook secret is sealed at rest and never part of this view. */
export interface FreezeSettings {
  brandId: string;
  /** True when the provider holds the customers' funds and can freeze an account (the webhook does it). */
  custodial: boolean;
  /** Where the desk POSTs freeze and unfreeze requests; null until an admin sets it. */
  accountWebhookUrl: string | null;
  /** True when a webhook secret exists (the secret itself is shown once, when made). */
  webhookSecretSet: boolean;
  minHoldMinutes: number;
  /** Null: no cooling-off. */
  coolingOffHours: number | null;
  updatedAt: string | null;
}

export function defaultFreezeSettings(brandId: string): FreezeSettings {
  return { brandId, custodial: false, accountWebhookUrl: null, webhookSecretSet: false, minHoldMinutes: DEFAULT_MIN_HOLD_MINUTES, coolingOffHours: null, updatedAt: null };
}

export const FREEZE_STATES = ['frozen', 'unfreeze_requested', 'unfreezing', 'unfrozen'] as const;
/**
 * frozen → (an agent asks; needed when the customer froze) unfreeze_requested → (a second agent approves)
 * unfreezing (cooling-off running) or unfrozen.
 */
export type FreezeState = (typeof FREEZE_STATES)[number];

/** Where a freeze came from. */
export const FREEZE_SOURCES = ['agent', 'phone', 'help_center'] as const;
export type FreezeSource = (typeof FREEZE_SOURCES)[number];

/** One freeze of a customer's account at a brand, opened from a ticket. */
export interface AccountFreeze {
  id: string;
  brandId: string;
  ticketId: string;
  customerId: string;
  /** What the provider knows the account by (external id, else `email:` or `phone:` of the customer). */
  accountRef: string;
  state: FreezeState;
  source: FreezeSource;
  reason: string;
  frozenBy: ActorRef;
  frozenAt: string;
  /** No unfreeze before this time (frozenAt + the brand's minimum hold). */
  holdUntil: string;
  /** The first agent of an unfreeze (when the freezer was the customer). */
  unfreezeRequestedBy: string | null;
  unfrozenBy: string | null;
  unfrozenAt: string | null;
  /** When the account works again (after the cooling-off); null until approved. */
  effectiveAt: string | null;
  /** Webhook calls made so far (each one is also in the history). */
  webhookAttempts: number;
  updatedAt: string;
}

/** The unfreeze step an agent's request makes: ask (first eyes) or approve (second eyes). */
export type UnfreezeStep = { kind: 'request' } | { kind: 'approve' };

/**
 * The four-eyes and minimum-hold rules. The agent who froze may never approve; before the hold is over nobody
 * may; when the customer froze, one agent asks and another approves.
 */
export function unfreezeStep(freeze: AccountFreeze, agentId: string, now: string): UnfreezeStep {
  if (freeze.state === 'unfrozen' || freeze.state === 'unfreezing') {
    throw new AppError('conflict', 'This account is already unfrozen or being unfrozen.', { state: freeze.state });
  }
  if (freeze.frozenBy.type === 'agent' && freeze.frozenBy.id === agentId) {
    throw forbidden('You froze this account: a second agent must approve the unfreeze (four eyes).');
  }
  if (now < freeze.holdUntil) {
    throw new AppError('conflict', `This account can be unfrozen from ${freeze.holdUntil} (the brand's minimum hold).`, { available_at: freeze.holdUntil, reason: 'minimum_hold' });
  }
  if (freeze.frozenBy.type === 'agent') return { kind: 'approve' };
  if (freeze.state === 'unfreeze_requested') {
    if (freeze.unfreezeRequestedBy === agentId) throw forbidden('You asked for this unfreeze: a second agent must approve it (four eyes).');
    return { kind: 'approve' };
  }
  return { kind: 'request' };
}

/** Adds minutes or hours to an ISO time. */
export function addMinutes(at: string, minutes: number): string {
  return new Date(new Date(at).getTime() + minutes * 60_000).toISOString();
}

/** The JSON a custodial provider's webhook receives (field order fixed: the signature covers the raw bytes). */
export interface AccountActionBody {
  action: 'freeze' | 'unfreeze';
  account_ref: string;
  ticket_id: string;
  actor: string;
  reason: string;
  at: string;
}

/** Who acted, as the webhook names them: `agent:<id>`, `customer:<id>` or `system`. */
export function actorName(actor: ActorRef): string {
  return actor.id ? `${actor.type}:${actor.id}` : actor.type;
}

/** The help-center page a one-time freeze link opens (the token in the fragment, never sent to the server's log). */
export const freezePagePath = (token: string): string => `/help/freeze#${token}`;
