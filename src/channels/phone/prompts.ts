/**
 * Everything the hotline says, in Mandarin (zh-CN) and English. Static prompts may be replaced by a brand's
 * recordings (PROMPT_KEYS); the ones with numbers in them are always spoken.
 */
import type { UiLanguage } from '../../core/people.js';
import type { PromptKey } from '../../app/phone-settings.js';

/** Digits spoken one by one ("1 2 3 4"), which text-to-speech reads as digits rather than a number. */
export const spaced = (digits: string | number): string => String(digits).split('').join(' ');

type Static = Record<PromptKey, string>;

const EN: Static = {
  greeting: 'Welcome to {brand}. For English, press 2.',
  warning: 'We will never ask for your recovery phrase or private key. Anyone who does is not us.',
  menu:
    'If money was stolen, or you see a transaction you do not recognise, press 1. ' +
    'For a transaction that is delayed, failed or not received, press 2. ' +
    'If the app does not open, update or log in, press 3. ' +
    'For help using the wallet, press 4. ' +
    'To speak to an agent, press 0.',
  invalid: 'Sorry, that is not one of the choices.',
  emergency: 'We have opened an urgent case for you, and you are first in line for the next on-call agent. While you wait, do not share your recovery phrase or private key with anyone.',
  hold: '',
  callback_offer: 'To be called back instead, at the number you are calling from, press 1.',
  callback_done: 'Thank you. An agent will call you back as soon as possible. Goodbye.',
  closed: 'Our agents are not available right now. Please leave a message after the tone, and press the pound key when you are done.',
  queue_full: 'All our agents are busy right now. Please leave a message after the tone, and press the pound key when you are done.',
  voicemail_done: 'Thank you. We have your message and will get back to you. Goodbye.',
  connecting: 'Connecting you to an agent.',
  goodbye: 'Thank you for calling. Goodbye.',
};

const ZH: Static = {
  greeting: '您好，欢迎致电{brand}。普通话服务请按 1。',
  warning: '我们绝不会向您索要助记词或私钥。任何向您索要助记词或私钥的人都不是我们。',
  menu: '资金被盗或出现陌生交易，请按 1。交易延迟、失败或未到账，请按 2。应用无法打开、更新或登录，请按 3。钱包使用咨询，请按 4。人工服务，请按 0。',
  invalid: '抱歉，没有这个选项。',
  emergency: '我们已为您创建紧急工单，您将优先接入下一位值班客服。等待期间，请勿向任何人透露您的助记词或私钥。',
  hold: '',
  callback_offer: '如需改为回电到您当前的来电号码，请按 1。',
  callback_done: '谢谢。客服将尽快给您回电。再见。',
  closed: '现在不是人工服务时间。请在提示音后留言，留言完毕请按井号键。',
  queue_full: '所有客服都在忙。请在提示音后留言，留言完毕请按井号键。',
  voicemail_done: '谢谢，我们已收到您的留言，会尽快与您联系。再见。',
  connecting: '正在为您接通客服。',
  goodbye: '感谢您的来电，再见。',
};

const STATIC: Record<UiLanguage, Static> = { en: EN, 'zh-CN': ZH };

/** A static prompt's text, with the brand's name filled in. */
export function promptText(language: UiLanguage, key: PromptKey, brand: string): string {
  return STATIC[language][key].replace('{brand}', brand);
}

/** The prompts with numbers in them. */
export const dynamic = {
  caseNumber: (l: UiLanguage, n: number) => (l === 'zh-CN' ? `您的工单编号是 ${spaced(n)}。` : `Your case number is ${spaced(n)}.`),
  position: (l: UiLanguage, position: number, minutes: number) =>
    l === 'zh-CN'
      ? `您目前排在第 ${position} 位，预计等待约 ${minutes} 分钟。`
      : `You are number ${position} in line. The estimated wait is about ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  confirmCallback: (l: UiLanguage, last4: string) =>
    l === 'zh-CN'
      ? `我们将回电至尾号为 ${spaced(last4)} 的号码。确认请按 1，继续等待请按 2。`
      : `We will call you back at the number ending in ${spaced(last4)}. To confirm, press 1. To keep waiting, press 2.`,
  agentMissed: (l: UiLanguage) => (l === 'zh-CN' ? '客服暂时无法接听，您的排队位置保持不变。' : 'The agent could not answer. You keep your place in line.'),
  freezeOffered: (l: UiLanguage) => (l === 'zh-CN' ? '客服接通后将立即协助您冻结账户。' : 'An agent will help you freeze your account as soon as you are connected.'),
  pleaseHold: (l: UiLanguage) => (l === 'zh-CN' ? '请稍候，我们将为您接通下一位客服。' : 'Please hold for the next available agent.'),
};
