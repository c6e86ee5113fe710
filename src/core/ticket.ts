import { AppError, invalid } from './errors.js';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const CATEGORIES = ['security', 'transaction', 'technical', 'how_to', 'other'] as const;
/** Where a ticket or message came in. `telegram` is named ahead of its channel module so that adding it touches only channels/. */
export const CHANNELS = ['web', 'email', 'chat', 'phone', 'api', 'telegram'] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Category = (typeof CATEGORIES)[number];
export type Channel = (typeof CHANNELS)[number];

/** What the seed article tells users to prepare, kept as structured fields on the ticket. */
export interface TicketDetails {
  txids?: string[];
  addresses?: string[];
  /** When the transaction happened, as the user gave it (ISO-8601 when parseable). */
  tx_time?: string;
  device?: string;
  os?: string;
  app_version?: string;
  /** The account e-mail or username in the wallet app. */
  account?: string;
}

export const DETAIL_KEYS = ['txids', 'addresses', 'tx_time', 'device', 'os', 'app_version', 'account'] as const;

export interface Ticket {
  id: string;
  /** Human-facing number (#1234), unique per install; used in e-mail subjects and by agents. */
  number: number;
  brandId: string;
  subject: string;
  status: TicketStatus;
  priority: Priority;
  category: Category;
  channel: Channel;
  /** BCP-47 language of the conversation, when known (zh-CN, en, ...). */
  language: string | null;
  requesterId: string;
  assigneeId: string | null;
  teamId: string | null;
  tags: string[];
  details: TicketDetails;
  firstResponseAt: string | null;
  solvedAt: string | null;
  closedAt: string | null;
  mergedIntoId: string | null;
  followUpOfId: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Which status may follow which. `closed` is terminal: a customer writing to a closed ticket gets a follow-up
 * ticket instead. `new` is only ever the first status.
 */
const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'pending', 'on_hold', 'closed'],
  closed: [],
};

/** True when a ticket may move from `from` to `to` (staying put is always allowed). */
export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/** Throws a conflict that tells the caller what is allowed instead. */
export function assertTransition(from: TicketStatus, to: TicketStatus): void {
  if (canTransition(from, to)) return;
  if (from === 'closed') {
    throw new AppError('conflict', 'This ticket is closed and cannot change. Create a follow-up ticket instead.', {
      status: from,
    });
  }
  throw new AppError('conflict', `A ticket cannot go from "${from}" to "${to}". Allowed: ${TRANSITIONS[from].join(', ')}.`, {
    from,
    to,
  });
}

/**
 * The status a ticket takes when its customer writes: a pending or solved ticket reopens; on-hold waits on a
 * third party and stays; a closed ticket never reopens (returns null: open a follow-up).
 */
export function statusAfterCustomerReply(current: TicketStatus): TicketStatus | null {
  switch (current) {
    case 'closed':
      return null;
    case 'pending':
    case 'solved':
      return 'open';
    default:
      return current;
  }
}

/** The status after an agent's public reply when the agent did not choose one: a new ticket becomes open. */
export function statusAfterAgentReply(current: TicketStatus): TicketStatus {
  return current === 'new' ? 'open' : current;
}

const TAG = /^[\p{L}\p{N}][\p{L}\p{N}_:.-]{0,49}$/u;

/** Normalises tags (trim, lower-case, spaces to dashes), drops duplicates, and rejects unusable ones. */
export function normaliseTags(tags: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of tags) {
    const tag = raw.trim().toLowerCase().replace(/\s+/g, '-');
    if (tag === '') continue;
    if (!TAG.test(tag)) {
      throw invalid(`Tag "${raw.slice(0, 60)}" is not usable: use letters, digits, "-", "_", ":" or ".", at most 50 characters.`, {
        field: 'tags',
      });
    }
    out.add(tag);
  }
  if (out.size > 50) throw invalid('A ticket can carry at most 50 tags.', { field: 'tags' });
  return [...out];
}

/** Merges newly learnt details into existing ones: lists are unioned, single values are kept once set. */
export function mergeDetails(current: TicketDetails, incoming: TicketDetails): TicketDetails {
  const out: TicketDetails = { ...current };
  for (const key of ['txids', 'addresses'] as const) {
    const merged = [...new Set([...(current[key] ?? []), ...(incoming[key] ?? [])])];
    if (merged.length > 0) out[key] = merged.slice(0, 100);
  }
  for (const key of ['tx_time', 'device', 'os', 'app_version', 'account'] as const) {
    const value = incoming[key];
    if (value !== undefined && value !== '' && out[key] === undefined) out[key] = value;
  }
  return out;
}

/** The timestamps a status change sets: solving stamps solvedAt, closing stamps closedAt, reopening clears solvedAt. */
export function statusTimestamps(from: TicketStatus, to: TicketStatus, at: string): Partial<Pick<Ticket, 'solvedAt' | 'closedAt'>> {
  if (from === to) return {};
  if (to === 'solved') return { solvedAt: at };
  if (to === 'closed') return { closedAt: at };
  if (from === 'solved') return { solvedAt: null };
  return {};
}

/** The most tickets one bulk change may name (the rest of a longer list is not touched). */
export const MAX_BULK_TICKETS = 100;

/**
 * The longest subject a ticket keeps. The API refuses a longer one (400); channels that cannot refuse (a mail's
 * Subject header) cut it here and end it with "…", so a cut subject says so.
 */
export const MAX_SUBJECT_CHARS = 200;

/** A subject cut to MAX_SUBJECT_CHARS, ending in "…" when something was cut. */
export function fitSubject(subject: string): string {
  return subject.length > MAX_SUBJECT_CHARS ? `${subject.slice(0, MAX_SUBJECT_CHARS - 1)}…` : subject;
}
