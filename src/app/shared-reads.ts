/**
 * Single-flight reads for the console's refetches. A notice reaches every open console of a brand at once and each
 * refetches its counts and its view page a moment later (web/agent/parts/desk.tsx debounces them alike), so a team
 * of 200 sends the same few reads dozens of times within milliseconds. Here an identical read that arrives while
 * one is running shares its answer — as long as no change in the brands it covers was announced since that one
 * started, so nobody gets an answer older than a notice it was sent. Nothing is kept once a read finishes: this is
 * not a cache, and a read that finds none running goes to the database.
 *
 * With REDIS_URL an instance hears its own notices back through Redis, a millisecond or so after the commit; a read
 * made in that window by the writer itself could share one that started before its change. Notices are hints to
 * refetch (ports.ts LiveBus), and the console refetches after the notice, never inside that window.
 */
import { DESK_TOPIC } from './live.js';
import type { LiveBus } from './ports.js';

export interface SharedReads {
  /**
   * Runs `read`, or joins an identical one (same `key`) already running over the same brands (`brandIds`; null:
   * every brand) with no change announced in them since it started.
   */
  run<T>(key: string, brandIds: readonly string[] | null, read: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

export async function sharedReads(bus: LiveBus): Promise<SharedReads> {
  // Changes announced: per brand, with no brand (they count for every read), and in all (for reads over every brand).
  const changes = new Map<string, number>();
  let brandless = 0;
  let all = 0;
  const running = new Map<string, { stamp: string; answer: Promise<unknown> }>();
  const off = await bus.subscribe(DESK_TOPIC, (n) => {
    all++;
    if (n.brandId) changes.set(n.brandId, (changes.get(n.brandId) ?? 0) + 1);
    else brandless++;
  });
  const stampOf = (brandIds: readonly string[] | null) => (brandIds === null ? `${all}` : `${brandless}:${brandIds.map((b) => changes.get(b) ?? 0).join(',')}`);
  return {
    run<T>(key: string, brandIds: readonly string[] | null, read: () => Promise<T>): Promise<T> {
      const stamp = stampOf(brandIds);
      const id = `${brandIds === null ? '*' : brandIds.join(',')}|${key}`;
      const current = running.get(id);
      if (current && current.stamp === stamp) return current.answer as Promise<T>;
      const answer = read();
      const entry = { stamp, answer };
      running.set(id, entry);
      const done = () => {
        if (running.get(id) === entry) running.delete(id);
      };
      answer.then(done, done);
      return answer;
    },
    async stop() {
      await off();
      running.clear();
    },
  };
}
