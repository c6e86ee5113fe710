/**
 * Keys in scanned text: WIF private keys and extended private keys (base58check-valid), and 64-hex private
 * keys when the words around them call them a key. A bare 64-hex string is a txid or a block hash and stays.
 */
import type { Candidate } from './phrases.js';
import type { KeyCandidate } from './scan.js';
import { XPRV_PREFIXES, decodeBase58check, isWif, isXprv } from './checksums.js';

const CONF_KEY = 95;
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]+$/;
const HEX = /^[0-9a-fA-F]+$/;

/** Words that make a nearby 64-hex string a private key, in the languages customers write in. */
const KEY_WORDS =
  /(?:priv(?:ate)?|secret|signing)[\s_-]*key|privkey|prvkey|secret exponent|私[钥鑰匙]|密[钥鑰]|秘[钥鑰]|秘密鍵|개인\s*키|clave privada|cl[ée] priv[ée]e|chave privada|chiave privata|soukrom[ýy] kl[íi][čc]/gi;
/** Words that make the hex string something else even when "private key" was said nearby. */
const NOT_KEY_WORDS =
  /txid|\btx\b|\.id\b|transaction|block|hash|交易|哈希|区块|區塊|public|pubkey|公[钥鑰]|address|地址/i;
const BEFORE = 64;
const AFTER = 40;

/** Checks the key-shaped runs the scanner found. */
export function findKeys(text: string, keys: readonly KeyCandidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const { start, end } of keys) {
    const s = text.slice(start, end);
    const len = end - start;
    if ((len === 51 || len === 52) && BASE58.test(s) && isWif(s)) {
      out.push({ kind: 'wif', start, end, confidence: CONF_KEY });
    } else if (len === 111 && XPRV_PREFIXES.includes(s.slice(0, 4)) && BASE58.test(s)) {
      // A mistyped extended private key still gives the key away (one wrong character is found by trying),
      // and nothing else looks like "xprv" + 107 base58 characters: the prefix is enough.
      if (isXprv(s) || decodeBase58check(s) === null) out.push({ kind: 'xprv', start, end, confidence: CONF_KEY });
    } else if ((len === 64 && HEX.test(s)) || (len === 66 && /^0x/i.test(s) && HEX.test(s.slice(2)))) {
      if (calledAKey(text, start, end)) out.push({ kind: 'hex_key', start, end, confidence: CONF_KEY });
    }
  }
  return out;
}

/** True when a key word sits close before (or right after) the hex string, with nothing txid-like between. */
/** Cheap first look: every KEY_WORDS match contains one of these. */
const KEY_HINT = /key|[钥鑰鍵키]|clav|cl[ée]|chav|chiav|kl[íi]|secret/i;

function calledAKey(text: string, start: number, end: number): boolean {
  const around = text.slice(Math.max(0, start - BEFORE), Math.min(text.length, end + AFTER));
  if (!KEY_HINT.test(around)) return false;
  const before = text.slice(Math.max(0, start - BEFORE), start);
  let last = -1;
  for (const m of before.matchAll(KEY_WORDS)) last = m.index + m[0].length;
  if (last >= 0 && !NOT_KEY_WORDS.test(before.slice(last)) && !/[0-9a-fA-F]{64}/.test(before.slice(last))) return true;
  const after = text.slice(end, end + AFTER);
  KEY_WORDS.lastIndex = 0;
  const m = KEY_WORDS.exec(after);
  KEY_WORDS.lastIndex = 0;
  return m !== null && !NOT_KEY_WORDS.test(after.slice(0, m.index));
}
