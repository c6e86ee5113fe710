import { TRAD_AS_SIMP, TRAD_ONLY, SIMP_ONLY } from './hanzi-table.js';

const TRAD_TO_SIMP = new Map<string, string>();
for (let i = 0; i < TRAD_ONLY.length; i++) TRAD_TO_SIMP.set(TRAD_ONLY[i]!, TRAD_AS_SIMP[i]!);
const TRAD_SET = new Set(TRAD_ONLY);
const SIMP_SET = new Set(SIMP_ONLY);

/** True for a CJK unified ideograph (BMP blocks only, which is where users' text lives). */
export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

/** Counts characters written only in Traditional and only in Simplified Chinese. */
export function countScripts(text: string): { trad: number; simp: number } {
  let trad = 0;
  let simp = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x3400) continue;
    const c = text[i]!;
    if (TRAD_SET.has(c)) trad++;
    else if (SIMP_SET.has(c)) simp++;
  }
  return { trad, simp };
}

/** Maps Traditional-only characters to their Simplified form, character by character (length is kept). */
export function toSimplified(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x3400) continue;
    const s = TRAD_TO_SIMP.get(text[i]!);
    if (s === undefined) continue;
    out += text.slice(last, i) + s;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * The form every rule and the model see: NFKC (full-width letters and punctuation become ASCII), lower case,
 * Simplified characters, curly quotes straightened and apostrophes dropped ("didn't" → "didnt"), runs of
 * spaces collapsed. Rules are written in this form.
 */
export function normalizeText(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase())
    .replace(/[\u2018\u2019\u02bc']/g, '')
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ');
}
