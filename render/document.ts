import type { EChartsOption } from 'echarts';
import { chartSvg } from './chart-svg';
import { escapeHtml } from './html';

/**
 * A print-ready document (issue 21 item 3) as data: what it says, block by block, once. `render/pdf.ts` sets it as an
 * A4 PDF and `documentHtml` as a printable page; both carry the organisation's name, the date, page numbers and the
 * same charts, in the font the project installs (Noto Sans SC), so the two never tell different things.
 */
export type Block =
  | { kind: 'heading'; text: string }
  /** A paragraph, its first line indented two characters; `flush`: not indented (an addressee's 「…：」). */
  | { kind: 'paragraph'; text: string; flush?: boolean }
  | { kind: 'list'; items: string[] }
  /** A table; `widths` are relative (by default equal), `total` a last row set apart. */
  | { kind: 'table'; head: string[]; rows: string[][]; widths?: number[]; total?: string[] }
  /** A form of labelled fields (督办单): a label column and its values; `tall` leaves room to write. */
  | { kind: 'form'; rows: { label: string; value: string; tall?: boolean }[] }
  | { kind: 'chart'; option: EChartsOption; height?: number }
  /** The closing lines at the right (落款: the issuing office and the date). */
  | { kind: 'signature'; lines: string[] };

export interface PrintDocument {
  orgName: string;
  title: string;
  /** Set in red, spaced out (督办单), as a form's title is printed. */
  redTitle?: boolean;
  /** 编号 / 文号, at the right under the title. */
  number?: string;
  /** A line under the title (the period, the unit). */
  subtitle?: string;
  /** The local date of issue, YYYY-MM-DD: in the header of every page. */
  date: string;
  blocks: Block[];
}

/** The width a chart is drawn at (A4 less the margins, in CSS pixels and PDF points alike). */
export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 260;

/** 「2026年12月5日」 */
export const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const e = escapeHtml;
/** Text as a CSS string (a page margin box's content): quotes, backslashes and markup characters escaped. */
const cssString = (text: string) => `"${text.replace(/[\\"<>&\n]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;

/** Where the API serves the font's stylesheets (api/web-static.ts): Noto Sans SC from `@fontsource/noto-sans-sc`. */
export const FONT_CSS = ['/assets/fonts/noto-sans-sc/400.css', '/assets/fonts/noto-sans-sc/700.css'];

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h2>${e(b.text)}</h2>`;
    case 'paragraph':
      return b.flush ? `<p class="flush">${e(b.text)}</p>` : `<p>${e(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
    case 'table': {
      // Relative widths as percentages of the table.
      const sum = b.widths?.reduce((n, w) => n + w, 0) ?? 0;
      const cols = b.widths
        ? `<colgroup>${b.widths.map((w) => `<col style="width:${((w / sum) * 100).toFixed(2)}%">`).join('')}</colgroup>`
        : '';
      const row = (cells: string[], tag = 'td') => `<tr>${cells.map((c) => `<${tag}>${e(c)}</${tag}>`).join('')}</tr>`;
      const total = b.total ? `<tr class="total">${b.total.map((c) => `<td>${e(c)}</td>`).join('')}</tr>` : '';
      return `<table>${cols}<thead>${row(b.head, 'th')}</thead><tbody>${b.rows.map((r) => row(r)).join('')}${total}</tbody></table>`;
    }
    case 'form':
      return `<table class="form">${b.rows
        .map((r) => `<tr><th>${e(r.label)}</th><td${r.tall ? ' class="tall"' : ''}>${e(r.value)}</td></tr>`)
        .join('')}</table>`;
    case 'chart':
      return `<figure class="chart">${chartSvg(b.option, CHART_WIDTH, b.height ?? CHART_HEIGHT)}</figure>`;
    case 'signature':
      return `<div class="sign">${b.lines.map((l) => `<p>${e(l)}</p>`).join('')}</div>`;
  }
}

/**
 * The document as a printable A4 page: no script, the project's font, the organisation and date at the top of every
 * printed page and 「第 N 页 共 M 页」 at the foot (CSS page margin boxes).
 */
export function documentHtml(doc: PrintDocument): string {
  const date = chineseDate(doc.date);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(doc.title)}</title>
${FONT_CSS.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n')}
<style>
@page {
  size: A4;
  margin: 22mm 18mm 20mm;
  @top-left { content: ${cssString(doc.orgName)}; font: 9pt 'Noto Sans SC', sans-serif; color: #555; }
  @top-right { content: ${cssString(date)}; font: 9pt 'Noto Sans SC', sans-serif; color: #555; }
  @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font: 9pt 'Noto Sans SC', sans-serif; }
}
* { box-sizing: border-box; }
body { margin: 0; color: #000; font: 12pt/1.7 'Noto Sans SC', sans-serif; }
header { border-bottom: 1px solid #999; display: flex; justify-content: space-between; font-size: 9pt; color: #555; }
@media print { header { display: none; } }
h1 { text-align: center; font-size: 20pt; margin: 6mm 0 2mm; }
h1.red { color: #c00; letter-spacing: 0.5em; font-size: 24pt; }
.subtitle { text-align: center; margin: 0 0 2mm; }
.number { text-align: right; margin: 0 0 3mm; }
h2 { font-size: 14pt; margin: 5mm 0 2mm; }
p { text-indent: 2em; margin: 0 0 2mm; }
p.flush { text-indent: 0; }
ul { margin: 0 0 2mm; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 10.5pt; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
thead th { background: #eee; text-align: center; }
tr.total td { font-weight: bold; }
table.form th { width: 28mm; white-space: nowrap; font-weight: normal; }
table.form td.tall { height: 40mm; white-space: pre-wrap; }
figure.chart { margin: 2mm auto 4mm; width: ${CHART_WIDTH}px; page-break-inside: avoid; }
.sign { margin-top: 10mm; text-align: right; }
.sign p { text-indent: 0; margin: 0; line-height: 2; }
@media screen { body { max-width: 210mm; margin: 8mm auto; padding: 0 18mm; } }
</style>
</head>
<body>
<header><span>${e(doc.orgName)}</span><span>${date}</span></header>
<h1${doc.redTitle ? ' class="red"' : ''}>${e(doc.title)}</h1>
${doc.subtitle ? `<p class="subtitle">${e(doc.subtitle)}</p>` : ''}
${doc.number ? `<p class="number">${e(doc.number)}</p>` : ''}
${doc.blocks.map(blockHtml).join('\n')}
</body>
</html>
`;
}
