/**
 * Plain-language explanations of a diagnosis: a paragraph a worried wallet user can read (help center, replies)
 * and a short fact sheet for agents (CLI, console). zh-CN and English.
 */
import { adviceText, type Lang } from './advice.js';
import type { TxDiagnosis } from './diagnose.js';
import { networkName } from './networks.js';

/** "about 40 minutes" / "约 40 分钟". */
export function formatDuration(seconds: number, lang: Lang): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 90) return lang === 'en' ? `about ${minutes} minute${minutes === 1 ? '' : 's'}` : `约 ${minutes} 分钟`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return lang === 'en' ? `about ${hours} hours` : `约 ${hours} 小时`;
  const days = Math.round(hours / 24);
  return lang === 'en' ? `about ${days} days` : `约 ${days} 天`;
}

/** "0.00123456 BTC". */
export function formatBtc(sats: number): string {
  const sign = sats < 0 ? '-' : '';
  const abs = Math.abs(sats);
  return `${sign}${Math.floor(abs / 1e8)}.${String(abs % 1e8).padStart(8, '0')} BTC`;
}

function formatTime(iso: string, lang: Lang): string {
  const [date, time] = iso.replace('Z', '').split('T');
  const hm = (time ?? '').slice(0, 5);
  return lang === 'en' ? `${date} ${hm} UTC` : `${date} ${hm}（UTC）`;
}

const rateText = (r: number): string => `${r.toFixed(1)} sat/vB`;
/** Chinese sentences follow each other without a space. */
const join = (parts: string[], lang: Lang): string => parts.join(lang === 'en' ? ' ' : '');

