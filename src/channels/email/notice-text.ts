/** The words of the e-mails the desk writes itself, in zh-CN and English, from the server's catalogue (notice.*). */
import type { NoticeKind } from '../../app/ports.js';
import { language, t, type Language } from '../../i18n/index.js';

export type MailLanguage = Language;

/** zh-CN for Chinese conversations, English for English ones, else the brand's default. */
export function mailLanguage(ticketLanguage: string | null, brandDefault: MailLanguage): MailLanguage {
  return language(ticketLanguage, brandDefault);
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
  /** The one-time code and how long it lives, for 'verification_code' (issue 18). */
  code?: string;
  minutes?: number;
}

const mb = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

/** The notice texts in one language. */
export function strings(lang: MailLanguage): Strings {
  return {
    replyFooter: (number, brand) => t(lang, 'notice.reply_footer', { number, brand }),
    greeting: (name) => (name ? t(lang, 'notice.greeting_named', { name }) : t(lang, 'notice.greeting')),
    signOff: (brand) => t(lang, 'notice.sign_off', { brand }),
    neverAsk: t(lang, 'notice.never_ask'),
    subject: (kind, number) => {
      if (kind === 'reply') return t(lang, 'notice.subject.reply', { number });
      if (kind === 'status_link') return t(lang, 'notice.subject.status_link', { number });
      if (kind === 'verification_code') return t(lang, 'identity.email.subject', { number });
      if (kind === 'freeze_link') return t(lang, 'freeze.link.subject', { number });
      if (kind === 'csat') return t(lang, 'csat.email.subject', { number });
      if (kind === 'solved') return t(lang, 'solved_mail.subject', { number });
      return null;
    },
    body(kind, f) {
      const number = f.number;
      switch (kind) {
        case 'acknowledgement':
          return [
            t(lang, 'notice.acknowledgement.received', { number }),
            t(lang, 'notice.acknowledgement.add_details', { number }),
            ...(f.autoReplies?.length ? f.autoReplies : [t(lang, 'notice.acknowledgement.prepare')]),
          ].join('\n\n');
        case 'reply':
          return [t(lang, 'notice.reply.intro', { number }), (f.replyText ?? '').trim(), t(lang, 'notice.reply.answer'), ...(f.url ? [t(lang, 'notice.reply.on_page', { url: f.url })] : [])].join('\n\n');
        case 'status_link':
          return [t(lang, 'notice.status_link.intro', { number }), f.url ?? '', t(lang, 'notice.status_link.private')].join('\n\n');
        case 'freeze_link':
          return t(lang, 'freeze.link.body', { brand: f.brand, url: f.url ?? '' });
        case 'solved':
          return t(lang, 'solved_mail.body', { number, url: f.url ?? '' });
        case 'csat':
          return [t(lang, 'csat.email.intro', { number }), f.url ?? '', t(lang, 'csat.email.once')].join('\n\n');
        case 'attachment_rejected':
          return [
            t(lang, 'notice.attachment_rejected.intro', { number, limit: mb(f.limitBytes ?? 0) }),
            (f.files ?? []).map((x) => t(lang, 'notice.attachment_rejected.file', { filename: x.filename, size: mb(x.size) })).join('\n'),
            t(lang, 'notice.attachment_rejected.advice'),
          ].join('\n\n');
        case 'verification_code':
          return t(lang, 'identity.email.body', { brand: f.brand, code: f.code ?? '', url: f.url ?? '', minutes: f.minutes ?? 0 });
      }
    },
  };
}
