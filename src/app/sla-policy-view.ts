/**
 * A cheap, synchronous view of whether any SLA policy is switched on, for the sla-clocks processor's `wants`: on a
 * desk with no policy, a new ticket queues no clock job (two per ticket otherwise). Changing a policy refreshes
 * this instance's view at once (and queues the recompute of open tickets); other instances see it within
 * REFRESH_MS, and the recompute job covers the tickets changed meanwhile.
 */
import type { SlaPolicyView, Store } from './ports.js';

export const SLA_POLICY_VIEW_REFRESH_MS = 5_000;

export async function slaPolicyView(store: Pick<Store, 'sla'>, refreshMs = SLA_POLICY_VIEW_REFRESH_MS): Promise<SlaPolicyView> {
  let on = false;
  const refresh = async () => {
    on = (await store.sla.listPolicies()).some((p) => p.enabled);
  };
  await refresh().catch(() => {
    // The database is away at start: assume policies are on (a job too many, never a clock missed).
    on = true;
  });
  const timer = setInterval(() => void refresh().catch(() => undefined), refreshMs);
  timer.unref();
  return { active: () => on, refresh, stop: () => clearInterval(timer) };
}
