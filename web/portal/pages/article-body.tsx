/**
 * An article body as React elements. The server sends sanitised HTML (render-article.ts); the page still never
 * hands a string to innerHTML: the HTML is parsed into an inert document (DOMParser runs no script and loads
 * nothing) and rebuilt from the same short list of tags and attributes, so anything else is dropped again.
 */
import { createElement, type ReactNode } from 'react';

const TAGS = new Set(['h2', 'h3', 'h4', 'p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'pre', 'blockquote', 'a', 'img', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
const SAFE_URL = /^(https?:|mailto:|\/(?!\/)|#)/i;

function build(node: Node, key: number): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const el = node as Element;
  const tag = el.tagName.toLowerCase();
  const children = Array.from(el.childNodes, (c, i) => build(c, i));
  if (!TAGS.has(tag)) return children;
  const props: Record<string, string | number> = { key };
  if (tag === 'a') {
    const href = el.getAttribute('href') ?? '';
    if (SAFE_URL.test(href)) props.href = href;
    if (/^https?:/i.test(href)) props.rel = 'noopener noreferrer nofollow';
  }
  if (tag === 'img') {
    const src = el.getAttribute('src') ?? '';
    if (!/^(https:|\/(?!\/))/i.test(src)) return null;
    props.src = src;
    props.alt = el.getAttribute('alt') ?? '';
  }
  const title = el.getAttribute('title');
  if (title && (tag === 'a' || tag === 'img')) props.title = title;
  return tag === 'br' || tag === 'hr' || tag === 'img' ? createElement(tag, props) : createElement(tag, props, ...children);
}

export function ArticleBody({ html }: { html: string }) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return <div className="kb-body">{Array.from(doc.body.childNodes, (n, i) => build(n, i))}</div>;
}
