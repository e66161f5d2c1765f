import PDFDocument from 'pdfkit';
import { type CjkFont, currentFontkitFont } from './cjk-font';
import type { PosterContent } from './poster-content';

/** A4 in PDF points (1/72 inch): 210 × 297 mm. */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** Bump when the layout changes: it is part of the poster cache key. */
export const POSTER_LAYOUT_VERSION = 2;

const M = 48;
const W = A4.width - 2 * M;
const COLORS = { brand: '#C2410C', brandSoft: '#FFF4ED', ink: '#1F2937', muted: '#6B7280', rule: '#E5E7EB', urgent: '#B91C1C' };
const CODE_SIZE = 150;
const CODE_BOX = { height: 196, bottomGap: 34 };

/** U+3013 GETA MARK: the printers' placeholder for a character the type case lacks. */
const MISSING_GLYPH = '〓';

type Face = 'regular' | 'bold';

/**
 * Lays out the A4 poster for the physical notice board: a 阳光公开栏 header with the region, the
 * title, kind/domain/category tags, the key elements, an excerpt of the body, and at the foot the
 * mini-program code with 微信扫码查看全文. Text is set in the embedded Chinese font (pdfkit embeds
 * only the glyphs used); every text block has a height bound, so a long title or basis is cut with
 * … instead of pushing the code off the page. A character the font lacks prints as 〓, never as an
 * empty box.
 */
