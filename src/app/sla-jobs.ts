/** The SLA's durable jobs: the periodic deadline check and the recompute after a policy or calendar change. */
import type { Deps, Repos } from './ports.js';

/** The periodic deadline check (one queued per minute across all instances, by its dedupe key). */
export const SLA_CHECK_JOB = 'sla.check';
/** Recompute every open ticket (of a brand) after a policy or calendar change. */
export const SLA_RECOMPUTE_JOB = 'sla.recompute';

/** Queues the recompute of open tickets (in the caller's transaction). */
export async function queueSlaRecompute(tx: Pick<Repos, 'jobs'>, brandId: string | null, at: string): Promise<void> {
  await tx.jobs.enqueue({ type: SLA_RECOMPUTE_JOB, payload: { brand_id: brandId } }, at);
}

/**
 * Queues this minute's deadline check; every instance calls it on a timer, and the dedupe key keeps it to one
 * job per minute whichever instance is first. Returns true when this call queued it.
 */
export async function queueSlaCheck(deps: Pick<Deps, 'store' | 'clock'>, periodMs = 60_000): Promise<boolean> {
  const now = deps.clock.now();
  const bucket = new Date(Math.floor(now.getTime() / periodMs) * periodMs).toISOString();
  return (await deps.store.jobs.enqueue({ type: SLA_CHECK_JOB, payload: { bucket }, dedupeKey: `sla.check:${bucket}` }, now.toISOString())) !== null;
}

