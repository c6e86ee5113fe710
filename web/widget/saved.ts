/**
 * What the widget keeps in the host page's localStorage, one key per brand: the session token (to resume the
 * conversation after a reload) and the outbox (messages typed but not yet acknowledged, resent with the same
 * client_id). Storage can be missing or full (private modes, sandboxed frames): then it lives in memory only.
 */
import type { Outgoing } from './protocol';

export interface Saved {
  session: string | null;
  outbox: Outgoing[];
  /** The language the visitor chose in the pre-chat step. */
  language?: string;
}

export function savedState(brand: string): { load(): Saved; save(s: Saved): void } {
  const key = `walletdesk-chat:${brand}`;
  let memory: Saved = { session: null, outbox: [] };
  return {
    load() {
      try {
        const raw = localStorage.getItem(key);
        if (raw) {
          const parsed = JSON.parse(raw) as Partial<Saved>;
          memory = {
            session: typeof parsed.session === 'string' ? parsed.session : null,
            outbox: (Array.isArray(parsed.outbox) ? parsed.outbox : [])
              .filter((m) => m && typeof m.client_id === 'string' && typeof m.body === 'string')
              .map((m) => ({ client_id: m.client_id, body: m.body, attachment_ids: m.attachment_ids ?? [], attachments: m.attachments ?? [] })),
            ...(typeof parsed.language === 'string' ? { language: parsed.language } : {}),
          };
        }
      } catch {
        // unreadable or blocked storage: keep what is in memory
      }
      return { ...memory, outbox: [...memory.outbox] };
    },
    save(s) {
      memory = { ...s, outbox: [...s.outbox] };
      try {
        if (s.session || s.outbox.length) localStorage.setItem(key, JSON.stringify(memory));
        else localStorage.removeItem(key);
      } catch {
        // storage blocked or full: memory only
      }
    },
  };
}
