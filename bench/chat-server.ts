/**
 * The desk under test for bench/chat.bench.ts, in its own process so that its RSS and CPU are its own: a seeded
 * desk (SQLite, or PostgreSQL + Redis with BENCH_STORE=postgres) listening on loopback. Tells its parent the URL,
 * the brand and a signed-in agent's cookie, and answers {rss:true} with its resident set size.
 */
import { redisBus } from '../src/bus/live-bus.js';
import { TEST_REDIS_URL } from '../test/helpers/stores.js';
import { PASSWORD, seedCast, startTestDesk } from '../test/helpers/desk.js';

const store = process.env.BENCH_STORE === 'postgres' ? 'postgres' : 'sqlite';
const desk = await startTestDesk(store, { chatMaxSocketsPerIp: 100, ...(store === 'postgres' ? { bus: redisBus(TEST_REDIS_URL) } : {}) });
const cast = await seedCast(desk.deps);
const login = await fetch(`${desk.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'li@desk.example', password: PASSWORD }) });
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
// BENCH_PROF=1: a CPU profile of the timed phase only, written to /tmp/chat-server.cpuprofile.
const inspector = process.env.BENCH_PROF ? new (await import('node:inspector')).Session() : null;
inspector?.connect();
process.on('message', (m: { rss?: boolean; stop?: boolean; profile?: 'start' | 'stop' }) => {
  if (m.rss) process.send!({ rss: process.memoryUsage().rss });
  if (inspector && m.profile === 'start') inspector.post('Profiler.enable', () => inspector.post('Profiler.start'));
  if (inspector && m.profile === 'stop') {
    inspector.post('Profiler.stop', async (_err, { profile }) => {
      (await import('node:fs')).writeFileSync('/tmp/chat-server.cpuprofile', JSON.stringify(profile));
    });
  }
  if (m.stop) void desk.close().then(() => process.exit(0));
});
process.send!({ url: desk.url, brand: cast.brandA.slug, cookie, store, rss: process.memoryUsage().rss });
