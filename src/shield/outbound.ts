/**
 * The outbound guard: no reply, note, macro or API message may ask a customer for a recovery phrase, seed
 * words, a private key or a picture of the backup, and none may carry one. Warnings ("never share your
 * recovery phrase", "我们绝不会索要您的助记词") pass.
 *
 * How: the text is cut into sentences and clauses; each rule is a request pattern (verb + secret, question,
 * "we need", photo of the backup) in English or Chinese. A match is excused when a negation governs it
 * (a "never"/"不要" earlier in its sentence with no "but"/"但是"/"just" in between), or when its clause is
 * a warning about someone else asking ("if anyone asks…", "…都是骗子"). Every rule has a stable id so that
 * false positives can be reported against it.
 */
import { inAll, type Language } from '../i18n/index.js';
import { findSecrets } from './detect.js';

/** What checkOutbound says: allowed, or blocked by one rule with an explanation for the agent. */
export type OutboundVerdict =
  | { allowed: true }
  | { allowed: false; rule: OutboundRuleId; explanation: Record<Language, string> };

type Family = 'secret' | 'ask' | 'photo';

/** Every rule of the guard: its stable id, what it matches (for admins reviewing reported false positives). */
export const OUTBOUND_RULES = {
  'contains-secret': { family: 'secret', description: 'The text itself contains a recovery phrase or private key.' },
  'en.send-secret': { family: 'ask', description: 'Asks to send/share/give/tell/upload the secret ("send me your 12 words").' },
  'en.enter-secret-here': {
    family: 'ask',
    description: 'Asks to type/enter/paste the secret here, in a form or link, or to verify ("type your seed phrase here").',
  },
  'en.verify-secret': { family: 'ask', description: 'Asks to verify/confirm/validate the secret or to prove ownership with it.' },
  'en.question-secret': { family: 'ask', description: 'Asks what the secret is ("what are your seed words?").' },
  'en.need-secret': { family: 'ask', description: 'Says we/support need or require the secret.' },
  'en.photo-backup': { family: 'photo', description: 'Asks for a photo or screenshot of the backup or the secret.' },
  'zh.send-secret': { family: 'ask', description: '要求提供/发送/告诉助记词或私钥（“请提供您的助记词”“把助记词发给我们”）。' },
  'zh.enter-secret-here': { family: 'ask', description: '要求在此处、链接或表单中输入助记词或私钥。' },
  'zh.verify-secret': { family: 'ask', description: '要求验证/核实/确认助记词或私钥（“验证一下您的私钥”）。' },
  'zh.question-secret': { family: 'ask', description: '询问助记词或私钥是什么（“您的助记词是什么？”）。' },
  'zh.need-secret': { family: 'ask', description: '声称我们/客服需要助记词或私钥。' },
  'zh.photo-backup': { family: 'photo', description: '要求拍照或截图助记词、私钥或钱包备份。' },
} as const satisfies Record<string, { family: Family; description: string }>;

export type OutboundRuleId = keyof typeof OUTBOUND_RULES;


// ---- English ----
const NUM = String.raw`(?:\d{1,2}|twelve|eighteen|twenty[- ]?four|twenty[- ]?one|fifteen)`;
const SECRET_EN =
  String.raw`(?:(?:recovery|seed|secret|backup|restore|mnemonic|wallet|master)[ -]?(?:phrases?|words?|sentences?|key ?phrases?)` +
  String.raw`|mnemonics?|seeds?|private[ -]?keys?|priv[ -]?keys?|privkeys?|secret[ -]?keys?|xprvs?|extended private keys?` +
  String.raw`|wif(?: keys?)?|passphrases?|25th word|wallet\.dat|keystore(?: files?)?|backup (?:card|sheet|paper)s?` +
  String.raw`|recovery (?:sheet|card|paper)s?|${NUM}[ -]?words?(?: (?:phrase|list|backup|seed))?` +
  String.raw`|words (?:from|on|of|in) (?:your|the) (?:backup|recovery|seed)(?: (?:card|sheet|paper|phrase))?` +
  String.raw`|(?<=your )(?:phrase|backup(?! (?:e-?mail|address|phone|number|contact|code))))`;
