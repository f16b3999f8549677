import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as fontkit from 'fontkit';
import { fromProject } from '../../config/paths';

/** What a PDF reader (PDF.js, test/support/pdf-text.mjs) finds in a PDF. */
export interface PdfReading {
  pages: string[];
  fonts: { name: string; embedded: boolean }[];
  title: string | null;
  numPages: number;
}

/** Reads `bytes` with PDF.js in a child process (it is an ES module; the tests are CommonJS). */
export async function readPdf(bytes: Buffer): Promise<PdfReading> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'heli-pdf-')), 'doc.pdf');
  writeFileSync(file, bytes);
  const { stdout } = await promisify(execFile)(process.execPath, [fromProject('test/support/pdf-text.mjs'), file], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as PdfReading;
}

const FONT = fontkit.openSync(
  path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf'),
) as fontkit.Font;

/** The characters of `text` the project's font has no glyph for (what a PDF would show as boxes). */
export const missingGlyphs = (text: string): string[] =>
  [...new Set(text.replace(/\s/g, ''))].filter((c) => !FONT.hasGlyphForCodePoint(c.codePointAt(0)!));
