/**
 * The walletdesk command compiled once per test file, for suites that start it many times.
 *
 * bin/walletdesk.js runs the TypeScript through tsx's loader. Transpiling is cached; what costs 2–4 s per start is
 * the loader itself: on Node 20 module hooks run on a separate thread, and each of the ~1,000 modules serve loads
 * (src/ and node_modules) makes round trips to it. The same sources transpiled by the same esbuild ahead of time
 * run on plain node and start about twice as fast. The tree mirrors the repository (src/ one level down, web/
 * and node_modules linked beside it) so that paths built from import.meta.url resolve as they do from src/.
 * One test in test/cli/cli.test.ts still runs bin/walletdesk.js itself.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = process.cwd();

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

export interface CompiledCli {
  /** Pass to node as the script, like bin/walletdesk.js. */
  bin: string;
  remove(): void;
}

/** Transpiles src/ into a temporary tree (about half a second) and returns its entry point. */
export async function compileCli(): Promise<CompiledCli> {
  const dir = mkdtempSync(join(tmpdir(), 'walletdesk-build-'));
  const src = join(ROOT, 'src');
  // Non-TypeScript files that modules read next to themselves (JSON, CSS).
  cpSync(src, join(dir, 'src'), { recursive: true, filter: (path) => !path.endsWith('.ts') });
  await build({
    entryPoints: sources(src),
    outdir: join(dir, 'src'),
    outbase: src,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Node 20 needs `with { type: 'json' }` kept on JSON imports.
    supported: { 'import-attributes': true },
    logLevel: 'warning',
  });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  symlinkSync(join(ROOT, 'web'), join(dir, 'web'));
  mkdirSync(join(dir, 'bin'));
  const bin = join(dir, 'bin', 'walletdesk.js');
  writeFileSync(bin, "await import('../src/cli/main.js');\n");
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  return { bin, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
