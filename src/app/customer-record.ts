/**
 * The customer's record of a conversation (issue 18): every public message with its time, the attachments
 * listed, calls' start and end, voicemail transcripts, in the customer's language; agents may add internal notes.
 * Each entry is hashed with the hash before it (SHA-256 chain, starting from the record's header) and the last
 * hash is signed with the desk's Ed25519 key (its private half sealed at rest), so the customer can later show
 * the record was not altered: `verifyRecord` (POST /api/v1/records/verify) checks chain and signature.
 */
import { createHash } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { notFound } from '../core/errors.js';
import type { Principal } from '../core/policy.js';
import type { Ticket } from '../core/ticket.js';
import { language as catalogueLanguage, type Language } from '../i18n/index.js';
import { openPortalLink } from '../channels/help-center/portal-links.js';
import { historyEvent } from './history.js';
import type { Deps } from './ports.js';
import { loadVisibleTicket } from './ticket-access.js';

export const RECORD_VERSION = 1;

/** One line of the record. `author` is who wrote it; `name` the agent's name for support's messages. */
export interface RecordEntry {
  at: string;
  kind: 'message' | 'note' | 'call_started' | 'call_ended' | 'voicemail';
  author: 'customer' | 'agent' | 'desk';
  name: string | null;
  text: string;
  attachments: Array<{ filename: string; content_type: string; size: number; sha256: string }>;
  /** Call length in seconds (call_ended). */
  seconds?: number;
}

export interface RecordHeader {
  v: number;
  brand: string;
  ticket_id: string;
  number: number;
  subject: string;
  opened_at: string;
  language: Language;
  time_zone: string;
  exported_at: string;
  internal_notes: boolean;
}

/** A signed record: header and entries, the hash after each entry, and the signature over the last hash. */
export interface SignedRecord {
  header: RecordHeader;
  entries: RecordEntry[];
  /** hashes[0] covers the header; hashes[i + 1] covers entries[i] and hashes[i]. */
  hashes: string[];
  signature: string;
  public_key: string;
}

/** Canonical JSON: keys sorted at every level, so the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const GENESIS = '0'.repeat(64);

/** The chain: hashes[0] = H(GENESIS ‖ header), hashes[i+1] = H(hashes[i] ‖ entries[i]). */
export function chainHashes(header: RecordHeader, entries: readonly RecordEntry[]): string[] {
  const hashes = [sha256(GENESIS + canonicalJson(header))];
  for (const e of entries) hashes.push(sha256(hashes[hashes.length - 1]! + canonicalJson(e)));
  return hashes;
}

/** What is signed: the version and the chain's last hash. */
const signedText = (head: string): Uint8Array => new TextEncoder().encode(`walletdesk-record-v${RECORD_VERSION}:${head}`);

/** The desk's record key: made on first use (every instance then reads the one stored first). */
export async function recordKey(deps: Pick<Deps, 'store' | 'secrets' | 'clock'>): Promise<{ publicKey: string; secretKey: Uint8Array }> {
  let stored = await deps.store.freezes.getRecordKey();
  if (!stored) {
    const secret = ed25519.utils.randomSecretKey();
    const pub = Buffer.from(ed25519.getPublicKey(secret)).toString('hex');
    await deps.store.freezes.insertRecordKey(pub, deps.secrets.seal(Buffer.from(secret).toString('hex')), deps.clock.now().toISOString());
    stored = await deps.store.freezes.getRecordKey();
    if (!stored) throw new Error('record key not stored');
  }
  return { publicKey: stored.publicKey, secretKey: Uint8Array.from(Buffer.from(deps.secrets.open(stored.privateKeySealed), 'hex')) };
}

/** The desk's public key (hex), for verifiers; null before the first record. */
export async function recordPublicKey(deps: Pick<Deps, 'store'>): Promise<string | null> {
  return (await deps.store.freezes.getRecordKey())?.publicKey ?? null;
}

const ATTACHMENT_FIELDS = (a: { filename: string; contentType: string; size: number; sha256: string }) => ({ filename: a.filename, content_type: a.contentType, size: a.size, sha256: a.sha256 });

/** Builds and signs the record of a ticket (no access check: callers check). */
export async function buildRecord(
  deps: Pick<Deps, 'store' | 'secrets' | 'clock'>,
  ticket: Ticket,
  options: { internalNotes: boolean; language?: Language },
): Promise<SignedRecord> {
  const [brand, customer, messages, events] = await Promise.all([
    deps.store.brands.get(ticket.brandId),
    deps.store.customers.get(ticket.requesterId),
    deps.store.messages.listForTicket(ticket.id),
    deps.store.events.listForTicket(ticket.id, { limit: 5000 }),
  ]);
  if (!brand) throw notFound('Ticket');
  const lang = options.language ?? catalogueLanguage(ticket.language ?? customer?.language ?? null, brand.defaultLanguage);
  const shown = messages.filter((m) => m.public || options.internalNotes);
  const attachments = await deps.store.attachments.listForMessages(shown.map((m) => m.id));
  const agentIds = [...new Set(shown.filter((m) => m.authorType === 'agent' && m.authorId).map((m) => m.authorId!))];
  const agents = new Map((await Promise.all(agentIds.map((id) => deps.store.agents.get(id)))).filter((a) => a !== null).map((a) => [a.id, a.name]));

  const entries: RecordEntry[] = [];
  for (const m of shown) {
    const kind = m.meta.kind === 'voicemail_transcript' ? 'voicemail' : m.public ? 'message' : 'note';
    entries.push({
      at: m.createdAt,
      kind,
      author: m.authorType === 'system' ? 'desk' : m.authorType,
      name: m.authorType === 'agent' && m.authorId ? (agents.get(m.authorId) ?? null) : null,
      text: m.body,
      attachments: attachments.filter((a) => a.messageId === m.id).map(ATTACHMENT_FIELDS),
    });
  }
  for (const e of events) {
    if (e.type === 'call.received') entries.push({ at: e.at, kind: 'call_started', author: 'desk', name: null, text: '', attachments: [] });
    if (e.type === 'call.ended') {
      const seconds = Number(e.data.duration_seconds ?? e.data.talked_seconds ?? 0);
      entries.push({ at: e.at, kind: 'call_ended', author: 'desk', name: null, text: '', attachments: [], seconds: Number.isFinite(seconds) ? seconds : 0 });
    }
  }
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const header: RecordHeader = {
    v: RECORD_VERSION,
    brand: brand.name,
    ticket_id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    opened_at: ticket.createdAt,
    language: lang,
    time_zone: brand.timeZone,
    exported_at: deps.clock.now().toISOString(),
    internal_notes: options.internalNotes,
  };
  const hashes = chainHashes(header, entries);
  const key = await recordKey(deps);
  const signature = Buffer.from(ed25519.sign(signedText(hashes[hashes.length - 1]!), key.secretKey)).toString('hex');
  return { header, entries, hashes, signature, public_key: key.publicKey };
}

