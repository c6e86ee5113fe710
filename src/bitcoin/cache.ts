/**
 * A ChainBackend wrapper that keeps answers for a short time and merges identical lookups in flight, so that
 * a hundred agents opening the same ticket cause one request per distinct backend query. Failures are shared by
 * the callers waiting on them but never cached. Cached answers are frozen: callers must not change them.
 */
import type { ChainBackend } from './backend.js';

export interface CacheOptions {
  /** How long an answer is reused. Keep it short: the mempool and the tip move. */
  ttlMs: number;
  /** Upper bound on cached answers; the least recently used go first. Default 5000. */
  maxEntries?: number;
  /** Millisecond clock, for tests. Default performance.now. */
  now?: () => number;
}

export interface CacheStats {
  /** Answered from the cache. */
  hits: number;
  /** Sent to the backend. */
  misses: number;
  /** Joined a lookup already in flight. */
  coalesced: number;
  size: number;
}

/** A cached backend; `stats()` counts hits, backend calls and merged calls. */
export interface CachedChainBackend extends ChainBackend {
  stats(): CacheStats;
  clear(): void;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Wraps `backend` with a TTL cache and in-flight coalescing keyed by method and arguments. */
export function withCacheAndCoalescing(backend: ChainBackend, opts: CacheOptions): CachedChainBackend {
  const now = opts.now ?? (() => performance.now());
  const maxEntries = opts.maxEntries ?? 5000;
  const cache = new Map<string, { value: unknown; expires: number }>();
  const inflight = new Map<string, Promise<unknown>>();
  const counts = { hits: 0, misses: 0, coalesced: 0 };

  function through<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const entry = cache.get(key);
    if (entry) {
      if (entry.expires > now()) {
        counts.hits++;
        cache.delete(key);
        cache.set(key, entry);
        return Promise.resolve(entry.value as T);
      }
      cache.delete(key);
    }
    const pending = inflight.get(key);
    if (pending) {
      counts.coalesced++;
      return pending as Promise<T>;
    }
    counts.misses++;
    const p = load()
      .then((value) => {
        deepFreeze(value);
        cache.set(key, { value, expires: now() + ttlMs });
        while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
        return value;
      })
      .finally(() => inflight.delete(key));
    inflight.set(key, p);
    return p;
  }

  const ttl = opts.ttlMs;
  // The chain a backend serves does not change while it runs.
  const long = Math.max(ttl, 10 * 60_000);
  return {
    kind: backend.kind,
    label: backend.label,
    network: () => through('network', long, () => backend.network()),
    tipHeight: () => through('tip', ttl, () => backend.tipHeight()),
    getTx: (txid) => through(`tx:${txid}`, ttl, () => backend.getTx(txid)),
    getOutspends: (txid, n) => through(`outspends:${txid}:${n}`, ttl, () => backend.getOutspends(txid, n)),
    feeEstimates: () => through('fees', ttl, () => backend.feeEstimates()),
    policy: () => through('policy', long, () => backend.policy()),
    getAddress: (address) => through(`address:${address}`, ttl, () => backend.getAddress(address)),
    stats: () => ({ ...counts, size: cache.size }),
    clear: () => cache.clear(),
  };
}
