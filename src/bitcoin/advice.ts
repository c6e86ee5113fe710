/** The closed set of things the desk can advise about a transaction, with words for agents and for users. */
import { t, type Language } from '../i18n/index.js';

export const ADVICE_CODES = ['wait', 'rbf', 'cpfp', 'rebroadcast', 'contact_receiver', 'check_address'] as const;
export type AdviceCode = (typeof ADVICE_CODES)[number];

export type Lang = Language;
export type Audience = 'agent' | 'user';

/** The sentence for one advice code, for the agent console or for the customer, in their language. */
export function adviceText(code: AdviceCode, audience: Audience, lang: Lang): string {
  return t(lang, `chain.advice.${code}.${audience}`);
}
