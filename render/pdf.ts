import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { chartSvg } from './chart-svg';
import { FONT_BOLD, FONT_REGULAR } from './fonts';
import { CHART_HEIGHT, CHART_WIDTH, chineseDate, type Block, type PrintDocument } from './document';

/**
 * A print-ready document (render/document.ts) as an A4 PDF: the text set in Noto Sans SC, the font the project
 * installs (`@embedpdf/fonts-sc`), embedded as a subset with its Unicode map, so the Chinese is real text a reader
 * can search and copy; the charts drawn as vectors from the same ECharts option the workspace shows.
 */

const MM = 72 / 25.4;
const MARGIN = { top: 24 * MM, bottom: 22 * MM, left: 20 * MM, right: 20 * MM };
const BODY = 12;
const SMALL = 9;
const LINE_GAP = 4;
const CELL = 4;

type Doc = PDFKit.PDFDocument;

const contentWidth = (doc: Doc) => doc.page.width - MARGIN.left - MARGIN.right;
const bottomOf = (doc: Doc) => doc.page.height - MARGIN.bottom;

/** A new page when `height` does not fit below the cursor. */
function room(doc: Doc, height: number): void {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

function paragraph(doc: Doc, text: string, indent = true): void {
  doc.font('regular').fontSize(BODY);
  doc.text(text, MARGIN.left, doc.y, {
    width: contentWidth(doc),
    lineGap: LINE_GAP,
    indent: indent ? BODY * 2 : 0,
    align: 'justify',
  });
  doc.moveDown(0.4);
}

/** One row of cells, each wrapped in its column; `bold` for a head or total row. Answers the row's height. */
function rowHeight(doc: Doc, cells: string[], widths: number[], size: number, bold: boolean): number {
  doc.font(bold ? 'bold' : 'regular').fontSize(size);
  return Math.max(
    ...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * CELL, lineGap: 2 }) + 2 * CELL),
  );
}

function drawRow(
  doc: Doc,
  cells: string[],
  widths: number[],
  opts: { size: number; bold: boolean; fill?: string; minHeight?: number },
): void {
  const height = Math.max(rowHeight(doc, cells, widths, opts.size, opts.bold), opts.minHeight ?? 0);
  room(doc, height);
  const top = doc.y;
  let x = MARGIN.left;
  cells.forEach((c, i) => {
    const w = widths[i]!;
    if (opts.fill) doc.save().rect(x, top, w, height).fill(opts.fill).restore();
    doc.lineWidth(0.6).rect(x, top, w, height).stroke('#000');
    doc
      .fillColor('#000')
      .font(opts.bold ? 'bold' : 'regular')
      .fontSize(opts.size)
      .text(c, x + CELL, top + CELL, { width: w - 2 * CELL, lineGap: 2 });
    x += w;
  });
  doc.x = MARGIN.left;
  doc.y = top + height;
}

function table(doc: Doc, b: Extract<Block, { kind: 'table' }>): void {
  const total = contentWidth(doc);
  const parts = b.widths ?? b.head.map(() => 1);
  const sum = parts.reduce((n, w) => n + w, 0);
  const widths = parts.map((w) => (w / sum) * total);
  const head = () => drawRow(doc, b.head, widths, { size: 10, bold: true, fill: '#eeeeee' });
  head();
  for (const r of b.rows) {
    // A row that would start a page carries the head again above it.
    if (doc.y + rowHeight(doc, r, widths, 10, false) > bottomOf(doc)) {
      doc.addPage();
      head();
    }
    drawRow(doc, r, widths, { size: 10, bold: false });
  }
  if (b.total) drawRow(doc, b.total, widths, { size: 10, bold: true });
  doc.moveDown(0.6);
}

function form(doc: Doc, b: Extract<Block, { kind: 'form' }>): void {
  const label = 30 * MM;
  const widths = [label, contentWidth(doc) - label];
  for (const r of b.rows) {
    drawRow(doc, [r.label, r.value], widths, { size: 11, bold: false, minHeight: r.tall ? 45 * MM : 0 });
  }
  doc.moveDown(0.6);
}

