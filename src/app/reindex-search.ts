/**
 * Rewrites the search documents written before the current segmentation format (`walletdesk search reindex`):
 * documents carried over by migrations keep the words they were first indexed with, and only the app can
 * segment text again. Tickets are taken in number order, a batch per transaction, and the last number done is
 * saved after each batch, so a run that is stopped goes on from there the next time; a finished run clears it.
 * Documents already in the current format are left as they are, so running it twice rewrites nothing the
 * second time.
 */
import type { Deps } from './ports.js';

/** Where a run got to (settings key `search.reindex:<brand id | all>`). */
interface SavedCursor {
  after: number;
}

export interface ReindexProgress {
  /** Tickets looked at so far in this run (resumed runs count from where they start). */
  tickets: number;
  /** Of all the tickets in scope. */
  total: number;
  /** Documents rewritten so far in this run. */
  rewritten: number;
  /** The last ticket number done. */
  at: number;
  /** The ticket number a stopped run went on after (0: from the start). */
  resumedAfter: number;
}

export type ReindexResult = ReindexProgress;

const cursorKey = (brandId: string | null) => `search.reindex:${brandId ?? 'all'}`;

/** Re-indexes old search documents of one brand's tickets (or all), resuming a stopped run unless `restart`. */
export async function reindexSearch(
  deps: Pick<Deps, 'store'>,
  opts: { brandId: string | null; batch?: number; restart?: boolean; onProgress?: (p: ReindexProgress) => void },
): Promise<ReindexResult> {
  const key = cursorKey(opts.brandId);
  const saved = opts.restart ? null : await deps.store.settings.get<SavedCursor>(key);
  const resumedAfter = saved && Number.isInteger(saved.after) && saved.after > 0 ? saved.after : 0;
  const total = await deps.store.tickets.count(opts.brandId ? { brandId: opts.brandId } : {});
  const progress: ReindexProgress = { tickets: 0, total, rewritten: 0, at: resumedAfter, resumedAfter };
  for (;;) {
    const batch = await deps.store.transaction((tx) => tx.tickets.reindexText({ brandId: opts.brandId, after: progress.at, limit: opts.batch ?? 500 }));
    if (batch.last === null) break;
    progress.tickets += batch.tickets;
    progress.rewritten += batch.rewritten;
    progress.at = batch.last;
    await deps.store.settings.set(key, { after: batch.last } satisfies SavedCursor);
    opts.onProgress?.({ ...progress });
  }
  await deps.store.settings.set(key, null);
  return progress;
}
