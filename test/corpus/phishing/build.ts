/**
 * Builds brand-imitations.jsonl: the domains of public crypto-phishing blocklists that imitate a brand of
 * registry.json, each with the brand, the technique and a fixed dev/test split. The rule that picks and labels
 * them is written here, apart from src/verify/ (it shares no code with the verifier): a brand token, after
 * undoing punycode and Unicode look-alikes (the UTS #39 table of the `unhomoglyph` package) or digit swaps
 * (0→o, 1→l, rn→m …), or one typing error away from a token of 6 letters or more, found in the host.
 *
 * Inputs are the blocklists as one domain a line (see README.md for where they come from):
 *   node bin/run-ts.js test/corpus/phishing/build.ts SCAMSNIFFER.txt POLKADOT.txt > test/corpus/phishing/brand-imitations.jsonl
 * Prints counts on stderr.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { domainToUnicode } from 'node:url';
import { parse } from 'tldts';

const TABLE = JSON.parse(readFileSync(new URL('../../../node_modules/unhomoglyph/data.json', import.meta.url), 'utf8')) as Record<string, string>;

/** The words that name each brand in a host. Chosen by hand: distinctive spellings only. */
export const TOKENS: Record<string, string[]> = {
  metamask: ['metamask'], trustwallet: ['trustwallet'], coinbase: ['coinbase'], binance: ['binance'], phantom: ['phantom'],
  kraken: ['kraken'], okx: ['okx'], bybit: ['bybit'], kucoin: ['kucoin'], bitget: ['bitget'], bitfinex: ['bitfinex'],
  rabby: ['rabby'], atomic: ['atomicwallet'], keplr: ['keplr'], solflare: ['solflare'], tronlink: ['tronlink'],
  myetherwallet: ['myetherwallet'], uniswap: ['uniswap'], pancakeswap: ['pancakeswap'], coinomi: ['coinomi'],
  guarda: ['guardawallet'], blockstream: ['blockstream'], trezor: ['trezor'], ledger: ['ledger'], electrum: ['electrum'],
  bluewallet: ['bluewallet'], imtoken: ['imtoken'], sparrow: ['sparrowwallet'], exodus: ['exodus'], bitbox: ['bitbox'],
  coldcard: ['coldcard'], wasabi: ['wasabiwallet'], muun: ['muun'], zeus: ['zeusln'], phoenix: ['phoenixwallet'],
  tokenpocket: ['tokenpocket'], bitpie: ['bitpie'], onekey: ['onekey'], keystone: ['keystonewallet'], safepal: ['safepal'],
  nunchuk: ['nunchuk'], edge: ['edgewallet'],
};

/**
 * One-edit spellings that are words or other names, not misspellings of the brand (reviewed from the variants
 * the blocklists contain: `finance` is one letter from `binance`).
 */
const NOT_TYPOS = new Set([
  'finance', 'binanc', 'ledgers', 'pledger', 'leader', 'hedger', 'legder', 'kraker', 'craken', 'phantoms',
  'bitset', 'bitgen', 'bitnet', 'bitbot', 'bitpig', 'coinbag', 'coinage', 'coinbases', 'kucoins', 'exodos',
  'onekeys', 'monekey', 'honekey', 'donkey', 'uniswapv', 'electrun', 'spectrum', 'bitgert', 'bitger', 'coinmi',
]);

const NO_FUZZ = new Set(['imtoken']);
const DIGITS: Array<[RegExp, string]> = [[/0/g, 'o'], [/1/g, 'l'], [/3/g, 'e'], [/4/g, 'a'], [/5/g, 's'], [/rn/g, 'm'], [/vv/g, 'w'], [/cl/g, 'd']];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';

function skeleton(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFKD').replace(/\p{M}/gu, '')) out += TABLE[ch] ?? ch;
  return out.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
}

function edits(w: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < w.length; i++) out.add(w.slice(0, i) + w.slice(i + 1));
  for (let i = 0; i + 1 < w.length; i++) out.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
  for (let i = 0; i < w.length; i++) for (const c of LETTERS) out.add(w.slice(0, i) + c + w.slice(i + 1));
  for (let i = 0; i <= w.length; i++) for (const c of LETTERS) out.add(w.slice(0, i) + c + w.slice(i));
  out.delete(w);
  return out;
}

