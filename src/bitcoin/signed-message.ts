/**
 * Verifies that a message was signed with the key of a Bitcoin address (proof of address ownership, issue 18):
 * BIP-322 "simple" signatures (P2WPKH, P2SH-P2WPKH, single-key P2TR) and legacy signed messages (BIP-137
 * headers, as Bitcoin Core, Trezor, Ledger and Sparrow write them). Legacy signatures are checked strictly
 * first (the header's address type must be the address's), then in the loose mode Electrum and many wallets
 * need (a P2PKH-style header on a segwit or taproot address): the result says which passed. Pure; built on
 * the audited @noble/curves and @scure/btc-signer, with no script interpreter: multisig and script-path
 * addresses are refused as unsupported (the desk offers a small test transaction for those).
 */
import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64 } from '@scure/base';
import { Address, NETWORK, OutScript, TEST_NETWORK, p2pkh, p2sh, p2tr, p2wpkh } from '@scure/btc-signer';

export type SignatureMode = 'bip322_simple' | 'bip137_strict' | 'bip137_loose';

export type SignatureCheck =
  | { kind: 'valid'; mode: SignatureMode }
  | { kind: 'invalid'; reason: 'malformed' | 'mismatch' }
  | { kind: 'unsupported'; reason: 'address_type' | 'address' };

const REGTEST = { ...TEST_NETWORK, bech32: 'bcrt' };
const NETWORKS = [NETWORK, TEST_NETWORK, REGTEST];

const enc = new TextEncoder();
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const sha256d = (b: Uint8Array): Uint8Array => sha256(sha256(b));
const u32 = (n: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};
const u64zero = new Uint8Array(8);
function varint(n: number): Uint8Array {
  if (n < 0xfd) return Uint8Array.of(n);
  if (n <= 0xffff) return Uint8Array.of(0xfd, n & 0xff, n >> 8);
  return concat(Uint8Array.of(0xfe), u32(n));
}
const varbytes = (b: Uint8Array): Uint8Array => concat(varint(b.length), b);
const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
function taggedHash(tag: string, ...msgs: Uint8Array[]): Uint8Array {
  const t = sha256(enc.encode(tag));
  return sha256(concat(t, t, ...msgs));
}

/** The output script of an address on mainnet, testnet or regtest, or null when it is not one. */
export function addressScript(address: string): { script: Uint8Array; type: string } | null {
  for (const net of NETWORKS) {
    try {
      const decoded = Address(net).decode(address.trim());
      return { script: OutScript.encode(decoded), type: decoded.type };
    } catch {
      // another network's prefix: try the next
    }
  }
  return null;
}

/** The hash a legacy signed message signs: double SHA-256 of the "Bitcoin Signed Message" preimage. */
export function legacyMessageHash(message: string): Uint8Array {
  const prefix = enc.encode('\x18Bitcoin Signed Message:\n');
  return sha256d(concat(prefix, varbytes(enc.encode(message))));
}

function verifyLegacy(script: Uint8Array, message: string, sig: Uint8Array): SignatureCheck {
  const header = sig[0]!;
  if (sig.length !== 65 || header < 27 || header > 42) return { kind: 'invalid', reason: 'malformed' };
  const recovery = (header - 27) & 3;
  let point;
  try {
    point = secp256k1.Signature.fromBytes(sig.subarray(1), 'compact').addRecoveryBit(recovery).recoverPublicKey(legacyMessageHash(message));
  } catch {
    return { kind: 'invalid', reason: 'malformed' };
  }
  const compressed = point.toBytes(true);
  const uncompressed = () => point.toBytes(false);
  // Each candidate is built only when needed: the taproot tweak costs as much as the recovery itself.
  const scripts = {
    pkhUncompressed: () => p2pkh(uncompressed()).script,
    pkh: () => p2pkh(compressed).script,
    shWpkh: () => p2sh(p2wpkh(compressed)).script,
    wpkh: () => p2wpkh(compressed).script,
    tr: () => p2tr(compressed.subarray(1)).script,
  };
  // Strict: BIP-137's header names the address type.
  const strict = header <= 30 ? scripts.pkhUncompressed : header <= 34 ? scripts.pkh : header <= 38 ? scripts.shWpkh : scripts.wpkh;
  if (same(strict(), script)) return { kind: 'valid', mode: 'bip137_strict' };
  // Loose (Electrum and others): any header, any single-key address type of the recovered key.
  if (Object.values(scripts).some((s) => s !== strict && same(s(), script))) return { kind: 'valid', mode: 'bip137_loose' };
  return { kind: 'invalid', reason: 'mismatch' };
}

/** Reads a BIP-322 simple signature: the consensus-encoded witness stack. */
function readWitness(bytes: Uint8Array): Uint8Array[] | null {
  let at = 0;
  const readVarint = (): number | null => {
    const first = bytes[at++];
    if (first === undefined) return null;
    if (first < 0xfd) return first;
    if (first === 0xfd && at + 2 <= bytes.length) {
      const n = bytes[at]! | (bytes[at + 1]! << 8);
      at += 2;
      return n;
    }
    return null;
  };
  const count = readVarint();
  if (count === null || count === 0 || count > 16) return null;
  const items: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const len = readVarint();
    if (len === null || at + len > bytes.length) return null;
    items.push(bytes.subarray(at, at + len));
    at += len;
  }
  return at === bytes.length ? items : null;
}

