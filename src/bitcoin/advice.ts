/** The closed set of things the desk can advise about a transaction, with words for agents and for users. */

export const ADVICE_CODES = ['wait', 'rbf', 'cpfp', 'rebroadcast', 'contact_receiver', 'check_address'] as const;
export type AdviceCode = (typeof ADVICE_CODES)[number];

export type Lang = 'en' | 'zh-CN';
export type Audience = 'agent' | 'user';

const TEXT: Record<AdviceCode, Record<Audience, Record<Lang, string>>> = {
  wait: {
    agent: {
      en: 'Waiting is safe: the transaction is valid. It confirms once its fee is competitive (see the estimate); if it never is, nodes drop it after about 14 days and the coins are spendable again in the sending wallet. Tell the customer when to check again.',
      'zh-CN': '等待是安全的：交易有效。手续费具备竞争力时就会确认（见预计时间）；如果一直不够，节点约 14 天后会将其丢弃，币可以在发送方钱包中再次使用。请告诉客户何时再查看。',
    },
    user: {
      en: 'Your transaction is valid and your coins are safe; you can simply wait. If it is not confirmed yet, it will be, or after about 14 days the network drops it and the coins can be used again from the sending wallet. Please check again later.',
      'zh-CN': '您的交易有效，币是安全的，您可以直接等待。如果交易尚未确认，它会被确认；或者约 14 天后被网络丢弃，届时币可以从转出的钱包再次使用。请稍后再查看。',
    },
  },
  rbf: {
    agent: {
      en: 'The sender can raise the fee with Replace-By-Fee ("Bump fee" or "Speed up" in most wallets). Only the sending wallet can do this, and the new transaction gets a new txid.',
      'zh-CN': '发送方可以用 RBF（手续费替换，多数钱包里叫“加速”或“提高手续费”）提高手续费。只有发送方钱包能操作，新交易会有新的 txid。',
    },
    user: {
      en: 'If you sent this payment, you can speed it up with "Bump fee" or "Speed up" in your wallet. This pays a higher fee and replaces the transaction with a new one.',
      'zh-CN': '如果这笔转账是您发出的，可以在钱包里使用“加速”或“提高手续费”功能。这会支付更高的手续费，并用一笔新交易替换原交易。',
    },
  },
  cpfp: {
    agent: {
      en: 'Child pays for parent (CPFP): whoever controls an unspent output of this transaction (the receiver, or the sender through the change) spends it with a high fee, so miners take both together. Give them the fee needed.',
      'zh-CN': 'CPFP（子交易为父交易付费）：控制这笔交易某个未花费输出的一方（收款方，或通过找零的发送方）用高手续费花费它，矿工会把两笔一起打包。请告诉对方所需的手续费。',
    },
    user: {
      en: 'The payment can be sped up by spending the coins it brings with a higher fee ("child pays for parent"). The receiver\'s wallet can do this, and sometimes the sender\'s; ask us if you are unsure.',
      'zh-CN': '可以用“子交易为父交易付费”（CPFP）来加速：以更高的手续费再次花费这笔交易转出的币。收款方的钱包可以操作，有时发送方也可以；不确定时请咨询我们。',
    },
  },
  rebroadcast: {
    agent: {
      en: 'The network does not have this transaction. The sending wallet should broadcast it again; if it was dropped, the coins never left and can be sent again with a proper fee.',
      'zh-CN': '网络中没有这笔交易。发送方钱包应重新广播；如果交易已被丢弃，币并未转出，可以用合适的手续费重新发送。',
    },
    user: {
      en: 'The Bitcoin network does not know this transaction. Open the wallet you sent from and send (broadcast) it again. If it was dropped, your coins are still in that wallet.',
      'zh-CN': '比特币网络上找不到这笔交易。请打开您转出的钱包，重新广播（发送）这笔交易。如果交易已被丢弃，您的币仍在该钱包里。',
    },
  },
  contact_receiver: {
    agent: {
      en: 'The coins arrived on-chain. If the receiving service (exchange, merchant) has not credited them, the customer should contact that service with the txid, the amount and the address.',
      'zh-CN': '币已在链上到账。如果收款服务（交易所、商家）还没入账，请客户携带 txid、金额和地址联系对方。',
    },
    user: {
      en: 'The bitcoin has arrived at the receiving address. If the exchange or shop has not credited it yet, contact them and give them the transaction ID.',
      'zh-CN': '比特币已经到达收款地址。如果交易所或商家还没有入账，请联系他们并提供交易 ID（txid）。',
    },
  },
  check_address: {
    agent: {
      en: 'Check that the receiving address is the one the recipient gave: their current deposit address, on the right network, not altered by clipboard malware. Coins sent to a wrong address cannot be pulled back.',
      'zh-CN': '核对收款地址是否为收款方提供的地址：当前有效的充值地址、正确的网络、未被剪贴板恶意软件篡改。转错地址的币无法追回。',
    },
    user: {
      en: 'Please compare the address you sent to with the one the receiver gave you, character by character. Bitcoin sent to a wrong address cannot be reversed.',
      'zh-CN': '请逐个字符核对您转入的地址与收款方提供的地址是否一致。比特币转错地址后无法撤回。',
    },
  },
};

/** The sentence for one advice code, for the agent console or for the customer, in their language. */
export function adviceText(code: AdviceCode, audience: Audience, lang: Lang): string {
  return TEXT[code][audience][lang];
}
