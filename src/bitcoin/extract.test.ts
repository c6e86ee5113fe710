import { test } from 'node:test';
import assert from 'node:assert/strict';
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
