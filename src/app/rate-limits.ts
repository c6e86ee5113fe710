/**
 * In-memory rate limits: the embedded default, and the fallback of every consumer that was given none. Counting
 * is rate-limiter-flexible's (fixed windows per key, bounded memory through its own expiry).
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimit, RateLimits } from './ports.js';

/** Turns a limiter's answer (a resolved or rejected RateLimiterRes) into a RateLimit result; other errors go on. */
export async function takeFrom(consume: () => Promise<unknown>): Promise<{ allowed: boolean; retryAfterMs: number }> {
  try {
    await consume();
    return { allowed: true, retryAfterMs: 0 };
  } catch (err) {
    if (err instanceof RateLimiterRes) return { allowed: false, retryAfterMs: err.msBeforeNext };
    throw err;
  }
}

/** Limits counted by this process alone. */
export function memoryRateLimits(): RateLimits {
  return {
    define(name, rule): RateLimit {
      const limiter = new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.durationSec });
      return { take: (key) => takeFrom(() => limiter.consume(key)) };
    },
  };
}
