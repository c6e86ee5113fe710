/** Opens a ticket for a customer through the API or the console (POST /api/v1/tickets). */
import { invalid } from '../core/errors.js';
import { actorOf, assertCanUseBrand, visibleBrands, type Principal } from '../core/policy.js';
import type { Category, Channel, Priority, TicketDetails } from '../core/ticket.js';
import type { Brand } from '../core/people.js';
import { isUuid } from '../core/ids.js';
import { normaliseEmail, normalisePhone } from './contact-points.js';
import { ingestInbound, type IngestResult } from './ingest-inbound.js';
import type { Deps, Repos } from './ports.js';
import { refuseSecretIn } from './shield-inbound.js';

export interface CreateTicketInput {
  subject: string;
  body: string;
  requester: { email: string; name?: string | null; phone?: string | null; external_id?: string | null; language?: string | null };
  channel?: Channel;
  priority?: Priority;
  category?: Category;
  /** Brand id or slug; may be left out when the caller works for exactly one brand. */
  brand?: string | null;
  tags?: readonly string[];
  details?: TicketDetails;
  /** A client-chosen key (Idempotency-Key header): the same key again returns the first ticket instead of a new one. */
  idempotencyKey?: string | null;
}

/** Picks the brand a request belongs to: the named one (by id or slug), or the caller's only brand. */
export async function chooseBrand(repos: Repos, principal: Principal, ref: string | null | undefined): Promise<Brand> {
  if (ref) {
    const brand = (isUuid(ref) ? await repos.brands.get(ref.toLowerCase()) : null) ?? (await repos.brands.getBySlug(ref));
    if (!brand) throw invalid(`There is no brand "${ref}".`, { field: 'brand' });
    assertCanUseBrand(principal, brand.id);
    return brand;
  }
  const brands = await repos.brands.list(visibleBrands(principal));
  if (brands.length === 1) return brands[0]!;
  if (brands.length === 0) throw invalid('There is no brand yet. An admin must create one first.', { field: 'brand' });
  throw invalid(`Say which brand this is for: one of ${brands.map((b) => b.slug).join(', ')}.`, { field: 'brand' });
}

export async function createTicket(deps: Pick<Deps, 'store' | 'clock' | 'bus'>, principal: Principal, input: CreateTicketInput): Promise<IngestResult> {
  const brand = await chooseBrand(deps.store, principal, input.brand);
  if (input.subject.trim() === '') throw invalid('The subject is empty.', { field: 'subject' });
  // Subject, body, name and details are shielded by ingestInbound; tags are identifiers and cannot be.
  refuseSecretIn(input.tags ?? [], 'tags');
  return ingestInbound(deps, {
    brandId: brand.id,
    brandName: brand.name,
    channel: input.channel ?? 'api',
    from: {
      email: normaliseEmail(input.requester.email, 'requester.email'),
      phone: input.requester.phone ? normalisePhone(input.requester.phone, 'requester.phone') : null,
      externalId: input.requester.external_id ?? null,
      name: input.requester.name ?? null,
      language: input.requester.language ?? null,
    },
    subject: input.subject,
    body: input.body,
    details: input.details,
    sourceId: input.idempotencyKey ? `api:${principal.agentId}:${input.idempotencyKey}` : null,
    overrides: { priority: input.priority, category: input.category, tags: input.tags },
    submittedBy: actorOf(principal),
  });
}
