/**
 * The help center's guided request form. It asks for what the seed article tells users to prepare (txid and
 * time for transaction problems; device, OS and app version for technical ones; the account e-mail or username
 * for account problems), sends it through ingestInbound like every other channel, and returns the private
 * status link.
 */
import { invalid, notFound } from '../../core/errors.js';
import type { Brand } from '../../core/people.js';
import type { Category, Priority, TicketDetails } from '../../core/ticket.js';
import { normaliseEmail } from '../../app/contact-points.js';
import { ingestInbound, type IngestResult } from '../../app/ingest-inbound.js';
import { issuePortalLink, type IssuedPortalLink } from './portal-links.js';
import type { Deps } from '../../app/ports.js';

// What happened, as the customer picks it on the form (core/, so the contract and the browser share it).
import { HELP_KINDS, type HelpKind } from '../../core/help-kinds.js';
export { HELP_KINDS, type HelpKind };

/** Which details each kind asks for (the form shows exactly these). */
export const HELP_FIELDS: Record<HelpKind, ReadonlyArray<keyof TicketDetails>> = {
  stolen: ['txids', 'tx_time', 'addresses'],
  transaction: ['txids', 'tx_time'],
  technical: ['device', 'os', 'app_version'],
  account: ['account'],
  how_to: [],
  other: [],
};

/** How each kind of problem is filed: the help center's form and the chat's pre-chat step ask the same question. */
export const HELP_ROUTING: Record<HelpKind, { category: Category; priority?: Priority }> = {
  stolen: { category: 'security', priority: 'urgent' },
  transaction: { category: 'transaction' },
  technical: { category: 'technical' },
  account: { category: 'other' },
  how_to: { category: 'how_to' },
  other: { category: 'other' },
};

export interface HelpRequestInput {
  /** Brand slug; may be left out when the desk has one brand. */
  brand?: string | null;
  kind: HelpKind;
  email: string;
  name?: string | null;
  description: string;
  language: 'zh-CN' | 'en';
  details?: TicketDetails;
  /** A random key from the form: sending twice opens one request. */
  clientKey?: string | null;
  userAgent?: string | null;
}

export interface HelpRequestResult {
  result: IngestResult;
  link: IssuedPortalLink;
}

const TXID = /^[0-9a-f]{64}$/;

/** Picks the brand the help center serves: the named one, or the only one. */
export async function helpBrand(deps: Pick<Deps, 'store'>, slug: string | null | undefined): Promise<Brand> {
  if (slug) {
    const brand = await deps.store.brands.getBySlug(slug);
    if (!brand) throw notFound('Help center');
    return brand;
  }
  const brands = await deps.store.brands.list();
  if (brands.length === 1) return brands[0]!;
  if (brands.length === 0) throw notFound('Help center');
  throw invalid('Choose which wallet app this request is about.', { field: 'brand' });
}

/** Keeps only the details this kind asks for, trimmed; checks txids look like txids. */
export function detailsFor(kind: HelpKind, given: TicketDetails = {}): TicketDetails {
  const out: TicketDetails = {};
  for (const key of HELP_FIELDS[kind]) {
    const value = given[key];
    if (key === 'txids' || key === 'addresses') {
      const list = ((value as string[] | undefined) ?? []).map((v) => v.trim()).filter(Boolean);
      if (key === 'txids') {
        for (const txid of list) {
          if (!TXID.test(txid.toLowerCase())) {
            throw invalid('A transaction ID (txid) is 64 characters of 0-9 and a-f. Copy it from the transaction details in your wallet.', { field: 'txids' });
          }
        }
      }
      if (list.length) out[key] = [...new Set(key === 'txids' ? list.map((t) => t.toLowerCase()) : list)];
    } else if (typeof value === 'string' && value.trim() !== '') {
      out[key] = value.trim();
    }
  }
  return out;
}

export async function submitHelpRequest(deps: Pick<Deps, 'store' | 'clock' | 'bus'>, input: HelpRequestInput): Promise<HelpRequestResult> {
  const brand = await helpBrand(deps, input.brand);
  const email = normaliseEmail(input.email);
  const description = input.description.trim();
  if (description === '') throw invalid('Tell us what happened.', { field: 'description' });
  const details = detailsFor(input.kind, input.details);
  const routing = HELP_ROUTING[input.kind];
  const result = await ingestInbound(deps, {
    brandId: brand.id,
    channel: 'web',
    from: { email, name: input.name?.trim() || null, language: input.language },
    body: description,
    details,
    sourceId: input.clientKey ? `help:${input.clientKey}` : null,
    // The address was typed into a form, not proven: agents see that before trusting it.
    meta: { via: 'help_center', kind: input.kind, email_verified: false, ...(input.userAgent ? { user_agent: input.userAgent.slice(0, 300) } : {}) },
    overrides: { category: routing.category, ...(routing.priority ? { priority: routing.priority } : {}), tags: ['help-center'] },
  });
  const link = await issuePortalLink(deps, result.ticket.id);
  return { result, link };
}
