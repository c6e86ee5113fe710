import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addressFitsNetwork,
  GENESIS_HASHES,
  isTxid,
  networkFromCoreChain,
  networkFromGenesis,
  parseAddress,
  parseNetwork,
  parseTxid,
} from './networks.js';

const TXID = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16';

test('isTxid accepts exactly 64 hex characters', () => {
  assert.equal(isTxid(TXID), true);
  assert.equal(isTxid(TXID.toUpperCase()), true);
  assert.equal(isTxid(TXID.slice(1)), false);
  assert.equal(isTxid(`${TXID}0`), false);
  assert.equal(isTxid(`${TXID.slice(1)}g`), false);
});

test('parseTxid explains what was pasted instead of a txid', () => {
  assert.equal(parseTxid(`\n ${TXID.toUpperCase()}\t`), TXID);
  assert.throws(() => parseTxid('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'), { code: 'invalid_input', message: /Bitcoin address, not a transaction ID/ });
  assert.throws(() => parseTxid('lnbc2500u1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypq'), {
    code: 'invalid_input',
    message: /Lightning invoice/,
  });
  assert.throws(() => parseTxid(TXID.slice(0, 63)), { message: /this one has 63/ });
  assert.throws(() => parseTxid('我的交易没到账'), { code: 'invalid_input', message: /64 characters, only 0-9 and a-f/ });
});

test('the network is recognised from the genesis hash and from Core chain names', () => {
  assert.equal(networkFromGenesis(GENESIS_HASHES.mainnet), 'mainnet');
  assert.equal(networkFromGenesis(`${GENESIS_HASHES.signet.toUpperCase()}\n`), 'signet');
  assert.equal(networkFromGenesis('00'.repeat(32)), null);
  assert.equal(networkFromCoreChain('main'), 'mainnet');
  assert.equal(networkFromCoreChain('testnet4'), 'testnet4');
  assert.equal(networkFromCoreChain('liquidv1'), null);
  assert.equal(parseNetwork('test'), 'testnet');
  assert.throws(() => parseNetwork('litecoin'), { code: 'invalid_input' });
});

test('address prefixes fit the networks that use them', () => {
  const main = parseAddress('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq');
  const test3 = parseAddress('tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx');
  const reg = parseAddress('bcrt1qcd2j7smn7rpnh44mwfjxp07ana7tdfu5s9prrs');
  const base58Test = parseAddress('myKn7C7DqFzf2FnEG5ot7cf8DU2aydt4UC');
  assert.equal(addressFitsNetwork(main, 'mainnet'), true);
  assert.equal(addressFitsNetwork(main, 'testnet'), false);
  assert.equal(addressFitsNetwork(test3, 'signet'), true);
  assert.equal(addressFitsNetwork(test3, 'testnet4'), true);
  assert.equal(addressFitsNetwork(test3, 'regtest'), false, 'regtest uses bcrt1 for segwit');
  assert.equal(addressFitsNetwork(reg, 'regtest'), true);
  assert.equal(addressFitsNetwork(reg, 'testnet'), false);
  assert.equal(addressFitsNetwork(base58Test, 'regtest'), true, 'regtest shares the m/n prefixes');
});

test('parseAddress accepts an all-upper-case bech32 address from a QR code and rejects a bad checksum', () => {
  assert.equal(parseAddress('BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ').address, 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq');
  assert.throws(() => parseAddress('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx'), { code: 'invalid_input', message: /checksum/ });
  assert.throws(() => parseAddress(TXID), { message: /transaction ID, not an address/ });
});
