#!/usr/bin/env node
// Run by `npm run build:web` after `vite build`: the web workspace's JS and CSS sizes (raw and gzip), printed and
// written to dist/web/bundle-size.json; exits 1 when the gzip total exceeds web/bundle-budget.json's limitGzip
// (130% of the size before issue 16), so the bundle cannot grow unnoticed.
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
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const growth = ((totalGzip / budget.baseline.totalGzip - 1) * 100).toFixed(1);
writeFileSync(
  path.join(dist, 'bundle-size.json'),
  `${JSON.stringify({ js, css, totalGzip, limitGzip: budget.limitGzip, files }, null, 2)}\n`,
);
console.log(
  `web bundle: JS ${kb(js.raw)} (gzip ${kb(js.gzip)}), CSS ${kb(css.raw)} (gzip ${kb(css.gzip)}); ` +
    `gzip total ${totalGzip} B, ${growth}% against the baseline, limit ${budget.limitGzip} B`,
);
if (totalGzip > budget.limitGzip) {
  console.error(
    `web bundle: gzip total ${totalGzip} B exceeds the limit of ${budget.limitGzip} B (web/bundle-budget.json)`,
  );
  process.exit(1);
}