const TYPO = new Map<string, string>();
const TYPO_LENGTHS = new Set<number>();
for (const [brand, tokens] of Object.entries(TOKENS)) {
  for (const t of tokens) {
    if (t.length < 6 || NO_FUZZ.has(brand)) continue;
    for (const v of edits(t)) {
      if (NOT_TYPOS.has(v) || v.length < 6 || v[0] !== t[0]) continue;
      if (Object.values(TOKENS).some((ts) => ts.some((x) => v.includes(x) || x.includes(v)))) continue;
      TYPO.set(v, brand);
      TYPO_LENGTHS.add(v.length);
    }
  }
}

/**
 * Occurrences of a token inside a longer word that is not the brand (`claimtoken` holds `imtoken`). The
 * `…ledger` names are other projects' (the XRP Ledger, OpenLedger, First Ledger on the XRP Ledger, Stellar,
 * IOTA, "Swift ledger"), several of them real sites in the top-100k list (firstledger.net, openledger.xyz).
 */
const CONTAINERS = [
  'claimtoken', 'daimtoken', 'phantomgalax',
  'xrpledger', 'rippleledger', 'ripplexledger', 'openledger', 'opensledger', 'firstledger', 'swiftledger',
  'stellarledger', 'stellerledger', 'iotaledger',
];
/**
 * "QFS" (the "Quantum Financial System" scam) sites call their fake balance book a ledger (`qfsassetsledger`,
 * `quantumledgervault`): a scam genre of its own, not an imitation of the Ledger wallet.
 */
const NOT_LEDGER = /qfs|quantum/;

function norm(s: string): string {
  return DIGITS.reduce((acc, [re, to]) => acc.replace(re, to), skeleton(s));
}
const NORM_TOKENS: Record<string, string[]> = Object.fromEntries(Object.entries(TOKENS).map(([b, ts]) => [b, ts.map(norm)]));

/** Brands whose token appears in `text` (compact: separators removed; short tokens must be a whole word). */
function tokenHits(text: string, tokens: Record<string, string[]>): string[] {
  let compact = text.replace(/[-._]/g, '');
  for (const c of CONTAINERS) compact = compact.split(c).join('|');
  if (NOT_LEDGER.test(compact)) compact = compact.split('ledger').join('|');
  const words = text.split(/[-._]/);
  const hits: string[] = [];
  for (const [brand, list] of Object.entries(tokens)) {
    for (const t of list) {
      const ok = t.length <= 5
        ? words.some((w) => w === t || (w.startsWith(t) && w.length > t.length + 2) || (w.endsWith(t) && w.length > t.length + 2))
        : compact.includes(t);
      if (ok) { hits.push(brand); break; }
    }
  }
  return hits;
}

/**
 * Brands one typing error away: the misspelling keeps the token's first letter and is a whole word of the
 * label or begins it (`metamsk`, `unisawp-app`, `legderlive`); elsewhere in a word it is too often another
 * name (`bonkxcoin`, `retiktoken`, `synchronizationlink`). imToken gets no fuzzy match: its `token` half
 * makes every `...itoken` name one edit away.
 */
function typoHits(text: string): string[] {
  const hits = new Set<string>();
  for (const w of text.split(/[-._]/)) {
    for (const n of TYPO_LENGTHS) {
      if (w.length < n) continue;
      const b = TYPO.get(w.slice(0, n));
      // A 6-letter name glued to more letters is too often another word (`bitbonus`, `lodgeresort`).
      if (b && (n === w.length || n >= 7)) hits.add(b);
    }
  }
  return [...hits];
}

export type Technique = 'punycode' | 'subdomain' | 'tld-swap' | 'homoglyph' | 'typo' | 'added-word';
const OFFICIAL = new Map<string, string>();
const reg = JSON.parse(readFileSync(new URL('registry.json', import.meta.url), 'utf8')) as { brands: Array<{ id: string; domains: string[] }> };
for (const b of reg.brands) for (const d of b.domains) OFFICIAL.set(d, b.id);
const OFFICIAL_LABELS = new Map<string, string>();
for (const [d, id] of OFFICIAL) OFFICIAL_LABELS.set(parse(d, { allowPrivateDomains: true }).domainWithoutSuffix!, id);

