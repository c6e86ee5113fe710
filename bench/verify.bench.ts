/**
 * checkChannel throughput against a generated registry of 100 brands (issue 8 target: ≥ 20,000 checks/s), on a
 * mixed stream of official values, lookalikes, unrelated domains, e-mails, phones and handles. Prints one JSON
 * line per measurement.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { compileRegistry, parseRegistry, checkChannel, findChannelRefs, type RegistryBrand } from '../src/verify/index.js';

// Pronounceable invented brand names, so that the registry has no accidental overlaps with real words.
const SYL = ['ka', 'zo', 'mi', 'tre', 'lu', 'vex', 'dor', 'qua', 'ni', 'ber', 'sol', 'fyn', 'ral', 'mox', 'tei', 'gan', 'pli', 'wu'];
function nameOf(i: number): string {
  return SYL[i % SYL.length]! + SYL[Math.floor(i / SYL.length) % SYL.length]! + SYL[(i * 7 + 3) % SYL.length]!;
}
const TLDS = ['io', 'com', 'org', 'app', 'co', 'net', 'swiss', 'im'];
const brands: RegistryBrand[] = [];
for (let i = 0; i < 100; i++) {
  const n = nameOf(i);
  brands.push({
    id: `b${i}`,
    name: `${n[0]!.toUpperCase()}${n.slice(1)} Wallet`,
    domains: [`${n}.${TLDS[i % TLDS.length]}`, `${n}wallet.com`],
    emails: [`support@${n}.${TLDS[i % TLDS.length]}`],
    phones: [`+41 44 ${String(100 + i).padStart(3, '0')} 12 34`],
    handles: [
      { platform: 'x', handle: `${n}Wallet` },
      { platform: 'telegram', handle: `${n}_official` },
    ],
  });
}
const reg = compileRegistry(parseRegistry({ brands }));

const inputs: string[] = [];
for (let i = 0; i < 100; i++) {
  const n = nameOf(i);
  const t = TLDS[i % TLDS.length]!;
  inputs.push(
    `https://${n}.${t}/download`, `${n.slice(0, 2)}${n.slice(3)}.${t}`, `${n}.${t}.secure-login.app`, `${n}-support.web.app`,
    `${n.replace('o', '0')}.${t}`, `${n}.xyz`, `support@${n}.${t}`, `${n}.help@gmail.com`, `+41 44 ${String(100 + i).padStart(3, '0')} 12 34`,
    `https://t.me/${n}_support`, `@${n}Wallet`, ['github.com', 'bitcoin.org', 'mempool.space', 'baidu.com', 'blockstream.info'][i % 5]!,
  );
}
function measure(label: string, fn: () => void, count: number, brandCount = 100): void {
  for (let i = 0; i < 3; i++) fn();
  const rounds = 5;
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    fn();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    rates.push(count / s);
    // Per second of this process's CPU: less disturbed by other sessions than the wall clock.
    cpuRates.push(count / ((c.user + c.system) / 1e6));
  }
  rates.sort((a, b) => a - b);
  cpuRates.sort((a, b) => a - b);
  console.log(JSON.stringify({
    bench: 'verify', measure: label, brands: brandCount, values: count, per_second_median: Math.round(rates[2]!), per_second_min: Math.round(rates[0]!),
    // The load average says whether the wall-clock rates measure the verifier or its neighbours.
    per_cpu_second_median: Math.round(cpuRates[2]!), load_average: loadavg().map((l) => Math.round(l * 10) / 10),
  }));
}
let sink = 0;
measure('checkChannel', () => {
  for (let k = 0; k < 10; k++) for (const v of inputs) sink += checkChannel(reg, v).verdict.length;
}, inputs.length * 10);
// Real domains (issue 21): the 42 wallets and exchanges of test/corpus/phishing/ against their real phishing
// domains and the OpenDNS lists: most values reach the end of the lookalike rules, the slowest path.
const corpus = new URL('../test/corpus/phishing/', import.meta.url);
const realReg = compileRegistry(parseRegistry(JSON.parse(readFileSync(new URL('registry.json', corpus), 'utf8'))));
const realStream = [
  ...readFileSync(new URL('brand-imitations.jsonl', corpus), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { domain: string }).domain),
  ...readFileSync(new URL('unrelated-opendns.txt', corpus), 'utf8').split('\n').filter(Boolean),
];
measure('checkChannel, real phishing and OpenDNS domains', () => {
  for (const v of realStream) sink += checkChannel(realReg, v).verdict.length;
}, realStream.length, realReg.brands.size);
const verdicts: Record<string, number> = {};
for (const v of inputs) {
  const key = checkChannel(reg, v).verdict;
  verdicts[key] = (verdicts[key] ?? 0) + 1;
}
console.log(JSON.stringify({ bench: 'verify', measure: 'verdict mix of the stream', ...verdicts }));
const message = 'Hi, I got a DM from @trezor_support asking me to visit trezor.io.secure-login.app or call +41 44 100 12 34, is this your support? My tx is stuck since 2024-05-01, fee 3.5 sat/vB, see file.txt';
measure('findChannelRefs (200-char message)', () => {
  for (let i = 0; i < 5000; i++) sink += findChannelRefs(message).length;
}, 5000);
const t0 = process.hrtime.bigint();
for (let i = 0; i < 20; i++) sink += compileRegistry(parseRegistry({ brands })).brands.size;
console.log(JSON.stringify({ bench: 'verify', measure: 'parse+compile registry', brands: 100, ms_each: Number(process.hrtime.bigint() - t0) / 1e6 / 20 }));
if (sink < 0) console.log(sink);
