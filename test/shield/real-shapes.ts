/**
 * Cases for real-shapes.test.ts: official BIP39 vectors typed the ways users type them, inside real support
 * messages. Deterministic (seeded), so a miss can be reproduced by its name.
 */
import { readFileSync, readdirSync } from 'node:fs';

const VECTORS = JSON.parse(readFileSync(new URL('../corpus/shield/bip39-vectors.json', import.meta.url), 'utf8')) as Record<string, string[][]>;
const LANGUAGES = ['english', 'chinese_simplified', 'chinese_traditional', 'czech', 'french', 'italian', 'japanese', 'korean', 'portuguese', 'spanish'];
const CJK = new Set(['chinese_simplified', 'chinese_traditional']);

export interface RealMessage { text: string; source: string; lang: string }

/** Every message of every real corpus file (messages.jsonl, messages-en.jsonl, and any added later). */
export function realMessages(): RealMessage[] {
  const dir = new URL('../corpus/triage/real/', import.meta.url);
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) =>
    readFileSync(new URL(f, dir), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RealMessage));
}

/** A phrase written out: the text, and where its first word starts and its last word ends. */
interface Shaped { body: string; start: number; end: number }
type Shape = (words: string[], rnd: () => number) => Shaped;

function span(body: string, first: string, last: string): Shaped {
  return { body, start: body.indexOf(first), end: body.lastIndexOf(last) + last.length };
}
/** Words joined by `sep`, each passed through `word` (case, label). */
const joined = (sep: string | ((i: number) => string), word: (w: string, i: number) => string = (w) => w): Shape => (ws) => {
  const out = ws.map(word);
  const body = out.map((w, i) => (i === 0 ? w : (typeof sep === 'string' ? sep : sep(i)) + w)).join('');
  return span(body, ws.length ? out[0]!.replace(/^.*?(\p{L})/u, '$1') : '', out[out.length - 1]!);
};
const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
const grid = (perLine: number, label: (i: number) => string, gap: string): Shape => (ws) => {
  let body = '';
  ws.forEach((w, i) => {
    if (i > 0) body += i % perLine === 0 ? '\n' : gap;
    body += `${label(i + 1)}${w}`;
  });
  return span(body, ws[0]!, ws[ws.length - 1]!);
};
/** One letter of a middle word changed (a neighbour on the keyboard, or dropped): the commonest typo. */
function typo(ws: string[], rnd: () => number): string[] {
  const out = [...ws];
  const i = 2 + Math.floor(rnd() * (ws.length - 4));
  const w = out[i]!;
  if (/\p{Script=Hangul}/u.test(w)) {
    // Hangul: one jamo dropped or doubled in the last syllable ("가격" → "가겨"), as a slip on the keyboard does.
    const jamo = [...w.normalize('NFD')];
    if (jamo.length > 2 && rnd() < 0.5) jamo.pop();
    else jamo.push('\u11ab');
    out[i] = jamo.join('').normalize('NFC');
    return out;
  }
  const at = 1 + Math.floor(rnd() * (w.length - 1));
  out[i] = rnd() < 0.5 ? w.slice(0, at) + w.slice(at + 1) : w.slice(0, at) + (w[at] === 'e' ? 'r' : 'e') + w.slice(at + 1);
  return out;
}

export const LATIN_SHAPES: Record<string, Shape> = {
  capitalised: joined(' ', cap),
  capitals: joined(' ', (w) => w.toUpperCase()),
  'mixed-case': (ws, rnd) => joined(' ', (w) => (rnd() < 0.3 ? cap(w) : w))(ws, rnd),
  'first-capital-period': (ws) => { const s = joined(' ', (w, i) => (i === 0 ? cap(w) : w))(ws, () => 0); return { ...s, body: `${s.body}.` }; },
  'numbered-colon': grid(1, (i) => `${i}: `, ''),
  'numbered-dash': grid(1, (i) => `${i} - `, ''),
  'numbered-tight-dash': grid(1, (i) => `${i}-`, ''),
  'numbered-paren-both': grid(1, (i) => `(${i}) `, ''),
  'numbered-hash': grid(1, (i) => `#${i} `, ''),
  'numbered-dot-tight': grid(1, (i) => `${i}.`, ''),
  'numbered-capitalised': (ws, rnd) => grid(1, (i) => `${i}. `, '')(ws.map(cap), rnd),
  'grid-3-dot': grid(3, (i) => `${i}. `, '   '),
  'grid-4-tab': grid(4, (i) => `${i}.`, '\t'),
  'grid-6-space': grid(6, () => '', ' '),
  'bullets-dash': grid(1, () => '- ', ''),
  'bullets-star': grid(1, () => '* ', ''),
  'bullets-dot': grid(1, () => '• ', ''),
  semicolon: joined('; '),
  'comma-newline': joined(',\n'),
  slash: joined(' / '),
  'curly-quotes': (ws) => { const s = joined(' ')(ws, () => 0); return { body: `“${s.body}”`, start: s.start + 1, end: s.end + 1 }; },
  'code-fence': (ws) => { const s = joined(' ')(ws, () => 0); return { body: `\`\`\`\n${s.body}\n\`\`\``, start: s.start + 4, end: s.end + 4 }; },
  typo: (ws, rnd) => joined(' ')(typo(ws, rnd), rnd),
  'typo-capitalised': (ws, rnd) => joined(' ', cap)(typo(ws, rnd), rnd),
  'typo-numbered': (ws, rnd) => grid(1, (i) => `${i}. `, '')(typo(ws, rnd), rnd),
};

