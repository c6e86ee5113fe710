/**
 * Per-sender rate limit over a sliding hour (in memory, per instance): a runaway auto-responder or a flood from
 * one address cannot bury the desk or start a mail loop.
 */
export interface SenderLimit {
  /** Counts one message from `key` at `nowMs`; false when the sender is over the limit (the message is not counted). */
  take(key: string, nowMs: number): boolean;
}

/** `perHour` 0 turns the limit off. */
export function senderLimit(perHour: number, windowMs = 3_600_000): SenderLimit {
  const hits = new Map<string, number[]>();
  let lastSweep = 0;
  return {
    take(key, nowMs) {
      if (perHour <= 0) return true;
      const since = nowMs - windowMs;
      if (nowMs - lastSweep > windowMs) {
        for (const [k, list] of hits) if ((list[list.length - 1] ?? 0) <= since) hits.delete(k);
        lastSweep = nowMs;
      }
      const list = (hits.get(key) ?? []).filter((t) => t > since);
      if (list.length >= perHour) {
        hits.set(key, list);
        return false;
      }
      list.push(nowMs);
      hits.set(key, list);
      return true;
    },
  };
}
