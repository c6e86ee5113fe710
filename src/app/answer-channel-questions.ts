/**
 * "Is this your support?": when a customer's message carries a link, number, e-mail address or account, it
 * is checked against the official channels. A lookalike always gets a warning; an explicit question gets an
 * answer either way; and the real channels are listed beside it.
 */
import { t, type Language } from '../i18n/index.js';
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

/**
 * The automatic answer for a customer message, or null when there is nothing to say (no channel reference,
 * or only ones the customer did not ask about and that are not lookalikes).
 */
export function channelAnswer(
  snapshot: RegistrySnapshot,
  brandId: string,
  text: string,
  lang: Language,
  ignore: readonly string[] = [],
): { text: string; findings: ChannelFinding[] } | null {
  const skip = new Set(ignore.map((x) => x.toLowerCase()));
  const findings = checkChannelRefs(snapshot, text).filter((f) => !skip.has(f.value.toLowerCase()));
  if (findings.length === 0) return null;
  const lookalike = findings.some((f) => f.verdict.verdict === 'lookalike');
  if (!lookalike && !ASKING.test(text)) return null;
  const name = (id: string | null) => (id ? (snapshot.brands.get(id)?.name ?? id) : '');
  const lines = findings.map((f) =>
    f.verdict.verdict === 'official'
      ? t(lang, 'channel_answer.official', { value: f.value, brand: name(f.verdict.brand) })
      : f.verdict.verdict === 'lookalike'
        ? t(lang, 'channel_answer.lookalike', { value: f.value, brand: name(f.verdict.brand) })
        : t(lang, 'channel_answer.unknown', { value: f.value }),
  );
  const entry = snapshot.entries.get(brandId);
  const official = entry
    ? [...entry.domains, ...entry.emails, ...entry.phones, ...entry.handles.map((h) => `${h.platform}: ${h.handle}`)].slice(0, 12)
    : [];
  const parts = [t(lang, 'channel_answer.intro'), ...lines];
  if (official.length) parts.push('', t(lang, 'channel_answer.list'), ...official.map((o) => `- ${o}`));
  parts.push('', t(lang, 'channel_answer.never'));
  return { text: parts.join('\n'), findings };
}