export const CJK_SHAPES: Record<string, Shape> = {
  'numbered-ideographic-comma': grid(1, (i) => `${i}、`, ''),
  'numbered-dot-tight': grid(1, (i) => `${i}.`, ''),
  'numbered-fullwidth-paren': grid(1, (i) => `（${i}）`, ''),
  'grid-4-numbered': grid(4, (i) => `${i}.`, ' '),
  'grid-3-ideographic-comma': grid(3, (i) => `${i}、`, '  '),
  semicolon: joined('；'),
  'ascii-comma': joined(','),
  'ascii-comma-space': joined(', '),
  'ideographic-comma-space': joined('、 '),
  'fullwidth-comma-space': joined('， '),
  'curly-quotes': (ws) => { const s = joined(' ')(ws, () => 0); return { body: `“${s.body}”`, start: s.start + 1, end: s.end + 1 }; },
  'corner-brackets': (ws) => { const s = joined('')(ws, () => 0); return { body: `「${s.body}」`, start: s.start + 1, end: s.end + 1 }; },
  'pairs-by-space': (ws) => span(ws.map((w, i) => (i > 0 && i % 2 === 0 ? ` ${w}` : w)).join(''), ws[0]!, ws[ws.length - 1]!),
  'dash-newline': grid(1, () => '- ', ''),
};

/** Where the phrase goes in a real message: alone after it, inside a sentence, or before it. */
const PLACES: Array<(msg: string, phrase: string, cjk: boolean) => { text: string; at: number }> = [
  (msg, p) => ({ text: `${msg}\n\n${p}\n\nThanks`, at: msg.length + 2 }),
  (msg, p, cjk) => {
    const lead = cjk ? `${msg.slice(0, 80)}\n我的助记词是：` : `${msg.slice(0, 80)}\nMy recovery phrase is: `;
    return { text: `${lead}${p}${cjk ? '，请帮忙看看。' : ', please check it.'} ${msg.slice(80, 200)}`, at: lead.length };
  },
  (msg, p) => ({ text: `${p}\n${msg}`, at: 0 }),
];

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ShapeCase { name: string; text: string; start: number; end: number }

/** Every official vector × every shape of its script, each in a real message (English for Latin lists). */
export function realShapeCases(): ShapeCase[] {
  const rnd = prng(21);
  const messages = realMessages();
  const en = messages.filter((m) => m.lang === 'en');
  const zh = messages.filter((m) => m.lang.startsWith('zh'));
  const out: ShapeCase[] = [];
  for (const lang of LANGUAGES) {
    const cjk = CJK.has(lang);
    const shapes = cjk ? CJK_SHAPES : LATIN_SHAPES;
    VECTORS[lang]!.forEach((v, n) => {
      const words = v[1]!.normalize('NFC').split(/[ \u3000]+/);
      for (const [shape, make] of Object.entries(shapes)) {
        if (lang === 'japanese' && /capital|case|typo/.test(shape)) continue; // kana have no case; typos of kana are not this test
        if (lang === 'korean' && /capital|case/.test(shape)) continue;
        // One character repeated and written together ("的的的…在", patterned entropy) reads as laughter
        // ("哈哈哈"): docs/shield.md judges such runs only when written apart. Real phrases are not patterned.
        if (shape === 'corner-brackets' && new Set(words).size <= 3) continue;
        const s = make(words, rnd);
        const pool = cjk && zh.length > 0 ? zh : en;
        const msg = pool[Math.floor(rnd() * pool.length)]!;
        const place = PLACES[Math.floor(rnd() * PLACES.length)]!;
        const { text, at } = place(msg.text, s.body, cjk);
        out.push({ name: `${lang} #${n} ${words.length}w ${shape} in ${msg.source}`, text, start: at + s.start, end: at + s.end });
      }
    });
  }
  return out;
}
