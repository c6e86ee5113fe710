/**
 * TwiML as strings, with XML escaping done in one place. Twilio, SignalWire and Telnyx (TeXML) read the same
 * documents, so nothing here is vendor-specific beyond the verb names.
 */

/** Escapes text for XML element content and attribute values (quotes included, so one function serves both). */
export function escapeXml(text: string): string {
  // Characters XML 1.0 forbids outright are dropped: a caller-controlled string must never break the document.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[<>&"']/g, (c) => {
    switch (c) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case '"':
        return '&quot;';
      default:
        return '&apos;';
    }
  });
}

/** One TwiML element: a verb or noun with attributes and either text or child elements. */
export interface TwimlNode {
  name: string;
  attrs?: Record<string, string | number | boolean | null | undefined>;
  children?: TwimlNode[];
  text?: string;
}

/** Builds an element; attributes whose value is null or undefined are left out. */
export function el(name: string, attrs: TwimlNode['attrs'] = {}, content?: string | TwimlNode[]): TwimlNode {
  return typeof content === 'string' ? { name, attrs, text: content } : { name, attrs, children: content ?? [] };
}

function render(node: TwimlNode): string {
  const attrs = Object.entries(node.attrs ?? {})
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  if (node.text !== undefined) return `<${node.name}${attrs}>${escapeXml(node.text)}</${node.name}>`;
  const children = node.children ?? [];
  if (children.length === 0) return `<${node.name}${attrs}/>`;
  return `<${node.name}${attrs}>${children.map(render).join('')}</${node.name}>`;
}

/** A complete TwiML document: the XML declaration and a <Response> holding the verbs. */
export function twiml(verbs: readonly TwimlNode[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render({ name: 'Response', children: [...verbs] })}`;
}