export function renderPosterPdf(content: PosterContent, codePng: Buffer, font: CjkFont): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: content.title, Author: content.elements.find((e) => e.label === '发布主体')?.value ?? '', Creator: '阳光公开栏 Sunboard' },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont('regular', font.regular.data, font.regular.face);
  doc.registerFont('bold', (font.bold ?? font.regular).data, (font.bold ?? font.regular).face);

  /** Sets the face and size and returns the text with characters the face lacks replaced. */
  const use = (face: Face, size: number, text: string): string => {
    doc.font(face).fontSize(size);
    const f = currentFontkitFont(doc);
    if (!f) return text;
    const missing = f.hasGlyphForCodePoint(MISSING_GLYPH.codePointAt(0)!) ? MISSING_GLYPH : '?';
    return [...text].map((ch) => (ch === ' ' || f.hasGlyphForCodePoint(ch.codePointAt(0)!) ? ch : missing)).join('');
  };

  /**
   * Text of the current face and size in at most `maxLines` lines (cut with …); returns the height
   * used. pdfkit's line height is the face's line height plus `lineGap`.
   */
  const block = (text: string, x: number, top: number, o: { width: number; lineGap: number; maxLines: number }): number => {
    const lineHeight = doc.currentLineHeight(true) + o.lineGap;
    const height = Math.min(doc.heightOfString(text, { width: o.width, lineGap: o.lineGap }), o.maxLines * lineHeight);
    doc.text(text, x, top, { width: o.width, lineGap: o.lineGap, height: height + 1, ellipsis: true });
    return height;
  };

  // Header band: brand and the region the notice belongs to.
  doc.rect(0, 0, A4.width, 92).fill(COLORS.brand);
  doc.fillColor('#FFFFFF').text(use('bold', 30, '阳光公开栏'), M, 26, { lineBreak: false });
  doc.text(use('regular', 11, '基层政务公开 · 线上线下同步'), M, 64, { lineBreak: false });
  if (content.regionName) {
    doc.text(use('bold', 16, content.regionName), M + 200, 30, { width: W - 200, align: 'right', height: 22, ellipsis: true });
  }
  if (content.regionPath) {
    doc.text(use('regular', 11, content.regionPath), M + 200, 56, { width: W - 200, align: 'right', height: 16, ellipsis: true });
  }

  // Title, at most three lines.
  let y = 120;
  doc.fillColor(COLORS.ink);
  const title = use('bold', 24, content.title);
  y += block(title, M, y, { width: W, lineGap: 6, maxLines: 3 }) + 14;

  // Tags: kind, domain, 五公开 category (and 紧急).
  let x = M;
  const tags = content.urgent ? ['紧急', ...content.tags] : content.tags;
  for (const tag of tags) {
    const label = use('regular', 11, tag);
    const tw = doc.widthOfString(label) + 16;
    if (x + tw > M + W) break;
    const urgent = content.urgent && tag === '紧急' && x === M;
    doc.roundedRect(x, y, tw, 20, 4).fill(urgent ? COLORS.urgent : COLORS.brandSoft);
    doc.fillColor(urgent ? '#FFFFFF' : COLORS.brand).text(label, x + 8, y + 4, { lineBreak: false });
    x += tw + 8;
  }
  y += 34;

  // Key elements: label | value, a value at most three lines.
  const labelW = 64;
  const valueW = W - labelW - 8;
  doc.moveTo(M, y).lineTo(M + W, y).lineWidth(0.8).strokeColor(COLORS.rule).stroke();
  const boxTop = A4.height - CODE_BOX.bottomGap - CODE_BOX.height;
  content.elements.forEach((el, i) => {
    y += 8;
    const value = use('regular', 12, el.value);
    doc.fillColor(COLORS.ink);
    // Up to three lines, but always leave one line for each element still to come.
    const lineHeight = doc.currentLineHeight(true) + 3;
    const later = content.elements.length - i - 1;
    const maxLines = Math.max(1, Math.min(3, Math.floor((boxTop - 12 - y - later * (lineHeight + 16)) / lineHeight)));
    const h = block(value, M + labelW + 8, y, { width: valueW, lineGap: 3, maxLines });
    doc.fillColor(COLORS.muted).text(use('regular', 12, el.label), M, y, { width: labelW, lineBreak: false });
    y += h + 8;
    doc.moveTo(M, y).lineTo(M + W, y).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
  });

  // The body's excerpt fills what is left above the code box.
  y += 18;
  if (content.excerpt && boxTop - y > 90) {
    doc.fillColor(COLORS.ink).text(use('bold', 13, '内容摘要'), M, y, { lineBreak: false });
    y += 24;
    const excerpt = use('regular', 12, content.excerpt);
    const lines = Math.floor((boxTop - 16 - y) / (doc.currentLineHeight(true) + 5));
    doc.fillColor(COLORS.ink);
    // Left-aligned: justifying stretches the spaces around numbers in Chinese text into gaps.
    if (lines > 0) block(excerpt, M, y, { width: W, lineGap: 5, maxLines: lines });
  }

  // The code box at the foot.
  doc.roundedRect(M, boxTop, W, CODE_BOX.height, 8).lineWidth(1.2).strokeColor(COLORS.brand).stroke();
  const codeX = M + 22;
  const codeY = boxTop + (CODE_BOX.height - CODE_SIZE) / 2;
  doc.image(codePng, codeX, codeY, { width: CODE_SIZE, height: CODE_SIZE });
  const tx = codeX + CODE_SIZE + 28;
  const tw = M + W - 20 - tx;
  doc.fillColor(COLORS.brand).text(use('bold', 24, '微信扫码查看全文'), tx, boxTop + 40, { width: tw, lineBreak: false });
  doc
    .fillColor(COLORS.muted)
    .text(use('regular', 12, '打开“阳光公开栏”小程序，查看正文、附件、公示名单和更正记录'), tx, boxTop + 80, { width: tw, lineGap: 3, height: 40, ellipsis: true });
  if (content.regionName) {
    const where = [content.regionPath, content.regionName].filter(Boolean).join(' ');
    doc.fillColor(COLORS.ink).text(use('bold', 14, where), tx, boxTop + 132, { width: tw, height: 20, ellipsis: true });
  }

  doc
    .fillColor(COLORS.muted)
    .text(use('regular', 9, `内容以阳光公开栏小程序发布的最新版本为准 · 公告编号 ${content.noticeId}`), M, A4.height - 24, { width: W, align: 'center', lineBreak: false });

  doc.end();
  return done;
}
