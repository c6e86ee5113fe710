/**
 * A cheap, synchronous view of whether any trigger is switched on, for the rule-triggers processor's `wants`:
 * with none on, recording an event queues no trigger job (ticket creation stays one insert per table). Saving a
 * rule refreshes this instance's view at once; other instances see it within REFRESH_MS.
 */
import type { Store, TriggerView } from './ports.js';

export type { TriggerView } from './ports.js';

export const TRIGGER_VIEW_REFRESH_MS = 5_000;

export async function triggerView(store: Pick<Store, 'rules'>, refreshMs = TRIGGER_VIEW_REFRESH_MS): Promise<TriggerView> {
  let on = false;
  const refresh = async () => {
    on = (await store.rules.list({ kind: 'trigger', enabled: true })).length > 0;
  };
  await refresh().catch(() => {
    // The database is away at start: assume triggers are on (a job too many, never one missed).
    on = true;
  });
  const timer = setInterval(() => void refresh().catch(() => undefined), refreshMs);
  timer.unref();
  return { active: () => on, refresh, stop: () => clearInterval(timer) };
}
