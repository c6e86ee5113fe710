/** The words of the e-mails the desk writes itself, in zh-CN and English. */
import type { NoticeKind } from '../../app/ports.js';

export type MailLanguage = 'zh-CN' | 'en';

/** zh-CN for Chinese conversations, English for English ones, else the brand's default. */
export function mailLanguage(ticketLanguage: string | null, brandDefault: MailLanguage): MailLanguage {
  if (ticketLanguage?.toLowerCase().startsWith('zh')) return 'zh-CN';
  if (ticketLanguage?.toLowerCase().startsWith('en')) return 'en';
  return brandDefault;
}

interface Strings {
  replyFooter(n: number, brand: string): string;
  greeting(name: string | null): string;
  signOff(brand: string): string;
  neverAsk: string;
  subject(kind: NoticeKind, n: number): string | null;
  body(kind: NoticeKind, facts: NoticeFacts): string;
}

export interface NoticeFacts {
  number: number;
  brand: string;
  /** The agent's reply, for 'reply'. */
  replyText?: string;
  url?: string | null;
  files?: Array<{ filename: string; size: number }>;
  limitBytes?: number;
  /** The desk's automatic replies (what is still missing, a link check), folded into the acknowledgement. */
  autoReplies?: string[];
}

const mb = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

const en: Strings = {
  replyFooter: (n, brand) =>
    `Ticket #${n}. Reply to this e-mail to add to it.\n${brand} will never ask for your recovery phrase (seed words), private keys or passwords.`,
  greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
  signOff: (brand) => `— ${brand} support`,
  neverAsk: 'We will never ask for your recovery phrase (seed words), private keys or passwords. Anyone who does is not us.',
  subject: (kind, n) => {
    if (kind === 'reply') return `New reply on your request [#${n}]`;
    if (kind === 'status_link') return `Your private link to request #${n} [#${n}]`;
    return null;
  },
  body(kind, f) {
    switch (kind) {
      case 'acknowledgement':
        return [
          `We have received your message and opened ticket #${f.number}. An agent will reply to this e-mail address.`,
          `To add details, reply to this e-mail and keep [#${f.number}] in the subject.`,
          ...(f.autoReplies?.length
            ? f.autoReplies
            : ['If it is about a transaction, please have ready: the transaction ID (txid), when you sent it, your device and the app version.']),
        ].join('\n\n');
      case 'reply':
        return [`An agent replied to your request #${f.number}:`, (f.replyText ?? '').trim(), 'Reply to this e-mail to answer.'].join('\n\n');
      case 'status_link':
        return [`You can follow request #${f.number} here:`, f.url ?? '', 'This link is private: do not forward it.'].join('\n\n');
      case 'attachment_rejected':
        return [
          `We added your message to ticket #${f.number}, but could not keep these files because they are larger than ${mb(f.limitBytes ?? 0)}:`,
          (f.files ?? []).map((x) => `- ${x.filename} (${mb(x.size)})`).join('\n'),
          'Please send a smaller file (a screenshot or a compressed file), or a link to it.',
        ].join('\n\n');
    }
  },
};

const zh: Strings = {
  replyFooter: (n, brand) => `工单号 #${n}。直接回复本邮件即可补充信息。\n${brand} 绝不会向您索要助记词、私钥或密码。`,
  greeting: (name) => (name ? `${name}，您好：` : '您好：'),
  signOff: (brand) => `—— ${brand} 客服`,
  neverAsk: '我们绝不会向您索要助记词、私钥或密码。任何索要这些信息的人都不是我们。',
  subject: (kind, n) => {
    if (kind === 'reply') return `您的工单有新回复 [#${n}]`;
    if (kind === 'status_link') return `工单 #${n} 的私密查看链接 [#${n}]`;
    return null;
  },
  body(kind, f) {
    switch (kind) {
      case 'acknowledgement':
        return [
          `我们已收到您的来信，工单号为 #${f.number}。客服会回复到此邮箱。`,
          `如需补充信息，请直接回复本邮件，并保留主题中的 [#${f.number}]。`,
          ...(f.autoReplies?.length ? f.autoReplies : ['如与交易有关，请准备好：交易 ID（txid）、发送时间、设备型号和 App 版本。']),
        ].join('\n\n');
      case 'reply':
        return [`客服回复了您的工单 #${f.number}：`, (f.replyText ?? '').trim(), '直接回复本邮件即可继续沟通。'].join('\n\n');
      case 'status_link':
        return [`您可以通过以下链接查看工单 #${f.number} 的进展：`, f.url ?? '', '此链接仅供您本人使用，请勿转发。'].join('\n\n');
      case 'attachment_rejected':
        return [
          `您的来信已加入工单 #${f.number}，但以下文件超过 ${mb(f.limitBytes ?? 0)}，未能保存：`,
          (f.files ?? []).map((x) => `- ${x.filename}（${mb(x.size)}）`).join('\n'),
          '请发送较小的文件（截图或压缩文件），或发送文件链接。',
        ].join('\n\n');
    }
  },
};

export function strings(language: MailLanguage): Strings {
  return language === 'zh-CN' ? zh : en;
}
