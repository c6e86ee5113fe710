/**
 * The text of macros and rules (issue 17): the placeholders ({{customer_name}}, {{ticket_number}},
 * {{missing_details}}, {{chain_status}}) filled in for a ticket in its language, a macro's variant for that
 * language, and which macros a rule may send. Kept apart from applying macros so that rules can use it without
 * importing the use cases that record events (which run rules).
 */
import { diagnoseTx, explainDiagnosis, parseTxid } from '../bitcoin/index.js';
import type { Ticket } from '../core/ticket.js';
import { language, t, type Language } from '../i18n/index.js';
import type { Macro } from './kb-ports.js';
import type { Deps, Repos } from './ports.js';

/**
 * Whether a rule may send this macro: an active shared or team macro (never someone's personal one) of every
 * brand or of the rule's brand.
 */
export function ruleMayUseMacro(m: Macro, ruleBrandId: string | null): boolean {
  return m.active && m.scope !== 'personal' && (m.brandId === null || m.brandId === ruleBrandId);
}

/** What filling placeholders reads: brands and customers (a transaction's repos will do), the chain backend. */
export type RenderDeps = Pick<Deps, 'chain' | 'clock'> & { store: Pick<Repos, 'brands' | 'customers'> };

async function chainStatus(deps: RenderDeps, lang: Language, txid: string | undefined): Promise<string> {
  if (!txid) return t(lang, 'macro.no_txid');
  if (!deps.chain) return t(lang, 'macro.no_chain');
  try {
    return explainDiagnosis(await diagnoseTx(deps.chain, parseTxid(txid), deps.clock.now()), lang);
  } catch {
    return t(lang, 'macro.chain_failed', { txid });
  }
}

function missingDetails(ticket: Ticket, lang: Language): string {
  const d = ticket.details;
  const missing: Array<'txid' | 'tx_time' | 'device' | 'os' | 'app_version' | 'account'> = [];
  if (ticket.category === 'transaction' || ticket.category === 'security') {
    if (!d.txids?.length) missing.push('txid');
    if (!d.tx_time) missing.push('tx_time');
  } else if (ticket.category === 'technical') {
    if (!d.device) missing.push('device');
    if (!d.os) missing.push('os');
    if (!d.app_version) missing.push('app_version');
  }
  if (missing.length === 0) return t(lang, 'macro.nothing_missing');
  return missing.map((m) => t(lang, 'triage.list_item', { item: t(lang, `triage.ask.${m}`) })).join('\n');
}

/** The language a text for this ticket is written in: the ticket's, else the customer's, else the brand's. */
export async function ticketLanguage(deps: RenderDeps, ticket: Ticket): Promise<Language> {
  const brand = await deps.store.brands.get(ticket.brandId);
  const customer = await deps.store.customers.get(ticket.requesterId);
  return language(ticket.language ?? customer?.language, brand?.defaultLanguage ?? 'en');
}

/**
 * Fills the placeholders of a text for a ticket ({{customer_name}}, {{ticket_number}}, {{missing_details}},
 * {{chain_status}}, {{chain_status:<txid>}}) in `lang`; unknown ones stay as written. Used by macros and rules.
 */
export async function fillPlaceholders(deps: RenderDeps, source: string, ticket: Ticket, lang: Language): Promise<string> {
  const values = new Map<string, string>();
  for (const m of source.matchAll(/\{\{\s*([a-z_]+)(?::([0-9a-fA-F]{64}))?\s*\}\}/g)) {
    const [whole, key, txid] = m;
    if (values.has(whole)) continue;
    if (key === 'customer_name') {
      const customer = await deps.store.customers.get(ticket.requesterId);
      values.set(whole, customer?.name?.trim() || t(lang, 'macro.customer'));
    } else if (key === 'ticket_number') values.set(whole, String(ticket.number));
    else if (key === 'missing_details') values.set(whole, missingDetails(ticket, lang));
    else if (key === 'chain_status') values.set(whole, await chainStatus(deps, lang, txid ?? ticket.details.txids?.[0]));
  }
  let text = source;
  for (const [whole, value] of values) text = text.replaceAll(whole, value);
  return text;
}

/** The macro's reply for this ticket: its language's variant with the placeholders filled in. */
export async function renderMacro(deps: RenderDeps, macro: Macro, ticket: Ticket, override?: string): Promise<{ text: string; locale: Language }> {
  const lang = await ticketLanguage(deps, ticket);
  const source = override ?? macro.bodies[lang] ?? macro.body;
  return { text: await fillPlaceholders(deps, source, ticket, lang), locale: lang };
}
