import { forbidden, notFound } from './errors.js';
import type { ActorRef } from './event.js';
import { roleAtLeast, type Role } from './people.js';
import type { Ticket } from './ticket.js';

/**
 * An authenticated caller: an agent through a console session or an API token. Its role is the lesser of the
 * agent's and the token's; its brands are the agent's (admins see every brand).
 */
export interface Principal {
  agentId: string;
  name: string;
  role: Role;
  brandIds: readonly string[];
  /** Set when the request came with an API token. */
  tokenId: string | null;
}

/** The actor recorded in events for this principal. */
export function actorOf(p: Principal): ActorRef {
  return p.tokenId ? { type: 'agent', id: p.agentId, via: `token:${p.tokenId}` } : { type: 'agent', id: p.agentId };
}

export function isAdmin(p: Principal): boolean {
  return p.role === 'admin';
}

/** Brands this principal may see, or null meaning every brand (admins). */
export function visibleBrands(p: Principal): readonly string[] | null {
  return isAdmin(p) ? null : p.brandIds;
}

export function canSeeBrand(p: Principal, brandId: string): boolean {
  return isAdmin(p) || p.brandIds.includes(brandId);
}

/**
 * Tickets outside the caller's brands answer "not found", not "forbidden", so ids of other brands' tickets
 * cannot be probed.
 */
export function assertCanSeeTicket(p: Principal, ticket: Pick<Ticket, 'brandId'>): void {
  if (!canSeeBrand(p, ticket.brandId)) throw notFound('Ticket');
}

export function assertCanUseBrand(p: Principal, brandId: string): void {
  if (!canSeeBrand(p, brandId)) throw forbidden('You do not work for this brand. Ask an admin to add you to it.');
}

/** Agents, brands, API tokens and security settings are managed by admins only. */
export function assertAdmin(p: Principal): void {
  if (!isAdmin(p)) throw forbidden('Only an admin can do this.');
}

/** Teams are managed by admins and supervisors. */
export function assertCanManageTeams(p: Principal): void {
  if (!roleAtLeast(p.role, 'supervisor')) throw forbidden('Only a supervisor or an admin can manage teams.');
}
