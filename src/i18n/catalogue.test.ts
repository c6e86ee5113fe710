/** The server's text catalogues: zh-CN and English carry the same texts, and every key the server uses exists. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import en from './locales/en.json' with { type: 'json' };
import zh from './locales/zh-CN.json' with { type: 'json' };
import { REDACTION_MARKERS, SECRET_KINDS } from '../shield/types.js';
import { inAll, joinList, language, t } from './index.js';

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

/** A plural form's key without its suffix: i18next picks `_one`/`_other` by language (Chinese has only `_other`). */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
/** Every text of one key (all its plural forms), by base key. */
function byBase(texts: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of texts) out.set(base(k), [...(out.get(base(k)) ?? []), v]);
  return out;
}
const vars = (texts: string[]) => [...new Set(texts.flatMap((s) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!)))].sort();

/** Variables one language may leave out, with why: a numbered list in Chinese, a bulleted one in English. */
const ONE_LANGUAGE_ONLY: Record<string, string[]> = { 'triage.list_item': ['n'] };

test('zh-CN and English have exactly the same keys (plural forms aside), and every plural has its "other" form', () => {
  assert.deepEqual([...byBase(ZH).keys()].sort(), [...byBase(EN).keys()].sort());
  for (const texts of [EN, ZH]) {
    for (const k of texts.keys()) if (base(k) !== k) assert.ok(texts.has(`${base(k)}_other`), `${k} without ${base(k)}_other`);
  }
});

test('both languages use the same interpolation variables in each text', () => {
  const zhByBase = byBase(ZH);
  for (const [k, texts] of byBase(EN)) {
    const drop = (vs: string[]) => vs.filter((v) => !(ONE_LANGUAGE_ONLY[k] ?? []).includes(v));
    assert.deepEqual(drop(vars(zhByBase.get(k)!)), drop(vars(texts)), k);
  }
});

test('no text is empty in one language only, and separators aside none is empty', () => {
  for (const [k, v] of EN) {
    const other = ZH.get(k) ?? ZH.get(`${base(k)}_other`)!;
    if (k.endsWith('_separator')) continue;
    assert.equal(v.trim() === '', other.trim() === '', k);
  }
});

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.ts$/.test(e.name) && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

test('every key src/ looks up exists: literal keys, and the prefix of every key built from a template', () => {
  const keys = new Set(byBase(EN).keys());
  const missing: string[] = [];
  let seen = 0;
  for (const file of sources(join(process.cwd(), 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(?:(?:t|text)\([^,()]+,\s*|inAll\(\s*)(['`])([a-z_]+(?:\.[a-zA-Z0-9_]+)+)(\.\$\{)?/g)) {
      seen++;
      const key = m[2]!;
      const ok = m[3] ? [...keys].some((k) => k.startsWith(`${key}.`)) : keys.has(key);
      if (!ok) missing.push(`${file}: ${key}${m[3] ? '.*' : ''}`);
    }
  }
  assert.ok(seen > 80, `found only ${seen} look-ups: the pattern no longer matches the code`);
  assert.deepEqual(missing, []);
});

test('no language picker is left in src/: texts come from the catalogues', () => {
  const pickers: string[] = [];
  for (const file of sources(join(process.cwd(), 'src'))) {
    // Demo content is data: its scenarios are written per language on purpose.
    if (file.includes(`${join('src', 'cli', 'demo')}`)) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/===?\s*'zh-CN'\s*\?|'zh-CN'\s*\?|===?\s*'en'\s*\?/.test(line)) pickers.push(`${file}:${i + 1}`);
      });
  }
  assert.deepEqual(pickers, []);
});

test('a conversation language maps onto a catalogue language: any Chinese is zh-CN, anything unknown the fallback', () => {
  assert.equal(language('zh'), 'zh-CN');
  assert.equal(language('zh-TW'), 'zh-CN');
  assert.equal(language('ZH-hans'), 'zh-CN');
  assert.equal(language('en-GB'), 'en');
  assert.equal(language('fr'), 'en');
  assert.equal(language('fr', 'zh-CN'), 'zh-CN');
  assert.equal(language(null, 'zh-CN'), 'zh-CN');
});

test('interpolation, plurals and lists follow the language', () => {
  assert.equal(t('en', 'chain.duration.minutes', { count: 1 }), 'about 1 minute');
  assert.equal(t('en', 'chain.duration.minutes', { count: 5 }), 'about 5 minutes');
  assert.equal(t('zh-CN', 'chain.duration.minutes', { count: 1 }), '约 1 分钟');
  assert.equal(joinList('en', ['a', 'b', 'c']), 'a, b and c');
  assert.equal(joinList('zh-CN', ['甲', '乙']), '甲和乙');
  assert.deepEqual(inAll('verify.reason.typo', { target: 'acme.com' }), { en: 'misspelling of acme.com', 'zh-CN': '仿冒 acme.com 的近似拼写' });
  // Values are inserted as given: the texts are plain text, escaped by whatever renders them as HTML.
  assert.equal(t('en', 'phone.choice_subject', { what: '<b>&' }), 'Phone call: <b>&');
});

test('the English removed-secret markers read exactly as the stored ones, so English pages show stored text unchanged', () => {
  for (const k of SECRET_KINDS) assert.equal(t('en', `shield.marker.${k}`), REDACTION_MARKERS[k], k);
});
