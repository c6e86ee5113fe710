/**
 * The phone hotline under a burst of callers: BENCH_CALLS calls (default 400), BENCH_CONCURRENCY at a time
 * (default 20), each going through the signed webhooks a real call makes (incoming, language, menu, one wait
 * loop, queue exit on hang-up, status callback), on SQLite and PostgreSQL. The desk runs in this process
 * (the load is a few thousand small requests, not a saturation test). Prints one JSON line per store:
 * {store, calls, calls_per_s, webhooks_per_s, p50_ms, p99_ms, menu_p99_ms}. The menu step opens the ticket.
 */
import { startPhoneDesk, PUBLIC_URL, find } from '../test/phone/twilio-sim.js';
import { seedCast } from '../test/helpers/desk.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

for (const dialect of ['sqlite', 'postgres'] as const) {
  const desk = await startPhoneDesk(dialect);
  const cast = await seedCast(desk.deps);
  await desk.deps.store.transaction((tx) => tx.brands.setAddresses(cast.brandA.id, [], ['+14155550100']));
  // The queue never fills up here: every caller hangs up after one wait loop.
  await desk.deps.store.settings.set(`phone:${cast.brandA.id}`, { maxQueue: 1000 });
  const all: number[] = [];
  const menu: number[] = [];
  const timed = async <T>(f: () => Promise<T>, bucket?: number[]): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    const ms = performance.now() - t0;
    all.push(ms);
    bucket?.push(ms);
    return r;
  };
  let next = 0;
  const started = performance.now();
  async function caller(): Promise<void> {
    while (next < CALLS) {
      const n = next++;
      const call = desk.sim.call(`+86138${String(10_000_000 + n).padStart(8, '0')}`, '+14155550100');
      const first = await timed(() => call.start());
      const lang = await timed(() => call.follow(find(first.doc!, 'Gather').attrs.action!, { Digits: n % 2 ? '1' : '2' }));
      const choice = await timed(() => call.follow(find(lang.doc!, 'Gather').attrs.action!, { Digits: String((n % 4) + 1) }), menu);
      if (choice.status !== 200) throw new Error(`menu answered ${choice.status}`);
      await timed(() => call.follow(`${PUBLIC_URL}/hooks/voice/twilio/wait`, { QueueSid: 'QU1', QueuePosition: '1', QueueTime: '3' }));
      await timed(() => call.follow(`${PUBLIC_URL}/hooks/voice/twilio/queue-exit`, { QueueResult: 'hangup', QueueTime: '4' }));
      await timed(() => call.end('completed', '30'));
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, caller));
  const seconds = (performance.now() - started) / 1000;
  all.sort((a, b) => a - b);
  menu.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: 'phone',
      store: dialect,
      calls: CALLS,
      concurrency: CONCURRENCY,
      calls_per_s: Math.round((CALLS / seconds) * 10) / 10,
      webhooks_per_s: Math.round(all.length / seconds),
      p50_ms: Math.round(percentile(all, 50) * 10) / 10,
      p99_ms: Math.round(percentile(all, 99) * 10) / 10,
      menu_p99_ms: Math.round(percentile(menu, 99) * 10) / 10,
    }),
  );
  await desk.close();
}
