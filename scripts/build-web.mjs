#!/usr/bin/env node
// Builds the browser apps (web/ → web/dist): type-checks web/ with its own tsconfig, then runs Vite for the
// console and help center, then for the embeddable chat widget.
// `npm ci` runs it (prepare); `npm test` runs it with --if-stale (pretest), so the browser tests always
// run against assets built from the current sources, and a fresh build is skipped when nothing changed.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const manifest = join(web, 'dist', '.vite', 'manifest.json');

function newest(dir) {
  let max = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'dist' || name === 'node_modules') continue;
    const path = join(dir, name);
    const s = statSync(path);
    max = Math.max(max, s.isDirectory() ? newest(path) : s.mtimeMs);
  }
  return max;
}

if (process.argv.includes('--if-stale') && existsSync(manifest)) {
  const built = statSync(manifest).mtimeMs;
  // web/ also reads the server's API contract and core/ constants (types and pure values).
  const shared = [join(root, 'src', 'contract'), join(root, 'src', 'core')].map(newest);
  const sources = Math.max(newest(web), ...shared, statSync(join(root, 'package-lock.json')).mtimeMs);
  if (sources <= built) process.exit(0);
}

const run = (cmd, args) => {
  const r = spawnSync(process.execPath, [join(root, 'node_modules', ...cmd), ...args], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
// A production install (npm ci --omit=dev) has no TypeScript: the type check is for development, the build is not.
if (existsSync(join(root, 'node_modules', 'typescript', 'bin', 'tsc'))) run(['typescript', 'bin', 'tsc'], ['-p', 'web/tsconfig.json']);
run(['vite', 'bin', 'vite.js'], ['build', '--config', 'web/vite.config.ts']);
// The chat widget second: the main build empties web/dist, the widget build adds web/dist/widget/widget.js.
run(['vite', 'bin', 'vite.js'], ['build', '--config', 'web/vite.widget.config.ts']);
