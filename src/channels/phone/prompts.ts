/**
 * Everything the hotline says, in Mandarin (zh-CN) and English, from the server's catalogue (ivr.*). Static
 * prompts may be replaced by a brand's recordings (PROMPT_KEYS); the ones with numbers in them are always spoken.
 */
import type { UiLanguage } from '../../core/people.js';
import type { PromptKey } from './phone-settings.js';
import { t } from '../../i18n/index.js';

/** Digits spoken one by one ("1 2 3 4"), which text-to-speech reads as digits rather than a number. */
export const spaced = (digits: string | number): string => String(digits).split('').join(' ');

/** A static prompt's text, with the brand's name filled in. */
export function promptText(language: UiLanguage, key: PromptKey, brand: string): string {
  return t(language, `ivr.prompt.${key}`, { brand });
}

/** The prompts with numbers in them. */
export const dynamic = {
  caseNumber: (l: UiLanguage, n: number) => t(l, 'ivr.case_number', { digits: spaced(n) }),
  position: (l: UiLanguage, position: number, minutes: number) => t(l, 'ivr.position', { position, count: minutes }),
  confirmCallback: (l: UiLanguage, last4: string) => t(l, 'ivr.confirm_callback', { digits: spaced(last4) }),
  agentMissed: (l: UiLanguage) => t(l, 'ivr.agent_missed'),
  freezeOffered: (l: UiLanguage) => t(l, 'ivr.freeze_offered'),
  pleaseHold: (l: UiLanguage) => t(l, 'ivr.please_hold'),
};
