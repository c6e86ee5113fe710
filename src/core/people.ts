export const ROLES = ['admin', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export const LANGUAGES = ['zh-CN', 'en'] as const;
/** The languages the desk's own strings ship in. Customers may write in others. */
export type UiLanguage = (typeof LANGUAGES)[number];

export const VERIFICATION_LEVELS = ['none', 'email', 'phone', 'app', 'document'] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];

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

/**
 * True when a customer's verification `level` is at least `required`. Placeholder ordering by position in
 * VERIFICATION_LEVELS (the identity work defines the ordered levels and this function; its version wins).
 */
export function meetsVerification(level: VerificationLevel, required: VerificationLevel): boolean {
  return VERIFICATION_LEVELS.indexOf(level) >= VERIFICATION_LEVELS.indexOf(required);
}
