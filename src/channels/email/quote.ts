/**
 * Separates what the customer just wrote from the quoted history under it, for the shapes Gmail, Outlook,
 * Apple Mail, Thunderbird, QQ Mail, 163 and Foxmail produce (in English and Chinese). The history is kept by the
 * caller so the full original stays one click away; nothing here throws content away.
 */

export interface TextSplit {
  /** The new text (the whole text when no history was found, or when cutting would leave nothing). */
  fresh: string;
  /** The quoted history, or '' when none was found. */
  quoted: string;
}

const ATTRIBUTION = [
  /^On .{4,300}\bwrote:\s*$/i,
  /^Am .{4,200} schrieb .{1,200}:\s*$/i,
  /^Le .{4,200} a écrit\s*:\s*$/i,
  /^在\s*.{2,300}写道\s*[:：]\s*$/,
  /^.{2,300}於\s*.{2,200}寫道\s*[:：]\s*$/,
  /^-{2,}\s*(Original Message|Original|原始邮件|原始郵件|原邮件|回复的原邮件)\s*-{2,}\s*$/i,
];
const HEADER_BLOCK_START = /^\*?(From|发件人|寄件者|發件人)\*?\s*[:：]/i;
const HEADER_BLOCK_NEXT = /^\*?(Sent|Date|To|Subject|Cc|发送时间|日期|时间|收件人|主题|抄送|寄件日期|傳送時間|收件者|主旨)\*?\s*[:：]/i;

function findCut(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const joined = i + 1 < lines.length ? `${line} ${lines[i + 1]!.trim()}` : line;
    if (ATTRIBUTION.some((re) => re.test(line))) return i;
    // Gmail wraps long attributions: "On Tue, 2 Jan 2024 at 10:00, Zhang San <\nzs@qq.com> wrote:"
    if (/^On .{4,200}$/i.test(line) && /\bwrote:\s*$/i.test(joined) && !/\bwrote:/.test(line)) return i;
    // Outlook puts a rule (underscores, or dashes when its HTML was turned to text) above its header block.
    if (/^[-_]{10,}$/.test(line) && HEADER_BLOCK_START.test(lines.slice(i + 1).find((l) => l.trim() !== '')?.trim() ?? '')) return i;
    if (HEADER_BLOCK_START.test(line)) {
      const next = lines.slice(i + 1, i + 5).filter((l) => HEADER_BLOCK_NEXT.test(l.trim())).length;
      if (next >= 2) return i;
    }
    // A trailing block that is all "> " lines.
    if (line.startsWith('>') && lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'))) return i;
  }
  return -1;
}

/** Splits plain text at the first reply attribution, Outlook header block, "原始邮件" line or trailing quote. */
export function splitQuotedText(text: string): TextSplit {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const cut = findCut(lines);
  if (cut < 0) return { fresh: text.trim(), quoted: '' };
  const fresh = lines.slice(0, cut).join('\n').trim();
  if (fresh === '') return { fresh: text.trim(), quoted: '' };
  return { fresh, quoted: lines.slice(cut).join('\n').trim() };
}

const HTML_MARKERS = [
  /<div[^>]*class="?[^">]*\bgmail_quote\b/i,
  /<blockquote[^>]*type="?cite/i,
  /<div[^>]*class="?[^">]*\bmoz-cite-prefix\b/i,
  /<div[^>]*id="?(appendonsend|divRplyFwdMsg|mail-editor-reference-message-container)\b/i,
  /<hr[^>]*id="?stopSpelling/i,
  /<hr[^>]*style="?display:\s*inline-block;\s*width:\s*98%/i,
  /<div[^>]*id="?(isReplyContent|origbody|reply-content|QQMailReplyContent)\b/i,
  /<blockquote[^>]*id="?isReplyContent/i,
  /<includetail\b/i,
  /<div[^>]*class="?[^">]*\b(yahoo_quoted|OutlookMessageHeader|protonmail_quote)\b/i,
];
const HTML_TEXT_MARKERS = [/-{6,}(&nbsp;|\s)*(原始邮件|Original)(&nbsp;|\s)*-{6,}/i, /-{2,}\s*Original Message\s*-{2,}/i];

/**
 * Cuts HTML at the first quoted-history marker. Returns the HTML before it (possibly with unclosed tags, which
 * the sanitiser closes) and whether anything was cut.
 */
export function cutQuotedHtml(html: string): { fresh: string; cut: boolean } {
  let at = -1;
  for (const re of HTML_MARKERS) {
    const m = re.exec(html);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  for (const re of HTML_TEXT_MARKERS) {
    const m = re.exec(html);
    if (m) {
      // Cut at the element that holds the marker text.
      const open = html.lastIndexOf('<', m.index);
      const index = open >= 0 ? open : m.index;
      if (at < 0 || index < at) at = index;
    }
  }
  if (at < 0) return { fresh: html, cut: false };
  const fresh = html.slice(0, at);
  // Nothing visible before the history: keep the whole message rather than show an empty one.
  if (fresh.replace(/<[^>]*>|&nbsp;|\s/g, '') === '') return { fresh: html, cut: false };
  return { fresh, cut: true };
}

/** True for a forward: the history is the point of the message and stays in the body. */
export function isForward(subject: string): boolean {
  return /^\s*(fwd?|转发|轉寄|wg|tr)\s*[:：]/i.test(subject);
}