/** One paragraph for the user, in their language: what happened, whether the coins are safe, what to do next. */
export function explainDiagnosis(d: TxDiagnosis, lang: Lang): string {
  const en = lang === 'en';
  const parts: string[] = [];

  if (!d.found) {
    if (d.notFoundReasons.includes('confirmed_but_unindexed')) {
      parts.push(
        en
          ? 'We could not see this transaction from our node. That does not mean it failed: our node only keeps recent and unspent transactions, so it may already be confirmed and spent. It may also never have been sent.'
          : '我们的节点暂时查不到这笔交易。这并不代表交易失败：我们的节点只保存最近的和未花费的交易，所以它可能已经确认并被花费；也可能从未发出。',
      );
      parts.push(
        en
          ? 'Please send us the receiving address as well, or check the transaction in your wallet.'
          : '请同时提供收款地址，或在您的钱包中查看这笔交易。',
      );
      return join(parts, lang);
    }
    parts.push(
      en
        ? `We could not find this transaction on the Bitcoin network (${networkName(d.network, 'en')}, checked just now).`
        : `我们在比特币网络（${networkName(d.network, 'zh-CN')}，刚刚查询）上找不到这笔交易。`,
    );
    parts.push(
      en
        ? 'This usually means one of three things: the wallet never sent it out, it waited so long with a low fee that the network dropped it (after about 14 days), or it was replaced by a newer transaction, for example after a fee bump.'
        : '通常有三种可能：钱包从未把它发送出去；手续费太低、等待太久被网络丢弃（约 14 天后）；或者它已被一笔新交易替换，例如加速之后。',
    );
    parts.push(
      en
        ? 'If it was never sent or was dropped, the coins are still in the sending wallet. Please check that the transaction ID is complete, and look at the transaction in the sending wallet.'
        : '如果交易从未发出或已被丢弃，币仍在转出的钱包里。请确认交易 ID 完整无误，并在转出的钱包中查看这笔交易。',
    );
    if (d.notFoundReasons.includes('other_network')) {
      parts.push(
        en
          ? `Note that we looked on ${networkName(d.network, 'en')}, not the main Bitcoin network: the network doesn't match if the transaction was made on mainnet (or another test network), so it cannot show here.`
          : `请注意，我们查询的是${networkName(d.network, 'zh-CN')}，而不是比特币主网：如果交易是在主网（或其他测试网）上发出的，网络不匹配，这里无法显示。`,
      );
    }
    if (d.notFoundReasons.includes('looks_like_block_hash')) {
      parts.push(
        en
          ? 'The ID you gave looks like a block ID rather than a transaction ID.'
          : '您提供的 ID 看起来像区块 ID，而不是交易 ID。',
      );
    }
    return join(parts, lang);
  }

  if (d.confirmed) {
    const when = d.blockTime ? formatTime(d.blockTime, lang) : null;
    parts.push(
      en
        ? `Your transaction is confirmed: it was recorded in block ${d.blockHeight ?? '?'}${when ? ` on ${when}` : ''} and has ${d.confirmations} confirmation${d.confirmations === 1 ? '' : 's'}. The bitcoin has reached the receiving address and cannot be reversed.`
        : `您的交易已确认：已写入第 ${d.blockHeight ?? '?'} 号区块${when ? `（${when}）` : ''}，目前有 ${d.confirmations} 个确认。比特币已到达收款地址，无法撤回。`,
    );
    if (d.notes.includes('few_confirmations')) {
      parts.push(
        en
          ? 'Many exchanges wait for 3 to 6 confirmations (about 30 to 60 minutes) before they credit a deposit.'
          : '许多交易所要等到 3 至 6 个确认（约 30 至 60 分钟）后才入账。',
      );
    }
    parts.push(
      en
        ? 'If the receiver has not credited it, contact them and give them the transaction ID. Please also check that the address it went to is the one they gave you.'
        : '如果收款方还没有入账，请联系对方并提供交易 ID；同时请核对转入的地址是否为对方提供的地址。',
    );
    return join(parts, lang);
  }

  const r = d.effectiveFeeRate ?? d.feeRate;
  const hour = d.rbf?.targetFeeRate ?? null;
  const waited = d.timeInMempoolSeconds !== null ? formatDuration(d.timeInMempoolSeconds, lang) : null;
  parts.push(
    en
      ? `Your transaction has been sent and is waiting to be confirmed${waited ? ` (for ${waited} so far)` : ''}.`
      : `您的交易已发出，正在等待确认${waited ? `（已等待${waited}）` : ''}。`,
  );
  if (!d.stuck) {
    const helpedByChild = d.children.length > 0 && d.feeRate !== null && r !== null && r > d.feeRate;
    if (r !== null && d.expectedMinutes !== null && helpedByChild) {
      parts.push(
        en
          ? `Its own fee is low (${rateText(d.feeRate!)}), but a follow-up transaction spending it pays extra, so together they pay ${rateText(r)}: enough to be confirmed in ${formatDuration(d.expectedMinutes * 60, 'en')}. No action is needed.`
          : `它自身的手续费较低（${rateText(d.feeRate!)}），但后续花费它的交易支付了额外手续费，两笔合计 ${rateText(r)}，足以在${formatDuration(d.expectedMinutes * 60, 'zh-CN')}内确认，无需任何操作。`,
      );
    } else if (r !== null && d.expectedMinutes !== null) {
      parts.push(
        en
          ? `Its fee (${rateText(r)}) is enough to be confirmed in ${formatDuration(d.expectedMinutes * 60, 'en')}. No action is needed.`
          : `它的手续费（${rateText(r)}）足以在${formatDuration(d.expectedMinutes * 60, 'zh-CN')}内确认，无需任何操作。`,
      );
    } else {
      parts.push(en ? 'No action is needed for now; please check again later.' : '目前无需操作，请稍后再查看。');
    }
    return join(parts, lang);
  }

  if (r !== null && hour !== null) {
    parts.push(
      en
        ? `It is taking longer than usual because its fee (${rateText(r)}) is lower than what the network asks right now (about ${rateText(hour)} to be confirmed within an hour).`
        : `它比平时慢，是因为手续费（${rateText(r)}）低于网络当前的要求（约 ${rateText(hour)} 才能在一小时内确认）。`,
    );
  } else {
    parts.push(en ? 'It is taking longer than usual.' : '它比平时慢。');
  }
  if (d.notes.includes('unconfirmed_parent')) {
    parts.push(
      en
        ? 'It also depends on an earlier transaction that is not confirmed yet.'
        : '它还依赖一笔尚未确认的上一笔交易。',
    );
  }
  parts.push(
    en
      ? 'Your bitcoin is not lost: the transaction will either confirm when the network gets quieter, or be dropped, and then the coins can be spent again from the sending wallet.'
      : '您的比特币没有丢失：交易会在网络不那么拥堵时确认，或者被丢弃，届时币可以从转出的钱包再次使用。',
  );
  if (d.expiresAt) {
    parts.push(
      en
        ? `If it is still unconfirmed on ${formatTime(d.expiresAt, 'en')}, most nodes will drop it.`
        : `如果到 ${formatTime(d.expiresAt, 'zh-CN')} 仍未确认，大多数节点会将其丢弃。`,
    );
  }
  for (const code of d.advice) if (code === 'rbf' || code === 'cpfp') parts.push(adviceText(code, 'user', lang));
  return join(parts, lang);
}

