import { language, t, type Language } from '../i18n/index.js';
import type { Category, Detail, TriageEntities } from './types.js';
import type { Signal } from './rules.js';

const DESKTOP_OS = /windows|win\s*\d|mac|osx|sonoma|ventura|sequoia|linux|ubuntu|debian|fedora|chromeos/i;
const ACCOUNT_ID = /(?:用户名|用戶名|账号|帐号|帳號|账户名|帳戶名|\buid\b|\busername\b|\buser name\b|\buser id\b|\baccount id\b|\baccount name\b|\blogin\b)\s*(?:是|为|為|:|：|=|\bis\b)?\s*[A-Za-z0-9_.@+-]{3,}/i;
const CN_MOBILE = /(?<!\d)(?:\+?86[ -]?)?1[3-9]\d{9}(?!\d)/;

/**
 * Which details of the seed article's checklist a request lacks, for its category:
 * transaction → txid and time; technical → device, OS and app version (a desktop OS stands for the device);
 * account or login problems → the account e-mail or username (asked instead of device details);
 * a security incident where funds moved → the txid and time of the unauthorised transaction, and the account
 * when an account was taken over. how_to and other need nothing.
 */
export function missingDetails(category: Category, signals: ReadonlySet<Signal>, entities: TriageEntities, text: string): Detail[] {
  const missing: Detail[] = [];
  const hasAccount = entities.emails.length > 0 || ACCOUNT_ID.test(text) || CN_MOBILE.test(text);
  const needTx = (): void => {
    if (entities.txids.length === 0) missing.push('txid');
    if (entities.times.length === 0) missing.push('tx_time');
  };
  if (category === 'transaction') needTx();
  else if (category === 'security') {
    if (signals.has('funds_lost')) needTx();
    if (signals.has('account') && !hasAccount) missing.push('account');
  } else if (category === 'technical') {
    if (signals.has('account')) {
      if (!hasAccount) missing.push('account');
    } else {
      const desktop = entities.os.some((o) => DESKTOP_OS.test(o));
      if (entities.devices.length === 0 && !desktop) missing.push('device');
      if (entities.os.length === 0) missing.push('os');
      if (entities.appVersions.length === 0) missing.push('app_version');
    }
  }
  return missing;
}


/** The reply language for a detected language: Chinese (either script) gets zh-CN, everyone else English. */
export function replyLanguage(detected: string): Language {
  return language(detected);
}

/**
 * A short, friendly request to the customer for exactly the missing details, in zh-CN or English, always
 * ending with the reminder that the desk never asks for the recovery phrase or private key.
 * With nothing missing it is just the reminder.
 */
export function missingDetailsRequest(lang: Language, missing: readonly Detail[]): string {
  const never = t(lang, 'triage.never');
  const items = [...new Set(missing)].map((d) => t(lang, `triage.ask.${d}`));
  if (items.length === 0) return never;
  const list = items.map((item, i) => t(lang, 'triage.list_item', { n: i + 1, item })).join('\n');
  return t(lang, 'triage.request', { list, never });
}
