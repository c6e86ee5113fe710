/**
 * Rate limits shared by every instance through Redis (rate-limiter-flexible's atomic Redis counters). While Redis
 * is unreachable each instance falls back to counting in memory, so an outage loosens limits for a while but
 * never refuses customers because the counter store is away.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { RateLimit, RateLimits } from '../app/ports.js';
import { takeFrom } from '../app/rate-limits.js';

/** `prefix` keeps several desks (or tests) on one Redis apart. */
export function redisRateLimits(client: Redis, prefix: string): RateLimits {
  return {
    define(name, rule): RateLimit {
      const limiter = new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `${prefix}${name}`,
        points: rule.points,
        duration: rule.durationSec,
        // A command that waits for a reconnect would hold up the request: answer from memory instead.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.durationSec }),
      });
      return { take: (key) => takeFrom(() => limiter.consume(key)) };
    },
  };
}