const POSS = String.raw`(?:(?:your|ur|the|all|all of your|all your|those|these|its|that|full|complete|entire|exact|original|wallet(?:'?s)?|account'?s|secret|backup)\s+){0,3}`;
const OBJ_EN = String.raw`${POSS}(?:${NUM}\s+)?${SECRET_EN}\b`;
const COPY_OF = String.raw`(?:(?:a |the )?(?:copy|list|photo|picture|screenshot|image|scan) of\s+)?`;
const STRONG_EN = String.raw`(?:send|share|provide|give|tell|reply with|respond with|dm|pm|message|e-?mail|text|whatsapp|upload|attach|submit|forward|read(?: out)?|spell(?: out)?|disclose|reveal|hand over|pass(?: on)?|post|drop)`;
const TO_US = String.raw`(?:\s+(?:me|us|over|back|along|across|it|them|with|our (?:team|support|agents?)|support)){0,4}`;
const WEAK_EN = String.raw`(?:enter|type|input|paste|fill in|write|put|insert|key in|copy|list)`;
/** Where a typed secret would go to us, or why we would want it. */
const DEST_EN = new RegExp(
  String.raw`\b(?:here|below|in (?:this|the|our) (?:chat|form|field|box|ticket|reply|email|message|thread|conversation|page|website|site|portal|link)|on (?:this|our) (?:page|site|website|form|portal|link)|(?:to|with) (?:us|me|support|our (?:team|agents?))|to (?:verify|validate|confirm|sync|unlock|unfreeze|prove|restore access|recover (?:your )?(?:funds|account|access))|for (?:verification|validation|us|me|review)|so (?:that )?(?:we|i) can|into (?:this|our)|https?:|www\.|(?:via|using|through|on|at) (?:the|this) link|following link|in your (?:reply|answer|response))`,
);

const RULES_EN: Array<[OutboundRuleId, RegExp]> = [
  [
    'en.photo-backup',
    new RegExp(
      String.raw`\b(?:send|share|take|upload|attach|provide|give|show|post|snap|need|want|require|forward|e-?mail|dm|make)\b[^.]{0,40}?\b(?:photo|picture|pic|screenshot|screen ?shot|image|scan|snapshot|video)s?\s+of\s+${POSS}(?:${NUM}\s+)?(?:${SECRET_EN}|backup|recovery|seed)\b`,
      'g',
    ),
  ],
  ['en.photo-backup', new RegExp(String.raw`\b(?:photograph|screenshot|scan|snap)\s+${OBJ_EN}`, 'g')],
  ['en.send-secret', new RegExp(String.raw`\b${STRONG_EN}\b${TO_US}\s+${COPY_OF}${OBJ_EN}`, 'g')],
  ['en.send-secret', new RegExp(String.raw`\bshare\s+with\s+(?:me|us)\s+${OBJ_EN}`, 'g')],
  // An instruction between agents ("ask him for the seed phrase") is a request to the customer by proxy.
  [
    'en.send-secret',
    new RegExp(String.raw`\b(?:ask|get|have)\s+(?:him|her|them|the (?:customer|user|client|caller|requester))\s+(?:for|to (?:send|give|share|provide|tell|read out))\s+${OBJ_EN}`, 'g'),
  ],
  ['en.verify-secret', new RegExp(String.raw`\b(?:verify|confirm|validate|authenticate|double-check)\s+${OBJ_EN}`, 'g')],
  ['en.verify-secret', new RegExp(String.raw`\b(?:verify|confirm|prove)\b[^.]{0,40}?\b(?:with|using|by (?:sending|providing|giving|entering|typing|sharing))\s+${OBJ_EN}`, 'g')],
  ['en.question-secret', new RegExp(String.raw`\bwhat(?:'s| is| are| were)\s+(?:your|ur|the)\s+(?:${NUM}\s+)?${SECRET_EN}\b`, 'g')],
  [
    'en.need-secret',
    new RegExp(
      String.raw`\b(?:we|i|we'll|i'll|we'd|i'd|support|the system|our \w+|the (?:engineer|technician|team|agent|specialist)s?)\s+(?:will\s+|would\s+|do\s+|does\s+|also\s+|still\s+)*(?:needs?|requires?|must have|wants?)\s+(?:to (?:see|have|get|know|check|verify|confirm|receive)\s+)?${OBJ_EN}`,
      'g',
    ),
  ],
];
const ENTER_EN = new RegExp(String.raw`\b${WEAK_EN}\b${TO_US}\s+${OBJ_EN}`, 'g');

