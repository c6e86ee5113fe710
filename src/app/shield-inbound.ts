/**
 * The secret shield on the way in: every text a customer sends — body, subject, HTML, their name, form
 * fields, channel metadata (quoted e-mail history, transcripts) — loses any recovery phrase or private key
 * before anything is stored, indexed, logged, queued or sent on. Only the kind and position are kept.
 */
import { invalid } from '../core/errors.js';
import type { TicketDetails } from '../core/ticket.js';
import { t } from '../i18n/index.js';
import { REDACTION_MARKERS, findSecretsAcross, redactSecrets, type SecretFinding, type SecretKind } from '../shield/index.js';

/** Where a secret was, for the history: the field, the kind and the UTF-16 range in the original text. */
export interface ShieldFinding {
  field: string;
  kind: SecretKind;
  start: number;
  end: number;
}

export interface ShieldedText {
  subject: string | null;
  body: string;
  bodyHtml: string | null;
  name: string | null;
  details: TicketDetails | undefined;
  meta: Record<string, unknown> | undefined;
  findings: ShieldFinding[];
}

/** Replaces the given ranges with their markers (findings sorted, not overlapping). */
export function applyRedactions(text: string, findings: readonly SecretFinding[]): string {
  let out = '';
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + REDACTION_MARKERS[f.kind];
    at = f.end;
  }
  return out + text.slice(at);
}

function redactField(value: string, field: string, findings: ShieldFinding[]): string {
  const r = redactSecrets(value);
  for (const f of r.findings) findings.push({ field, kind: f.kind, start: f.start, end: f.end });
  return r.text;
}

/** Redacts every string inside a JSON-like value (channel metadata), naming each by its path. */
function redactDeep(value: unknown, path: string, findings: ShieldFinding[], depth = 0): unknown {
  if (typeof value === 'string') return redactField(value, path, findings);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v, i) => redactDeep(v, `${path}[${i}]`, findings, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, `${path}.${k}`, findings, depth + 1);
  return out;
}

export function shieldInbound(input: {
  subject?: string | null;
  body: string;
  bodyHtml?: string | null;
  name?: string | null;
  details?: TicketDetails;
  meta?: Record<string, unknown>;
}): ShieldedText {
  const findings: ShieldFinding[] = [];
  const subject = input.subject == null ? null : redactField(input.subject, 'subject', findings);
  const body = redactField(input.body, 'body', findings);
  const name = input.name == null ? null : redactField(input.name, 'name', findings);
  const details = input.details ? (redactDeep(input.details, 'details', findings) as TicketDetails) : undefined;
  const meta = input.meta ? (redactDeep(input.meta, 'meta', findings) as Record<string, unknown>) : undefined;
  // The HTML repeats the text: a phrase may hide between tags, where a text scan cannot see it whole. If the
  // message held a secret anywhere, the HTML is dropped and agents read the redacted text.
  let bodyHtml = input.bodyHtml ?? null;
  if (bodyHtml !== null) {
    const html = redactSecrets(bodyHtml);
    if (findings.length > 0 || html.findings.length > 0) {
      for (const f of html.findings) findings.push({ field: 'body_html', kind: f.kind, start: f.start, end: f.end });
      bodyHtml = null;
    }
  }
  return { subject, body, bodyHtml, name, details, meta, findings };
}

/**
 * A phrase sent a word or two per message (chat) is only visible across messages. Given the recent customer
 * messages (oldest first) and the new text, returns the redacted versions of those that held part of one.
 */
export function shieldAcrossMessages(
  recent: ReadonlyArray<{ id: string; body: string }>,
  newBody: string,
): { newBody: string; newFindings: SecretFinding[]; redacted: Array<{ id: string; body: string; findings: SecretFinding[] }> } {
  const all = findSecretsAcross([...recent.map((m) => m.body), newBody]);
  const redacted: Array<{ id: string; body: string; findings: SecretFinding[] }> = [];
  recent.forEach((m, i) => {
    const f = all[i] ?? [];
    if (f.length > 0) redacted.push({ id: m.id, body: applyRedactions(m.body, f), findings: f });
  });
  const newFindings = all[recent.length] ?? [];
  return { newBody: newFindings.length ? applyRedactions(newBody, newFindings) : newBody, newFindings, redacted };
}

/**
 * The shield on data an agent or API client writes (ticket subject, customer, agent, team and brand names):
 * a recovery phrase or key becomes its marker, as in what customers send, so it never reaches the row, the
 * search index or the append-only history. Replies and notes are refused instead (guard-outbound.ts).
 */
export function shieldWrittenText(value: string): string {
  return redactSecrets(value).text;
}

/**
 * Identifiers (tags, slugs) cannot carry a marker: a phrase in them, read together as a customer's chat
 * messages are (a phrase may come one word per tag), is refused with a 4xx naming the field.
 */
export function refuseSecretIn(values: readonly string[], field: string): void {
  if (values.length === 0) return;
  if (!findSecretsAcross(values).some((f) => f.length > 0)) return;
  throw invalid(
    `${t('en', 'shield.refused_field', { field })} ${t('zh-CN', 'shield.refused_field', { field })}`,
    { field },
  );
}
