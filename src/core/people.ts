export const ROLES = ['admin', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export const LANGUAGES = ['zh-CN', 'en'] as const;
/** The languages the desk's own strings ship in. Customers may write in others. */
export type UiLanguage = (typeof LANGUAGES)[number];

/**
 * How sure the desk is of who a customer is, weakest first (issue 18): `unverified`; `contact` — a one-time code
 * sent to an e-mail address or phone number already on the account came back (a caller's number matching the
 * account also counts, flagged weak: caller ID can be spoofed); `app` — the provider's app vouched for the user
 * (the chat widget's HMAC/JWT identity, or a signed link the app opened); `address` — the customer signed a
 * challenge with a Bitcoin address's key. Only a passed step-up raises a level.
 */
export const VERIFICATION_LEVELS = ['unverified', 'contact', 'app', 'address'] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];

/** True when `level` is at least `required` in the order of VERIFICATION_LEVELS (an unknown level meets nothing). */
export function meetsVerification(level: VerificationLevel, required: VerificationLevel): boolean {
  const have = VERIFICATION_LEVELS.indexOf(level);
  const need = VERIFICATION_LEVELS.indexOf(required);
  return have >= 0 && need >= 0 && have >= need;
}

/** The levels between `level` (exclusive) and `required` (inclusive): the steps a customer still has to pass. */
export function missingVerification(level: VerificationLevel, required: VerificationLevel): VerificationLevel[] {
  const have = Math.max(0, VERIFICATION_LEVELS.indexOf(level));
  const need = VERIFICATION_LEVELS.indexOf(required);
  return VERIFICATION_LEVELS.slice(have + 1, need + 1);
}

/** The higher of two levels. */
export function higherVerification(a: VerificationLevel, b: VerificationLevel): VerificationLevel {
  return meetsVerification(a, b) ? a : b;
}

/** The actions a brand protects with a verification level (freeze is always free: it is the safe direction). */
export const SENSITIVE_ACTIONS = ['freeze', 'unfreeze', 'change_contact', 'merge_customers'] as const;
export type SensitiveAction = (typeof SENSITIVE_ACTIONS)[number];

/** A wallet app run by the provider. Tickets, agents' access and channels all hang off a brand. */
export interface Brand {
  id: string;
  name: string;
  /** URL-safe short name, unique. */
  slug: string;
  defaultLanguage: UiLanguage;
  /** IANA time zone for business hours and dates. */
  timeZone: string;
  supportEmails: string[];
  /** E.164. */
  phoneNumbers: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Customer {
  id: string;
  name: string | null;
  emails: string[];
  /** E.164. */
  phones: string[];
  /** External user ids from the wallet apps, per brand. */
  externalIds: Array<{ brandId: string; externalId: string }>;
  language: string | null;
  verificationLevel: VerificationLevel;
  createdAt: string;
  updatedAt: string;
  /** The customer this one was merged into (issue 19); its identities and tickets are there now. */
  mergedIntoId?: string | null;
}

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: Role;
  languages: string[];
  brandIds: string[];
  teamIds: string[];
  active: boolean;
  totpEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Team {
  id: string;
  name: string;
  /** Null for a team that works across brands. */
  brandId: string | null;
  /** The ticket categories routing sends to this team; '*' takes what no other team takes. */
  categories: string[];
  memberIds: string[];
  createdAt: string;
  updatedAt: string;
}

const ROLE_RANK: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };

/** The lesser of two roles: a token never grants more than its agent has. */
export function lesserRole(a: Role, b: Role): Role {
  return ROLE_RANK[a] <= ROLE_RANK[b] ? a : b;
}

/** True when `role` is at least `min`. */
export function roleAtLeast(role: Role, min: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[min];
}

