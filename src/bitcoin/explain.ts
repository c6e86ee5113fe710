/**
 * Plain-language explanations of a diagnosis: a paragraph a worried wallet user can read (help center, replies)
 * and a short fact sheet for agents (CLI, console). zh-CN and English.
 */
import { t, type MessageKey, type MessageVars } from '../i18n/index.js';
import { adviceText, type Lang } from './advice.js';
import type { TxDiagnosis } from './diagnose.js';
import { networkName } from './networks.js';

/** "about 40 minutes" / "约 40 分钟". */
export function formatDuration(seconds: number, lang: Lang): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 90) return t(lang, 'chain.duration.minutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t(lang, 'chain.duration.hours', { hours });
  return t(lang, 'chain.duration.days', { days: Math.round(hours / 24) });
}

/** "0.00123456 BTC". */
export function formatBtc(sats: number): string {
  const sign = sats < 0 ? '-' : '';
  const abs = Math.abs(sats);
  return `${sign}${Math.floor(abs / 1e8)}.${String(abs % 1e8).padStart(8, '0')} BTC`;
}

function formatTime(iso: string, lang: Lang): string {
  const [date, time] = iso.replace('Z', '').split('T');
  return t(lang, 'chain.time', { date: date ?? '', time: (time ?? '').slice(0, 5) });
}

const rateText = (r: number): string => `${r.toFixed(1)} sat/vB`;
/** Sentences joined as the language does (Chinese sentences follow each other without a space). */
const join = (parts: string[], lang: Lang): string => parts.join(t(lang, 'chain.sentence_separator'));

/** One paragraph for the user, in their language: what happened, whether the coins are safe, what to do next. */
export function explainDiagnosis(d: TxDiagnosis, lang: Lang): string {
  const parts: string[] = [];

  if (!d.found) {
    if (d.notFoundReasons.includes('confirmed_but_unindexed')) {
      parts.push(t(lang, 'chain.explain.unindexed'), t(lang, 'chain.explain.unindexed_ask'));
      return join(parts, lang);
    }
    const network = networkName(d.network, lang);
    parts.push(t(lang, 'chain.explain.not_found', { network }), t(lang, 'chain.explain.not_found_why'), t(lang, 'chain.explain.not_found_coins'));
    if (d.notFoundReasons.includes('other_network')) parts.push(t(lang, 'chain.explain.other_network', { network }));
    if (d.notFoundReasons.includes('looks_like_block_hash')) parts.push(t(lang, 'chain.explain.block_hash'));
    return join(parts, lang);
  }

  if (d.confirmed) {
    const block = d.blockHeight ?? '?';
    parts.push(
      d.blockTime
        ? t(lang, 'chain.explain.confirmed_at', { block, when: formatTime(d.blockTime, lang), count: d.confirmations })
        : t(lang, 'chain.explain.confirmed', { block, count: d.confirmations }),
    );
    if (d.notes.includes('few_confirmations')) parts.push(t(lang, 'chain.explain.few_confirmations'));
    parts.push(t(lang, 'chain.explain.contact_receiver'));
    return join(parts, lang);
  }

  const r = d.effectiveFeeRate ?? d.feeRate;
  const hour = d.rbf?.targetFeeRate ?? null;
  const waited = d.timeInMempoolSeconds !== null ? formatDuration(d.timeInMempoolSeconds, lang) : null;
  parts.push(waited ? t(lang, 'chain.explain.waiting_for', { waited }) : t(lang, 'chain.explain.waiting'));
  if (!d.stuck) {
    const helpedByChild = d.children.length > 0 && d.feeRate !== null && r !== null && r > d.feeRate;
    if (r !== null && d.expectedMinutes !== null && helpedByChild) {
      const eta = formatDuration(d.expectedMinutes * 60, lang);
      parts.push(t(lang, 'chain.explain.child_helps', { fee: rateText(d.feeRate!), rate: rateText(r), eta }));
    } else if (r !== null && d.expectedMinutes !== null) {
      parts.push(t(lang, 'chain.explain.fee_enough', { rate: rateText(r), eta: formatDuration(d.expectedMinutes * 60, lang) }));
    } else {
      parts.push(t(lang, 'chain.explain.no_action'));
    }
    return join(parts, lang);
  }

  parts.push(r !== null && hour !== null ? t(lang, 'chain.explain.slow_fee', { rate: rateText(r), target: rateText(hour) }) : t(lang, 'chain.explain.slow'));
  if (d.notes.includes('unconfirmed_parent')) parts.push(t(lang, 'chain.explain.unconfirmed_parent'));
  parts.push(t(lang, 'chain.explain.not_lost'));
  if (d.expiresAt) parts.push(t(lang, 'chain.explain.expires', { when: formatTime(d.expiresAt, lang) }));
  for (const code of d.advice) if (code === 'rbf' || code === 'cpfp') parts.push(adviceText(code, 'user', lang));
  return join(parts, lang);
}

