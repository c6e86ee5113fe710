/**
 * Drafts kept in the browser so a reload does not lose what someone typed (the agent's reply, the customer's
 * request). A draft that looks like a recovery phrase (twelve or more BIP-39 words in a row) is never written
 * to storage: secrets are not stored anywhere, not even in the typist's own browser.
 */
import { wordlist } from '@scure/bip39/wordlists/english.js';

const WORDS = new Set(wordlist);

/** The part of localStorage/sessionStorage a draft needs. */
export interface DraftStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** True when the text holds a run of 12 or more BIP-39 English words (a recovery phrase, or most of one). */
export function looksLikePhrase(text: string): boolean {
  let run = 0;
  for (const w of text.toLowerCase().split(/[^a-z]+/)) {
    if (!w) continue;
    run = WORDS.has(w) ? run + 1 : 0;
    if (run >= 12) return true;
  }
  return false;
}

/** Reads a stored draft; null when there is none or storage is unavailable. */
export function readDraft(store: DraftStore, key: string): string | null {
  try {
    return store.getItem(key);
  } catch {
    return null;
  }
}

/** Stores a draft, or removes it when it is empty or looks like a recovery phrase. */
export function writeDraft(store: DraftStore, key: string, value: string): void {
  try {
    if (!value.trim() || looksLikePhrase(value)) store.removeItem(key);
    else store.setItem(key, value);
  } catch {
    // Storage full or disabled (private mode): the draft simply is not kept.
  }
}

/** Forgets a draft (after it was sent). */
export function clearDraft(store: DraftStore, key: string): void {
  try {
    store.removeItem(key);
  } catch {
    // nothing to forget
  }
}
