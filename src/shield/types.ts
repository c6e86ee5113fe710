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
