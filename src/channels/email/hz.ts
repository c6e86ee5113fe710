/**
 * HZ (RFC 1843): GB2312 text in 7-bit mail. `~{` switches to pairs of bytes that are GB2312 with the high bits
 * cleared, `~}` switches back, `~~` is a tilde and `~` before a line break joins the lines. iconv-lite does not
 * know HZ, so the escapes are undone here and the pairs decoded as GBK (a superset of GB2312).
 */
const gbk = new TextDecoder('gbk');

/** Decodes HZ text that a mail parser left as ASCII (with its `~{…~}` escapes). Text without them is returned as is. */
export function decodeHz(text: string): string {
  if (!text.includes('~{')) return text;
  let out = '';
  let i = 0;
  let gb = false;
  while (i < text.length) {
    const c = text[i]!;
    if (!gb) {
      if (c === '~' && text[i + 1] === '{') {
        gb = true;
        i += 2;
      } else if (c === '~' && text[i + 1] === '~') {
        out += '~';
        i += 2;
      } else if (c === '~' && text[i + 1] === '\n') {
        i += 2;
      } else if (c === '~' && text[i + 1] === '\r' && text[i + 2] === '\n') {
        i += 3;
      } else {
        out += c;
        i++;
      }
      continue;
    }
    if (c === '~' && text[i + 1] === '}') {
      gb = false;
      i += 2;
      continue;
    }
    // A line break inside GB mode ends it (RFC 1843 keeps each line self-contained).
    if (c === '\n' || c === '\r') {
      gb = false;
      out += c;
      i++;
      continue;
    }
    const bytes: number[] = [];
    while (i + 1 < text.length && text[i] !== '~' && text[i] !== '\n' && text[i] !== '\r') {
      const a = text.charCodeAt(i);
      const b = text.charCodeAt(i + 1);
      if (a < 0x21 || a > 0x7e || b < 0x21 || b > 0x7e) break;
      bytes.push(a | 0x80, b | 0x80);
      i += 2;
    }
    if (bytes.length > 0) out += gbk.decode(Uint8Array.from(bytes));
    else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Whether the message declares HZ anywhere (a part's charset or an encoded word). */
export function declaresHz(raw: Buffer): boolean {
  return /charset\s*=\s*"?hz-gb-2312|=\?hz-gb-2312\?/i.test(raw.subarray(0, 1_048_576).toString('latin1'));
}
