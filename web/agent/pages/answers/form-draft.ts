/**
 * Unsaved article and macro edits kept in localStorage (issue 17), so a reload or a crash does not lose them.
 * The same rule as the reply drafts: a form whose text looks like a recovery phrase is never written.
 */
import { useEffect, useRef, useState } from 'react';
import { clearDraft, looksLikePhrase, readDraft, writeDraft } from '../../../shared/draft';

/**
 * [value, setValue, restored, discard, forget]: the form's state, initialised from a stored draft when there is
 * one (`restored` is then true); every change is stored; `discard` goes back to `initial`; `forget` drops the
 * draft after a save. `initial` may arrive later (a loaded article): it is used unless a draft was restored.
 */
export function useFormDraft<T extends object>(key: string, initial: T | null, texts: (v: T) => string): [T | null, (v: T) => void, boolean, () => void, () => void] {
  const stored = useRef<T | null>(null);
  if (stored.current === null) {
    const raw = readDraft(localStorage, key);
    try {
      stored.current = raw ? (JSON.parse(raw) as T) : null;
    } catch {
      stored.current = null;
    }
  }
  const [value, setValueState] = useState<T | null>(stored.current ?? initial);
  const [restored, setRestored] = useState(stored.current !== null);
  // Once someone has typed, a new `initial` (the desk's lists refreshed, the language switched) must not wipe it.
  const dirty = useRef(false);
  useEffect(() => {
    if (!restored && !dirty.current && initial) setValueState(initial);
  }, [initial]);
  const setValue = (v: T) => {
    dirty.current = true;
    setValueState(v);
    // The whole form as one JSON draft; writeDraft's own check sees the JSON, so check the texts themselves too.
    if (looksLikePhrase(texts(v))) clearDraft(localStorage, key);
    else writeDraft(localStorage, key, JSON.stringify(v));
  };
  const forget = () => {
    dirty.current = false;
    clearDraft(localStorage, key);
    stored.current = null;
    setRestored(false);
  };
  const discard = () => {
    forget();
    setValueState(initial);
  };
  return [value, setValue, restored, discard, forget];
}
