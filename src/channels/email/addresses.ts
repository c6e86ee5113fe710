/** E-mail address helpers: the forms addresses are compared in. */

/** Lower-cased, trimmed, without angle brackets. */
export function normaliseAddress(raw: string): string {
  return raw.trim().replace(/^<|>$/g, '').trim().toLowerCase();
}

/** The address without a +tag in its local part: help+t1001.ab12@x.example → help@x.example. */
export function baseAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const local = address.slice(0, at);
  const plus = local.indexOf('+');
  return plus < 0 ? address : `${local.slice(0, plus)}${address.slice(at)}`;
}

/** The domain part, lower-cased ('' when there is none). */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}

/** True when `domain` is `parent` or one of its subdomains. */
export function withinDomain(domain: string, parent: string): boolean {
  const d = domain.toLowerCase();
  const p = parent.toLowerCase();
  return d === p || d.endsWith(`.${p}`);
}

const NO_REPLY = /^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?)([+._-].*)?@/i;

/** True for addresses nobody reads (noreply@, mailer-daemon@): the desk never sends them notices. */
export function isNoReplyAddress(address: string): boolean {
  return NO_REPLY.test(address);
}