/** The brand(s) a blocklisted host imitates and how, or null. 'official' when the host is a registry domain. */
export function label(host: string): { brands: string[]; technique: Technique } | 'official' | null {
  const p = parse(host, { allowPrivateDomains: true });
  if (!p.domain || !p.domainWithoutSuffix) return null;
  if (OFFICIAL.has(p.domain) || [...OFFICIAL.keys()].some((d) => host === d || host.endsWith(`.${d}`))) return 'official';
  const puny = /(^|\.)xn--/.test(host);
  const uni = (x: string) => x.split('.').map((l) => (l.startsWith('xn--') ? domainToUnicode(l) || l : l)).join('.');
  const rawLabel = uni(p.domainWithoutSuffix).normalize('NFKC').toLowerCase();
  const rawSub = p.subdomain ? uni(p.subdomain).normalize('NFKC').toLowerCase() : '';
  const inLabel = tokenHits(rawLabel, TOKENS);
  if (inLabel.length) {
    const exact = OFFICIAL_LABELS.get(p.domainWithoutSuffix);
    if (puny) return { brands: inLabel, technique: 'punycode' };
    if (exact && inLabel.includes(exact)) return { brands: [exact], technique: 'tld-swap' };
    return { brands: inLabel, technique: 'added-word' };
  }
  const glyph = tokenHits(norm(rawLabel), NORM_TOKENS).filter((b) => !NO_FUZZ.has(b));
  if (glyph.length) return { brands: glyph, technique: puny ? 'punycode' : 'homoglyph' };
  const typo = typoHits(puny ? norm(rawLabel) : rawLabel);
  if (typo.length) return { brands: typo, technique: puny ? 'punycode' : 'typo' };
  const inSub = rawSub ? tokenHits(rawSub, TOKENS) : [];
  if (inSub.length) return { brands: inSub, technique: 'subdomain' };
  const subGlyph = rawSub ? tokenHits(norm(rawSub), NORM_TOKENS).filter((b) => !NO_FUZZ.has(b)) : [];
  if (subGlyph.length) return { brands: subGlyph, technique: 'subdomain' };
  return null;
}

function read(file: string): Set<string> {
  const out = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const h = line.trim().toLowerCase().replace(/^\*\./, '').replace(/^https?:\/\//, '').split(/[/:?#]/)[0]!.replace(/\.$/, '');
    if (h && h.includes('.') && !/\s/.test(h)) out.add(h);
  }
  return out;
}

const argv = process.argv.slice(2);
// `build.ts --relabel FILE`: labels the stored entries again with the rules above (sources and split kept),
// dropping those that no longer imitate a brand; for rule changes that only remove, this equals a rebuild.
if (argv[0] === '--relabel' && argv[1]) {
  let dropped = 0;
  for (const line of readFileSync(argv[1], 'utf8').split('\n').filter(Boolean)) {
    const r = JSON.parse(line) as { domain: string; sources: string[]; split: string };
    const l = label(r.domain);
    if (!l || l === 'official') { dropped++; continue; }
    process.stdout.write(JSON.stringify({ domain: r.domain, brands: l.brands, technique: l.technique, sources: r.sources, split: r.split }) + '\n');
  }
  process.stderr.write(`${dropped} entries dropped\n`);
}
if (argv.length === 2 && argv.every((f) => f.endsWith('.txt'))) {
  const [a, b] = argv;
  const lists = { scamsniffer: read(a!), polkadot: read(b!) };
  const all = new Set([...lists.scamsniffer, ...lists.polkadot]);
  const counts: Record<string, number> = {};
  let official = 0;
  for (const host of [...all].sort()) {
    const l = label(host);
    if (l === 'official') { official++; continue; }
    if (!l) continue;
    const sources = Object.entries(lists).filter(([, s]) => s.has(host)).map(([k]) => k);
    const split = createHash('sha256').update(host).digest()[0]! < 128 ? 'dev' : 'test';
    counts[l.technique] = (counts[l.technique] ?? 0) + 1;
    process.stdout.write(JSON.stringify({ domain: host, brands: l.brands, technique: l.technique, sources, split }) + '\n');
  }
  process.stderr.write(`${all.size} blocklisted hosts; ${official} on registry domains (left out); by technique ${JSON.stringify(counts)}\n`);
}
