/** An IMAP_URL without its password, for logs. */
export function imapTargetLabel(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname || '/INBOX'}`;
}
