/** Drafts in the browser never hold a recovery phrase; everything else is kept and an empty draft is removed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { looksLikePhrase, readDraft, writeDraft, type DraftStore } from '../../web/shared/draft.js';

/** A Map-backed store, as the browser's localStorage/sessionStorage behave for these calls. */
function memoryStorage(): DraftStore {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    removeItem: (k: string) => void m.delete(k),
    setItem: (k: string, v: string) => void m.set(k, String(v)),
  };
}

test('a twelve-word recovery phrase, even inside a sentence or with commas, looks like a phrase', () => {
  const phrase = entropyToMnemonic(new Uint8Array(16).fill(7), wordlist);
  assert.ok(looksLikePhrase(phrase));
  assert.ok(looksLikePhrase(`Here are my words: ${phrase.split(' ').join(', ')}. Please help!`));
  assert.ok(looksLikePhrase(phrase.toUpperCase()));
});

test('ordinary support text, English or Chinese, does not look like a phrase', () => {
  assert.equal(looksLikePhrase('My withdrawal of 0.01 BTC has been pending for three days, the fee was too low I think.'), false);
  assert.equal(looksLikePhrase('我三天前转了 0.01 BTC，到现在还没有到账。'), false);
  assert.equal(looksLikePhrase('abandon ability able about above absent absorb abstract absurd abuse access'), false, 'eleven words are not enough');
});

test('writeDraft keeps text, removes an empty draft and never writes a phrase', () => {
  const store = memoryStorage();
  writeDraft(store, 'k', 'half an answer');
  assert.equal(readDraft(store, 'k'), 'half an answer');
  writeDraft(store, 'k', `words ${entropyToMnemonic(new Uint8Array(32).fill(1), wordlist)}`);
  assert.equal(readDraft(store, 'k'), null, 'the previous draft is removed, the phrase not written');
  writeDraft(store, 'k', 'again');
  writeDraft(store, 'k', '   ');
  assert.equal(readDraft(store, 'k'), null);
});
