/**
 * Imports mail from an IMAP mailbox (imapflow) for providers whose mailbox lives elsewhere. Only the instance
 * holding the mailbox's lease (a database row) polls, so several servers never import side by side. The mailbox
 * is opened read-only and never changed; progress is the highest committed UID, recorded after each message and
 * fenced by the lease, so a crash re-reads at most the message in flight (de-duplicated by Message-ID). A new
 * UIDVALIDITY re-reads the whole mailbox, again de-duplicated. A database failure stops the round without
 * advancing; the next round retries.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ImapFlow } from 'imapflow';
import type { Clock } from '../../core/clock.js';
import type { Store } from '../../app/ports.js';
import type { EmailLog, InboundProcessor } from './inbound.js';

export interface ImapPollerOptions {
  /** imap:// or imaps://user:password@host[:port][/Mailbox] (Mailbox defaults to INBOX): IMAP_URL. */
  url?: string;
  /** The mailbox as parts (a channel account), instead of `url`. */
  target?: ImapTarget;
  /** The brand the mailbox belongs to (a channel account's), for mail that names no brand address (Bcc). */
  brandId?: string;
  store: Pick<Store, 'mailboxes' | 'ping'>;
  processor: InboundProcessor;
  clock: Clock;
  pollMs: number;
  /** This instance's name for the lease. */
  owner?: string;
  leaseMs?: number;
  /**
   * The whole-message limit, the same as SMTP's (SMTP_MAX_MESSAGE_BYTES). A larger message is not downloaded:
   * its headers are, and the desk stores a note naming sender, subject and size so the customer is answered.
   */
  maxMessageBytes?: number;
  /** Messages per round. */
  batch?: number;
  /** A message whose processing keeps failing while the database answers is skipped after this many rounds. */
  maxAttempts?: number;
  /** Start polling on a timer (false in tests, which call pollOnce). */
  autoStart?: boolean;
  log?: EmailLog;
}

export type PollReport =
  | { kind: 'not_leader' }
  | { kind: 'polled'; imported: number; ignored: number; skipped: number; lastUid: number; uidValidityChanged: boolean }
  | { kind: 'failed'; error: string; lastUid: number };

export interface ImapPoller {
  /** The mailbox row's id (a hash of host, user and mailbox; no secrets). */
  mailboxId: string;
  pollOnce(): Promise<PollReport>;
  stop(): Promise<void>;
}

export interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
}

/** Reads an IMAP_URL. */
export function parseImapUrl(url: string): ImapTarget {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\/+/, '')) || 'INBOX',
  };
}

