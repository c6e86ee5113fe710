/**
 * Reads SPF, DKIM and DMARC verdicts from Authentication-Results (RFC 8601) headers that a receiving server
 * added, and flags mail that claims one of the provider's own domains but fails them: impersonating the desk is
 * how wallet scams start. The desk does not verify signatures itself (that needs DNS); it records what the
 * receiving server found.
 */
import { domainOf, withinDomain } from './addresses.js';

export type AuthResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy';

export interface AuthVerdict {
  /** The server that wrote the header (authserv-id). */
  authservId: string;
  spf: { result: AuthResult; domain: string | null } | null;
  dkim: Array<{ result: AuthResult; domain: string | null }>;
  dmarc: { result: AuthResult; domain: string | null } | null;
}

function stripComments(text: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      out += c;
      if (c === '\\' && i + 1 < text.length) out += text[++i];
      else if (c === '"') quoted = false;
    } else if (c === '"' && depth === 0) {
      quoted = true;
      out += c;
    } else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

const RESULTS = new Set<AuthResult>(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy']);

function result(value: string): AuthResult {
  const v = value.toLowerCase();
  if (v === 'hardfail') return 'fail';
  return RESULTS.has(v as AuthResult) ? (v as AuthResult) : 'neutral';
}

/** Parses one Authentication-Results header value; null when it is not one. */
export function parseAuthenticationResults(value: string): AuthVerdict | null {
  const parts = stripComments(value).split(';').map((p) => p.trim());
  const authservId = parts.shift()?.split(/\s+/)[0]?.toLowerCase();
  if (!authservId) return null;
  const verdict: AuthVerdict = { authservId, spf: null, dkim: [], dmarc: null };
  for (const part of parts) {
    const m = /^([a-z0-9-]+)\s*=\s*([a-z]+)(.*)$/is.exec(part);
    if (!m) continue;
    const method = m[1]!.toLowerCase();
    const props = new Map<string, string>();
    for (const p of m[3]!.matchAll(/([a-z0-9-]+\.[a-z0-9-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s]+)/gi)) {
      props.set(p[1]!.toLowerCase(), p[2]!.replace(/^"|"$/g, ''));
    }
    const res = result(m[2]!);
    if (method === 'spf') {
      const from = props.get('smtp.mailfrom') ?? props.get('smtp.helo') ?? null;
      verdict.spf = { result: res, domain: from ? (from.includes('@') ? domainOf(from) : from.toLowerCase()) : null };
    } else if (method === 'dkim') {
      const d = props.get('header.d') ?? (props.get('header.i') ? domainOf(props.get('header.i')!) : null);
      verdict.dkim.push({ result: res, domain: d ? d.toLowerCase() : null });
    } else if (method === 'dmarc') {
      verdict.dmarc = { result: res, domain: props.get('header.from')?.toLowerCase() ?? null };
    }
  }
  return verdict;
}

/**
 * The verdict to trust among a message's Authentication-Results headers (topmost first, as received): the first
 * written by one of `trustedAuthservIds`, or when none are configured, the topmost one (the last server's).
 */
export function pickVerdict(headers: readonly string[], trustedAuthservIds: readonly string[] = []): AuthVerdict | null {
  const parsed = headers.map(parseAuthenticationResults).filter((v): v is AuthVerdict => v !== null);
  if (trustedAuthservIds.length === 0) return parsed[0] ?? null;
  const trusted = new Set(trustedAuthservIds.map((s) => s.toLowerCase()));
  return parsed.find((v) => trusted.has(v.authservId)) ?? null;
}

export type Alignment = 'pass' | 'fail' | 'unknown';

/** Whether the From domain is authenticated: DMARC when the server evaluated it, else aligned SPF or DKIM. */
export function fromDomainAuthenticated(verdict: AuthVerdict | null, fromDomain: string): Alignment {
  if (!verdict) return 'unknown';
  if (verdict.dmarc && verdict.dmarc.result !== 'none') {
    if (verdict.dmarc.result === 'pass') return 'pass';
    if (verdict.dmarc.result === 'fail') return 'fail';
  }
  const aligned = (d: string | null) => d !== null && (withinDomain(fromDomain, d) || withinDomain(d, fromDomain));
  if (verdict.dkim.some((k) => k.result === 'pass' && aligned(k.domain))) return 'pass';
  if (verdict.spf?.result === 'pass' && aligned(verdict.spf.domain)) return 'pass';
  if (verdict.spf && (verdict.spf.result === 'fail' || verdict.spf.result === 'softfail') && aligned(verdict.spf.domain)) return 'fail';
  if (verdict.dkim.some((k) => k.result === 'fail' && aligned(k.domain))) return 'fail';
  return 'unknown';
}

/** True when the From address is in one of `ownDomains` but the receiving server's checks failed for it. */
export function impersonatesOwnDomain(fromAddress: string, ownDomains: readonly string[], verdict: AuthVerdict | null): boolean {
  const domain = domainOf(fromAddress);
  if (!ownDomains.some((d) => withinDomain(domain, d))) return false;
  return fromDomainAuthenticated(verdict, domain) === 'fail';
}
