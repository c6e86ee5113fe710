/**
 * Telegram refuses a message over 4,096 characters (sendMessage, "message is too long"): a long reply goes out as
 * several, cut where a reader expects a break (a blank line, a line end, a space), never inside a character.
 */
export const TELEGRAM_MAX_TEXT = 4096;

/** Splits `text` into parts of at most `max` UTF-16 code units, in order, none empty. */
export function splitForTelegram(text: string, max = TELEGRAM_MAX_TEXT): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = Math.max(window.lastIndexOf('\n\n'), -1);
    if (cut < max / 2) cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = max;
    // Never split a surrogate pair (an emoji, a rare Han character).
    const code = rest.charCodeAt(cut - 1);
    if (cut === max && code >= 0xd800 && code <= 0xdbff) cut -= 1;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}
