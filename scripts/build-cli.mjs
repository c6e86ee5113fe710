#!/usr/bin/env node
// Bundles the command line (src/cli/main.ts and everything it imports) into dist/cli with esbuild, so that
// `walletdesk` starts without transpiling ~350 TypeScript modules through tsx's loader on every run (a command
// that opens the desk took 5–7 s to start; bundled, under 2 s). Packages stay external and load as usual;
// lazily imported commands stay lazy (code splitting). `--if-stale` skips the build when the bundle is newer
// than src/. bin/walletdesk.js falls back to tsx whenever the bundle is missing or stale.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { build } from 'esbuild';
import { bundleIsFresh, newestSource, outdir, root, stampFile } from './cli-bundle.mjs';

if (process.argv.includes('--if-stale') && bundleIsFresh()) process.exit(0);

const sourcesAt = newestSource();
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: { walletdesk: `${root}src/cli/main.ts` },
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: '[name]-[hash]', // beside the entry: every chunk's import.meta.url has the same folder
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
  plugins: [
    {
      name: 'walletdesk-paths',
      setup(b) {
        // Packages load from node_modules at run time (JSON data files are bundled: Node needs an import
        // attribute for them that esbuild does not keep).
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.endsWith('.json') ? undefined : { path: args.path, external: true }));
        // Files found relative to a source file (web/dist, pages, the triage model) keep being found: each
        // module's import.meta.url becomes its source file's address, computed from the bundle's own place.
        b.onLoad({ filter: /\.ts$/ }, (args) => {
          let contents = readFileSync(args.path, 'utf8');
          if (contents.includes('import.meta.url')) {
            contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative(outdir, args.path))}, import.meta.url).href`);
          }
          return { contents, loader: 'ts' };
        });
      },
    },
  ],
});
writeFileSync(stampFile, String(sourcesAt));
