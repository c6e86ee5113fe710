// Where the prebuilt command line lives, and whether it is older than the sources. Shared by the build script
// and bin/walletdesk.js, which must never run a bundle older than src/.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const outdir = join(root, 'dist', 'cli');
export const entry = join(outdir, 'walletdesk.js');
const stamp = join(outdir, 'built-from.txt');

/** The newest modification time under src/ and of the lock file (a dependency change can change the bundle). */
export function newestSource() {
  const walk = (dir) => {
    let max = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      max = Math.max(max, e.isDirectory() ? walk(path) : statSync(path).mtimeMs);
    }
    return max;
  };
  return Math.max(walk(join(root, 'src')), statSync(join(root, 'package-lock.json')).mtimeMs);
}

/** True when the bundle exists and was built from sources no older than today's. */
export function bundleIsFresh() {
  if (!existsSync(entry) || !existsSync(stamp)) return false;
  return Number(readFileSync(stamp, 'utf8')) >= newestSource();
}

export const stampFile = stamp;
