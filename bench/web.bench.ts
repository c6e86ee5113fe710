/**
 * Initial JavaScript of the browser apps (issue 3 targets: agent console ≤ 300 KB gzip, help center ≤ 150 KB
 * gzip): each entry's script plus every chunk it imports statically, from web/dist/.vite/manifest.json, gzipped
 * at level 9 (what the server sends). Run `npm run build:web` first. One JSON line per app.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = join(process.cwd(), 'web', 'dist');
type Chunk = { file: string; imports?: string[]; css?: string[]; isEntry?: boolean };
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;

const TARGET_KB: Record<string, number> = { agent: 300, portal: 150 };
for (const [key, chunk] of Object.entries(manifest)) {
  if (!chunk.isEntry) continue;
  const app = key.includes('agent') ? 'agent' : 'portal';
  const files = new Set<string>();
  const css = new Set<string>();
  const visit = (k: string) => {
    const c = manifest[k]!;
    if (files.has(c.file)) return;
    files.add(c.file);
    for (const s of c.css ?? []) css.add(s);
    for (const i of c.imports ?? []) visit(i);
  };
  visit(key);
  const size = (list: Set<string>) => {
    let raw = 0;
    let gzip = 0;
    for (const f of list) {
      const bytes = readFileSync(join(dist, f));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    return { raw, gzip };
  };
  const js = size(files);
  const styles = size(css);
  console.log(
    JSON.stringify({
      bench: 'web.initial_js',
      app,
      js_files: files.size,
      js_kb: +(js.raw / 1024).toFixed(1),
      js_gzip_kb: +(js.gzip / 1024).toFixed(1),
      css_gzip_kb: +(styles.gzip / 1024).toFixed(1),
      target_gzip_kb: TARGET_KB[app],
      within_target: js.gzip / 1024 <= TARGET_KB[app]!,
    }),
  );
}
