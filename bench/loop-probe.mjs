/**
 * Where a server's latency goes, without changing it: `node --import ./bench/loop-probe.mjs …` records how late
 * the event loop ran (perf_hooks' delay histogram and every lateness over 20 ms, with its time), every GC pause
 * (kind and length), and each SQLite group-commit batch the store publishes on the `walletdesk:group-commit`
 * diagnostics channel (units, time running them, time in COMMIT). At exit it writes one JSON summary to
 * PROBE_OUT (or stderr). Used by bench/tickets.bench.ts when BENCH_PROBE=1; never loaded by the desk itself.
 */
import { channel } from 'node:diagnostics_channel';
import { constants, monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';

const t0 = performance.now();
const since = () => Math.round(performance.now() - t0);
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();

const GC_KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental-marking',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak-callbacks',
};
const gc = {};
const longGc = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = GC_KINDS[e.detail?.kind ?? e.kind] ?? String(e.detail?.kind);
    const g = (gc[kind] ??= { count: 0, total_ms: 0, max_ms: 0 });
    g.count++;
    g.total_ms += e.duration;
    g.max_ms = Math.max(g.max_ms, e.duration);
    if (e.duration >= 20) longGc.push({ at_ms: Math.round(e.startTime - t0), kind, ms: Math.round(e.duration) });
  }
}).observe({ entryTypes: ['gc'] });

// A 5 ms heartbeat: each time it fires late by 20 ms or more the loop was blocked (or the process descheduled).
const stalls = [];
let expected = performance.now() + 5;
setInterval(() => {
  const now = performance.now();
  const late = now - expected;
  if (late >= 20) stalls.push({ at_ms: since(), late_ms: Math.round(late) });
  expected = now + 5;
}, 5).unref();

const batches = [];
channel('walletdesk:group-commit').subscribe((b) => batches.push({ at_ms: since(), ...b }));

const pct = (xs, p) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 10) / 10;
};

process.on('exit', () => {
  const busy = batches.filter((b) => b.units > 0);
  const summary = {
    loop_delay_ms: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
    stalls_over_20ms: stalls.length,
    longest_stalls: [...stalls].sort((a, b) => b.late_ms - a.late_ms).slice(0, 15),
    gc: Object.fromEntries(Object.entries(gc).map(([k, g]) => [k, { count: g.count, total_ms: Math.round(g.total_ms), max_ms: Math.round(g.max_ms) }])),
    long_gc: longGc.slice(0, 30),
    batches: {
      count: busy.length,
      units: { p50: pct(busy.map((b) => b.units), 50), p99: pct(busy.map((b) => b.units), 99), max: Math.max(0, ...busy.map((b) => b.units)) },
      run_ms: { p50: pct(busy.map((b) => b.run_ms), 50), p99: pct(busy.map((b) => b.run_ms), 99), max: Math.max(0, ...busy.map((b) => b.run_ms)) },
      commit_ms: { p50: pct(busy.map((b) => b.commit_ms), 50), p99: pct(busy.map((b) => b.commit_ms), 99), max: Math.max(0, ...busy.map((b) => b.commit_ms)) },
      longest: [...busy].sort((a, b) => b.run_ms + b.commit_ms - a.run_ms - a.commit_ms).slice(0, 10),
    },
  };
  const text = JSON.stringify(summary);
  if (process.env.PROBE_OUT) writeFileSync(process.env.PROBE_OUT, text);
  else process.stderr.write(`${text}\n`);
});