/** What a verification found: `valid` only when every hash matches and the desk's key signed the last one. */
export interface RecordVerdict {
  valid: boolean;
  /** The first entry whose hash does not match (-1: the header), or null. */
  first_bad_entry: number | null;
  signature_valid: boolean;
  /** The key is this desk's own. */
  desk_key: boolean;
  reason: string | null;
}

/** Checks a record's chain and signature against this desk's key. */
export async function verifyRecord(deps: Pick<Deps, 'store'>, record: SignedRecord): Promise<RecordVerdict> {
  const deskKey = await recordPublicKey(deps);
  const expected = chainHashes(record.header, record.entries);
  let firstBad: number | null = null;
  for (let i = 0; i < Math.max(expected.length, record.hashes.length); i++) {
    if (expected[i] !== record.hashes[i]) {
      firstBad = i - 1;
      break;
    }
  }
  let signatureValid = false;
  try {
    signatureValid = ed25519.verify(Uint8Array.from(Buffer.from(record.signature, 'hex')), signedText(expected[expected.length - 1]!), Uint8Array.from(Buffer.from(record.public_key, 'hex')));
  } catch {
    signatureValid = false;
  }
  const isDeskKey = deskKey !== null && deskKey === record.public_key;
  const valid = firstBad === null && signatureValid && isDeskKey;
  const reason = valid
    ? null
    : firstBad !== null
      ? firstBad < 0
        ? 'The record header was changed.'
        : `Entry ${firstBad + 1} was changed, added or removed.`
      : !signatureValid
        ? 'The signature does not match the record.'
        : 'The record was signed by another key than this desk\'s.';
  return { valid, first_bad_entry: firstBad, signature_valid: signatureValid, desk_key: isDeskKey, reason };
}

/** Reads a record's JSON into the typed shape; null when it is not one. */
export function parseRecord(value: unknown): SignedRecord | null {
  if (!value || typeof value !== 'object') return null;
  const r = value as Partial<SignedRecord>;
  if (!r.header || typeof r.header !== 'object' || !Array.isArray(r.entries) || !Array.isArray(r.hashes) || typeof r.signature !== 'string' || typeof r.public_key !== 'string') return null;
  return r as SignedRecord;
}

/** An agent exports a ticket's record (internal notes only when asked). Recorded in the history. */
export async function exportRecordForAgent(
  deps: Pick<Deps, 'store' | 'secrets' | 'clock'>,
  principal: Principal,
  ticketRef: string,
  options: { internalNotes: boolean; language?: Language; format: string },
): Promise<SignedRecord> {
  const ticket = await loadVisibleTicket(deps.store, principal, ticketRef);
  const record = await buildRecord(deps, ticket, options);
  await deps.store.events.append([
    historyEvent({ type: 'record.exported', actor: { type: 'agent', id: principal.agentId }, at: record.header.exported_at, subjectType: 'ticket', subjectId: ticket.id, data: { format: options.format, internal_notes: options.internalNotes, head: record.hashes[record.hashes.length - 1] } }),
  ]);
  return record;
}

/** The customer downloads their record through their status link (public messages only, their language). */
export async function exportRecordForCustomer(deps: Pick<Deps, 'store' | 'secrets' | 'clock'>, token: string, format: string): Promise<SignedRecord> {
  const access = await openPortalLink(deps, token);
  const record = await buildRecord(deps, access.ticket, { internalNotes: false });
  await deps.store.events.append([
    historyEvent({ type: 'record.exported', actor: { type: 'customer', id: access.ticket.requesterId, via: 'help_center' }, at: record.header.exported_at, subjectType: 'ticket', subjectId: access.ticket.id, data: { format, internal_notes: false, head: record.hashes[record.hashes.length - 1] } }),
  ]);
  return record;
}

/** A chat visitor downloads the record of their conversation (the chat route checks the session and its proof). */
export async function exportRecordForChat(deps: Pick<Deps, 'store' | 'secrets' | 'clock'>, ticketId: string | null, format: string): Promise<SignedRecord> {
  const ticket = ticketId ? await deps.store.tickets.get(ticketId) : null;
  if (!ticket) throw notFound('Conversation');
  const record = await buildRecord(deps, ticket, { internalNotes: false });
  await deps.store.events.append([
    historyEvent({ type: 'record.exported', actor: { type: 'customer', id: ticket.requesterId, via: 'chat' }, at: record.header.exported_at, subjectType: 'ticket', subjectId: ticket.id, data: { format, internal_notes: false, head: record.hashes[record.hashes.length - 1] } }),
  ]);
  return record;
}
