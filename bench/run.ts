/**
 * `npm run bench [name ...]`: runs each benchmark script bench/<name>.bench.ts in its own process, one after
 * another (so they never compete for the two cores), and passes their JSON lines through.
 * Results are copied by hand into BENCHMARKS.md together with the machine they ran on.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

// `npm run bench scale -- --tickets 10000`: names first, then flags, which every named benchmark receives.
const firstFlag = process.argv.slice(2).findIndex((a) => a.startsWith('--'));
const wanted = firstFlag < 0 ? process.argv.slice(2) : process.argv.slice(2, 2 + firstFlag);
const flags = firstFlag < 0 ? [] : process.argv.slice(2 + firstFlag);
const all = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const names = wanted.length > 0 ? wanted : all;
const unknown = names.filter((n) => !all.includes(n));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
console.error(
  `# machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
let failed = false;
for (const name of names) {
  console.error(`# ${name}`);
  const r = spawnSync(process.execPath, ['bin/run-ts.js', `bench/${name}.bench.ts`, ...flags], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
