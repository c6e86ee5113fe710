/**
 * Scheduling satisfaction surveys (the csat-survey processor's work) and the brands' survey settings. Apart from
 * app/csat.ts (asking and answering), which reaches the status page's links and so ingestion: a processor must not
 * import what records events.
 */
import { AppError, invalid, notFound } from '../core/errors.js';
import { actorOf, type Principal } from '../core/policy.js';
import { newId } from '../core/ids.js';
import { historyEvent } from './history.js';
import type { Deps } from './ports.js';
import type { CsatSurvey } from './quality-ports.js';

/** The durable job that asks the customer when the survey is due. */
export const CSAT_SEND_JOB = 'csat.send';

/** A brand's survey settings (settings key `csat:<brand id>`). */
export interface CsatSettings {
  enabled: boolean;
  /** Hours between the solve and the question. */
  delay_hours: number;
}

export const DEFAULT_CSAT_SETTINGS: CsatSettings = { enabled: true, delay_hours: 24 };
const settingsKey = (brandId: string) => `csat:${brandId}`;

export async function csatSettings(deps: Pick<Deps, 'store'>, brandId: string): Promise<CsatSettings> {
  return { ...DEFAULT_CSAT_SETTINGS, ...((await deps.store.settings.get<Partial<CsatSettings>>(settingsKey(brandId))) ?? {}) };
}

/** Admins change a brand's survey settings. */
export async function updateCsatSettings(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, brandId: string, patch: Partial<CsatSettings>): Promise<CsatSettings> {
  if (principal.role !== 'admin') throw new AppError('forbidden', 'Only an admin can change survey settings.');
  if (!(await deps.store.brands.get(brandId))) throw notFound('Brand');
  if (patch.delay_hours !== undefined && (!Number.isFinite(patch.delay_hours) || patch.delay_hours < 0 || patch.delay_hours > 24 * 14)) {
    throw invalid('The delay is between 0 and 336 hours (14 days).', { field: 'delay_hours' });
  }
  const next = { ...(await csatSettings(deps, brandId)), ...patch };
  await deps.store.transaction(async (tx) => {
    await tx.settings.set(settingsKey(brandId), next);
    await tx.events.append([
      historyEvent({ type: 'settings.updated', actor: actorOf(principal), at: deps.clock.now().toISOString(), subjectType: 'brand', subjectId: brandId, data: { csat: next } }),
    ]);
  });
  return next;
}

/**
 * The processor's work for one solve (event id `solveEventId` at `solvedAt`): a survey row and its job, due after
 * the brand's delay. Idempotent: a second run finds the row (unique per solve) and queues nothing new.
 */
export async function scheduleSurvey(deps: Pick<Deps, 'store' | 'jobsNudge'>, ticketId: string, solveEventId: string, solvedAt: string): Promise<'scheduled' | 'skipped'> {
  const ticket = await deps.store.tickets.get(ticketId);
  if (!ticket || ticket.mergedIntoId) return 'skipped';
  const settings = await csatSettings(deps, ticket.brandId);
  if (!settings.enabled) return 'skipped';
  const dueAt = new Date(Date.parse(solvedAt) + settings.delay_hours * 3_600_000).toISOString();
  const survey: CsatSurvey = {
    id: newId(),
    ticketId,
    brandId: ticket.brandId,
    customerId: ticket.requesterId,
    channel: ticket.channel,
    solveEventId,
    state: 'scheduled',
    dueAt,
    requestedAt: null,
    expiresAt: null,
    rating: null,
    reason: null,
    comment: null,
    ratedAt: null,
    createdAt: solvedAt,
  };
  await deps.store.transaction(async (tx) => {
    if (!(await tx.csat.insert(survey))) return;
    await tx.jobs.enqueue({ type: CSAT_SEND_JOB, payload: { survey_id: survey.id }, runAt: dueAt, dedupeKey: `csat:${survey.id}`, maxAttempts: 6 }, solvedAt);
  });
  deps.jobsNudge?.();
  return 'scheduled';
}

