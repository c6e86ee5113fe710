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

/** The marker that replaces each kind of secret in stored text. One table, one marker per kind. */
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
 * render them in the conversation's language with localiseMarkers.
 */
export const REDACTION_MARKERS_ZH: Readonly<Record<SecretKind, string>> = {
  mnemonic: '【助记词已删除】',
  electrum_seed: '【Electrum 种子已删除】',
  slip39: '【恢复分片已删除】',
  wif: '【私钥已删除】',
  xprv: '【扩展私钥已删除】',
  hex_key: '【私钥（十六进制）已删除】',
};

const MARKER_PATTERN = new RegExp(
  Object.values(REDACTION_MARKERS)
    .map((m) => m.replace(/[[\]()]/g, (c) => `\\${c}`))
    .join('|'),
  'g',
);
const ZH_BY_MARKER = new Map(SECRET_KINDS.map((k) => [REDACTION_MARKERS[k], REDACTION_MARKERS_ZH[k]]));

/**
 * `text` with each stored marker in `language` (any zh-* is Chinese; anything else keeps the English
 * markers). The same string back when there is nothing to change.
 */
export function localiseMarkers(text: string, language: string | null | undefined): string {
  if (!language || !/^zh\b/i.test(language) || !text.includes(' removed]')) return text;
  return text.replace(MARKER_PATTERN, (m) => ZH_BY_MARKER.get(m) ?? m);
}
