import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bech32 } from '@scure/base';
import { extractBitcoinRefs } from './extract.js';

const TXID = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16';

test('finds a txid in Chinese prose and lower-cases it', () => {
  const refs = extractBitcoinRefs(`我三天前转的币还没到账，交易ID是${TXID.toUpperCase()}，怎么办`);
  assert.deepEqual(refs.txids, [TXID]);
});

test('finds every address type on mainnet and testnet and rejects a bad checksum', () => {
  const text = [
    '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', // p2pkh
    '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', // p2sh
    'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', // p2wpkh
    'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3', // p2wsh
    'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297', // p2tr
    'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx', // testnet p2wpkh
    '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3', // bad checksum
  ].join(' ');
  const refs = extractBitcoinRefs(text);
  assert.deepEqual(
    refs.addresses.map((a) => a.type),
    ['p2pkh', 'p2sh', 'p2wpkh', 'p2wsh', 'p2tr', 'p2wpkh'],
  );
  assert.equal(refs.addresses[5]?.network, 'testnet');
});

test('ignores hex that is longer than a txid and plain words', () => {
  const refs = extractBitcoinRefs(`${TXID}00 hello bc1 world`);
  assert.deepEqual(refs, { txids: [], addresses: [], invoices: [] });
});

// BOLT 11's own test vector ("1 cup coffee", 2500u).
const INVOICE =
  'lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh';

/** The same invoice body under another network's prefix, with a correct checksum for that prefix. */
function reprefixed(hrp: string): string {
  const { words } = bech32.decode(INVOICE as `${string}1${string}`, false);
  return bech32.encode(hrp, words, false);
}

test('finds a lightning invoice behind a lightning: URI and in QR-code upper case, lower-cased', () => {
  const refs = extractBitcoinRefs(`请付款 lightning:${INVOICE.toUpperCase()} 谢谢`);
  assert.deepEqual(refs.invoices, [INVOICE]);
  assert.deepEqual(refs.addresses, [], 'the bc inside lnbc is not an address');
});

test('finds regtest and signet invoices and rejects one with a broken checksum', () => {
  const regtest = reprefixed('lnbcrt2500u');
  const signet = reprefixed('lntbs2500u');
  const broken = `${INVOICE.slice(0, -1)}${INVOICE.endsWith('q') ? 'p' : 'q'}`;
  const refs = extractBitcoinRefs(`${regtest}\n${signet}\n${broken}`);
  assert.deepEqual(refs.invoices, [regtest, signet]);
});

test('finds regtest addresses, a BIP21 URI and an explorer link, in the order the text gives them', () => {
  const refs = extractBitcoinRefs(
    [
      'bitcoin:bcrt1qcd2j7smn7rpnh44mwfjxp07ana7tdfu5s9prrs?amount=0.1',
      '和 myKn7C7DqFzf2FnEG5ot7cf8DU2aydt4UC，',
      `还有 https://mempool.space/tx/${TXID}。`,
    ].join(' '),
  );
  assert.deepEqual(
    refs.addresses.map((a) => [a.network, a.type]),
    [
      ['regtest', 'p2wpkh'],
      ['testnet', 'p2pkh'],
    ],
  );
  assert.deepEqual(refs.txids, [TXID]);
});

test('reports a repeated address once', () => {
  const a = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
  assert.equal(extractBitcoinRefs(`${a} ${a.toUpperCase()} ${a}`).addresses.length, 1);
});
