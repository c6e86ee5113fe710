/** The five kinds of request the desk sorts by (issue 10). */
export type Category = 'security' | 'transaction' | 'technical' | 'how_to' | 'other';
/** The categories in a fixed order (model rows and evaluation tables use it). */
export const CATEGORIES: readonly Category[] = ['security', 'transaction', 'technical', 'how_to', 'other'];

/** urgent: funds lost or at risk; high: money missing or stuck, or locked out; normal: other problems; low: questions and the rest. */
export type Priority = 'urgent' | 'high' | 'normal' | 'low';
/** The priorities, most pressing first. */
export const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];

/** A detail from the seed article's checklist that the customer may be asked for. */
export type Detail = 'txid' | 'tx_time' | 'device' | 'os' | 'app_version' | 'account';

/** What the customer wrote: an e-mail subject (or chat title) and the text. */
export interface TriageInput {
  subject?: string;
  body: string;
}

/** An amount of bitcoin as written, with its value in the unit written and in satoshis. */
export interface AmountEntity {
  text: string;
  value: number;
  unit: 'BTC' | 'mBTC' | 'sat';
  sats: number;
}

/** A date or time as written; `iso` is set for absolute dates (local time, no zone), `relative` otherwise. */
export interface TimeEntity {
  text: string;
  kind: 'absolute' | 'relative';
  iso?: string;
}

/** Everything the desk found in the text; each list keeps the order of first appearance and has no repeats. */
export interface TriageEntities {
  txids: string[];
  addresses: string[];
  invoices: string[];
  amounts: AmountEntity[];
  times: TimeEntity[];
  appVersions: string[];
  devices: string[];
  os: string[];
  emails: string[];
}

/** The triage of one request, with the reasons an agent sees for its category and priority. */
export interface TriageResult {
  category: Category;
  priority: Priority;
  /** BCP-47: zh-Hans, zh-Hant, en, ja, ko, ru, …; `und` when the text has no letters at all. */
  language: string;
  entities: TriageEntities;
  missing: Detail[];
  /** Human-readable, e.g. "matched: 被盗", "model: transaction (0.82)". */
  reasons: string[];
  /** The combined score's probability for the chosen category, 0..1. */
  confidence: number;
}

/** One labelled request, as in the corpus and in training JSONL. `text` may stand for subject + body. */
export interface LabelledExample {
  text?: string;
  subject?: string;
  body?: string;
  category: Category;
  priority?: Priority;
}