/** A few lines of facts for an agent (CLI, console tooltip). */
export function summarizeForAgent(d: TxDiagnosis, lang: Lang): string[] {
  const en = lang === 'en';
  const lines: string[] = [`txid ${d.txid} · ${networkName(d.network, lang)} · ${d.backend}`];
  if (!d.found) {
    lines.push(en ? 'Status: NOT FOUND' : '状态：未找到');
    lines.push((en ? 'Possible reasons: ' : '可能原因：') + d.notFoundReasons.join(', '));
  } else if (d.confirmed) {
    lines.push(
      en
        ? `Status: confirmed · ${d.confirmations} confirmation(s) · block ${d.blockHeight}${d.blockTime ? ` · ${d.blockTime}` : ''}`
        : `状态：已确认 · ${d.confirmations} 个确认 · 区块 ${d.blockHeight}${d.blockTime ? ` · ${d.blockTime}` : ''}`,
    );
  } else {
    const eta =
      d.expectedMinutes !== null
        ? formatDuration(d.expectedMinutes * 60, lang)
        : d.beyondEstimates
          ? en
            ? 'beyond current estimates'
            : '超出当前估算范围'
          : en
            ? 'unknown'
            : '未知';
    lines.push(
      en
        ? `Status: unconfirmed${d.stuck ? ' · STUCK' : ''} · in mempool ${d.timeInMempoolSeconds !== null ? formatDuration(d.timeInMempoolSeconds, 'en') : '(since unknown)'} · expected ${eta}`
        : `状态：未确认${d.stuck ? ' · 卡住' : ''} · 在内存池中${d.timeInMempoolSeconds !== null ? formatDuration(d.timeInMempoolSeconds, 'zh-CN') : '（时长未知）'} · 预计 ${eta}`,
    );
  }
  if (d.found) {
    const fee = d.fee === null ? '?' : `${d.fee} sats`;
    const fr = d.feeRate === null ? '?' : rateText(d.feeRate);
    const eff = d.effectiveFeeRate !== null && d.effectiveFeeRate !== d.feeRate ? ` (effective ${rateText(d.effectiveFeeRate)})` : '';
    lines.push(`${en ? 'Fee' : '手续费'}: ${fee} · ${d.vsize} vB · ${fr}${eff}`);
    if (d.estimates.length > 0) {
      lines.push(
        (en ? 'Estimates now: ' : '当前估算：') +
          d.estimates.map((e) => `${e.blocks} blk ${rateText(e.feeRate)}`).join(', ') +
          (d.mempoolMinFee !== null ? ` · min ${rateText(d.mempoolMinFee)}` : ''),
      );
    }
    lines.push(
      `RBF: ${en ? 'signals BIP125' : '声明 BIP125'} ${d.signalsRbf ? (en ? 'yes' : '是') : en ? 'no' : '否'}` +
        (d.replaceableFullRbf !== null
          ? ` · ${en ? 'replaceable under full-RBF' : '在 full-RBF 策略下可替换'} ${d.replaceableFullRbf ? (en ? 'yes' : '是') : en ? 'no' : '否'}`
          : ''),
    );
    if (d.cpfp) {
      lines.push(
        `CPFP: ${d.cpfp.possible ? (en ? 'possible' : '可行') : en ? 'not possible' : '不可行'} · ${en ? 'unspent outputs' : '未花费输出'} [${d.cpfp.outputs.join(', ')}]` +
          (d.cpfp.childFee !== null
            ? ` · ${en ? 'child fee' : '子交易手续费'} ≥ ${d.cpfp.childFee} sats (${d.cpfp.childVsize} vB, ${en ? 'package' : '打包'} ${rateText(d.cpfp.packageFeeRate ?? 0)})`
            : ''),
      );
    }
    if (d.children.length > 0) lines.push(`${en ? 'Children' : '子交易'}: ${d.children.map((c) => `${c.txid} (${c.feeRate ?? '?'} sat/vB)`).join(', ')}`);
    if (d.parents.length > 0) lines.push(`${en ? 'Unconfirmed parents' : '未确认父交易'}: ${d.parents.map((p) => `${p.txid} (${p.feeRate ?? '?'} sat/vB)`).join(', ')}`);
  }
  if (d.notes.length > 0) lines.push(`${en ? 'Notes' : '备注'}: ${d.notes.join(', ')}`);
  return lines;
}
