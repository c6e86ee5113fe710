let ROW = 64;
let rowA = new Int32Array(ROW);
let rowB = new Int32Array(ROW);
let rowC = new Int32Array(ROW);
function growRows(n: number): void {
  ROW = n;
  rowA = new Int32Array(n);
  rowB = new Int32Array(n);
  rowC = new Int32Array(n);
}

/**
 * Optimal-string-alignment Damerau-Levenshtein distance (insert, delete, substitute, swap two neighbours),
 * stopping early once it must exceed `max`. Returns max + 1 for "too far".
 */
export function damerau(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m) <= max ? Math.max(n, m) : max + 1;
  if (m + 1 > ROW) growRows(m + 1);
  // Three rows reused across calls: a check computes dozens of distances and allocating them was most of the cost.
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  prev2.fill(0, 0, m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  return prev[m]! <= max ? prev[m]! : max + 1;
}

/**
 * A 32-bit set of the characters in `s` (hashed into buckets). One edit changes at most two bits, so
 * popcount(maskA ^ maskB) > 2 * k proves the distance exceeds k without computing it.
 */
export function charMask(s: string): number {
  let mask = 0;
  for (let i = 0; i < s.length; i++) mask |= 1 << (s.charCodeAt(i) % 31);
  return mask;
}

/** Number of set bits of a 32-bit integer. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
