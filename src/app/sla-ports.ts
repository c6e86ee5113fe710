/** The store's side of SLAs (issue 16): policies, clocks and each ticket's next deadline. */
import type { SlaMetric, SlaPolicy, SlaState } from '../core/sla.js';

/** One stored clock: the latest computation of (ticket, metric). */
export interface StoredClock {
  ticketId: string;
  metric: SlaMetric;
  policyId: string;
  state: SlaState;
  dueAt: string | null;
  startedAt: string;
  fulfilledAt: string | null;
  breachedAt: string | null;
  /** When `sla.warning` is due (deadline minus the policy's warning time); null: no warning. */
  warnAt: string | null;
  warnedAt: string | null;
  running: boolean;
  updatedAt: string;
}

export type SlaPolicyPatch = Partial<Pick<SlaPolicy, 'name' | 'brandId' | 'position' | 'enabled' | 'conditions' | 'targets' | 'pausedBy' | 'escalation'>>;

export interface SlaRepo {
  listPolicies(): Promise<SlaPolicy[]>;
  getPolicy(id: string): Promise<SlaPolicy | null>;
  insertPolicy(policy: SlaPolicy): Promise<void>;
  updatePolicy(id: string, patch: SlaPolicyPatch, at: string): Promise<void>;
  deletePolicy(id: string): Promise<void>;
  /**
   * Serialises work on one ticket's clocks across instances (PostgreSQL: a row lock on the ticket until the
   * transaction ends; SQLite has one writer already).
   */
  lockTicket(ticketId: string): Promise<void>;
  clocksFor(ticketId: string): Promise<StoredClock[]>;
  /** Inserts or replaces the clocks given; deletes the ticket's other metrics. */
  replaceClocks(ticketId: string, clocks: readonly StoredClock[]): Promise<void>;
  /** Sets the ticket's next deadline (the list sorts by it). */
  setNextDue(ticketId: string, dueAt: string | null): Promise<void>;
  /** The next deadline of each ticket named (absent: none). */
  nextDue(ticketIds: readonly string[]): Promise<Map<string, string>>;
  /** Running, still-active clocks whose deadline is at or before `now` (breaches to record). */
  overdue(now: string, limit: number): Promise<StoredClock[]>;
  /** Running clocks whose warning is due and not yet recorded. */
  warningsDue(now: string, limit: number): Promise<StoredClock[]>;
  /** Unsolved tickets (ids in order after `afterId`), optionally of one brand: the recompute after a policy change. */
  unsolvedTicketIds(brandId: string | null, afterId: string | null, limit: number): Promise<string[]>;
}
