/**
 * "Is this your support?": when a customer's message carries a link, number, e-mail address or account, it
 * is checked against the official channels. A lookalike always gets a warning; an explicit question gets an
 * answer either way; and the real channels are listed beside it.
 */
import { checkChannel, findChannelRefs, type ChannelVerdict } from '../verify/index.js';
import type { RegistrySnapshot } from './ports.js';

const ASKING = /\b(is (this|that|it)|are (you|they)|official|legit|genuine|real|scam|fake|phishing|your (support|number|site|account))\b|官方|真的|是不是|是你们|是否|假的|骗|诈骗|钓鱼|客服吗|靠谱/i;

export interface ChannelFinding {
  value: string;
  start: number;
  end: number;
  verdict: ChannelVerdict;
}

/** Every channel reference in a text with its verdict (at most 10, in order). */
export function checkChannelRefs(snapshot: RegistrySnapshot, text: string): ChannelFinding[] {
  return findChannelRefs(text)
    .slice(0, 10)
    .map((ref) => ({ value: ref.value, start: ref.start, end: ref.end, verdict: checkChannel(snapshot.compiled, ref.value) }));
}

const WORDS = {
  en: {
    intro: 'About what you sent us:',
    official: (v: string, brand: string) => `- ${v}: yes, this is an official channel of ${brand}.`,
    lookalike: (v: string, brand: string) => `- ${v}: NOT us. It imitates ${brand}. Do not contact it, do not click its links, and never share your recovery phrase.`,
    unknown: (v: string) => `- ${v}: not one of our official channels. We cannot vouch for it.`,
    list: 'Our official channels:',
    never: 'We will never ask for your recovery phrase or private key. Anyone who does is not us.',
  },
  'zh-CN': {
    intro: '关于您发来的内容：',
    official: (v: string, brand: string) => `- ${v}：是的，这是 ${brand} 的官方渠道。`,
    lookalike: (v: string, brand: string) => `- ${v}：这不是我们！它在仿冒 ${brand}。请不要联系它、不要点击其中的链接，也绝不要透露您的助记词。`,
    unknown: (v: string) => `- ${v}：这不是我们的官方渠道，我们无法为它担保。`,
    list: '我们的官方渠道：',
    never: '我们绝不会索要您的助记词或私钥。任何索要的人都不是我们。',
  },
} as const;

/**
 * The automatic answer for a customer message, or null when there is nothing to say (no channel reference,
 * or only ones the customer did not ask about and that are not lookalikes).
 */
export function channelAnswer(
  snapshot: RegistrySnapshot,
  brandId: string,
  text: string,
  lang: 'zh-CN' | 'en',
  ignore: readonly string[] = [],
): { text: string; findings: ChannelFinding[] } | null {
  const skip = new Set(ignore.map((x) => x.toLowerCase()));
  const findings = checkChannelRefs(snapshot, text).filter((f) => !skip.has(f.value.toLowerCase()));
  if (findings.length === 0) return null;
  const lookalike = findings.some((f) => f.verdict.verdict === 'lookalike');
  if (!lookalike && !ASKING.test(text)) return null;
  const w = WORDS[lang];
  const name = (id: string | null) => (id ? (snapshot.brands.get(id)?.name ?? id) : '');
  const lines = findings.map((f) =>
    f.verdict.verdict === 'official'
      ? w.official(f.value, name(f.verdict.brand))
      : f.verdict.verdict === 'lookalike'
        ? w.lookalike(f.value, name(f.verdict.brand))
        : w.unknown(f.value),
  );
  const entry = snapshot.entries.get(brandId);
  const official = entry
    ? [...entry.domains, ...entry.emails, ...entry.phones, ...entry.handles.map((h) => `${h.platform}: ${h.handle}`)].slice(0, 12)
    : [];
  const parts = [w.intro, ...lines];
  if (official.length) parts.push('', w.list, ...official.map((o) => `- ${o}`));
  parts.push('', w.never);
  return { text: parts.join('\n'), findings };
}
