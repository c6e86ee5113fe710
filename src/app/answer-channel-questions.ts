/**
 * "Is this your support?": when a customer's message carries a link, number, e-mail address or account, it
 * is checked against the official channels. A lookalike always gets a warning; an explicit question gets an
 * answer either way; and the real channels are listed beside it.
 */
import { SYSTEM, type DeskEvent } from '../core/event.js';
import { newId } from '../core/ids.js';
import type { Message } from '../core/message.js';
import { t, type Language } from '../i18n/index.js';
import { replyLanguage } from '../triage/index.js';
import { checkChannel, findChannelRefs, type ChannelVerdict } from '../verify/index.js';
import { historyEvent } from './history.js';
import type { ProcessorDeps, RegistrySnapshot } from './ports.js';
// Not ./record-events.js: processors run this, and the registered list imports them.
import { afterCommit, recordEvents } from './processors/dispatch.js';

/** The tag on a ticket whose customer pasted a lookalike of an official channel. */
export const LOOKALIKE_TAG = 'lookalike-reported';

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

/**
 * The desk's answer to one stored customer message that names links, numbers or accounts (the channel-answer
 * processor; on e-mail, the e-mail processor calls it before it folds the automatic replies into its
 * acknowledgement). Stores the answer as a public system message naming the message it answers (`meta.reply_to`,
 * kind channel_check) and tags the ticket `lookalike-reported` when a lookalike was pasted. Idempotent: a message
 * already answered gets nothing more. A registry that cannot be read skips the check (never costs the message).
 */
export async function answerChannelQuestions(deps: ProcessorDeps, messageId: string): Promise<Message | null> {
  const registry = deps.officialChannels ? await deps.officialChannels.get().catch(() => null) : null;
  if (!registry) return null;
  const events: DeskEvent[] = [];
  let jobs = 0;
  const reply = await deps.store.transaction(async (tx) => {
    const message = await tx.messages.get(messageId);
    if (!message || message.authorType !== 'customer') return null;
    const ticket = await tx.tickets.get(message.ticketId);
    if (!ticket) return null;
    const thread = await tx.messages.listForTicket(ticket.id);
    if (thread.some((m) => m.authorType === 'system' && m.meta.reply_to === message.id && m.meta.kind === 'channel_check')) return null;
    const requester = await tx.customers.get(ticket.requesterId);
    // The subject was the customer's words only in the message that opened the ticket (stored at the same instant).
    const text = ticket.createdAt === message.createdAt ? `${ticket.subject}\n${message.body}` : message.body;
    const answer = channelAnswer(registry, ticket.brandId, text, replyLanguage(ticket.language ?? 'und'), requester?.emails ?? []);
    if (!answer) return null;
    const at = deps.clock.now().toISOString();
    const checked = answer.findings.map((f) => ({ value: f.value, verdict: f.verdict.verdict, brand: f.verdict.brand }));
    const stored: Message = {
      id: newId(),
      ticketId: ticket.id,
      authorType: 'system',
      authorId: null,
      public: true,
      body: answer.text,
      bodyHtml: null,
      channel: ticket.channel,
      sourceId: null,
      meta: { kind: 'channel_check', reply_to: message.id },
      delivery: null,
      createdAt: at,
    };
    await tx.messages.insert(stored);
    if (checked.some((v) => v.verdict === 'lookalike') && !ticket.tags.includes(LOOKALIKE_TAG)) {
      await tx.tickets.update(ticket.id, { tags: [...ticket.tags, LOOKALIKE_TAG] }, at);
    }
    events.push(
      historyEvent({
        type: 'message.added',
        actor: SYSTEM,
        at,
        subjectType: 'ticket',
        subjectId: ticket.id,
        data: { message_id: stored.id, public: true, author_type: 'system', channel: ticket.channel, kind: 'channel_check', checked },
      }),
    );
    jobs = await recordEvents(tx, events, deps);
    return stored;
  });
  await afterCommit(deps, events, jobs);
  return reply;
}
