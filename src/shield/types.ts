import { LANGUAGES, language as catalogueLanguage, t } from '../i18n/index.js';

/** What kind of secret a finding is. `electrum_seed` covers new-style (versioned) and old-style Electrum seeds. */
export type SecretKind = 'mnemonic' | 'electrum_seed' | 'slip39' | 'wif' | 'xprv' | 'hex_key';

/** Where a secret is: offsets in UTF-16 code units of the text that was scanned, `end` exclusive. */
export interface SecretFinding {
  kind: SecretKind;
  start: number;
  end: number;
}

/** Every kind, in the order documentation and replies list them. */
export const SECRET_KINDS: readonly SecretKind[] = ['mnemonic', 'electrum_seed', 'slip39', 'wif', 'xprv', 'hex_key'];

/**
 * The marker that replaces each kind of secret in stored text. One table, one marker per kind. A stored format,
 * so it stays here (old messages carry it); the catalogue's English shield.marker.* must read the same (tested).
 */
export const REDACTION_MARKERS: Readonly<Record<SecretKind, string>> = {
  mnemonic: '[recovery phrase removed]',
  electrum_seed: '[Electrum seed removed]',
  slip39: '[recovery share removed]',
  wif: '[private key removed]',
  xprv: '[extended private key removed]',
  hex_key: '[private key (hex) removed]',
};

/**
 * The markers as a customer reads them in Chinese. Stored text always carries REDACTION_MARKERS (one stable
 * form that agents, search and exports share, whatever the conversation's language); pages a customer reads
 * render them in the conversation's language with localiseMarkers (words from the catalogue, shield.marker.*).
 */
export const REDACTION_MARKERS_ZH: Readonly<Record<SecretKind, string>> = Object.fromEntries(
  SECRET_KINDS.map((k) => [k, t('zh-CN', `shield.marker.${k}`)]),
) as Record<SecretKind, string>;

const MARKER_PATTERN = new RegExp(
  Object.values(REDACTION_MARKERS)
    .map((m) => m.replace(/[[\]()]/g, (c) => `\\${c}`))
    .join('|'),
  'g',
);
/** Stored marker → the marker as written in each language. */
const MARKERS_IN = new Map(
  LANGUAGES.map((lang) => [lang, new Map(SECRET_KINDS.map((k) => [REDACTION_MARKERS[k], t(lang, `shield.marker.${k}`)]))] as const),
);

/**
 * `text` with each stored marker in the conversation's `language` (any zh-* is Chinese; anything else reads
 * the English markers). The same string back when there is nothing to change.
 */
export function localiseMarkers(text: string, language: string | null | undefined): string {
  if (!text.includes(' removed]')) return text;
  const markers = MARKERS_IN.get(catalogueLanguage(language))!;
  return text.replace(MARKER_PATTERN, (m) => markers.get(m) ?? m);
}
