/**
 * The shield's negative corpus: text that must come back unchanged. Hand-written support messages
 * (negatives-*.txt, English, Chinese, mixed, technical pastes) plus generated Bitcoin strings that are not
 * secrets (txids, block hashes, addresses, xpubs, PSBTs, lightning invoices), placed in messages.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createBase58check, bech32, bech32m, base64 } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { XPUB_VERSIONS, extendedKey, prng } from './positives.js';

const DIR = new URL('.', import.meta.url);

/** Messages of a negatives-*.txt file: blocks separated by "---" lines, after the header comments. */
export function readMessages(file: string): string[] {
  const text = readFileSync(new URL(file, DIR), 'utf8');
  return text
    .split(/\r?\n---\r?\n/)
    .slice(1)
    .map((m) => m.replace(/\n---\s*$/, '').trim())
    .filter((m) => m.length > 0);
}

/** Every hand-written negative message, by file. */
export function handWritten(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of readdirSync(DIR).filter((f) => /^negatives-.*\.txt$/.test(f)).sort()) out[f] = readMessages(f);
  return out;
}

const b58c = createBase58check(sha256);
const bytes = (rnd: () => number, n: number): Uint8Array => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Generated non-secrets in the messages where customers paste them. */
export function generatedNegatives(seed = 11): string[] {
  const rnd = prng(seed);
  const out: string[] = [];
  for (let k = 0; k < 20; k++) {
    const txid = hex(bytes(rnd, 32));
    const block = `0000000000000000000${hex(bytes(rnd, 32)).slice(19)}`;
    const p2pkh = b58c.encode(Uint8Array.from([0x00, ...bytes(rnd, 20)]));
    const p2sh = b58c.encode(Uint8Array.from([0x05, ...bytes(rnd, 20)]));
    const testnet = b58c.encode(Uint8Array.from([0x6f, ...bytes(rnd, 20)]));
    const p2wpkh = bech32.encode('bc', [0, ...bech32.toWords(bytes(rnd, 20))]);
    const p2tr = bech32m.encode('bc', [1, ...bech32.toWords(bytes(rnd, 32))]);
    const psbt = base64.encode(Uint8Array.from([0x70, 0x73, 0x62, 0x74, 0xff, ...bytes(rnd, 180 + k * 7)]));
    const invoice = bech32.encode(`lnbc${(k + 1) * 10}u`, bech32.toWords(bytes(rnd, 240)), false);
    const xpubs = Object.values(XPUB_VERSIONS).map((v) => extendedKey(rnd, v, false));
    out.push(
      `Hi, my transaction is stuck. txid: ${txid}`,
      `交易哈希：${txid}，已经六个小时了还没确认。`,
      `The block explorer shows block ${block} but my payment is not in it.`,
      `我被盗了！我从来没有泄露过私钥或助记词。小偷的交易ID是 ${txid}，转到了 ${p2wpkh}`,
      `Someone stole my coins. I never shared my private key. The thief's transaction: ${txid}`,
      `Please send the refund to ${p2pkh} (or ${p2sh} if that is easier). Testnet: ${testnet}`,
      `收款地址 ${p2tr} 是不是你们支持的 Taproot 格式？`,
      `Here is my PSBT for the co-signer, can you tell me why it fails to finalize?\n${psbt}`,
      `The invoice expired before I could pay: ${invoice}`,
      `My watch-only wallet uses this xpub: ${xpubs[k % xpubs.length]}\nand the accounts: ${xpubs.join(' ')}`,
      `Here are ${xpubs.length} txids for the audit: ${Array.from({ length: 12 }, () => hex(bytes(rnd, 32))).join(', ')}`,
      `privkey field is empty in the export; the public key is ${hex(bytes(rnd, 32))} (x-only), fingerprint ${hex(bytes(rnd, 4))}`,
    );
  }
  return out;
}
