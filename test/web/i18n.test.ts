/** The browser apps' strings: zh-CN and English carry the same keys, and every key the code uses exists. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import en from '../../web/shared/i18n/en.json' with { type: 'json' };
import zh from '../../web/shared/i18n/zh-CN.json' with { type: 'json' };

type Tree = { [k: string]: string | Tree };
function flat(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flat(v, key)) out.set(kk, vv);
  }
  return out;
}
const EN = flat(en as Tree);
const ZH = flat(zh as Tree);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.name === 'dist' ? [] : e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

test('zh-CN and English have exactly the same keys, none empty', () => {
  assert.deepEqual([...ZH.keys()].sort(), [...EN.keys()].sort());
  for (const [k, v] of [...EN, ...ZH]) assert.notEqual(v.trim(), '', k);
});

test('both languages keep the same placeholders in each string', () => {
  const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
  for (const [k, v] of EN) assert.deepEqual(vars(ZH.get(k)!), vars(v), k);
});

test('every literal key the web code translates exists, and every template key prefix too', () => {
  const missing: string[] = [];
  for (const file of sources(join(process.cwd(), 'web'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([a-z_]+\.[a-zA-Z0-9_.]+)'/g)) if (!EN.has(m[1]!)) missing.push(`${file}: ${m[1]}`);
    for (const m of text.matchAll(/\bt\(\s*`([a-z_]+\.[a-z_.]+)\.\$\{/g)) {
      if (![...EN.keys()].some((k) => k.startsWith(`${m[1]}.`))) missing.push(`${file}: ${m[1]}.*`);
    }
  }
  assert.deepEqual(missing, []);
});

test('the help center says, in both languages, that we never ask for the recovery phrase or private key', () => {
  assert.equal(EN.get('portal.never_ask'), 'We will never ask for your recovery phrase or private key.');
  assert.equal(ZH.get('portal.never_ask'), '我们绝不会索要您的助记词或私钥。');
});

test('the web code never turns strings into HTML (user content is always rendered as text)', () => {
  const offenders = sources(join(process.cwd(), 'web')).filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
});
