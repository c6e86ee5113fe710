/**
 * Proof of address ownership against published vectors (test/corpus/signed-messages/vectors.json, each with its
 * source): BIP-322 simple signatures (P2WPKH, P2TR) and legacy BIP-137 ones, strict and loose, and wrong ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { base64 } from '@scure/base';
import { verifySignedMessage } from '../../src/bitcoin/signed-message.js';

interface Vector {
  source: string;
  address: string;
  message: string;
  signature: string;
  mode?: string;
  why?: string;
}
const vectors = JSON.parse(readFileSync(new URL('../corpus/signed-messages/vectors.json', import.meta.url), 'utf8')) as {
  sources: Record<string, string>;
  valid: Vector[];
  invalid: Vector[];
  strict_headers: { message: string; signature: string; by_header: Record<'pkh_uncompressed' | 'pkh' | 'sh_wpkh' | 'wpkh', string> };
};

test('every vector names a recorded source', () => {
  for (const v of [...vectors.valid, ...vectors.invalid]) assert.ok(vectors.sources[v.source], v.address);
});

for (const v of vectors.valid) {
  test(`verifies ${v.mode} for ${v.address} (${JSON.stringify(v.message).slice(0, 30)}, ${v.source})`, () => {
    assert.deepEqual(verifySignedMessage(v.address, v.message, v.signature), { kind: 'valid', mode: v.mode });
  });
}

for (const v of vectors.invalid) {
  test(`refuses a wrong signature: ${v.why}`, () => {
    assert.equal(verifySignedMessage(v.address, v.message, v.signature).kind, 'invalid');
  });
}

test('BIP-137 strict mode accepts a header only for its own address type; loose mode takes the rest', () => {
  const { message, signature, by_header } = vectors.strict_headers;
  const bytes = base64.decode(signature);
  const recovery = (bytes[0]! - 27) & 3;
  const kinds = [
    ['pkh_uncompressed', 27],
    ['pkh', 31],
    ['sh_wpkh', 35],
    ['wpkh', 39],
  ] as const;
  for (const [kind, base] of kinds) {
    const sig = Uint8Array.from(bytes);
    sig[0] = base + recovery;
    const encoded = base64.encode(sig);
    for (const [other] of kinds) {
      const result = verifySignedMessage(by_header[other], message, encoded);
      if (other === kind) assert.deepEqual(result, { kind: 'valid', mode: 'bip137_strict' }, `${kind} header on ${other}`);
      else if (other === 'pkh_uncompressed' || kind === 'pkh_uncompressed') {
        // The uncompressed key's address and the compressed key's addresses are different keys' hashes: only
        // loose mode (any header) can match them, and it does.
        assert.equal(result.kind, 'valid', `${kind} header on ${other}`);
        assert.equal((result as { mode: string }).mode, 'bip137_loose');
      } else assert.deepEqual(result, { kind: 'valid', mode: 'bip137_loose' }, `${kind} header on ${other}`);
    }
  }
});

test('a signature over the same message for another key is refused, and garbage is malformed, not a crash', () => {
  const v = vectors.valid[0]!;
  assert.deepEqual(verifySignedMessage(v.address, v.message, 'not base64 at all!!'), { kind: 'invalid', reason: 'malformed' });
  assert.deepEqual(verifySignedMessage(v.address, v.message, base64.encode(new Uint8Array([2, 1, 0]))), { kind: 'invalid', reason: 'malformed' });
  assert.deepEqual(verifySignedMessage('bc1notanaddress', v.message, v.signature), { kind: 'unsupported', reason: 'address' });
  // A P2WSH (multisig) address cannot sign a simple message: the desk offers a test transaction instead.
  assert.equal(verifySignedMessage('bc1qeklep85ntjz4605drds6aww9u0qr46qzrv5xswd35uhjuj8ahfcqgf6hak', v.message, v.signature).kind, 'unsupported');
});
