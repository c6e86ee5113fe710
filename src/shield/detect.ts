/** findSecrets and redactSecrets: the shield's inbound half. */
import { releaseLargeScratch, scan } from './scan.js';
import { findPhrases, type Candidate } from './phrases.js';
import { findKeys } from './keys.js';
import { REDACTION_MARKERS, type SecretFinding } from './types.js';

/**
 * Every secret in `text`, in order, without overlaps: recovery phrases (BIP39 in all ten lists, Electrum,
 * SLIP-39) and private keys (WIF, extended, hex called a key). Offsets are UTF-16 code units, end exclusive.
 */
export function findSecrets(text: string): SecretFinding[] {
  const r = scan(text);
  const candidates = findPhrases(text, r);
  if (r.keys.length > 0) candidates.push(...findKeys(text, r.keys));
  releaseLargeScratch();
  return merge(candidates);
}

/** Overlapping candidates become one finding spanning them all, of the kind we are surest of. */
function merge(candidates: Candidate[]): SecretFinding[] {
  if (candidates.length === 0) return [];
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretFinding[] = [];
  let cur = { ...(candidates[0] as Candidate) };
  for (let i = 1; i < candidates.length; i++) {
    const c = candidates[i] as Candidate;
    if (c.start < cur.end) {
      cur.end = Math.max(cur.end, c.end);
      if (c.confidence > cur.confidence) {
        cur.kind = c.kind;
        cur.confidence = c.confidence;
      }
    } else {
      out.push({ kind: cur.kind, start: cur.start, end: cur.end });
      cur = { ...c };
    }
  }
  out.push({ kind: cur.kind, start: cur.start, end: cur.end });
  return out;
}

/**
 * `text` with every secret replaced by its kind's marker (REDACTION_MARKERS), and the findings (offsets in
 * the input). A text without secrets is returned as the very same string.
 */
export function redactSecrets(text: string): { text: string; findings: SecretFinding[] } {
  const findings = findSecrets(text);
  if (findings.length === 0) return { text, findings };
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + REDACTION_MARKERS[f.kind];
    at = f.end;
  }
  return { text: out + text.slice(at), findings };
}

/**
 * Secrets in a sequence of texts read as one, joined by line breaks: the recent messages of one
 * conversation, where a customer may send a phrase a few words (or one word) per chat message. Returns
 * the findings of each text in its own offsets; a secret spanning several texts appears in each of them.
 */
export function findSecretsAcross(texts: readonly string[]): SecretFinding[][] {
  const out: SecretFinding[][] = texts.map(() => []);
  const starts: number[] = [];
  let at = 0;
  for (const t of texts) {
    starts.push(at);
    at += t.length + 1;
  }
  for (const f of findSecrets(texts.join('\n'))) {
    texts.forEach((t, i) => {
      const base = starts[i] as number;
      const start = Math.max(f.start, base);
      const end = Math.min(f.end, base + t.length);
      if (start < end) out[i]?.push({ kind: f.kind, start: start - base, end: end - base });
    });
  }
  return out;
}
