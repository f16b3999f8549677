// Reads a PDF with Mozilla's PDF.js (pdfjs-dist, a real reader) and prints, as JSON, each page's text as a reader
// extracts it and each font's name and whether its glyphs are embedded: how a test tells real, searchable Chinese
// text from shapes or missing glyphs. Usage: node test/support/pdf-text.mjs <file.pdf>
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
const pages = [];
const fonts = new Map();
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(''));
  await page.getOperatorList();
  for (const [id] of Object.entries(content.styles)) {
    const font = page.commonObjs.has(id) ? page.commonObjs.get(id) : undefined;
    if (font) fonts.set(font.name, { name: font.name, embedded: !font.missingFile });
  }
}
const meta = await pdf.getMetadata();
process.stdout.write(
  JSON.stringify({ pages, fonts: [...fonts.values()], title: meta.info?.Title ?? null, numPages: pdf.numPages }),
);
