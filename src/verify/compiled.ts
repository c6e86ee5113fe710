/** The shapes of the compiled registry, shared by the compiler and the matchers. */
import type { CountryCode } from 'libphonenumber-js';
import type { RegistryDoc, RegistryBrand } from './registry.js';
import type { Platform } from './social.js';

/** A word that names a brand ("trezor", "bluewallet"), folded. Weak marks count only with a filler word beside them. */
export interface Mark {
  brand: string;
  fold: string;
  /** The word as spelt, lower case, without separators. */
  plain: string;
  mask: number;
  /** Edits allowed for a typo match, scaled by length: 0 up to 4 characters, 1 up to 8, then 2. */
  max: number;
  weak: boolean;
  /** The official domain this mark comes from, for reasons ("trezor.io"), else the brand name. */
  shown: string;
  /** From the brand's `keywords` (a brand named by common words). */
  keyword: boolean;
}

/** An official domain's registrable part, split for lookalike comparisons. */
export interface OfficialSite {
  brand: string;
  registrable: string;
  suffix: string;
  label: string;
  labelFold: string;
  mask: number;
  max: number;
  /** The label is a common word (token.im): used only against the same suffix. */
  generic: boolean;
}

/** One registered account. */
export interface HandleEntry {
  brand: string;
  platform: Platform;
  handle: string;
}

/** The compiled registry. Build it once per registry version with compileRegistry and share it. */
export interface CompiledRegistry {
  doc: RegistryDoc;
  brands: Map<string, RegistryBrand>;
  hosts: Map<string, string>;
  registrables: Map<string, string>;
  sitesBySuffix: Map<string, OfficialSite[]>;
  sitesByFold: Map<string, OfficialSite[]>;
  emails: Map<string, string>;
  phones: Map<string, string>;
  phoneCountries: CountryCode[];
  handles: Map<string, HandleEntry>;
  handlesByName: Map<string, HandleEntry[]>;
  handlesByFold: Map<string, HandleEntry[]>;
  apps: Map<string, string>;
  marksByFold: Map<string, Mark[]>;
  /**
   * Official domain labels of 7+ letters of brands without `keywords`, longest first: found even glued to words
   * that are not filler (`metamaskchromeextension`), at the start or end of a word, or inside it from 8 letters.
   */
  embedded: Mark[];
  /**
   * Official domain labels (folded) of brands without `keywords`, with their brand: found with up to three
   * characters of noise before or after them (`okxtra`, `bitgetno1`, `llkraken`), see check.ts.
   */
  noisy: Array<{ fold: string; brand: string; shown: string }>;
  /** Strong marks of 5+ letters of brands without `keywords`: found beside a filler word inside a longer word. */
  adjacent: Mark[];
  /** Marks that allow typos, by folded length. */
  fuzzyByLength: Mark[][];
  minMark: number;
}
