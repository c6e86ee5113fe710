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

const ASK: Record<'zh-CN' | 'en', Record<Detail, string>> = {
  'zh-CN': {
    txid: '交易ID（txid，可在钱包的交易详情里复制）',
    tx_time: '交易发起的大致时间（日期和几点）',
    device: '您使用的设备型号（例如 iPhone 15、华为 Mate 60、Ledger Nano X）',
    os: '操作系统及版本（例如 iOS 17.2、Android 14、鸿蒙 4.0、Windows 11）',
    app_version: '钱包App的版本号（在“设置 → 关于”里可以看到）',
    account: '您注册账户时使用的邮箱或用户名',
  },
  en: {
    txid: 'the transaction ID (txid; you can copy it from the transaction details in the wallet)',
    tx_time: 'roughly when you made the transaction (date and time)',
    device: 'your device model (e.g. iPhone 15, Pixel 8, Ledger Nano X)',
    os: 'your operating system and its version (e.g. iOS 17.2, Android 14, Windows 11)',
    app_version: 'the version of the wallet app (see Settings → About)',
    account: 'the e-mail address or username of your account',
  },
};

/** The reply language for a detected language: Chinese (either script) gets zh-CN, everyone else English. */
export function replyLanguage(language: string): 'zh-CN' | 'en' {
  return language === 'zh' || language.startsWith('zh-') ? 'zh-CN' : 'en';
}

/**
 * A short, friendly request to the customer for exactly the missing details, in zh-CN or English, always
 * ending with the reminder that the desk never asks for the recovery phrase or private key.
 * With nothing missing it is just the reminder.
 */
export function missingDetailsRequest(language: 'zh-CN' | 'en', missing: readonly Detail[]): string {
  const items = [...new Set(missing)].map((d) => ASK[language][d]);
  if (language === 'zh-CN') {
    const never = '请注意：我们绝不会向您索要助记词或私钥，任何人索要都请不要提供。';
    if (items.length === 0) return never;
    const list = items.map((item, i) => `${i + 1}. ${item}`).join('\n');
    return `您好，感谢您的耐心！为了尽快帮您处理，请补充以下信息：\n${list}\n${never}`;
  }
  const never = 'Please note: we will never ask for your recovery phrase or private key. Do not share them with anyone.';
  if (items.length === 0) return never;
  const list = items.map((item) => `- ${item}`).join('\n');
  return `Hi, thanks for reaching out! To help you as quickly as possible, could you send us:\n${list}\n${never}`;
}