function chart(doc: Doc, b: Extract<Block, { kind: 'chart' }>): void {
  const height = b.height ?? CHART_HEIGHT;
  const scale = Math.min(1, contentWidth(doc) / CHART_WIDTH);
  room(doc, height * scale + 8);
  const x = MARGIN.left + (contentWidth(doc) - CHART_WIDTH * scale) / 2;
  SVGtoPDF(doc, chartSvg(b.option, CHART_WIDTH, height), x, doc.y, {
    width: CHART_WIDTH * scale,
    height: height * scale,
    // Every text of the chart in the embedded CJK font, bold where the chart asks for it.
    fontCallback: (_family: string, bold: boolean) => (bold ? 'bold' : 'regular'),
  });
  doc.x = MARGIN.left;
  doc.y += height * scale + 8;
}

function block(doc: Doc, b: Block): void {
  switch (b.kind) {
    case 'heading':
      room(doc, 40);
      doc
        .moveDown(0.3)
        .font('bold')
        .fontSize(14)
        .text(b.text, MARGIN.left, doc.y, { width: contentWidth(doc) });
      doc.moveDown(0.3);
      return;
    case 'paragraph':
      return paragraph(doc, b.text, !b.flush);
    case 'list':
      for (const item of b.items) paragraph(doc, `· ${item}`, false);
      return;
    case 'table':
      return table(doc, b);
    case 'form':
      return form(doc, b);
    case 'chart':
      return chart(doc, b);
    case 'signature':
      room(doc, 30 + b.lines.length * 24);
      doc.moveDown(1.5);
      for (const line of b.lines) {
        doc
          .font('regular')
          .fontSize(BODY)
          .text(line, MARGIN.left, doc.y, {
            width: contentWidth(doc),
            align: 'right',
            lineGap: 8,
          });
      }
      return;
  }
}

/** The organisation and the date above every page, 「第 N 页 共 M 页」 below it. */
function frame(doc: Doc, d: PrintDocument): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Drawing in the margins must not open a new page: the bottom margin is lifted while the frame is drawn.
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    const width = contentWidth(doc);
    const top = MARGIN.top - 12 * MM;
    doc.font('regular').fontSize(SMALL).fillColor('#555555');
    doc.text(d.orgName, MARGIN.left, top, { width, align: 'left', lineBreak: false });
    doc.text(chineseDate(d.date), MARGIN.left, top, { width, align: 'right', lineBreak: false });
    doc
      .moveTo(MARGIN.left, top + 14)
      .lineTo(MARGIN.left + width, top + 14)
      .lineWidth(0.5)
      .stroke('#999999');
    doc.text(`第 ${i - start + 1} 页 共 ${count} 页`, MARGIN.left, doc.page.height - MARGIN.bottom + 8 * MM, {
      width,
      align: 'center',
      lineBreak: false,
    });
    doc.fillColor('#000000');
    doc.page.margins = margins;
  }
}

/** The document as an A4 PDF. */
export function documentPdf(d: PrintDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: d.title,
      Author: d.orgName,
      Creator: 'Heli 合力',
      CreationDate: new Date(`${d.date}T00:00:00+08:00`),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);

  doc
    .font('bold')
    .fontSize(d.redTitle ? 24 : 20)
    .fillColor(d.redTitle ? '#cc0000' : '#000000')
    .text(d.title, MARGIN.left, MARGIN.top, {
      width: contentWidth(doc),
      align: 'center',
      characterSpacing: d.redTitle ? 12 : 0,
    });
  doc.fillColor('#000000').moveDown(0.3);
  if (d.subtitle)
    doc
      .font('regular')
      .fontSize(BODY)
      .text(d.subtitle, { width: contentWidth(doc), align: 'center' });
  if (d.number)
    doc
      .font('regular')
      .fontSize(BODY)
      .text(d.number, { width: contentWidth(doc), align: 'right' });
  doc.moveDown(0.6);
  for (const b of d.blocks) block(doc, b);
  frame(doc, d);
  doc.end();
  return done;
}
