import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchDocument, searchQueryTerms } from './search-text.js';

const terms = (q: string) => searchQueryTerms(q).map((t) => t.text);

test('indexes Chinese as overlapping pairs and single characters', () => {
  const words = searchDocument('交易一直没有确认').split(' ');
  for (const w of ['交易', '易一', '确认', '确', '认']) assert.ok(words.includes(w), `${w} in ${words.join(' ')}`);
});

test('every term of a Chinese query is found in a document containing the phrase', () => {
  const doc = new Set(searchDocument('你好，我的比特币被盗了，请帮忙').split(' '));
  for (const q of ['被盗', '比特币', '盗']) {
    for (const w of terms(q)) assert.ok(doc.has(w), `${q}: ${w}`);
  }
});

test('a two-character Chinese query is one exact term, and so is an English word', () => {
  assert.deepEqual(searchQueryTerms('到账'), [{ text: '到账', prefix: false }]);
  assert.deepEqual(searchQueryTerms('冻结 wallets'), [
    { text: '冻结', prefix: false },
    { text: 'wallet', prefix: false },
  ]);
});

test('English endings are trimmed the same way in documents and queries', () => {
  const doc = new Set(searchDocument('Transactions confirmed, app crashes while syncing').split(' '));
  for (const q of ['transaction', 'confirm', 'crash', 'crashes', 'sync', 'syncing']) {
    for (const w of terms(q)) assert.ok(doc.has(w), `${q}: ${w} in ${[...doc].join(' ')}`);
  }
});

test('a trailing * and a long fragment holding digits (a txid, an address) match by prefix', () => {
  assert.deepEqual(searchQueryTerms('withdraw*'), [{ text: 'withdraw', prefix: true }]);
  assert.deepEqual(searchQueryTerms('bc1qxy2kg'), [{ text: 'bc1qxy2kg', prefix: true }]);
  assert.deepEqual(searchQueryTerms('f4184fc5'), [{ text: 'f4184fc5', prefix: true }]);
  assert.deepEqual(searchQueryTerms('0.05'), [
    { text: '0', prefix: false },
    { text: '05', prefix: false },
  ]);
});

test('Traditional Chinese and 帳 are folded to Simplified in documents and queries', () => {
  const doc = new Set(searchDocument('我的轉帳三天還沒到帳，帳戶被凍結').split(' '));
  for (const q of ['到账', '冻结', '到賬', '凍結', '账户']) {
    for (const w of terms(q)) assert.ok(doc.has(w), `${q}: ${w}`);
  }
});

test('lower-cases English and drops punctuation', () => {
  assert.deepEqual(terms("Transaction STUCK, don't know"), ['transaction', 'stuck', 'don', 't', 'know']);
});

test('query terms never carry quote characters that could break a full-text query', () => {
  for (const w of terms(`"a" 'b' c* (d) -e AND OR NOT 到"账`)) assert.match(w, /^[\p{L}\p{N}]+$/u);
});
