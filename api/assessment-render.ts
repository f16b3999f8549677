import ExcelJS from 'exceljs';
import type { BreakdownLine } from '../assessment/score';
import { chartPng } from '../render/chart-png';
import { distributionChart, scoreChart, type ScoredUnit } from '../render/charts';
import { CHART_HEIGHT, CHART_WIDTH } from '../render/document';

/** What a caller may see of an assessment (api/use-cases/assessments.ts decides), as the exports render it. */
export interface AssessmentExport {
  cycleId: string;
  state: string;
  modelId: string;
  modelVersion: number;
  modelName: string;
  cutOff: string;
  /** Every unit's rank and final score. */
  ranking: { unitId: string; unitName: string; finalScore: number; rank: number }[];
  /** The scores with their breakdown the caller may see: every unit's, or only its own. */
  scores: {
    unitId: string;
    unitName: string;
    computedScore: number;
    adjustment: number;
    finalScore: number;
    rank: number;
    breakdown: BreakdownLine[];
  }[];
}

type Cell = string | number;

/**
 * Each ranked unit as the score chart draws it: its parts where the reader may see its breakdown, else its final
 * score alone.
 */
export function scoredUnitsOf(a: Pick<AssessmentExport, 'ranking' | 'scores'>): ScoredUnit[] {
  const parts = new Map(a.scores.map((s) => [s.unitId, s]));
  return a.ranking.map((r) => {
    const s = parts.get(r.unitId);
    return {
      unitName: r.unitName,
      rank: r.rank,
      finalScore: r.finalScore,
      parts: s
        ? s.breakdown.map((l) => ({ name: l.name, points: l.points }))
        : [{ name: '最终得分', points: r.finalScore }],
      adjustment: s?.adjustment ?? 0,
    };
  });
}

/** The height the score chart needs for `n` units. */
export const scoreChartHeight = (n: number) => Math.max(220, 60 + n * 26);

/**
 * The table both exports carry: one row per unit in rank order. Units whose breakdown the caller may see have
 * their computed score, adjustment and each indicator's points; the others only their rank and final score.
 */
function rankingTable(a: AssessmentExport): Cell[][] {
  const indicators = a.scores[0]?.breakdown.map((l) => `${l.name}（权重${l.weight}）`) ?? [];
  const header = ['排名', '单位编码', '单位', '最终得分', '计算得分', '调整分', ...indicators];
  const detail = new Map(a.scores.map((s) => [s.unitId, s]));
  const rows = a.ranking.map((r) => {
    const s = detail.get(r.unitId);
    const more = s ? [s.computedScore, s.adjustment, ...s.breakdown.map((l) => l.points)] : [];
    return [r.rank, r.unitId, r.unitName, r.finalScore, ...more];
  });
  return [header, ...rows];
}

const csvField = (value: Cell) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The ranking as CSV: UTF-8 with a byte order mark so Excel reads it, CRLF line ends (RFC 4180). */
export function renderAssessmentCsv(a: AssessmentExport): string {
  return `\uFEFF${rankingTable(a)
    .map((row) => row.map(csvField).join(','))
    .join('\r\n')}\r\n`;
}

/** The ranking (sheet 考核排名) and every visible unit's breakdown with its formulas (sheet 得分构成) as .xlsx. */
export async function renderAssessmentXlsx(a: AssessmentExport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Heli';
  const ranking = book.addWorksheet('考核排名');
  ranking.addRow([
    `考核评价（${a.state === 'PUBLISHED' ? '已发布' : '草稿'}）`,
    `考核模型 ${a.modelName}（${a.modelId} 第${a.modelVersion}版）`,
    `截止时间 ${a.cutOff}`,
  ]);
  for (const row of rankingTable(a)) ranking.addRow(row);
  ranking.getRow(2).font = { bold: true };
  const breakdown = book.addWorksheet('得分构成');
  breakdown.addRow(['单位编码', '单位', '指标', '权重', '得分', '计算过程']).font = { bold: true };
  for (const s of a.scores) {
    for (const l of s.breakdown) breakdown.addRow([s.unitId, s.unitName, l.name, l.weight, l.points, l.formula]);
  }
  chartSheet(book, a);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * The sheet 图表: the score chart and the distribution as pictures (an XLSX file takes no ECharts drawing; the same
 * charts as the report's PDF, rasterised in the project's font), one under the other.
 */
function chartSheet(book: ExcelJS.Workbook, a: AssessmentExport): void {
  if (a.ranking.length === 0) return;
  const sheet = book.addWorksheet('图表');
  const charts = [
    { option: scoreChart(scoredUnitsOf(a)), height: scoreChartHeight(a.ranking.length) },
    { option: distributionChart(a.ranking.map((r) => r.finalScore)), height: CHART_HEIGHT },
  ];
  let row = 0;
  for (const c of charts) {
    // exceljs types its buffer as the old Buffer type
    const buffer = chartPng(c.option, CHART_WIDTH, c.height) as unknown as ExcelJS.Buffer;
    const image = book.addImage({ buffer, extension: 'png' });
    sheet.addImage(image, { tl: { col: 0, row }, ext: { width: CHART_WIDTH * 1.5, height: c.height * 1.5 } });
    row += Math.ceil((c.height * 1.5) / 20) + 1; // rows of the default 20 pixels
  }
}
