/** hoodiecrow-imap (a scriptable in-memory IMAP server, used only in tests) ships no types. */
declare module 'hoodiecrow-imap' {
  import type { Server } from 'node:net';
  interface HoodiecrowMailbox {
    uidvalidity?: number;
    messages?: Array<{ raw: string; flags?: string[]; uid?: number }>;
  }
  export interface Hoodiecrow {
    server: Server;
    listen(port: number, host: string, callback: () => void): void;
    close(callback?: () => void): void;
    appendMessage(mailbox: string, flags: string[], internaldate: Date, raw: string): unknown;
  }
  export default function hoodiecrow(options: { plugins?: string[]; users?: Record<string, { password: string }>; storage?: Record<string, HoodiecrowMailbox> }): Hoodiecrow;
}
