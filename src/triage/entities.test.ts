import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractEntities, parseChineseNumber } from './entities.js';

test('finds txids and checksum-valid addresses through extractBitcoinRefs', () => {
  const e = extractEntities('sent to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq, txid 9CD00914EC17C05172BDF64CD474ADB4AD9EE8668CD896BD392B7DF45036A0FD, not 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb');
  assert.deepEqual(e.txids, ['9cd00914ec17c05172bdf64cd474adb4ad9ee8668cd896bd392b7df45036a0fd']);
  assert.deepEqual(e.addresses, ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq']);
});

test('reads amounts in BTC, mBTC, sats and 聪, with digits, separators and Chinese numerals', () => {
  const e = extractEntities('转了五百聪和0.5个比特币，又发了 1,000 sats、1.2万聪、5 mBTC、0.01btc 和 0.3 顆比特幣');
  assert.deepEqual(
    e.amounts.map((a) => [a.text, a.sats]),
    [['五百聪', 500], ['0.5个比特币', 50_000_000], ['1,000 sats', 1000], ['1.2万聪', 12_000], ['5 mBTC', 500_000], ['0.01btc', 1_000_000], ['0.3 顆比特幣', 30_000_000]],
  );
});

test('parses Chinese numerals as users write them', () => {
  assert.equal(parseChineseNumber('五百'), 500);
  assert.equal(parseChineseNumber('一千二百'), 1200);
  assert.equal(parseChineseNumber('两万'), 20_000);
  assert.equal(parseChineseNumber('十五'), 15);
  assert.equal(parseChineseNumber('半'), 0.5);
  assert.equal(parseChineseNumber('五百万'), 5_000_000);
});

test('reads absolute dates with their time and relative times in Chinese and English', () => {
  const e = extractEntities('2026-11-20 14:00 转的，三天前又转了一次，yesterday and 3 days ago, 11月20日 下午3点');
  assert.deepEqual(e.times, [
    { text: '2026-11-20 14:00', kind: 'absolute', iso: '2026-11-20T14:00' },
    { text: '三天前', kind: 'relative' },
    { text: 'yesterday', kind: 'relative' },
    { text: '3 days ago', kind: 'relative' },
    { text: '11月20日 下午3点', kind: 'absolute', iso: '--11-20T15:00' },
  ]);
});

test('reads app versions, devices and operating systems without mistaking an OS version for the app version', () => {
  const zh = extractEntities('华为 Mate 60，鸿蒙4.0，版本 4.1 打开就闪退');
  assert.deepEqual(zh.devices, ['华为 Mate 60']);
  assert.deepEqual(zh.os, ['鸿蒙4.0']);
  assert.deepEqual(zh.appVersions, ['版本 4.1']);
  const en = extractEntities('v2.3.1 on iPhone 15 with iOS 17.2; also my Ledger Nano X on Windows 11 and a Pixel 8 on Android 14');
  assert.deepEqual(en.appVersions, ['v2.3.1']);
  assert.deepEqual(en.devices, ['iPhone 15', 'Ledger Nano X', 'Pixel 8']);
  assert.deepEqual(en.os, ['iOS 17.2', 'Windows 11', 'Android 14']);
});
