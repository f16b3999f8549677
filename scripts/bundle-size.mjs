#!/usr/bin/env node
// Run by `npm run build:web` after `vite build`: the web workspace's JS and CSS sizes (raw and gzip), printed and
// written to dist/web/bundle-size.json. Pages load when first opened (web/src/app/lazy-page.ts), so what a browser
// downloads to show the first page is what index.html names (its script, stylesheet and module preloads); exits 1
// when that exceeds web/bundle-budget.json's limitGzip (130% of the whole bundle before issue 16), so the first load
// cannot grow unnoticed. The total of every chunk is reported beside it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist', 'web');
const budget = JSON.parse(readFileSync(path.join(root, 'web', 'bundle-budget.json'), 'utf8'));

/** Every file under `dir` (relative to dist/web). */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.relative(dist, path.join(dir, e.name))],
  );
}

const files = walk(dist)
  .filter((f) => /\.(js|css)$/.test(f))
  .sort()
  .map((file) => {
    const bytes = readFileSync(path.join(dist, file));
    return {
      file,
      kind: file.endsWith('.css') ? 'css' : 'js',
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
    };
  });
const sum = (kind, k) => files.filter((f) => f.kind === kind).reduce((n, f) => n + f[k], 0);
const js = { raw: sum('js', 'raw'), gzip: sum('js', 'gzip') };
const css = { raw: sum('css', 'raw'), gzip: sum('css', 'gzip') };
const totalGzip = js.gzip + css.gzip;
// The files the index page loads before anything else: <script src>, <link href> (stylesheet, modulepreload).
const index = readFileSync(path.join(dist, 'index.html'), 'utf8');
const named = new Set([...index.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]));
const initial = files.filter((f) => named.has(f.file.split(path.sep).join('/')));
if (initial.length === 0) {
  console.error('web bundle: index.html names no script or stylesheet');
  process.exit(1);
}
const initialGzip = initial.reduce((n, f) => n + f.gzip, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const growth = ((initialGzip / budget.baseline.totalGzip - 1) * 100).toFixed(1);
writeFileSync(
  path.join(dist, 'bundle-size.json'),
  `${JSON.stringify({ js, css, totalGzip, initialGzip, limitGzip: budget.limitGzip, files }, null, 2)}\n`,
);
console.log(
  `web bundle: JS ${kb(js.raw)} (gzip ${kb(js.gzip)}), CSS ${kb(css.raw)} (gzip ${kb(css.gzip)}); ` +
    `gzip total ${totalGzip} B in ${files.length} files; the first page loads ${initialGzip} B, ` +
    `${growth}% against the baseline, limit ${budget.limitGzip} B`,
);
if (initialGzip > budget.limitGzip) {
  console.error(
    `web bundle: the first page's gzip ${initialGzip} B exceeds the limit of ${budget.limitGzip} B (web/bundle-budget.json)`,
  );
  process.exit(1);
}
