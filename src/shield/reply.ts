/**
 * The automatic reply a customer gets, on the channel they used, when the shield removed a secret from
 * their message: we deleted it; nobody from the provider will ever ask for it; it must be treated as
 * compromised, so move the funds to a new wallet, and how.
 */
import type { SecretKind } from './types.js';

export type ReplyLanguage = 'zh-CN' | 'en';

interface Noun {
  en: string;
  zh: string;
}

const NOUNS: Record<SecretKind, Noun> = {
  mnemonic: { en: 'recovery phrase', zh: '助记词' },
  electrum_seed: { en: 'recovery phrase', zh: '助记词' },
  slip39: { en: 'recovery share', zh: '助记词分片（SLIP-39）' },
  wif: { en: 'private key', zh: '私钥' },
  hex_key: { en: 'private key', zh: '私钥' },
  xprv: { en: 'extended private key (xprv)', zh: '扩展私钥（xprv）' },
};

function nouns(kinds: readonly SecretKind[]): Noun[] {
  const seen = new Map<string, Noun>();
  for (const k of kinds.length > 0 ? kinds : (['mnemonic'] as const)) seen.set(NOUNS[k].en, NOUNS[k]);
  return [...seen.values()];
}

function listEn(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/**
 * Subject and body of the reply for the kinds of secret found (duplicates and order do not matter; an
 * empty list reads as a recovery phrase). `brand` names the provider where the text says "we".
 */
export function secretExposedReply(
  language: ReplyLanguage,
  kinds: readonly SecretKind[],
  opts: { brand?: string } = {},
): { subject: string; body: string } {
  const found = nouns(kinds);
  const share = kinds.includes('slip39');
  if (language === 'zh-CN') {
    const what = found.map((n) => n.zh).join('和');
    const who = opts.brand ? `${opts.brand}的任何工作人员` : '我们的任何工作人员';
    return {
      subject: `我们已删除您消息中的${what}`,
      body: [
        `您好，`,
        ``,
        `您发来的消息中包含您的${what}。为了保护您的资产，我们在保存之前已将其删除，客服人员看不到它，我们也没有保留任何副本。`,
        ``,
        `${who}都不会以任何方式（邮件、聊天、电话或其他途径）向您索要助记词或私钥。任何索要它们的人都是在试图盗取您的资产。`,
        ``,
        `由于它已经通过网络发送过，即使我们已经删除，也请把它视为已经泄露，并尽快把资产转移到一个新钱包：`,
        `1. 在您信任的设备上，用钱包应用创建一个新钱包（会生成新的助记词）。只把新助记词抄写在纸上，不要拍照、截图，也不要输入到任何其他地方。`,
        `2. 从旧钱包向新钱包的收款地址转出全部余额。`,
        `3. 等交易确认后，停止使用旧钱包和旧的${what}。`,
        ...(share ? [`SLIP-39 备份的单个分片通常不足以恢复钱包，但整套备份已不再安全，请按以上步骤建立新的钱包和新的备份。`] : []),
        ``,
        `如果您认为资产已经被转走，请回复本消息并告诉我们相关的交易ID（请不要再发送助记词或私钥）。`,
      ].join('\n'),
    };
  }
  const what = listEn(found.map((n) => n.en));
  const nobody = opts.brand ? `Nobody from ${opts.brand}` : 'Nobody from our team';
  return {
    subject: `We removed your ${what} from your message`,
    body: [
      `Hello,`,
      ``,
      `Your message contained your ${what}. To protect your funds we deleted it before it was stored: our agents cannot see it and we kept no copy.`,
      ``,
      `${nobody} will ever ask for your recovery phrase or private keys, by e-mail, chat, phone or any other way. Anyone who asks for them is trying to steal your funds.`,
      ``,
      `Because it was sent over the internet, treat it as compromised even though we removed it, and move your funds to a new wallet as soon as you can:`,
      `1. On a device you trust, create a new wallet in the app (it gives you a new recovery phrase). Write the new phrase on paper only; never photograph it or type it anywhere else.`,
      `2. Send your whole balance from the old wallet to a receiving address of the new wallet.`,
      `3. Once that transaction is confirmed, stop using the old wallet and the old ${what}.`,
      ...(share
        ? [`One SLIP-39 share alone usually cannot restore a wallet, but the backup as a whole is no longer safe: follow the steps above to make a new wallet and a new backup.`]
        : []),
      ``,
      `If you think funds have already been taken, reply to this message with the transaction ID (never the phrase or a key).`,
    ].join('\n'),
  };
}