/** BIP-322's virtual transactions: the id of to_spend, and the parts of to_sign the sighashes need. */
function toSpendTxid(script: Uint8Array, message: string): Uint8Array {
  const messageHash = taggedHash('BIP0322-signed-message', enc.encode(message));
  const tx = concat(
    u32(0), // version
    varint(1),
    new Uint8Array(32), // prevout hash
    u32(0xffffffff), // prevout index
    varbytes(concat(Uint8Array.of(0x00, 0x20), messageHash)), // scriptSig: OP_0 PUSH32 message_hash
    u32(0), // sequence
    varint(1),
    u64zero, // value
    varbytes(script),
    u32(0), // locktime
  );
  return sha256d(tx);
}

const OP_RETURN_OUTPUT = concat(u64zero, varbytes(Uint8Array.of(0x6a)));

/** BIP-143 sighash of to_sign's only input (P2WPKH script code). */
function segwitV0Sighash(txid: Uint8Array, pubkeyHash: Uint8Array, hashType: number): Uint8Array {
  const outpoint = concat(txid, u32(0));
  const scriptCode = varbytes(concat(Uint8Array.of(0x76, 0xa9, 0x14), pubkeyHash, Uint8Array.of(0x88, 0xac)));
  return sha256d(
    concat(u32(0), sha256d(outpoint), sha256d(u32(0)), outpoint, scriptCode, u64zero, u32(0), sha256d(OP_RETURN_OUTPUT), u32(0), u32(hashType)),
  );
}

/** BIP-341 key-path sighash of to_sign's only input (SIGHASH_DEFAULT or SIGHASH_ALL). */
function taprootSighash(txid: Uint8Array, script: Uint8Array, hashType: number): Uint8Array {
  const outpoint = concat(txid, u32(0));
  return taggedHash(
    'TapSighash',
    Uint8Array.of(0x00, hashType),
    u32(0),
    u32(0),
    sha256(outpoint),
    sha256(u64zero),
    sha256(varbytes(script)),
    sha256(u32(0)),
    sha256(OP_RETURN_OUTPUT),
    Uint8Array.of(0x00),
    u32(0),
  );
}

function verifySimple(script: Uint8Array, type: string, message: string, witness: Uint8Array[]): SignatureCheck {
  const txid = toSpendTxid(script, message);
  if (type === 'wpkh' || type === 'sh') {
    if (witness.length !== 2) return { kind: 'invalid', reason: 'malformed' };
    const [sigWithType, pubkey] = witness as [Uint8Array, Uint8Array];
    if (pubkey.length !== 33 || sigWithType.length < 9) return { kind: 'invalid', reason: 'malformed' };
    const hashType = sigWithType[sigWithType.length - 1]!;
    if (hashType !== 0x01) return { kind: 'invalid', reason: 'malformed' };
    const expected = type === 'wpkh' ? p2wpkh(pubkey).script : p2sh(p2wpkh(pubkey)).script;
    if (!same(expected, script)) return { kind: 'invalid', reason: 'mismatch' };
    const pubkeyHash = p2wpkh(pubkey).script.subarray(2);
    const digest = segwitV0Sighash(txid, pubkeyHash, hashType);
    try {
      const ok = secp256k1.verify(sigWithType.subarray(0, -1), digest, pubkey, { prehash: false, format: 'der', lowS: false });
      return ok ? { kind: 'valid', mode: 'bip322_simple' } : { kind: 'invalid', reason: 'mismatch' };
    } catch {
      return { kind: 'invalid', reason: 'malformed' };
    }
  }
  if (type === 'tr') {
    if (witness.length !== 1) return { kind: 'unsupported', reason: 'address_type' }; // a script-path spend
    const sig = witness[0]!;
    if (sig.length !== 64 && sig.length !== 65) return { kind: 'invalid', reason: 'malformed' };
    const hashType = sig.length === 65 ? sig[64]! : 0x00;
    if (hashType !== 0x00 && hashType !== 0x01) return { kind: 'invalid', reason: 'malformed' };
    const outputKey = script.subarray(2);
    try {
      const ok = schnorr.verify(sig.subarray(0, 64), taprootSighash(txid, script, hashType), outputKey);
      return ok ? { kind: 'valid', mode: 'bip322_simple' } : { kind: 'invalid', reason: 'mismatch' };
    } catch {
      return { kind: 'invalid', reason: 'malformed' };
    }
  }
  return { kind: 'unsupported', reason: 'address_type' };
}

/**
 * Checks `signature` (base64) over `message` for `address`: a 65-byte legacy signature (BIP-137 strict, then
 * loose), else a BIP-322 simple witness. P2PKH addresses sign only legacy messages; P2WSH (multisig) and
 * script-path taproot are unsupported.
 */
export function verifySignedMessage(address: string, message: string, signature: string): SignatureCheck {
  const decoded = addressScript(address);
  if (!decoded) return { kind: 'unsupported', reason: 'address' };
  let bytes: Uint8Array;
  try {
    bytes = base64.decode(signature.trim());
  } catch {
    return { kind: 'invalid', reason: 'malformed' };
  }
  if (bytes.length === 65 && bytes[0]! >= 27 && bytes[0]! <= 42) return verifyLegacy(decoded.script, message, bytes);
  const witness = readWitness(bytes);
  if (!witness) return { kind: 'invalid', reason: 'malformed' };
  return verifySimple(decoded.script, decoded.type, message, witness);
}
