import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage } from './language.js';

test('tells Simplified from Traditional Chinese by the characters only one of them uses', () => {
  assert.equal(detectLanguage('我的钱包被盗了，怎么办'), 'zh-Hans');
  assert.equal(detectLanguage('我的錢包被盜了，怎麼辦'), 'zh-Hant');
});

test('reads a Chinese message with English words mixed in as Chinese', () => {
  assert.equal(detectLanguage('我的tx一直pending，已经12个小时了，fee给的 2 sat/vB'), 'zh-Hans');
  assert.equal(detectLanguage('急 my withdrawal from OKX not arrived yet, 已经过了一天'), 'zh-Hans');
  assert.equal(detectLanguage('我的 wallet 被 hack 了，BTC 全部不見，怎麼辦'), 'zh-Hant');
});

test('does not let a txid or an address make an English message look like anything else', () => {
  assert.equal(detectLanguage('stuck tx 9cd00914ec17c05172bdf64cd474adb4ad9ee8668cd896bd392b7df45036a0fd to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'), 'en');
});

test('names other languages by their script or their common words', () => {
  assert.equal(detectLanguage('ウォレットが開きません'), 'ja');
  assert.equal(detectLanguage('지갑이 열리지 않아요'), 'ko');
  assert.equal(detectLanguage('Мой кошелек не открывается'), 'ru');
  assert.equal(detectLanguage('Ich bekomme keine Bitcoin, obwohl sie vor drei Stunden transferiert wurden'), 'de');
  assert.equal(detectLanguage('Ayer envié 400 dólares a mi billetera y nunca llegó el btc'), 'es');
  assert.equal(detectLanguage('Tôi không nhận được bitcoin'), 'vi');
});

test('says und when there is nothing to judge by, and Chinese for full-width punctuation alone', () => {
  assert.equal(detectLanguage('...'), 'und');
  assert.equal(detectLanguage('？？？'), 'zh-Hans');
});
