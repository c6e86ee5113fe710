/**
 * The automatic reply a customer gets, on the channel they used, when the shield removed a secret from
 * their message: we deleted it; nobody from the provider will ever ask for it; it must be treated as
 * compromised, so move the funds to a new wallet, and how.
 */
import { joinList, t, type Language } from '../i18n/index.js';
import type { SecretKind } from './types.js';

export type ReplyLanguage = Language;

function nouns(kinds: readonly SecretKind[], language: Language): string[] {
  const seen = new Set<string>();
  for (const k of kinds.length > 0 ? kinds : (['mnemonic'] as const)) seen.add(t(language, `shield.secret_noun.${k}`));
  return [...seen];
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
  const what = joinList(language, nouns(kinds, language));
  const nobody = opts.brand ? t(language, 'shield.reply.nobody_brand', { brand: opts.brand }) : t(language, 'shield.reply.nobody');
  const share = kinds.includes('slip39');
  return {
    subject: t(language, 'shield.reply.subject', { what }),
    body: [
      t(language, 'shield.reply.body', { what, nobody }),
      ...(share ? [t(language, 'shield.reply.slip39_share')] : []),
      ``,
      t(language, 'shield.reply.closing'),
    ].join('\n'),
  };
}
