/**
 * What satisfaction surveys and reports need from the store (store/repos/csat-repo.ts, report-repo.ts). Reports
 * read the history (the event table) and the tickets' current brand, channel, team and assignee for filters.
 */
import type { Category, Channel, Priority, TicketStatus } from '../core/ticket.js';

import type { CsatRating, CsatReason, CsatState } from '../core/quality.js';

export { CSAT_RATINGS, CSAT_REASONS, CSAT_STATES, type CsatRating, type CsatReason, type CsatState } from '../core/quality.js';

/** One survey: the desk asking a customer about one solve of a ticket. */
export interface CsatSurvey {
  id: string;
  ticketId: string;
  brandId: string;
  customerId: string;
  channel: Channel;
  /** The history event of the solve it asks about (one survey per solve). */
  solveEventId: string;
  state: CsatState;
  /** When to ask (the solve plus the brand's delay). */
  dueAt: string;
  requestedAt: string | null;
  /** Answers are taken until then (28 days after asking). */
  expiresAt: string | null;
  rating: CsatRating | null;
  reason: CsatReason | null;
  /** Through the shield; shown to supervisors only. */
  comment: string | null;
  ratedAt: string | null;
  createdAt: string;
}

export interface CsatRepo {
  /** Stores a new survey; false when the solve already has one. */
  insert(survey: CsatSurvey): Promise<boolean>;
  get(id: string): Promise<CsatSurvey | null>;
  /** A ticket's surveys, newest first. */
  listForTicket(ticketId: string): Promise<CsatSurvey[]>;
  /** scheduled → requested; false when it was no longer scheduled. */
  markRequested(id: string, requestedAt: string, expiresAt: string): Promise<boolean>;
  /** scheduled or requested → cancelled (the ticket reopened, a newer survey replaced it); false otherwise. */
  cancel(id: string): Promise<boolean>;
  /** requested → rated, only while unexpired at `at`; false when rated before, cancelled or expired. */
  rate(id: string, answer: { rating: CsatRating; reason: CsatReason | null; comment: string | null }, at: string): Promise<boolean>;
  /** Rated surveys in a time range, newest first (the supervisors' comments table). */
  listRated(filter: { brandIds: readonly string[] | null; brandId?: string; from: string; to: string }, limit: number): Promise<CsatSurvey[]>;
}

/** Which tickets a report covers: the caller's brands always, plus the report's own filters. */
export interface ReportFilter {
  /** null: every brand (admins). */
  visibleBrandIds: readonly string[] | null;
  brandId?: string;
  channel?: Channel;
  teamId?: string;
  assigneeId?: string;
}

/** The attributes of a ticket a report groups and filters by (their current values). */
export interface ReportTicket {
  id: string;
  number: number;
  brandId: string;
  channel: Channel;
  category: Category;
  priority: Priority;
  status: TicketStatus;
  teamId: string | null;
  assigneeId: string | null;
  requesterId: string;
  createdAt: string;
}

/** Where a page of touched tickets ended. */
export interface ReportCursor {
  updatedAt: string;
  id: string;
}

/** A history entry as reports read it. */
export interface ReportEvent {
  ticketId: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
  changes: Record<string, [unknown, unknown]>;
}

export interface ReportRepo {
  /**
   * Tickets matching the filter, created before `to` and changed at or after `from` (the only ones whose
   * history can hold an event in the range), in order of last change then id, after `after`, at most `limit`.
   */
  ticketsTouched(filter: ReportFilter, from: string, to: string, after: ReportCursor | null, limit: number): Promise<Array<ReportTicket & { updatedAt: string }>>;
  /** The history of these tickets before `before`, oldest first per ticket (only the types reports read). */
  historyOf(ticketIds: readonly string[], before: string): Promise<ReportEvent[]>;
  /** Unsolved tickets that no event touched since `from` (created before it): the backlog's constant part. */
  untouchedBacklog(filter: ReportFilter, from: string): Promise<number>;
  /** Tickets created in [from, to) in the caller's brands: requester and category (first-contact resolution). */
  ticketsCreated(visibleBrandIds: readonly string[] | null, from: string, to: string): Promise<Array<{ id: string; requesterId: string; category: string; createdAt: string }>>;
  /** History entries of these types in [from, to) on tickets matching the filter. */
  eventsOfTypes(types: readonly string[], filter: ReportFilter, from: string, to: string): Promise<ReportEvent[]>;
  /** Unsolved tickets per team (null: no team). */
  unsolvedByTeam(visibleBrandIds: readonly string[] | null): Promise<Array<{ teamId: string | null; count: number }>>;
  /** The oldest unsolved tickets still waiting for a first public reply. */
  oldestWaiting(visibleBrandIds: readonly string[] | null, limit: number): Promise<ReportTicket[]>;
}
