import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The run's figures as an SVG bar chart (no dependency): one bar per figure, its value as a share of its target, the
 * target the line at 100 %; green when met, red when not. A target that is a floor (`bound: 'min'`) is met right of
 * the line, every other one left of it. Written as `latest.svg` and `run-<time>.svg` beside latest.json.
 */
export function writeChart(
  figures: { name: string; value: number; target: number; met: boolean; bound?: 'min' }[],
  at: Date,
  dir: string,
): string[] {
  const rowH = 28;
  const left = 250;
  const barW = 420;
  const top = 50;
  const max = 2; // bars are drawn up to twice the target
  const height = top + figures.length * rowH + 40;
  const width = left + barW + 170;
  const x = (share: number) => left + (Math.min(share, max) / max) * barW;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const rows = figures.map((f, i) => {
    const y = top + i * rowH;
    const share = f.target === 0 ? 0 : f.value / f.target;
    const sign = f.bound === 'min' ? '≥' : '≤';
    return [
      `<text x="${left - 8}" y="${y + 17}" text-anchor="end">${esc(f.name)}</text>`,
      `<rect x="${left}" y="${y + 5}" width="${(x(share) - left).toFixed(1)}" height="16" fill="${f.met ? '#2e7d32' : '#c62828'}"/>`,
      `<text x="${left + barW + 8}" y="${y + 17}">${f.value} (${sign} ${f.target})${share > max ? ' ▸' : ''}</text>`,
    ].join('');
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="13">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${left}" y="22" font-size="15" font-weight="bold">npm run bench, ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC: value ÷ target</text>
${rows.join('\n')}
<line x1="${x(1)}" y1="${top - 6}" x2="${x(1)}" y2="${top + figures.length * rowH}" stroke="#000" stroke-dasharray="4 3"/>
<text x="${x(1)}" y="${top + figures.length * rowH + 16}" text-anchor="middle">target</text>
<text x="${left}" y="${top + figures.length * rowH + 16}" text-anchor="middle">0</text>
<text x="${x(2)}" y="${top + figures.length * rowH + 16}" text-anchor="middle">2×</text>
</svg>
`;
  const files = [path.join(dir, 'latest.svg'), path.join(dir, `run-${at.toISOString().replace(/[:.]/g, '-')}.svg`)];
  for (const f of files) writeFileSync(f, svg);
  return files;
}
