/** The reply composer's text, kept per ticket in localStorage so a reload does not lose it; cleared on send. */
import { useEffect, useState } from 'react';
import { clearDraft, readDraft, writeDraft } from '../../../shared/draft';

const keyFor = (ticketRef: string) => `walletdesk.draft.reply.${ticketRef}`;

/** [text, setText, forget]: setText also stores the draft; forget clears it (after sending). */
export function useDraft(ticketRef: string): [string, (value: string) => void, () => void] {
  const [text, setText] = useState(() => readDraft(localStorage, keyFor(ticketRef)) ?? '');
  useEffect(() => setText(readDraft(localStorage, keyFor(ticketRef)) ?? ''), [ticketRef]);
  const set = (value: string) => {
    setText(value);
    writeDraft(localStorage, keyFor(ticketRef), value);
  };
  const forget = () => {
    setText('');
    clearDraft(localStorage, keyFor(ticketRef));
  };
  return [text, set, forget];
}
