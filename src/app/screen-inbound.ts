/**
 * What happens to a customer's words before anything is stored: triage reads them (category, priority,
 * language, entities, what the seed article's checklist still lacks). The secret shield runs first, so
 * nothing downstream ever sees a recovery phrase or a key.
 */
import { mergeDetails, type Category, type Priority, type TicketDetails } from '../core/ticket.js';
import { replyLanguage, triage, type Detail, type TriageModel, type TriageResult } from '../triage/index.js';

export interface Screened {
  subject: string | null;
  body: string;
  verdict: TriageResult;
  /** Structured details: what the channel gave, plus what the text revealed. */
  details: TicketDetails;
  /** Checklist items still missing after the structured details are counted. */
  missing: Detail[];
  /** The language to answer in. */
  replyLanguage: 'zh-CN' | 'en';
}

const HAS: Record<Detail, (d: TicketDetails) => boolean> = {
  txid: (d) => (d.txids?.length ?? 0) > 0,
  tx_time: (d) => Boolean(d.tx_time),
  device: (d) => Boolean(d.device),
  os: (d) => Boolean(d.os),
  app_version: (d) => Boolean(d.app_version),
  account: (d) => Boolean(d.account),
};

function detailsFrom(verdict: TriageResult): TicketDetails {
  const e = verdict.entities;
  const d: TicketDetails = {};
  if (e.txids.length) d.txids = e.txids;
  if (e.addresses.length) d.addresses = e.addresses;
  const time = e.times[0];
  if (time) d.tx_time = time.iso ?? time.text;
  if (e.devices[0]) d.device = e.devices[0];
  if (e.os[0]) d.os = e.os[0];
  if (e.appVersions[0]) d.app_version = e.appVersions[0];
  return d;
}

/**
 * The verdict on a text the desk wrote itself (a phone menu's summary, "the caller hung up"): nothing to triage.
 * Its fixed words once made every missed call a high-priority security ticket. Category and priority come from
 * the channel's own overrides (the menu choice), else "other" at normal priority.
 */
function untriaged(language: string | null | undefined): TriageResult {
  return {
    category: 'other',
    priority: 'normal',
    language: language ?? 'und',
    entities: { txids: [], addresses: [], invoices: [], amounts: [], times: [], appVersions: [], devices: [], os: [], emails: [] },
    missing: [],
    reasons: ['written by the desk, not the customer: not triaged'],
    confidence: 0,
  };
}

export function screenInbound(
  input: {
    subject?: string | null;
    body: string;
    details?: TicketDetails;
    language?: string | null;
    /** Who wrote the text: only a customer's words are triaged (default 'customer'). */
    writtenBy?: 'customer' | 'system';
  },
  model?: TriageModel,
): Screened {
  const subject = input.subject ?? null;
  const body = input.body;
  const verdict = input.writtenBy === 'system' ? untriaged(input.language) : triage({ subject: subject ?? undefined, body }, model);
  const details = mergeDetails(input.details ?? {}, detailsFrom(verdict));
  return {
    subject,
    body,
    verdict,
    details,
    missing: verdict.missing.filter((m) => !HAS[m](details)),
    replyLanguage: replyLanguage(input.language ?? verdict.language),
  };
}

const RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** The higher of two priorities: automatic triage may raise a ticket's priority, never lower it. */
export function higherPriority(a: Priority, b: Priority): Priority {
  return RANK[a] >= RANK[b] ? a : b;
}

/** True when a later message turns a ticket into a security incident with funds at risk. */
export function escalatesToSecurity(current: { category: Category; priority: Priority }, verdict: TriageResult): boolean {
  return verdict.category === 'security' && verdict.priority === 'urgent' && (current.category !== 'security' || current.priority !== 'urgent');
}