// ---- Chinese ----
const SECRET_ZH = String.raw`(?:助[记記]词|助[记記]詞|助[记記]短[语語]|恢[复復]短[语語]|恢[复復][词詞]|种子短语|種子短語|种子词|種子詞|私[钥鑰匙]|密[钥鑰]|秘[钥鑰]|[钱錢]包[备備]份|[备備]份短[语語]|[备備]份[词詞]|助[记記]|密[语語]|主私[钥鑰]|[扩擴]展私[钥鑰]|(?:12|24|18|十二|二十四|十八)\s*个?(?:英文)?(?:[单單][词詞]|[词詞]))`;
const STRONG_ZH = String.raw`(?:提供|[发發][送给給到我]|[发發]一下|[发發][过過]来|[发發][过過]來|告[诉訴]|上[传傳]|提交|私信|回[复覆]|[给給]我|[报報]一下|[说說]一下|念一下|[读讀]一下|透露[给給]|交[给給]|出示|分享)`;
const WEAK_ZH = String.raw`(?:[输輸]入|填[写寫入]|粘[贴貼]|[贴貼]出|[复複]制|[导導]入)`;
const VERIFY_ZH = String.raw`(?:[验驗][证證]|核[实實]|核[对對]|[确確][认認]|校[验驗])`;
const DEST_ZH = /这里|這裡|此处|此處|下方|下面|本页|本頁|链接|鏈接|連結|表单|表單|对话框|對話框|聊天|窗口|回复|回覆|我们|我們|给我|給我|以便|方便我|[验驗][证證]|核[实實]|网站|網站|网页|網頁|客服/;
const C = String.raw`[^。！？!?\n，,；;：:]`;
const PHOTO_ZH = String.raw`(?:拍照|拍一下|拍[张張]|拍下|照片|截[图圖屏]|截[个個]?[图圖]|[图圖]片)`;
const SEND_ZH = String.raw`(?:[发發]|上[传傳]|提供|[给給]|[传傳])`;

const RULES_ZH: Array<[OutboundRuleId, RegExp]> = [
  ['zh.photo-backup', new RegExp(String.raw`(?:[请請]|麻[烦煩]|需要|[帮幫]忙)${C}{0,6}?${PHOTO_ZH}${C}{0,10}?${SECRET_ZH}`, 'g')],
  ['zh.photo-backup', new RegExp(String.raw`${SECRET_ZH}${C}{0,10}?${PHOTO_ZH}${C}{0,8}?${SEND_ZH}`, 'g')],
  ['zh.photo-backup', new RegExp(String.raw`${SEND_ZH}${C}{0,8}?${SECRET_ZH}${C}{0,6}?${PHOTO_ZH}`, 'g')],
  ['zh.send-secret', new RegExp(String.raw`${STRONG_ZH}${C}{0,10}?${SECRET_ZH}`, 'g')],
  ['zh.send-secret', new RegExp(String.raw`(?:把|将|將)${C}{0,6}?${SECRET_ZH}${C}{0,8}?${STRONG_ZH}`, 'g')],
  ['zh.send-secret', new RegExp(String.raw`${SECRET_ZH}${C}{0,6}?(?:[发發][给給到我]|[发發][过過]|告[诉訴]|提供[给給]|[给給]我|私信)`, 'g')],
  ['zh.verify-secret', new RegExp(String.raw`${VERIFY_ZH}(?:一下)?(?:[您你](?:的)?)?(?:[这這][个個些])?${SECRET_ZH}`, 'g')],
  ['zh.verify-secret', new RegExp(String.raw`${SECRET_ZH}${C}{0,6}?(?:[进進]行|来|來|以)?${VERIFY_ZH}`, 'g')],
  ['zh.question-secret', new RegExp(String.raw`(?:您|你)的${SECRET_ZH}(?:是|都是)(?:什么|什麼|哪些|多少|啥)`, 'g')],
  ['zh.need-secret', new RegExp(String.raw`(?:我们|我們|我|客服|系统|系統|工作人[员員]|技术|技術)(?:这边|這邊)?(?:需要|要求|必[须須]|得)(?:[您你])?(?:提供)?(?:[您你]的)?${SECRET_ZH}`, 'g')],
];
const VERIFY_RULES = new Set<OutboundRuleId>(['en.verify-secret', 'zh.verify-secret']);
/** DEST_EN without purposes ("to confirm"): only places and people that would receive the secret. */
const TO_US_EN =
  /\b(?:here|below|in (?:this|the|our) (?:chat|form|field|box|ticket|reply|email|message|thread|conversation|page|website|site|portal|link)|on (?:this|our) (?:page|site|website|form|portal|link)|(?:to|with) (?:us|me|support|our (?:team|agents?))|for (?:us|me)|so (?:that )?(?:we|i) can|into (?:this|our)|https?:|www\.)/;