export function startImapPoller(options: ImapPollerOptions): ImapPoller {
  const target = options.target ?? parseImapUrl(options.url ?? '');
  const mailboxId = `imap:${createHash('sha256').update(`${target.host}:${target.port}/${target.user}/${target.mailbox}`).digest('hex').slice(0, 32)}`;
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const leaseMs = options.leaseMs ?? Math.max(3 * options.pollMs, 60_000);
  const maxAttempts = options.maxAttempts ?? 5;
  const failures = new Map<number, number>();
  const { store, processor, log } = options;
  let running: Promise<PollReport> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function round(): Promise<PollReport> {
    const now = options.clock.now();
    const state = await store.mailboxes.acquire(mailboxId, owner, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString());
    if (!state) return { kind: 'not_leader' };

    const client = new ImapFlow({
      host: target.host,
      port: target.port,
      secure: target.secure,
      auth: { user: target.user, pass: target.pass },
      logger: false,
      emitLogs: false,
    });
    client.on('error', (err: Error) => log?.warn({ area: 'email', stage: 'imap', err: { message: err.message } }, 'imap connection error'));
    let lastUid = state.lastUid;
    let imported = 0;
    let ignored = 0;
    let skipped = 0;
    try {
      await client.connect();
      const box = await client.mailboxOpen(target.mailbox, { readOnly: true });
      const uidValidity = String(box.uidValidity);
      const uidValidityChanged = state.uidValidity !== null && state.uidValidity !== uidValidity;
      if (uidValidityChanged) {
        log?.warn({ area: 'email', mailbox: mailboxId }, 'UIDVALIDITY changed; re-reading the mailbox (duplicates are skipped)');
        lastUid = 0;
      }
      const mailboxBrand = options.brandId || !target.user.includes('@') ? null : await processor.checkRecipient(target.user);
      const fallbackBrandId = options.brandId ?? (mailboxBrand?.kind === 'brand' ? mailboxBrand.brandId : await processor.defaultBrandId());

      const found = (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
      const uids = found.filter((uid) => uid > lastUid).sort((a, b) => a - b).slice(0, options.batch ?? 100);
      for (const uid of uids) {
        if (stopped) break;
        try {
          // The size (RFC822.SIZE) first: an oversized message is never downloaded whole, only its headers.
          const head = await client.fetchOne(String(uid), { size: true, headers: true }, { uid: true });
          if (!head) throw new Error(`message ${uid} is gone`);
          const oversize = options.maxMessageBytes !== undefined && head.size !== undefined && head.size > options.maxMessageBytes;
          const message = oversize ? null : await client.fetchOne(String(uid), { source: true }, { uid: true });
          const raw = oversize ? head.headers : message ? message.source : undefined;
          if (!raw) throw new Error(`message ${uid} has no source`);
          if (oversize) log?.warn({ area: 'email', mailbox: mailboxId, uid, size: head.size }, 'imap message over the size limit; storing a note instead');
          const outcome = await processor.process(raw, { mailFrom: null, recipients: [], via: 'imap', fallbackBrandId, ...(oversize ? { oversizeBytes: head.size } : {}) });
          if (outcome.kind === 'stored') imported++;
          else if (outcome.kind === 'rejected') {
            skipped++;
            log?.warn({ area: 'email', mailbox: mailboxId, uid, reason: outcome.reply }, 'imap message not importable; skipped');
          } else ignored++;
          failures.delete(uid);
        } catch (err) {
          const attempts = (failures.get(uid) ?? 0) + 1;
          failures.set(uid, attempts);
          // While the database is down, wait: skipping would lose the message.
          const dbUp = await store.ping().then(
            () => true,
            () => false,
          );
          if (!dbUp || attempts < maxAttempts) throw err;
          skipped++;
          failures.delete(uid);
          log?.warn({ area: 'email', mailbox: mailboxId, uid, attempts, err: { message: err instanceof Error ? err.message : String(err) } }, 'imap message failed repeatedly; skipped');
        }
        if (!(await store.mailboxes.advance(mailboxId, owner, uidValidity, uid, options.clock.now().toISOString()))) {
          log?.warn({ area: 'email', mailbox: mailboxId }, 'lost the mailbox lease; stopping this round');
          break;
        }
        lastUid = uid;
      }
      // Record the mailbox's UIDVALIDITY even when there was nothing to import.
      if (uids.length === 0 && state.uidValidity !== uidValidity) await store.mailboxes.advance(mailboxId, owner, uidValidity, lastUid, options.clock.now().toISOString());
      return { kind: 'polled', imported, ignored, skipped, lastUid, uidValidityChanged };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      log?.warn({ area: 'email', mailbox: mailboxId, lastUid, err: { message: error } }, 'imap round failed; will retry');
      return { kind: 'failed', error, lastUid };
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  function schedule(delay: number) {
    if (stopped || options.autoStart === false) return;
    timer = setTimeout(() => {
      void pollOnce().finally(() => schedule(options.pollMs));
    }, delay);
    timer.unref();
  }

  function pollOnce(): Promise<PollReport> {
    running ??= round()
      .catch((err: unknown): PollReport => ({ kind: 'failed', error: err instanceof Error ? err.message : String(err), lastUid: -1 }))
      .finally(() => {
        running = null;
      });
    return running;
  }

  schedule(0);
  return {
    mailboxId,
    pollOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await store.mailboxes.release(mailboxId, owner).catch(() => undefined);
    },
  };
}
