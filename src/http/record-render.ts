/**
 * The customer's record as HTML and as PDF. Both carry the signed record itself: the HTML in a
 * `<script type="application/json" id="walletdesk-record">` (and its visible part is re-rendered from it when
 * verified, byte for byte), the PDF as an embedded file `walletdesk-record.json`. Chinese text in the PDF needs
 * a CJK font from the system (Debian's fonts-wqy-microhei, or Noto CJK); nothing is downloaded at run time.
 */
import { existsSync } from 'node:fs';
import type { FastifyReply } from 'fastify';
import { AppError } from '../core/errors.js';
import type { RecordEntry, SignedRecord } from '../app/customer-record.js';
import { t, type Language } from '../i18n/index.js';

/** System fonts that carry Chinese, in the order tried: [file, font name inside a collection]. */
export const CJK_FONTS: ReadonlyArray<[string, string | undefined]> = [
  ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 'WenQuanYiMicroHei'],
  ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 'WenQuanYiZenHei'],
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', undefined],
];

export function cjkFont(): [string, string | undefined] | null {
  return CJK_FONTS.find(([path]) => existsSync(path)) ?? null;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function when(at: string, lang: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(new Date(at));
}

function entryTitle(e: RecordEntry, lang: Language): string {
  switch (e.kind) {
    case 'call_started':
      return t(lang, 'record.call_started');
    case 'call_ended':
      return t(lang, 'record.call_ended', { seconds: e.seconds ?? 0 });
    case 'voicemail':
      return t(lang, 'record.voicemail');
    case 'note':
      return t(lang, 'record.internal_note', { name: e.name ?? '' });
    default:
      return e.author === 'customer' ? t(lang, 'record.from_customer') : e.author === 'agent' ? t(lang, 'record.from_agent', { name: e.name ?? '' }) : t(lang, 'record.from_desk');
  }
}

const formatSize = (n: number): string => (n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`);

/** The JSON inside the HTML page, safe inside a script element. */
const embeddedJson = (record: SignedRecord): string => JSON.stringify(record).replace(/</g, '\\u003c');

/** The record as one self-contained HTML page (no scripts run, no outside resources). Deterministic. */
export function renderRecordHtml(record: SignedRecord, verifyUrl: string): string {
  const { header: h } = record;
  const lang = h.language;
  const rows = record.entries
    .map((e, i) => {
      const files = e.attachments.length
        ? `<p class="files">${escapeHtml(t(lang, 'record.attachments'))}: ${e.attachments.map((a) => `${escapeHtml(a.filename)} (${formatSize(a.size)}, sha256 ${a.sha256.slice(0, 16)}…)`).join('; ')}</p>`
        : '';
      const text = e.text ? `<div class="text">${escapeHtml(e.text)}</div>` : '';
      return `<li class="entry ${e.kind} ${e.author}"><p class="meta"><b>${escapeHtml(entryTitle(e, lang))}</b> · <time datetime="${e.at}">${escapeHtml(when(e.at, lang, h.time_zone))}</time></p>${text}${files}<p class="hash">#${i + 1} ${record.hashes[i + 1]}</p></li>`;
    })
    .join('\n');
  const head = record.hashes[record.hashes.length - 1]!;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t(lang, 'record.title', { number: h.number }))}</title>
