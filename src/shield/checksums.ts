/**
 * The checks that turn "every word is in the list" into "this is certainly a phrase": BIP39's checksum,
 * Electrum's seed version, SLIP-39's RS1024 checksum, and base58check for WIF and extended keys.
 * They add confidence; only base58check gates a finding.
 */
import { createHmac, hash } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { createBase58check } from '@scure/base';

/** True when 12–24 word indices (0..2047) carry a valid BIP39 checksum. */
export function bip39ChecksumValid(ids: ArrayLike<number>, from = 0, to = ids.length): boolean {
  const n = to - from;
  if (n < 12 || n > 24 || n % 3 !== 0) return false;
  const entBits = (n * 11 * 32) / 33;
  const csBits = entBits / 32;
  const bytes = new Uint8Array(entBits / 8);
  let acc = 0;
  let accBits = 0;
  let out = 0;
  for (let i = from; i < to; i++) {
    acc = (acc << 11) | (ids[i] as number);
    accBits += 11;
    while (accBits >= 8 && out < bytes.length) {
      accBits -= 8;
      bytes[out++] = (acc >>> accBits) & 0xff;
    }
    acc &= (1 << accBits) - 1;
  }
  // What is left in acc are the csBits checksum bits. (node's one-shot hash: twice as fast as a Hash object
  // on 16–32 bytes, and this runs for every phrase-long window.)
  return acc === (hash('sha256', bytes, 'buffer')[0] as number) >>> (8 - csBits);
}


/** True when the words (already lower-case, English) form an Electrum new-style seed of a known type. */
export function isElectrumNewSeed(words: readonly string[]): boolean {
  // node:crypto rather than @noble/hashes here: this runs on every unchecksummed English run, and the
  // native HMAC is several times faster on such short input.
  const mac = createHmac('sha512', 'Seed version').update(words.join(' '), 'utf8').digest();
  const b0 = mac[0] as number;
  const b1 = mac[1] as number;
  // Electrum's seed types are hex prefixes of the HMAC: "01" standard; "100", "101", "102" segwit, 2fa,
  // 2fa-segwit (first byte 0x10, then a nibble of 0, 1 or 2).
  if (b0 === 0x01) return true;
  return b0 === 0x10 && b1 >> 4 <= 2;
}

const RS1024_GEN = [
  0xe0e040, 0x1c1c080, 0x3838100, 0x7070200, 0xe0e0009, 0x1c0c2412, 0x38086c24, 0x3090fc48, 0x21b1f890, 0x3f3f120,
];

function rs1024Polymod(values: ArrayLike<number>, from: number, to: number, prefix: string): number {
  let chk = 1;
  const step = (v: number): void => {
    const b = chk >>> 20;
    chk = ((chk & 0xfffff) << 10) ^ v;
    for (let i = 0; i < 10; i++) if ((b >>> i) & 1) chk ^= RS1024_GEN[i] as number;
  };
  for (let i = 0; i < prefix.length; i++) step(prefix.charCodeAt(i));
  for (let i = from; i < to; i++) step(values[i] as number);
  return chk;
}

/** True when SLIP-39 word indices (0..1023) of a 20- or 33-word share carry a valid RS1024 checksum. */
export function slip39ChecksumValid(ids: ArrayLike<number>, from = 0, to = ids.length): boolean {
  if (to - from !== 20 && to - from !== 33) return false;
  // The extendable-backup flag (bit 16 of the share) picks the customization string (SLIP-0039, 2024).
  const extendable = (((ids[from + 1] as number) >>> 4) & 1) === 1;
  return rs1024Polymod(ids, from, to, extendable ? 'shamir_extendable' : 'shamir') === 1;
}

const base58check = createBase58check(sha256);

/** The payload of a base58check string, or null when the checksum (or alphabet) is wrong. */
export function decodeBase58check(s: string): Uint8Array | null {
  try {
    return base58check.decode(s);
  } catch {
    return null;
  }
}

/** True for a base58check-valid WIF private key: mainnet (0x80) or testnet (0xef), compressed or not. */
export function isWif(s: string): boolean {
  const p = decodeBase58check(s);
  if (!p || (p[0] !== 0x80 && p[0] !== 0xef)) return false;
  return p.length === 33 || (p.length === 34 && p[33] === 0x01);
}

/** BIP32 / SLIP-132 version bytes of extended private keys. */
const XPRV_VERSIONS = new Set([
  0x0488ade4, // xprv
  0x049d7878, // yprv
  0x04b2430c, // zprv
  0x04358394, // tprv
  0x044a4e28, // uprv
  0x045f18bc, // vprv
  0x0295b005, // Yprv
  0x02aa7a99, // Zprv
  0x024285b5, // Uprv
  0x02575048, // Vprv
]);
export const XPRV_PREFIXES = ['xprv', 'yprv', 'zprv', 'tprv', 'uprv', 'vprv', 'Yprv', 'Zprv', 'Uprv', 'Vprv'];

/** True for a base58check-valid extended private key with one of the known private version bytes. */
export function isXprv(s: string): boolean {
  const p = decodeBase58check(s);
  if (!p || p.length !== 78) return false;
  const version = (((p[0] as number) << 24) | ((p[1] as number) << 16) | ((p[2] as number) << 8) | (p[3] as number)) >>> 0;
  return XPRV_VERSIONS.has(version);
}
