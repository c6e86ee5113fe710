import { countScripts, isHan } from './normalize.js';

// Strings that carry no language (links, e-mail addresses, hashes, addresses) are removed before counting.
const NOISE = /https?:\/\/\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b|\b(?:bc1|tb1|ln)[a-z0-9]{20,}\b|\b[0-9a-f]{32,}\b|\b[13][a-km-zA-HJ-NP-Z1-9]{25,34}\b/gi;

// A handful of frequent function words per Latin-script language: enough to tell them apart in a support message.
const STOPWORDS: Record<string, readonly string[]> = {
  en: ['the', 'my', 'i', 'is', 'to', 'and', 'it', 'not', 'you', 'how', 'please', 'have', 'was', 'can', 'from', 'what', 'this', 'in', 'of', 'me', 'do', 'wallet'],
  es: ['el', 'la', 'los', 'las', 'mi', 'es', 'que', 'y', 'no', 'por', 'para', 'con', 'una', 'un', 'cómo', 'como', 'mis', 'pero', 'billetera', 'ayuda'],
  fr: ['le', 'la', 'les', 'mon', 'ma', 'mes', 'est', 'et', 'je', 'pas', 'pour', 'avec', 'une', 'un', 'comment', 'portefeuille', 'mais', 'aide', 'des', 'du'],
  de: ['der', 'die', 'das', 'mein', 'meine', 'ist', 'und', 'ich', 'nicht', 'für', 'mit', 'ein', 'eine', 'wie', 'kommen', 'bitte', 'aber', 'hilfe', 'obwohl', 'keine'],
  pt: ['o', 'os', 'as', 'meu', 'minha', 'é', 'e', 'não', 'para', 'com', 'uma', 'um', 'como', 'carteira', 'mas', 'ajuda', 'eu', 'do', 'da', 'recebi'],
  it: ['il', 'lo', 'gli', 'mio', 'mia', 'è', 'e', 'non', 'per', 'con', 'una', 'un', 'come', 'portafoglio', 'ma', 'aiuto', 'ho', 'alcune', 'della', 'che'],
  nl: ['de', 'het', 'een', 'mijn', 'is', 'en', 'ik', 'niet', 'voor', 'met', 'hoe', 'maar', 'hulp', 'van', 'wel', 'geen'],
  tr: ['bir', 've', 'bu', 'için', 'ile', 'değil', 'nasıl', 'cüzdan', 'yardım', 'ama', 'benim', 'ne', 'çok'],
  id: ['saya', 'dan', 'yang', 'tidak', 'untuk', 'dengan', 'ini', 'itu', 'bagaimana', 'dompet', 'tolong', 'sudah', 'belum', 'ke'],
};
const STOPWORD_LANG = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) {
  for (const w of words) STOPWORD_LANG.set(w, [...(STOPWORD_LANG.get(w) ?? []), lang]);
}

interface ScriptCounts {
  han: number;
  kana: number;
  hangul: number;
  latin: number;
  cyrillic: number;
  arabic: number;
  hebrew: number;
  thai: number;
  devanagari: number;
  greek: number;
  cjkPunct: number;
}

function countLetters(text: string): ScriptCounts {
  const n: ScriptCounts = { han: 0, kana: 0, hangul: 0, latin: 0, cyrillic: 0, arabic: 0, hebrew: 0, thai: 0, devanagari: 0, greek: 0, cjkPunct: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) n.latin++;
    else if (c < 0x370) continue;
    else if (isHan(c)) n.han++;
    else if (c >= 0x3040 && c <= 0x30ff) n.kana++;
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff)) n.hangul++;
    else if (c >= 0x400 && c <= 0x4ff) n.cyrillic++;
    else if (c >= 0x600 && c <= 0x6ff) n.arabic++;
    else if (c >= 0x590 && c <= 0x5ff) n.hebrew++;
    else if (c >= 0xe00 && c <= 0xe7f) n.thai++;
    else if (c >= 0x900 && c <= 0x97f) n.devanagari++;
    else if (c >= 0x370 && c <= 0x3ff) n.greek++;
    else if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff65)) n.cjkPunct++;
  }
  return n;
}

function latinLanguage(text: string): string {
  if (/[ơưđăạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(text)) return 'vi';
  const votes = new Map<string, number>();
  for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) {
    const langs = STOPWORD_LANG.get(word);
    if (!langs) continue;
    for (const lang of langs) votes.set(lang, (votes.get(lang) ?? 0) + 1 / langs.length);
  }
  let best = 'en';
  let bestVotes = votes.get('en') ?? 0;
  for (const [lang, v] of votes) {
    // English wins ties: it is the desk's default and the common language of mixed messages.
    if (v > bestVotes + 0.5) {
      best = lang;
      bestVotes = v;
    }
  }
  return best;
}

/**
 * Detects the language of a request from script statistics: zh-Hans or zh-Hant (by counting characters
 * written only in one of the two), ja, ko, ru/uk, ar/fa, he, th, hi, el, and among Latin-script languages
 * by frequent function words (en, es, fr, de, pt, it, nl, tr, id, vi). A message with at least two Chinese
 * characters that are not drowned in Latin text is Chinese, even when it mixes in English words.
 * Returns `und` when there is nothing to judge by.
 */
export function detectLanguage(text: string): string {
  const clean = text.replace(NOISE, ' ');
  const n = countLetters(clean);
  if (n.kana >= 2) return 'ja';
  if (n.hangul >= 2) return 'ko';
  if (n.han >= 2 && n.han * 8 >= n.latin) {
    const { trad, simp } = countScripts(clean);
    return trad > simp ? 'zh-Hant' : 'zh-Hans';
  }
  const scripts: Array<[number, string]> = [
    [n.cyrillic, /[іїєґ]/i.test(clean) ? 'uk' : 'ru'],
    [n.arabic, /[پچژگ]/.test(clean) ? 'fa' : 'ar'],
    [n.hebrew, 'he'],
    [n.thai, 'th'],
    [n.devanagari, 'hi'],
    [n.greek, 'el'],
  ];
  let top: [number, string] = [0, 'und'];
  for (const s of scripts) if (s[0] > top[0]) top = s;
  if (top[0] > n.latin) return top[1];
  if (n.latin > 0) return latinLanguage(clean);
  if (n.han > 0) return countScripts(clean).trad > 0 ? 'zh-Hant' : 'zh-Hans';
  // Only punctuation: full-width marks come from a Chinese input method.
  if (n.cjkPunct > 0) return 'zh-Hans';
  return 'und';
}
