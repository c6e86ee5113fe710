import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchDocument, searchQueryWords } from './search-text.js';

test('segments Chinese into words and also single characters', () => {
  const words = searchDocument('交易一直没有确认').split(' ');
  assert.ok(words.includes('交易') && words.includes('确认'), words.join(' '));
  assert.ok(words.includes('确') && words.includes('认'), words.join(' '));
});

test('every query word of a Chinese phrase is found in a document containing it', () => {
  const doc = new Set(searchDocument('你好，我的比特币被盗了，请帮忙').split(' '));
  for (const q of ['被盗', '比特币', '盗']) {
    for (const w of searchQueryWords(q)) assert.ok(doc.has(w), `${q}: ${w}`);
  }
});

test('lower-cases English and drops punctuation', () => {
  assert.deepEqual(searchQueryWords("Transaction STUCK, don't know"), ['transaction', 'stuck', 'don', 't', 'know']);
});

test('query words never carry quote characters that could break a full-text query', () => {
  for (const w of searchQueryWords(`"a" 'b' c* (d) -e AND OR NOT`)) assert.match(w, /^[\p{L}\p{N}]+$/u);
});
