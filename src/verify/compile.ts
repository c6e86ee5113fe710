/**
 * The registry precompiled for fast checks: exact-match maps for official channels, and for lookalikes the
 * folded brand marks indexed by fold and by length, plus the official sites indexed by suffix and by label.
 */
import { domainToUnicode } from 'node:url';
import { parse as parseDomain } from 'tldts';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { RegistryDoc } from './registry.js';
import type { CompiledRegistry, Mark, OfficialSite, HandleEntry } from './compiled.js';
import { findMark } from './names.js';
import { fullFold, lightFold } from './fold.js';
import { charMask } from './distance.js';
import { handleKey, handleName } from './social.js';
import { AFFIXES } from './words.js';

export type { CompiledRegistry, Mark, OfficialSite, HandleEntry } from './compiled.js';

const PARSE_OPTS = { allowPrivateDomains: true } as const;
const AFFIX_SET = new Set(AFFIXES.map((a) => fullFold(a)));

/** Edits tolerated for a name of this folded length: short names need an exact (homoglyph-folded) match. */
export function maxEdits(length: number): number {
  return length <= 4 ? 0 : length <= 8 ? 1 : 2;
}

/** Folds an account or brand name to its comparison key: full fold, separators dropped. */
export function nameFold(s: string): string {
  return fullFold(s).replace(/[^\p{L}\p{N}]/gu, '');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function labelToUnicode(label: string): string {
  return label.startsWith('xn--') ? domainToUnicode(label) || label : label;
}

/** Precompiles a parsed registry (see parseRegistry) for checkChannel. */
export function compileRegistry(doc: RegistryDoc): CompiledRegistry {
  const reg: CompiledRegistry = {
    doc,
    brands: new Map(),
    hosts: new Map(),
    registrables: new Map(),
    sitesBySuffix: new Map(),
    sitesByFold: new Map(),
    emails: new Map(),
    phones: new Map(),
    phoneCountries: [],
    handles: new Map(),
    handlesByName: new Map(),
    handlesByFold: new Map(),
    apps: new Map(),
    marksByFold: new Map(),
    embedded: [],
    noisy: [],
    adjacent: [],
    fuzzyByLength: [],
    minMark: Infinity,
  };
  const countries = new Set<CountryCode>();
  const handleWords: Array<[string, string, string]> = [];
  const markKeys = new Set<string>();
  const siteMarks = new Set<string>();
  const addMark = (brand: string, word: string, weak: boolean, shown: string, keyword = false): void => {
    const fold = nameFold(word);
    if (fold.length < 3 || AFFIX_SET.has(fold) || /^\d+$/.test(fold)) return;
    const key = `${brand}\u0000${fold}`;
    if (markKeys.has(key)) {
      // The same word from a stronger source (an official domain) wins over a weak one from the name.
      if (!weak) {
        for (const m of reg.marksByFold.get(fold) ?? []) {
          if (m.brand !== brand || !m.weak) continue;
          m.weak = false;
          m.max = maxEdits(m.plain.length);
        }
      }
      return;
    }
    markKeys.add(key);
    const plain = lightFold(word).replace(/[^\p{L}\p{N}]/gu, '');
    // Typo tolerance follows the visible length: "electrum" folds to "electrurn" but is still 8 letters.
    const mark: Mark = { brand, fold, plain, mask: charMask(fold), max: weak ? 0 : maxEdits(plain.length), weak, shown, keyword };
    push(reg.marksByFold, fold, mark);
    reg.minMark = Math.min(reg.minMark, fold.length);
  };

  for (const b of doc.brands) {
    reg.brands.set(b.id, b);
    const siteLabels = new Set<string>();
    const keywordFolds = b.keywords ? new Set(b.keywords.map(nameFold)) : null;
    for (const host of b.domains) {
      reg.hosts.set(host, b.id);
      const p = parseDomain(host, PARSE_OPTS);
      if (!p.domain || !p.publicSuffix || p.domainWithoutSuffix === null) continue;
      if (reg.registrables.has(p.domain)) continue;
      reg.registrables.set(p.domain, b.id);
      const label = lightFold(labelToUnicode(p.domainWithoutSuffix));
      const labelFold = fullFold(label);
      const site: OfficialSite = {
        brand: b.id,
        registrable: p.domain,
        suffix: p.publicSuffix,
        label,
        labelFold,
        mask: charMask(labelFold),
        max: maxEdits(label.replace(/-/g, '').length),
        // With keywords the operator names the brand's words; other domain labels are then common words.
        generic: AFFIX_SET.has(nameFold(label)) || nameFold(label).length < 3 || (keywordFolds !== null && !keywordFolds.has(nameFold(label))),
      };
      push(reg.sitesBySuffix, site.suffix, site);
      push(reg.sitesByFold, labelFold, site);
      siteLabels.add(nameFold(label));
      siteMarks.add(`${b.id}\u0000${nameFold(label)}`);
      if (!keywordFolds) addMark(b.id, label, false, p.domain);
      if (!keywordFolds && !site.generic && /^[a-z0-9]+$/.test(labelFold)) reg.noisy.push({ fold: labelFold, brand: b.id, shown: p.domain });
    }
    const shownDomain = b.domains[0] ?? b.name;
    if (b.keywords) {
      for (const k of b.keywords) addMark(b.id, k, false, shownDomain, true);
    } else {
      const compact = nameFold(b.name.toLowerCase());
      // A short name that is not also the brand's domain ("Zeus" on zeusln.com) is too common to flag alone.
      addMark(b.id, compact, compact.length <= 4 && !siteLabels.has(compact), shownDomain);
      // Only the first word names the brand: the next ones qualify it ("Blockstream Green": `greenbot.com` and
      // `the-green-centre.com` are not Blockstream's).
      const words = b.name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      if (words.length > 1 && nameFold(words[0]!).length >= 5) addMark(b.id, words[0]!, true, shownDomain);
    }
    for (const e of b.emails) reg.emails.set(e, b.id);
    for (const ph of b.phones) {
      reg.phones.set(ph, b.id);
      const c = parsePhoneNumberFromString(ph)?.country;
      if (c) countries.add(c);
    }
    for (const h of b.handles) {
      const entry: HandleEntry = { brand: b.id, platform: h.platform, handle: h.handle };
      reg.handles.set(`${h.platform}:${handleKey(h.platform, h.handle)}`, entry);
      const name = handleName(h.platform, h.handle);
      if (name === '') continue;
      // A bare "@name" is a user name: invite codes and subreddits are not written that way.
      if (h.platform !== 'discord' && !(h.platform === 'reddit' && h.handle.startsWith('r/'))) push(reg.handlesByName, name.toLowerCase(), entry);
      push(reg.handlesByFold, nameFold(name), entry);
      // Account names that read as words name the brand too; ids and invite codes do not.
      const looksLikeWord = /^[A-Za-z][A-Za-z._-]*\d{0,2}$/.test(name) && !(h.platform === 'youtube' && /^UC/.test(name));
      if (!keywordFolds && looksLikeWord && h.platform !== 'discord' && nameFold(name).length >= 5) handleWords.push([b.id, name, shownDomain]);
    }
    for (const a of b.app_ids ?? []) reg.apps.set(`${a.store}:${a.id}`, b.id);
  }
  // An account named after a mark plus filler ("LedgerSupport") adds nothing, and as a mark of its own it would
  // make "edge-support" a misspelling of it. Only names no mark explains ("ElectrumWallet" aside) are added.
  for (const [brand, name, shown] of handleWords) {
    const m = findMark(reg, lightFold(name), /[_.-]+/);
    if (m && m.mark.brand === brand && m.how !== 'typo') continue;
    addMark(brand, name, false, shown);
  }
  reg.phoneCountries = [...countries];
  for (const marks of reg.marksByFold.values()) {
    for (const m of marks) {
      if (!m.weak && m.fold.length >= 7 && !reg.brands.get(m.brand)?.keywords && siteMarks.has(`${m.brand}\u0000${m.fold}`)) reg.embedded.push(m);
      if (!m.weak && m.fold.length >= 5 && !reg.brands.get(m.brand)?.keywords) reg.adjacent.push(m);
      if (m.max === 0) continue;
      (reg.fuzzyByLength[m.fold.length] ??= []).push(m);
    }
  }
  reg.embedded.sort((a, b) => b.fold.length - a.fold.length);
  reg.adjacent.sort((a, b) => b.fold.length - a.fold.length);
  if (reg.minMark === Infinity) reg.minMark = 3;
  return reg;
}
