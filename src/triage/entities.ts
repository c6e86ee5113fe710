import { extractBitcoinRefs } from '../bitcoin/extract.js';
import type { AmountEntity, TimeEntity, TriageEntities } from './types.js';

const ZH_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const ZH_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const ZH_BIG: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Parses Chinese numerals as users write them: 五百, 一千二百, 两万, 十五, 三, 半 (0.5). */
export function parseChineseNumber(s: string): number | null {
  if (s === '半') return 0.5;
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in ZH_DIGIT) digit = ZH_DIGIT[ch]!;
    else if (ch in ZH_UNIT) {
      section += (digit < 0 ? 1 : digit) * ZH_UNIT[ch]!;
      digit = -1;
    } else if (ch in ZH_BIG) {
      total = (total + section + Math.max(digit, 0)) * ZH_BIG[ch]!;
      section = 0;
      digit = -1;
    } else return null;
  }
  return total + section + Math.max(digit, 0);
}

const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)`;
const ZH_NUM = '[零〇一二两兩三四五六七八九十百千万萬亿億]+|半';
const AMOUNT = new RegExp(
  String.raw`(?<![\w.])(${NUM}|${ZH_NUM})\s*(k|千|万|萬)?\s*(?:个|個|颗|顆|枚)?\s*(btc|bitcoins?|比特币|比特幣|mbtc|sats?|satoshis?|聪|聰)(?![a-z])`,
  'gi',
);

const AMOUNT_HINT = /btc|bitcoin|比特|sat|聪|聰/i;

function parseAmounts(text: string): AmountEntity[] {
  const out: AmountEntity[] = [];
  if (!AMOUNT_HINT.test(text)) return out;
  for (const m of text.matchAll(AMOUNT)) {
    const raw = m[1]!;
    let value = /\d|^\./.test(raw) ? Number(raw.replace(/,/g, '')) : parseChineseNumber(raw);
    if (value === null || !Number.isFinite(value)) continue;
    const mult = m[2]?.toLowerCase();
    if (mult === 'k' || mult === '千') value *= 1000;
    else if (mult === '万' || mult === '萬') value *= 1e4;
    const u = m[3]!.toLowerCase();
    const unit: AmountEntity['unit'] = u === 'mbtc' ? 'mBTC' : /^(btc|bitcoin|比特)/.test(u) ? 'BTC' : 'sat';
    const sats = Math.round(unit === 'BTC' ? value * 1e8 : unit === 'mBTC' ? value * 1e5 : value);
    out.push({ text: m[0].trim(), value, unit, sats });
  }
  return out;
}

const pad = (n: string | number): string => String(n).padStart(2, '0');
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const CLOCK = String.raw`(?:[ T]*(凌晨|早上|上午|中午|下午|晚上)?\s*(\d{1,2})[:：点點时時](\d{2})?)?`;

function clock(period: string | undefined, h: string | undefined, mi: string | undefined): string {
  if (!h) return '';
  let hour = Number(h);
  if ((period === '下午' || period === '晚上') && hour < 12) hour += 12;
  return `T${pad(hour)}:${pad(mi ?? '00')}`;
}
const DATE_YMD = new RegExp(String.raw`\b(20\d{2}|19\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号號]?${CLOCK}`, 'g');
const DATE_MD_ZH = new RegExp(String.raw`(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]${CLOCK}`, 'g');
const DATE_EN = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b|\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:,?\s+(\d{4}))?\b/gi;
const ZH_COUNT = '(?:\\d+|[一二两兩三四五六七八九十几幾半]+)';
// Each with what the text must contain for it to match at all, so most are skipped for most messages.
const RELATIVE: Array<[RegExp, 'han' | 'latin' | 'digit']> = [
  // A day and a clock time read as one time ("昨天晚上11点", "yesterday at 4pm"), so they are tried first.
  [/(?:昨天|今天|前天|昨晚|今晚|今早|明天)?\s*(?:凌晨|早上|上午|中午|下午|晚上|半夜)?\s*(?:\d{1,2}|[一二两兩三四五六七八九十]+)\s*[点點](?:\s*\d{1,2}\s*分|半|多)?/g, 'han'],
  [/(?:昨天|今天|前天)(?:凌晨|早上|上午|中午|下午|晚上|半夜)/g, 'han'],
  [/\b(?:yesterday|today|last night|this morning|tonight)(?:\s+(?:at|around|about))?\s+\d{1,2}(?::\d{2})?\s*(?:am|pm)\b/gi, 'latin'],
  [/昨天|昨晚|昨日|前天|前晚|今天|今早|今晚|今日|刚才|剛才|刚刚|剛剛|上周|上週|上星期|上个月|上個月|上礼拜|上禮拜|本周|这周|這週|这几天|這幾天|最近几天|半夜|凌晨|早上|上午|中午|下午|晚上/g, 'han'],
  [new RegExp(String.raw`${ZH_COUNT}\s*(?:个|個)?\s*(?:分钟|分鐘|小时|小時|钟头|鐘頭|天|日|周|週|星期|礼拜|禮拜)(?:前|了|之前|以前|多|后|後)?`, 'g'), 'han'],
  [new RegExp(String.raw`${ZH_COUNT}\s*(?:个|個)?\s*(?:月|年)(?:前|了|之前|以前)`, 'g'), 'han'],
  [/(?:星期|周|週|礼拜|禮拜)[一二三四五六日天]/g, 'han'],
  [/(?<!\d)(?:\d{1,2})\s*[号號](?!码|碼)/g, 'han'],
  [/\b(?:yesterday|today|tonight|overnight|this (?:morning|afternoon|evening)|last (?:night|week|month|year)|earlier today|just now|right now|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|since (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday))\b/gi, 'latin'],
  [/\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|couple of|several)\s+(?:more\s+)?(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)(?:\s+ago)?\b/gi, 'latin'],
  [/\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b/gi, 'digit'],
];

function parseTimes(text: string): TimeEntity[] {
  const out: Array<[number, TimeEntity]> = [];
  const taken: Array<[number, number]> = [];
  const free = (s: number, e: number): boolean => taken.every(([a, b]) => e <= a || s >= b);
  const push = (t: TimeEntity, index: number): void => {
    const end = index + t.text.length;
    if (!free(index, end)) return;
    taken.push([index, end]);
    out.push([index, t]);
  };
  const hasDigit = /\d/.test(text);
  if (hasDigit) for (const m of text.matchAll(DATE_YMD)) {
    const [, y, mo, d, period, h, mi] = m;
    if (Number(mo) > 12 || Number(d) > 31) continue;
    const iso = `${y}-${pad(mo!)}-${pad(d!)}${clock(period, h, mi)}`;
    push({ text: m[0].trim(), kind: 'absolute', iso }, m.index);
  }
  if (hasDigit && text.includes('月')) for (const m of text.matchAll(DATE_MD_ZH)) {
    const [, mo, d, period, h, mi] = m;
    if (Number(mo) > 12 || Number(d) > 31) continue;
    push({ text: m[0].trim(), kind: 'absolute', iso: `--${pad(mo!)}-${pad(d!)}${clock(period, h, mi)}` }, m.index);
  }
  if (hasDigit) for (const m of text.matchAll(DATE_EN)) {
    const mon = (m[1] ?? m[5])!.toLowerCase().slice(0, 3);
    const day = (m[2] ?? m[4])!;
    const year = m[3] ?? m[6];
    const mo = MONTHS.indexOf(mon) + 1;
    if (mo < 1 || Number(day) > 31) continue;
    push({ text: m[0].trim(), kind: 'absolute', iso: `${year ?? '-'}-${pad(mo)}-${pad(day)}` }, m.index);
  }
  const has = { han: /[\u4e00-\u9fff]/.test(text), latin: /[a-z]/i.test(text), digit: hasDigit };
  for (const [re, needs] of RELATIVE) {
    if (!has[needs]) continue;
    for (const m of text.matchAll(re)) push({ text: m[0].trim(), kind: 'relative' }, m.index);
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, t]) => t);
}

const VERSION = /\bv\d+(?:\.\d+){1,3}\b|(?:\bversion|\bver\.?|版本号?|版本號?|版號)\s*[:：]?\s*v?\d+(?:\.\d+){0,3}|\b(?:electrum|bluewallet|ledger live|trezor suite|sparrow|wasabi|trust wallet|imtoken|exodus|app)\s+v?\d+(?:\.\d+){1,3}\b|\b(?:latest|newest) version\b|最新版本?|最新的版本/gi;

const DEVICE = new RegExp(
  [
    String.raw`\biphone\s*(?:\d{1,2}|se|x[rs]?)?(?:\s*(?:pro max|pro|plus|mini))?`,
    String.raw`\bipad(?:\s*(?:pro|air|mini))?`,
    String.raw`\b(?:google\s+)?pixel\s*\d+a?(?:\s*pro)?`,
    String.raw`\b(?:samsung\s+)?galaxy\s+[a-z]\d+(?:\s*(?:ultra|plus|\+))?|\bsamsung(?:\s+[a-z]\d+)?|三星\s*(?:galaxy\s*)?(?:[a-z]\d+)?`,
    String.raw`(?:华为|華為|\bhuawei)\s*(?:mate\s*\d+|p\d+|nova\s*\d+)?(?:\s*pro)?`,
    String.raw`(?:小米|\bxiaomi)\s*\d*|(?:红米|紅米|\bredmi)\s*(?:note\s*)?\d*`,
    String.raw`\boppo(?:\s+[a-z]+\s*\d+)?|\bvivo(?:\s+[a-z]\d+)?|\boneplus\s*\d*|一加\s*\d*|荣耀|榮耀|\bhonor\s*\d*|魅族|\bmotorola|\bnokia|\bxperia`,
    String.raw`\bledger\s+(?:nano\s*(?:s plus|s\+|s|x)|stax|flex)|\bnano\s*(?:s plus|x)\b|\btrezor(?:\s+(?:model\s*(?:t|one)|one|safe\s*\d))?|\bcoldcard|\bbitbox\s*0?2?|\bkeystone|\bjade\b|\bkeepkey|\bonekey`,
    String.raw`\bmacbook(?:\s*(?:pro|air))?|\bmac\s*mini|\bimac|\blaptop|\bdesktop pc|\bpc\b|笔记本|筆記本|电脑|電腦|台式机`,
  ].join('|'),
  'gi',
);

const OS = /\bios\s*\d+(?:\.\d+)*|\bipados\s*\d*(?:\.\d+)*|\bios\b|\bandroid\s*\d*(?:\.\d+)?|安卓\s*\d*|\bwindows\s*(?:10|11|7|8(?:\.1)?|xp)?|\bwin\s*(?:10|11|7)\b|\bmacos(?:\s+(?:sonoma|ventura|sequoia|monterey|big sur|\d+(?:\.\d+)*))?|\bmac os(?: x)?|\bosx\b|\bsonoma\b|\bventura\b|\bsequoia\b|\blinux\b|\bubuntu\s*\d*(?:\.\d+)?|\bdebian\b|\bfedora\b|\bharmonyos\s*\d*(?:\.\d+)?|(?:鸿蒙|鴻蒙)\s*(?:os)?\s*(?:系统|系統)?\s*\d*(?:\.\d+)?|\bmiui\s*\d*|\bhyperos\b|\bcoloros\b|\boriginos\b|\bone ui\b|\bemui\b|\bchromeos\b/gi;

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/gi;

function uniqueMatches(text: string, re: RegExp): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of text.matchAll(re)) {
    const t = m[0].trim();
    if (!t || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
  }
  return out;
}

// Every txid, address and invoice is a run of at least 26 letters and digits; most messages have none.
const LONG_RUN = /[0-9A-Za-z]{26}/;

/**
 * Finds what an agent needs from a request: txids and addresses (checksum-valid, via extractBitcoinRefs),
 * lightning invoices, amounts (BTC, mBTC, sats, 聪, 个比特币; "0.5", "1,000", "五百", "1.2万"), dates and
 * relative times in Chinese and English, app versions, devices, operating systems and e-mail addresses.
 */
export function extractEntities(text: string): TriageEntities {
  const hasRefs = LONG_RUN.test(text);
  const refs = hasRefs ? extractBitcoinRefs(text) : { txids: [], addresses: [], invoices: [] };
  const t = text.normalize('NFKC');
  // Hashes and addresses contain digits that would read as versions or amounts.
  const plain = !hasRefs ? t : t.replace(/\b[0-9a-fA-F]{64}\b|\b(?:bc1|tb1|bcrt1)[0-9a-zA-Z]{8,87}\b|\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b/g, ' ');
  return {
    txids: refs.txids,
    addresses: refs.addresses.map((a) => a.address),
    invoices: refs.invoices,
    amounts: parseAmounts(plain),
    times: parseTimes(plain),
    appVersions: /\d|最新|latest|newest/i.test(plain) ? uniqueMatches(plain, VERSION) : [],
    devices: uniqueMatches(plain, DEVICE),
    os: uniqueMatches(plain, OS),
    emails: plain.includes('@') ? uniqueMatches(plain, EMAIL) : [],
  };
}
