import ExcelJS from 'exceljs';
import type { BreakdownLine } from '../assessment/score';

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
  return Buffer.from(await book.xlsx.writeBuffer());
}
