/**
 * Generates idn.jsonl: internationalised look-alikes of the corpus brands' domains, each with its real punycode
 * form from node's url.domainToASCII. Run `node bin/run-ts.js test/corpus/verify/make-idn.ts > test/corpus/verify/idn.jsonl`.
 */
import { domainToASCII } from 'node:url';

// Look-alike letters: Cyrillic, Greek and accented Latin.
const SWAPS: Record<string, string[]> = {
  a: ['\u0430', '\u00e0', '\u0105'],
  c: ['\u0441', '\u00e7'],
  d: ['\u0501', '\u010f'],
  e: ['\u0435', '\u00e9', '\u1eb9', '\u0117'],
  i: ['\u0456', '\u00ed'],
  k: ['\u043a', '\u0137'],
  l: ['\u04cf', '\u0142'],
  n: ['\u0578', '\u00f1'],
  o: ['\u043e', '\u03bf', '\u00f6', '\u00f3'],
  p: ['\u0440', '\u03c1'],
  s: ['\u0455', '\u015f'],
  t: ['\u0163'],
  u: ['\u0446', '\u00fc', '\u03c5'],
  w: ['\u051d', '\u0175'],
  x: ['\u0445'],
  y: ['\u0443', '\u00fd'],
  z: ['\u017c', '\u017e'],
  b: ['\u0184'],
  g: ['\u0261', '\u0121'],
  h: ['\u04bb'],
  r: ['\u0433'],
};

const TARGETS: Array<[string, string, string]> = [
  ['trezor', 'io', 'trezor'], ['ledger', 'com', 'ledger'], ['electrum', 'org', 'electrum'], ['bluewallet', 'io', 'bluewallet'],
  ['token', 'im', 'imtoken'], ['sparrowwallet', 'com', 'sparrow'], ['exodus', 'com', 'exodus'], ['bitbox', 'swiss', 'bitbox'],
  ['coldcard', 'com', 'coldcard'], ['wasabiwallet', 'io', 'wasabi'], ['muun', 'com', 'muun'], ['zeusln', 'com', 'zeus'],
  ['tokenpocket', 'pro', 'tokenpocket'], ['bitpie', 'com', 'bitpie'], ['onekey', 'so', 'onekey'], ['keyst', 'one', 'keystone'],
  ['safepal', 'com', 'safepal'], ['nunchuk', 'io', 'nunchuk'], ['edge', 'app', 'edge'], ['acinq', 'co', 'phoenix'],
  ['shiftcrypto', 'ch', 'bitbox'], ['coinkite', 'com', 'coldcard'],
];

const lines: string[] = [];
for (const [label, suffix, brand] of TARGETS) {
  // Two single-letter swaps at different positions, each with a different script, plus one two-letter swap.
  const positions = [...label].map((ch, i) => (SWAPS[ch] ? i : -1)).filter((i) => i >= 0);
  const picks = [positions[positions.length > 1 ? 1 : 0], positions[positions.length - 1]].filter((p, i, a) => p !== undefined && a.indexOf(p) === i) as number[];
  const variants: string[] = [];
  picks.forEach((pos, k) => {
    const options = SWAPS[label[pos]!]!;
    variants.push(label.slice(0, pos) + options[k % options.length]! + label.slice(pos + 1));
  });
  if (positions.length >= 2) {
    const [p1, p2] = [positions[0]!, positions[positions.length - 1]!];
    let v = [...label];
    v[p1] = SWAPS[label[p1]!]![0]!;
    v[p2] = SWAPS[label[p2]!]![0]!;
    variants.push(v.join(''));
    v = [...label];
  }
  for (const v of variants) {
    const unicode = `${v}.${suffix}`;
    lines.push(JSON.stringify({ unicode, ascii: domainToASCII(unicode), brand }));
  }
  // The same trick combined with another ending and with a filler word, for names that are not common words
  // (the registry marks "token" and "edge" as such).
  const first = variants[0]!;
  if (label === 'token' || label === 'edge') continue;
  for (const unicode of [`${first}.net`, `${first}-support.com`]) lines.push(JSON.stringify({ unicode, ascii: domainToASCII(unicode), brand }));
}
process.stdout.write(`${lines.join('\n')}\n`);