<style>body{font:15px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#1b2430;background:#fff}
h1{font-size:1.3rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.2rem 1rem}dt{color:#5b6673}dd{margin:0;overflow-wrap:anywhere}
ol{list-style:none;padding:0}.entry{border:1px solid #d8dee6;border-radius:8px;padding:.6rem .8rem;margin:.6rem 0}.entry.customer{background:#f3f7fc}
.entry.note{background:#fff8e1}.meta{margin:0;color:#3c4754}.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:.3rem 0}
.files{font-size:.85rem;color:#5b6673;overflow-wrap:anywhere}.hash{font:11px/1.3 ui-monospace,monospace;color:#8a94a0;overflow-wrap:anywhere;margin:.2rem 0 0}
.integrity{font-size:.85rem;overflow-wrap:anywhere;border-top:1px solid #d8dee6;margin-top:1.5rem}</style></head>
<body><h1>${escapeHtml(t(lang, 'record.title', { number: h.number }))}</h1>
<dl><dt>${escapeHtml(t(lang, 'record.brand'))}</dt><dd>${escapeHtml(h.brand)}</dd><dt>${escapeHtml(t(lang, 'record.subject'))}</dt><dd>${escapeHtml(h.subject)}</dd>
<dt>${escapeHtml(t(lang, 'record.opened'))}</dt><dd>${escapeHtml(when(h.opened_at, lang, h.time_zone))}</dd><dt>${escapeHtml(t(lang, 'record.exported'))}</dt><dd>${escapeHtml(when(h.exported_at, lang, h.time_zone))} (${escapeHtml(h.time_zone)})</dd></dl>
<ol>
${rows}
</ol>
<section class="integrity"><h2>${escapeHtml(t(lang, 'record.integrity'))}</h2><p>${escapeHtml(t(lang, 'record.integrity_text', { url: verifyUrl }))}</p>
<p>${escapeHtml(t(lang, 'record.chain_head'))}: <code>${head}</code><br>${escapeHtml(t(lang, 'record.signature'))}: <code>${record.signature}</code><br>${escapeHtml(t(lang, 'record.public_key'))}: <code>${record.public_key}</code></p></section>
<script type="application/json" id="walletdesk-record">${embeddedJson(record)}</script>
</body></html>
`;
}

/** The signed record inside an HTML page rendered by renderRecordHtml, or null. */
export function recordFromHtml(html: string): unknown {
  const m = /<script type="application\/json" id="walletdesk-record">([\s\S]*?)<\/script>/.exec(html);
  if (!m) return null;
  try {
    return JSON.parse(m[1]!);
  } catch {
    return null;
  }
}

/** The record as a PDF (A4), with the signed JSON embedded as `walletdesk-record.json`. */
export async function renderRecordPdf(record: SignedRecord, verifyUrl: string): Promise<Buffer> {
  const { header: h } = record;
  const lang = h.language;
  const font = cjkFont();
  if (!font && lang === 'zh-CN') {
    throw new AppError('unavailable', 'This desk has no Chinese font for PDFs: install fonts-wqy-microhei (Debian) on the server. The HTML record works meanwhile.');
  }
  // Loaded on first use: pdfkit and its font engine are large and most starts never write a PDF.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: t(lang, 'record.title', { number: h.number }), Author: h.brand, Creator: 'walletdesk', CreationDate: new Date(h.exported_at) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (font) {
    doc.registerFont('body', font[0], font[1]);
    doc.font('body');
  }
  doc.file(Buffer.from(JSON.stringify(record), 'utf8'), { name: 'walletdesk-record.json', type: 'application/json', description: 'The signed record (walletdesk-record-v1)' });
  doc.fontSize(16).fillColor('#1b2430').text(t(lang, 'record.title', { number: h.number }));
  doc.moveDown(0.5).fontSize(10).fillColor('#3c4754');
  doc.text(`${t(lang, 'record.brand')}: ${h.brand}`);
  doc.text(`${t(lang, 'record.subject')}: ${h.subject}`);
  doc.text(`${t(lang, 'record.opened')}: ${when(h.opened_at, lang, h.time_zone)}`);
  doc.text(`${t(lang, 'record.exported')}: ${when(h.exported_at, lang, h.time_zone)} (${h.time_zone})`);
  record.entries.forEach((e, i) => {
    doc.moveDown(0.8).fontSize(10).fillColor('#1b2430').text(`${entryTitle(e, lang)} · ${when(e.at, lang, h.time_zone)}`);
    if (e.text) doc.fontSize(11).fillColor('#1b2430').text(e.text);
    if (e.attachments.length) doc.fontSize(9).fillColor('#5b6673').text(`${t(lang, 'record.attachments')}: ${e.attachments.map((a) => `${a.filename} (${formatSize(a.size)})`).join('; ')}`);
    doc.fontSize(7).fillColor('#8a94a0').text(`#${i + 1} ${record.hashes[i + 1]}`);
  });
  doc.moveDown(1.5).fontSize(12).fillColor('#1b2430').text(t(lang, 'record.integrity'));
  doc.fontSize(9).fillColor('#3c4754').text(t(lang, 'record.integrity_text', { url: verifyUrl }));
  doc.fontSize(8).text(`${t(lang, 'record.chain_head')}: ${record.hashes[record.hashes.length - 1]}`);
  doc.text(`${t(lang, 'record.signature')}: ${record.signature}`);
  doc.text(`${t(lang, 'record.public_key')}: ${record.public_key}`);
  doc.end();
  return done;
}

/** Answers a download of a record in the asked format (agent, status page and chat routes share it). */
export async function sendRecord(reply: FastifyReply, record: SignedRecord, format: 'pdf' | 'html' | 'json', publicUrl: string): Promise<FastifyReply> {
  const verifyUrl = `${publicUrl.replace(/\/+$/, '')}/api/v1/records/verify`;
  const name = `walletdesk-request-${record.header.number}`;
  reply.header('cache-control', 'no-store');
  if (format === 'json') return reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename="${name}.json"`).send(JSON.stringify(record));
  if (format === 'html') return reply.type('text/html; charset=utf-8').header('content-disposition', `attachment; filename="${name}.html"`).send(renderRecordHtml(record, verifyUrl));
  return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(await renderRecordPdf(record, verifyUrl));
}
