/**
 * HTML from e-mail, made safe to show inside the agent console: an allowlist of formatting tags, no scripts,
 * event handlers, forms, frames, styles that load or overlay anything, no relative or javascript: links, and no
 * remote images unless asked (they track when mail is read). Inline cid: images point at the stored attachments.
 */
import sanitizeHtml from 'sanitize-html';

export interface SanitiseOptions {
  /** Content-ID (without brackets) → the URL of the stored attachment. */
  cidUrls?: ReadonlyMap<string, string>;
  /** Keep https images from other servers (off by default: they reveal to the sender that an agent read it). */
  remoteImages?: boolean;
}

const TAGS = [
  'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl',
  'dt', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp',
  'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'wbr',
];

const COLOR = /^(#[0-9a-f]{3,8}|rgba?\(\s*[\d.]+%?\s*(,\s*[\d.]+%?\s*){2,3}\)|[a-z]{3,20})$/i;
const LENGTH = /^(0|[\d.]+(px|pt|em|rem|%))$/i;
const STYLES: sanitizeHtml.IOptions['allowedStyles'] = {
  '*': {
    color: [COLOR],
    'background-color': [COLOR],
    'text-align': [/^(left|right|center|justify|start|end)$/i],
    'font-weight': [/^(normal|bold|bolder|lighter|\d{3})$/i],
    'font-style': [/^(normal|italic|oblique)$/i],
    'text-decoration': [/^(none|underline|line-through|overline)( [a-z]+)?$/i],
    'font-size': [LENGTH, /^(x{0,2}-small|small|medium|large|x{0,2}-large|smaller|larger)$/i],
    'font-family': [/^[\w\s,"'-]{1,100}$/],
    'line-height': [LENGTH, /^[\d.]+$/],
    'white-space': [/^(normal|pre|pre-wrap|pre-line|nowrap)$/i],
    'vertical-align': [/^(top|middle|bottom|baseline)$/i],
    width: [LENGTH, /^auto$/i],
    'max-width': [LENGTH],
    'border-collapse': [/^(collapse|separate)$/i],
    padding: [/^(0|[\d.]+(px|pt|em)\s*){1,4}$/i],
    margin: [/^(0|auto|[\d.]+(px|pt|em)\s*){1,4}$/i],
  },
};

/** Lower-cased URL without whitespace or control characters: what a browser would act on. */
function effectiveUrl(value: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (value ?? '').replace(/[\u0000-\u0020\u007f-\u00a0]/g, '').toLowerCase();
}

/** Sanitises one HTML body. The result is a fragment (no html/head/body) safe to place in the console. */
export function sanitiseEmailHtml(html: string, options: SanitiseOptions = {}): string {
  const cidUrls = options.cidUrls ?? new Map<string, string>();
  return sanitizeHtml(html, {
    allowedTags: TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'target', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height', 'data-remote-src'],
      td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
      th: ['colspan', 'rowspan', 'align', 'valign', 'width', 'scope'],
      table: ['width', 'border', 'cellpadding', 'cellspacing', 'align'],
      font: ['color', 'size', 'face'],
      ol: ['start', 'type'],
      '*': ['style', 'align', 'dir', 'lang', 'title'],
    },
    allowedStyles: STYLES,
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['https', 'http'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'xmp', 'template', 'iframe', 'object', 'svg', 'math', 'select'],
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs) => {
        const href = effectiveUrl(attribs.href);
        const keep = /^(https?:|mailto:|tel:)/.test(href);
        const out: Record<string, string> = {};
        if (attribs.title) out.title = attribs.title;
        if (keep && attribs.href) Object.assign(out, { href: attribs.href.trim(), target: '_blank', rel: 'noopener noreferrer nofollow' });
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        const src = effectiveUrl(attribs.src);
        const { alt, title, width, height } = attribs;
        const base: Record<string, string> = {};
        if (alt) base.alt = alt;
        if (title) base.title = title;
        if (width && /^\d{1,4}%?$/.test(width)) base.width = width;
        if (height && /^\d{1,4}%?$/.test(height)) base.height = height;
        if (src.startsWith('cid:')) {
          const url = cidUrls.get(attribs.src!.trim().slice(4).replace(/^<|>$/g, ''));
          return { tagName, attribs: url ? { ...base, src: url } : base };
        }
        if (/^https?:/.test(src)) {
          return { tagName, attribs: options.remoteImages ? { ...base, src: attribs.src!.trim() } : { ...base, 'data-remote-src': attribs.src!.trim() } };
        }
        return { tagName, attribs: base };
      },
    },
    // The transforms above drop every src and href they did not vouch for (sanitize-html would let relative URLs
    // through, and those would hit the desk's own origin with the agent's cookies); an image left with nothing
    // to show is dropped.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src && !frame.attribs.alt && !frame.attribs['data-remote-src'],
  }).trim();
}