/** DEST_ZH without the verification words themselves (they are what a verify rule matched). */
const DEST_ZH_STRICT = /这里|這裡|此处|此處|下方|下面|本页|本頁|链接|鏈接|連結|表单|表單|对话框|對話框|聊天|窗口|回复|回覆|我们|我們|给我|給我|网站|網站|网页|網頁|客服/;
const MENTIONS_SECRET = new RegExp(String.raw`${SECRET_EN}|${SECRET_ZH}|backup|recovery|seed`);
const ENTER_ZH = new RegExp(String.raw`${WEAK_ZH}${C}{0,10}?${SECRET_ZH}`, 'g');

// ---- What excuses a match ----
/** Negations that are about something else ("don't worry, …", "不好意思"): removed before looking. */
const IDIOMS =
  /\b(?:don'?t|do not) (?:worry|hesitate|panic)\b|\bno (?:worries|problem|rush|hurry)\b|\bnot (?:sure|yet|a problem)\b|不好意思|不用[担擔]心|[别別不]要?[担擔]心|不要着急|不要著急|[别別]着急|[别別]著急|不要[紧緊]|不客[气氣]|[没沒][关關][系係]|不方便|不知道|不[确確]定|不清楚|不了解|不[见見]了|不[错錯]|不少|不[仅僅]|不然/g;
const NEGATION =
  /\b(?:never|not|no one|nobody|no-one|don'?t|doesn'?t|won'?t|wouldn'?t|shouldn'?t|mustn'?t|can'?t|cannot|avoid|beware|refuse)\b|n't\b|不要|不会|不會|不能|不可|不[应應]|不得|不必|不需要|[别別](?=[把将將告发發向给給透泄分输輸上截拍相轻輕填提])|勿|[绝絕]不|[决決]不|永[远遠]不|从不|從不|从来不|從來不|千[万萬]不|禁止|[谨謹]防|警惕|提防/g;
/**
 * Words a negation reaches across to the request verb: "never ask you to share", "do not, under any
 * circumstances, share", "不会要求您提供". Any other word ("does not work, send …", "不能打开，请提供…",
 * "but", "just", "但是") means the negation was about something else.
 */
const REACH_EN = new Set(
  `ever under any circumstances circumstance at all to anyone anybody with your you ask asks asked request requests requested
  require requires required want wants need needs for us me will we i be is are going have has should would could let allow
  them it yourself on the a an one time even if by support staff agents agent team our people person someone somebody other
  others else who which that this and or nor via through email e-mail phone chat over in from company employees employee
  member members of ourselves legitimate real genuine official service wallet provider also really directly personally do
  does did ever again anywhere online take make save store keep photos pictures screenshots copies`.split(/\s+/),
);
const REACH_ZH =
  /要求|要|[让讓]|叫|向|[对對]|任何人|任何|人|您|你|[们們]|[会會]|主[动動]|通[过過]|方式|理由|形式|在|的|把|[将將]|[给給]|都|也|再|去|随便|隨便|[轻輕]易|以|或|和|及|其他|[别別]人|他人|第三方|客服|工作人[员員]|[员員]工|官方|我|索取|索要|[询詢][问問]|[问問]|[电電][话話]|[邮郵]件|短信|私信|[网網]上|[与與]|跟|同|外|之外|以外|包括|上|中|里|裡|[这這]些|[该該]|此|信息|[资資][讯訊]|[内內]容|一|[个個]|次|[时時]候|情[况況]下?|下/g;

function negationReaches(between: string): boolean {
  const rest = between.replace(REACH_ZH, ' ');
  for (const word of rest.split(/[^a-z'-]+/)) if (word !== '' && !REACH_EN.has(word)) return false;
  return /^[\sa-z',，、-]*$/.test(rest);
}
/** A clause that warns about someone else asking. */
const WARNING_CLAUSE =
  /\b(?:if|when|whenever|should)\s+(?:anyone|someone|somebody|anybody|a person|people|they|he|she|scammers?|a stranger)\b|\b(?:anyone|someone|anybody|somebody|people|scammers?|fraudsters?|those)\s+(?:who|that)\s+(?:asks?|requests?|wants?|tells?)\b|\b(?:scam|scams|scammer|scammers|fraud|fraudsters?|phishing|impersonat\w*)\b|如果有人|若有人|任何人|任何自称|任何自稱|有人(?:要求|[让讓]|叫)|[骗騙]子|[诈詐][骗騙]|[骗騙]局|冒充|钓鱼|釣魚/;
/** Restore guidance: typing the phrase into the customer's own app is how recovery works. */
const OWN_APP = /\b(?:in|into|on) (?:the|your|a) (?:new )?(?:app|wallet app|wallet|device|phone|hardware wallet|ledger|trezor)\b|\bthe (?:app|wallet|device) will\b|在(?:新)?(?:手机|手機|设备|設備|钱包|錢包|应用|應用|app|App|APP)|(?:App|app|应用|應用|钱包|錢包)(?:会|會)/;

interface Span {
  start: number;
  end: number;
}

/** Sentences: cut at sentence punctuation and line breaks. */
function sentences(text: string): Span[] {
  const out: Span[] = [];
  // A full stop ends a sentence only before white space or the end ("wallet.dat" is one word).
  const end = /[.!?]+(?=\s|$)|[。！？\n;；]/g;
  let start = 0;
  for (let m = end.exec(text); m; m = end.exec(text)) {
    if (m.index > start) out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** How far back and around a match the excuses are looked for: a negation only reaches across a few filler words. */
const LOOK = 160;

function clauseAround(text: string, s: Span, at: number): string {
  const lo = Math.max(s.start, at - LOOK);
  const hi = Math.min(s.end, at + LOOK);
  let a = at;
  while (a > lo && !/[,，、:：]/.test(text.charAt(a - 1))) a--;
  let b = at;
  while (b < hi && !/[,，、:：]/.test(text.charAt(b))) b++;
  return text.slice(a, b);
}

/** True when a negation earlier in the sentence reaches the match, or its clause is a warning. */
/**
 * "Did you enter your 12 words anywhere?" / "您是否在其他网站输入过助记词？" investigate a theft: they ask
 * whether the secret went somewhere, not for the secret itself.
 */
const WHETHER_EN = /(?:^|[\s,;:])(?:did|have|has|had)\s+(?:you|anyone|anybody|someone|somebody)\b[^?]*\b(?:entered|enter|typed|type|shared|share|given|give|sent|send|told|tell|imported|import|pasted|paste)\b[^?]*\?/;
const WHETHER_ZH = /(?:是否|有没有|有沒有|有无|有無|曾经|曾經)[^。！？!?]{0,30}(?:输入|輸入|填写|填寫|提供|告诉|告訴|泄露|洩露|给过|給過|发给|發給|导入|導入)(?:过|過)?/;

function excused(text: string, s: Span, matchStart: number): boolean {
  const before = text.slice(Math.max(s.start, matchStart - LOOK), matchStart);
  for (const m of before.matchAll(NEGATION)) {
    if (negationReaches(before.slice(m.index + m[0].length))) return true;
  }
  const sentence = text.slice(s.start, s.end);
  if (WHETHER_EN.test(sentence) || WHETHER_ZH.test(sentence)) return true;
  return WARNING_CLAUSE.test(clauseAround(text, s, matchStart));
}

/**
 * Decides whether an outbound text (agent reply, internal note, macro, API message) may be sent.
 * Blocks text that contains a secret or asks the customer for one; the verdict names the rule.
 */
export function checkOutbound(text: string): OutboundVerdict {
  if (findSecrets(text).length > 0) return block('contains-secret');
  // Lower case and straight apostrophes; idioms blanked with spaces so that offsets stay the same.
  const norm = text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(IDIOMS, (m) => ' '.repeat(m.length));
  // Most replies never mention a secret: one look decides that, before any rule runs.
  if (!MENTIONS_SECRET.test(norm)) return { allowed: true };
  for (const s of sentences(norm)) {
    const sentence = norm.slice(s.start, s.end);
    for (const [rule, re] of [...RULES_EN, ...RULES_ZH]) {
      re.lastIndex = 0;
      for (const m of sentence.matchAll(re)) {
        // "The app will ask you to confirm your recovery phrase" describes the app, unless it points at us.
        const inApp = VERIFY_RULES.has(rule) && OWN_APP.test(sentence) && !TO_US_EN.test(sentence) && !DEST_ZH_STRICT.test(sentence);
        if (!inApp && !excused(norm, s, s.start + m.index)) return block(rule);
      }
    }
    // Typing the phrase is how a customer restores their own wallet: only asking it to come to us is blocked.
    for (const [rule, re, dest] of [
      ['en.enter-secret-here', ENTER_EN, DEST_EN],
      ['zh.enter-secret-here', ENTER_ZH, DEST_ZH],
    ] as const) {
      re.lastIndex = 0;
      for (const m of sentence.matchAll(re)) {
        const after = sentence.slice(m.index);
        if (!dest.test(sentence) || (OWN_APP.test(sentence) && !dest.test(after))) continue;
        if (!excused(norm, s, s.start + m.index)) return block(rule);
      }
    }
  }
  return { allowed: true };
}

function block(rule: OutboundRuleId): OutboundVerdict {
  return { allowed: false, rule, explanation: inAll(`shield.outbound.${OUTBOUND_RULES[rule].family}`) };
}
