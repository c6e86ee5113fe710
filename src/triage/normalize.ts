import { TRAD_AS_SIMP, TRAD_ONLY, SIMP_ONLY } from './hanzi-table.js';

// Lookup tables indexed by UTF-16 code unit: a single-character string per Chinese character would cost a
// string allocation and a hash on every lookup, and this runs over every character of every request.
const TRAD_TO_SIMP = new Uint16Array(0x10000);
const SCRIPT_CLASS = new Uint8Array(0x10000);
const TRAD = 1;
const SIMP = 2;
for (let i = 0; i < TRAD_ONLY.length; i++) {
  TRAD_TO_SIMP[TRAD_ONLY.charCodeAt(i)] = TRAD_AS_SIMP.charCodeAt(i);
  SCRIPT_CLASS[TRAD_ONLY.charCodeAt(i)] = TRAD;
}
for (let i = 0; i < SIMP_ONLY.length; i++) SCRIPT_CLASS[SIMP_ONLY.charCodeAt(i)] = SIMP;

/** True for a CJK unified ideograph (BMP blocks only, which is where users' text lives). */
export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

/** Counts characters written only in Traditional and only in Simplified Chinese. */
export function countScripts(text: string): { trad: number; simp: number } {
  let trad = 0;
  let simp = 0;
  for (let i = 0; i < text.length; i++) {
    const k = SCRIPT_CLASS[text.charCodeAt(i)];
    if (k === TRAD) trad++;
    else if (k === SIMP) simp++;
  }
  return { trad, simp };
}

/** Maps Traditional-only characters to their Simplified form, character by character (length is kept). */
export function toSimplified(text: string): string {
  let codes: Uint16Array | null = null;
  for (let i = 0; i < text.length; i++) {
    const s = TRAD_TO_SIMP[text.charCodeAt(i)]!;
    if (s === 0) continue;
    if (!codes) {
      codes = new Uint16Array(text.length);
      for (let k = 0; k < text.length; k++) codes[k] = text.charCodeAt(k);
    }
    codes[i] = s;
  }
  if (!codes) return text;
  let out = '';
  for (let k = 0; k < codes.length; k += 4096) out += String.fromCharCode(...codes.subarray(k, k + 4096));
  return out;
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
