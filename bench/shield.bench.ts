/**
 * Shield speed on one core: throughput of findSecrets / redactSecrets over mixed support text, the latency
 * it adds to a typical message, and the outbound guard's latency. Prints one JSON line per measurement.
 * Targets (issue 7): ≥ 50 MB/s of UTF-8 input, ≤ 1 ms per typical message.
 *
 * The text: the hand-written English, Chinese, mixed and technical negatives, the generated Bitcoin
 * non-secrets, and one message in 200 carrying a secret from the positive corpus (far more than real
 * traffic; messages with a secret cost ~10x more, see "positives-only").
 */
import { checkOutbound, findSecrets, redactSecrets } from '../src/shield/index.js';
import { allPositives } from '../test/corpus/shield/positives.js';
import { generatedNegatives, handWritten } from '../test/corpus/shield/negatives.js';

const negatives = [...Object.values(handWritten()).flat(), ...generatedNegatives()];
const positives = allPositives();
const messages: string[] = [];
const SECRET_EVERY = 200;
for (let i = 0; messages.length < 4000; i++) {
  const secret = i % SECRET_EVERY === SECRET_EVERY - 1;
  messages.push(secret ? (positives[(i * 37) % positives.length]?.text ?? '') : (negatives[i % negatives.length] ?? ''));
}
const positiveSample = positives.filter((_, i) => i % 10 === 0).map((c) => c.text);
const bytesOf = (xs: string[]): number => xs.reduce((n, s) => n + Buffer.byteLength(s), 0);
const totalBytes = bytesOf(messages);
const zhMessages = messages.filter((m) => /[\u4e00-\u9fff]/.test(m));
const enMessages = messages.filter((m) => !/[\u4e00-\u9fff]/.test(m));

function throughput(name: string, fn: (s: string) => unknown, input: string[], ms = 3000): void {
  const bytes = bytesOf(input);
  for (let w = 0; w < 3; w++) for (const m of input) fn(m); // warm up
  let rounds = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    for (const m of input) fn(m);
    rounds++;
  }
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  // Wall-clock MB/s, and MB/s per second of CPU this process got: on a loaded machine the second is
  // the fairer "one core" figure.
  console.log(
    JSON.stringify({
      bench: 'shield',
      name,
      mb_per_s: +((bytes * rounds) / 1e6 / s).toFixed(1),
      mb_per_cpu_s: +((bytes * rounds) / 1e6 / cpuS).toFixed(1),
      bytes,
      messages: input.length,
      rounds,
    }),
  );
}

function latency(name: string, fn: (s: string) => unknown, input: string[]): void {
  const samples: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const m of input) {
      const t = process.hrtime.bigint();
      fn(m);
      samples.push(Number(process.hrtime.bigint() - t) / 1000);
    }
  }
  samples.sort((a, b) => a - b);
  const q = (p: number): number => +(samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? 0).toFixed(1);
  const sizes = input.map((m) => Buffer.byteLength(m)).sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: 'shield',
      name,
      us_p50: q(0.5),
      us_p99: q(0.99),
      us_max: q(1),
      message_bytes_p50: sizes[Math.floor(sizes.length / 2)],
      samples: samples.length,
    }),
  );
}

// The first call pays for loading the Chinese model: measure it on its own.
const t = performance.now();
findSecrets('我的助记词是的一是在不了有和人这中大为上');
console.log(JSON.stringify({ bench: 'shield', name: 'first-call (loads the Chinese model)', ms: +(performance.now() - t).toFixed(1) }));

throughput('findSecrets.mixed', findSecrets, messages);
throughput('redactSecrets.mixed', redactSecrets, messages);
throughput('findSecrets.english', findSecrets, enMessages);
throughput('findSecrets.chinese', findSecrets, zhMessages);
throughput('findSecrets.one-big-text', findSecrets, [messages.join('\n\n')]);
throughput('findSecrets.negatives-only', findSecrets, negatives);
throughput('findSecrets.positives-only', findSecrets, positiveSample);
latency('redactSecrets.per-message', redactSecrets, messages);
latency('checkOutbound.per-message', checkOutbound, negatives);
latency('redactSecrets.per-message-with-secret', redactSecrets, positiveSample);
console.log(JSON.stringify({ bench: 'shield', name: 'corpus', messages: messages.length, bytes: totalBytes, with_secret: 1 / SECRET_EVERY }));
