/**
 * Homoglyph folding. The table is Unicode's confusables.txt (UTS #39, "recommended confusable mapping for IDN",
 * version 13.0.0) as shipped by the npm package `unhomoglyph` (nodeca, MIT): one prototype string per code point.
 */
import confusables from 'unhomoglyph/data.json' with { type: 'json' };

const TABLE = new Map<number, string>();
for (const [from, to] of Object.entries(confusables as Record<string, string>)) {
  const cp = from.codePointAt(0);
  if (cp !== undefined) TABLE.set(cp, to);
}
// Latin letters with a stroke or hook do not decompose under NFD and confusables.txt keeps them apart from their
// base letter, yet in an address bar "łedger" reads as "ledger".
const EXTRA: Record<string, string> = {
  ø: 'o', ł: 'l', đ: 'd', ħ: 'h', ŧ: 't', ƀ: 'b', ɨ: 'i', ɍ: 'r', ȼ: 'c', ƶ: 'z', ɇ: 'e', ɉ: 'j', ꝁ: 'k', ƚ: 'l',
  ɵ: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ð: 'd', þ: 'p',
};
for (const [from, to] of Object.entries(EXTRA)) TABLE.set(from.codePointAt(0)!, to);

const MARKS = /[\p{Mn}\p{Me}\p{Cf}\u034f\u115f\u1160\u3164\uffa0]/gu;
const ASCII_SAFE = /^[a-z0-9._-]*$/;

function mapNonAscii(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += cp < 0x80 ? ch : (TABLE.get(cp) ?? ch);
  }
  return out;
}

function mapAll(s: string): string {
  let out = '';
  for (const ch of s) out += TABLE.get(ch.codePointAt(0)!) ?? ch;
  return out;
}

/**
 * Light fold: lower case, accents and invisible characters removed, non-ASCII look-alikes replaced by their
 * prototype ("trеzоr" with Cyrillic е/о becomes "trezor"). ASCII is left as typed, so digits and "rn" survive
 * for the caller to split words on.
 */
export function lightFold(s: string): string {
  const lower = s.toLowerCase();
  if (ASCII_SAFE.test(lower)) return lower;
  const once = mapNonAscii(lower.normalize('NFD')).toLowerCase();
  return mapNonAscii(once.normalize('NFD')).replace(MARKS, '').toLowerCase();
}

/**
 * The two passes of fullFold for each ASCII character, precomputed: most names checked are plain ASCII, and the
 * per-character table spares the Unicode normalisation and the string building of the general path.
 */
const ASCII_FOLD: string[] = [];
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_FOLD.push(mapAll(mapAll(ch).toLowerCase()).toLowerCase());
}
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/**
 * Full fold, the comparison key: the UTS #39 skeleton (which also maps 0→o, 1→l, I→l) of the text as typed,
 * lower-cased, marks dropped, with rn→m and the ASCII pairs confusables.txt leaves out (vv→w, cl→d). Two strings that
 * fold alike look alike. Case matters on input only for "I" versus "l"; pass lower-case text for domains.
 */
export function fullFold(s: string): string {
  let t: string;
  if (PLAIN_ASCII.test(s)) {
    t = '';
    for (let i = 0; i < s.length; i++) t += ASCII_FOLD[s.charCodeAt(i)]!;
  } else {
    t = mapAll(s.normalize('NFD')).toLowerCase();
    t = mapAll(t.normalize('NFD')).replace(MARKS, '').toLowerCase();
  }
  // confusables.txt spells m as "rn"; folding back to "m" keeps lengths, so one typo stays one edit.
  if (t.includes('rn')) t = t.replaceAll('rn', 'm');
  if (t.includes('vv')) t = t.replaceAll('vv', 'w');
  if (t.includes('cl')) t = t.replaceAll('cl', 'd');
  return t;
}

/** True when the text has any character outside printable ASCII (an IDN or a homoglyph is in play). */
export function hasNonAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7e) return true;
  return false;
}