type SummaryKey = MessageKey extends infer K ? (K extends `chain.summary.${infer R}` ? R : never) : never;

/** A few lines of facts for an agent (CLI, console tooltip). */
export function summarizeForAgent(d: TxDiagnosis, lang: Lang): string[] {
  const s = (key: SummaryKey, vars?: MessageVars) => t(lang, `chain.summary.${key}`, vars);
  const lines: string[] = [`txid ${d.txid} · ${networkName(d.network, lang)} · ${d.backend}`];
  if (!d.found) {
    lines.push(s('status_not_found'));
    lines.push(s('possible_reasons', { reasons: d.notFoundReasons.join(', ') }));
  } else if (d.confirmed) {
    lines.push(s('status_confirmed', { confirmations: d.confirmations, block: String(d.blockHeight), time: d.blockTime ? ` · ${d.blockTime}` : '' }));
  } else {
    const eta =
      d.expectedMinutes !== null ? formatDuration(d.expectedMinutes * 60, lang) : d.beyondEstimates ? s('eta_beyond') : s('eta_unknown');
    const since = d.timeInMempoolSeconds !== null ? formatDuration(d.timeInMempoolSeconds, lang) : s('since_unknown');
    lines.push(s('status_unconfirmed', { stuck: d.stuck ? s('stuck_mark') : '', since, eta }));
  }
  if (d.found) {
    const fee = d.fee === null ? '?' : `${d.fee} sats`;
    const fr = d.feeRate === null ? '?' : rateText(d.feeRate);
    const effective = d.effectiveFeeRate !== null && d.effectiveFeeRate !== d.feeRate ? s('effective', { rate: rateText(d.effectiveFeeRate) }) : '';
    lines.push(s('fee', { fee, vsize: String(d.vsize), rate: fr, effective }));
    if (d.estimates.length > 0) {
      const estimates = d.estimates.map((e) => s('estimate', { blocks: e.blocks, rate: rateText(e.feeRate) })).join(', ');
      lines.push(s('estimates', { estimates, minimum: d.mempoolMinFee !== null ? s('minimum', { rate: rateText(d.mempoolMinFee) }) : '' }));
    }
    const yesNo = (b: boolean) => (b ? s('yes') : s('no'));
    lines.push(
      s('rbf', { answer: yesNo(Boolean(d.signalsRbf)) }) + (d.replaceableFullRbf !== null ? s('full_rbf', { answer: yesNo(d.replaceableFullRbf) }) : ''),
    );
    if (d.cpfp) {
      lines.push(
        s('cpfp', { possible: d.cpfp.possible ? s('cpfp_possible') : s('cpfp_impossible'), outputs: d.cpfp.outputs.join(', ') }) +
          (d.cpfp.childFee !== null
            ? s('cpfp_child', { fee: d.cpfp.childFee, vsize: String(d.cpfp.childVsize), rate: rateText(d.cpfp.packageFeeRate ?? 0) })
            : ''),
      );
    }
    if (d.children.length > 0) lines.push(s('children', { list: d.children.map((c) => `${c.txid} (${c.feeRate ?? '?'} sat/vB)`).join(', ') }));
    if (d.parents.length > 0) lines.push(s('parents', { list: d.parents.map((p) => `${p.txid} (${p.feeRate ?? '?'} sat/vB)`).join(', ') }));
  }
  if (d.notes.length > 0) lines.push(s('notes', { list: d.notes.join(', ') }));
  return lines;
}
