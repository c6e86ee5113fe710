/** The storage port of the emergency freeze and the customer's record (tables of migration 20261208T0800-freeze). */
import type { AccountFreeze, FreezeSettings } from '../core/freeze.js';

/** A brand's freeze settings with the sealed webhook secret (which never leaves app/). */
export interface StoredFreezeSettings {
  settings: FreezeSettings;
  sealedSecret: string | null;
}

/** A one-time "freeze my account now" link (the token's SHA-256 only). */
export interface FreezeLinkRecord {
  tokenHash: string;
  brandId: string;
  ticketId: string;
  customerId: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  /** The token sealed with the install key (deps.secrets): only the mail processor opens it. */
  tokenSealed: string;
}

export interface FreezeRepo {
  /** The brand's settings, or null when an admin never changed them (defaults apply). */
  getSettings(brandId: string): Promise<StoredFreezeSettings | null>;
  saveSettings(stored: StoredFreezeSettings, at: string): Promise<void>;
  insert(freeze: AccountFreeze): Promise<void>;
  get(id: string): Promise<AccountFreeze | null>;
  /** Freezes of a ticket, newest first. */
  listForTicket(ticketId: string): Promise<AccountFreeze[]>;
  /** The customer's freeze at the brand that is not yet unfrozen, if any. */
  active(brandId: string, customerId: string): Promise<AccountFreeze | null>;
  /**
   * Moves a freeze from state `from` to the patch; false when it was no longer in `from` (another agent was first).
   */
  transition(id: string, from: AccountFreeze['state'], patch: Partial<Pick<AccountFreeze, 'state' | 'unfreezeRequestedBy' | 'unfrozenBy' | 'unfrozenAt' | 'effectiveAt'>>, at: string): Promise<boolean>;
  /** Counts one webhook call in one statement and returns the new count (the attempt number). */
  countWebhookAttempt(id: string, at: string): Promise<number>;
  insertLink(link: FreezeLinkRecord): Promise<void>;
  findLink(tokenHash: string): Promise<FreezeLinkRecord | null>;
  /** Marks a link used; false when it was used already (a link freezes once). */
  useLink(tokenHash: string, at: string): Promise<boolean>;
  /** The desk's record-signing key, or null before the first export. */
  getRecordKey(): Promise<{ publicKey: string; privateKeySealed: string } | null>;
  /** Stores the key unless one exists (another instance was first); the caller reads it back. */
  insertRecordKey(publicKey: string, privateKeySealed: string, at: string): Promise<void>;
}
