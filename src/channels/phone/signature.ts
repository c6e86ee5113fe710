/**
 * Twilio's request signature (X-Twilio-Signature), computed the way Twilio documents it: the full URL Twilio
 * requested (scheme, host, path and query), then every POST parameter sorted by name with its name and value
 * appended with no separator, HMAC-SHA1 with the auth token as key, base64. A Twilio-compatible provider
 * that sends X-Twilio-Signature is checked the same way.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type FormParams = Record<string, string | readonly string[] | undefined>;

/** The base64 HMAC-SHA1 Twilio would send for this URL and these POST parameters. */
export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  let data = url;
  // Names sort by UTF-16 code units (Array.prototype.sort), as Twilio's own libraries do; a repeated name
  // contributes each of its values, sorted, once.
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    if (value === undefined) continue;
    const values = typeof value === 'string' ? [value] : [...new Set(value)].sort();
    for (const v of values) data += name + v;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** The same URL with the scheme's default port written out, or removed if it was written. */
function otherPortForm(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const defaultPort = parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : null;
  // An explicit other port is part of the address Twilio was given: no alternative form.
  if (!defaultPort || parsed.port !== '') return null;
  const authority = `${parsed.protocol}//${parsed.username}${parsed.password ? `:${parsed.password}` : ''}${parsed.username || parsed.password ? '@' : ''}`;
  const rest = `${parsed.pathname}${parsed.search}`;
  // new URL() drops a default port, so parsed.port is empty both for "host" and "host:443".
  const hadPort = new RegExp(`^[a-z]+://[^/]*:${defaultPort}(/|$|\\?)`, 'i').test(url);
  return hadPort ? `${authority}${parsed.hostname}${rest}` : `${authority}${parsed.hostname}:${defaultPort}${rest}`;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * True when `signature` is Twilio's for this request. Like Twilio's own helper libraries, the URL is also tried
 * with its default port written out (or removed), because Twilio's signing is not consistent about it.
 */
export function validTwilioSignature(authToken: string, signature: string | undefined, url: string, params: FormParams): boolean {
  if (!authToken || !signature) return false;
  if (sameText(signature, twilioSignature(authToken, url, params))) return true;
  const other = otherPortForm(url);
  return other !== null && sameText(signature, twilioSignature(authToken, other, params));
}
