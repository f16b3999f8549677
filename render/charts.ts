import type { EChartsOption } from 'echarts';

/**
 * The charts of Heli's documents and workspace, as Apache ECharts options (issue 21 item 2): pure data → option, no
 * DOM and no I/O, so the web workspace draws them interactively (web/src/components/Chart.tsx) and the server renders
 * the very same option to a static SVG for a PDF or a printable page (render/chart-svg.ts).
 */

/** The palette: the workspace's red, then calm colours that print distinguishably in grey. */
export const COLOURS = ['#a8151b', '#2f6f9f', '#d08a16', '#3c8d5a', '#7a5aa6', '#6b7280', '#c2410c', '#0f766e'];

const FONT = { fontFamily: "'Noto Sans SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif" };

const base = (title: string): EChartsOption => ({
  animation: false,
  color: COLOURS,
  textStyle: FONT,
  title: { text: title, left: 'center', textStyle: { fontSize: 14, fontWeight: 'bold', ...FONT } },
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  legend: { bottom: 0, textStyle: FONT },
  grid: { left: 12, right: 24, top: 40, bottom: 36, containLabel: true },
});

/** One unit's score in an assessment: its parts (an indicator's points, negative where it deducts), final and rank. */
export interface ScoredUnit {
  unitName: string;
  rank: number;
  finalScore: number;
  parts: { name: string; points: number }[];
  /** The office's adjustment (加减分), a part of its own when not zero. */
  adjustment?: number;
}

/**
 * Each unit's final score in rank order (the first at the top), its rank in the label; after the bar, the points
 * each indicator took off (most indicators deduct from the model's base: docs/assessment.md) and a negative
 * adjustment, so a reader sees where a unit lost its points. The final score is written at the bar's end.
 */
export function scoreChart(units: readonly ScoredUnit[], title = '各单位考核得分及构成'): EChartsOption {
  const ordered = [...units].sort((a, b) => b.rank - a.rank); // ECharts draws the first category at the bottom
  const lost = [...new Set(units.flatMap((u) => u.parts.filter((p) => p.points < 0).map((p) => p.name)))];
  const lostOf = (u: ScoredUnit, name: string) => Math.max(0, -(u.parts.find((p) => p.name === name)?.points ?? 0));
  const bar = (name: string, data: number[], extra: object = {}) => ({
    name,
    type: 'bar' as const,
    stack: 'score',
    barMaxWidth: 22,
    data: data.map(round),
    ...extra,
  });
  const series = [
    bar(
      '最终得分',
      ordered.map((u) => Math.max(0, u.finalScore)),
      {
        label: {
          show: true,
          position: 'insideRight',
          color: '#fff',
          formatter: (p: { value: number }) => String(p.value),
        },
      },
    ),
    ...lost.map((name) =>
      bar(
        `${name}扣分`,
        ordered.map((u) => lostOf(u, name)),
      ),
    ),
  ];
  if (units.some((u) => (u.adjustment ?? 0) < 0)) {
    series.push(
      bar(
        '调整扣分',
        ordered.map((u) => Math.max(0, -(u.adjustment ?? 0))),
      ),
    );
  }
  return {
    ...base(title),
    xAxis: { type: 'value', name: '分', max: (v: { max: number }) => Math.max(100, Math.ceil(v.max)) },
    yAxis: {
      type: 'category',
      data: ordered.map((u) => `第${u.rank}名 ${u.unitName}`),
      axisLabel: { ...FONT, fontSize: 11 },
    },
    series,
  };
}

/** The score bands of the distribution: below 60, then ten points each. */
export const SCORE_BANDS = [
  { label: '60分以下', min: -Infinity, max: 60 },
  { label: '60–69分', min: 60, max: 70 },
  { label: '70–79分', min: 70, max: 80 },
  { label: '80–89分', min: 80, max: 90 },
  { label: '90分及以上', min: 90, max: Infinity },
] as const;

/** How many units scored in each band. */
export const bandsOf = (scores: readonly number[]) =>
  SCORE_BANDS.map((b) => ({ label: b.label, units: scores.filter((s) => s >= b.min && s < b.max).length }));

/** The distribution of final scores across units, by band. */
export function distributionChart(scores: readonly number[], title = '考核得分分布'): EChartsOption {
  const bands = bandsOf(scores);
  return {
    ...base(title),
    legend: { show: false },
    xAxis: { type: 'category', data: bands.map((b) => b.label), axisLabel: FONT },
    yAxis: { type: 'value', name: '单位数', minInterval: 1 },
    series: [
      {
        name: '单位数',
        type: 'bar',
        barMaxWidth: 48,
        data: bands.map((b) => b.units),
        label: { show: true, position: 'top' },
      },
    ],
  };
}

/** One period's figures (a month of bulletins, a month of the board). */
export interface PeriodFigures {
  label: string;
  completed: number;
  completedOnTime: number;
  openOverdue: number;
  escalations: number;
}

/**
 * Periods side by side, oldest first (a bulletin's month against the months before it; the board's trend): tasks
 * completed, of them on time, still overdue, and rungs climbed in the period.
 */
export function periodsChart(periods: readonly PeriodFigures[], title: string): EChartsOption {
  const bar = (name: string, pick: (p: PeriodFigures) => number) => ({
    name,
    type: 'bar' as const,
    barMaxWidth: 28,
    data: periods.map(pick),
    label: { show: periods.length <= 6, position: 'top' as const, fontSize: 10 },
  });
  return {
    ...base(title),
    xAxis: { type: 'category', data: periods.map((p) => p.label), axisLabel: FONT },
    yAxis: { type: 'value', name: '项', minInterval: 1 },
    series: [
      bar('办结', (p) => p.completed),
      bar('按期办结', (p) => p.completedOnTime),
      bar('仍逾期', (p) => p.openOverdue),
      { ...bar('升级督办', (p) => p.escalations), type: 'line' },
    ],
  };
}

/**
 * One month of tasks (the board's trend, the annual report's months; db/queries/monthly-trend.ts), in the organisation's
 * time zone: tasks falling due in it, completed (accepted) in it and of them on time, deadlines that lapsed in it
 * (逾期), and escalation rungs climbed in it.
 */
export interface MonthTrend {
  month: string;
  due: number;
  completed: number;
  completedOnTime: number;
  lapsed: number;
  escalations: number;
}

/** 「2027年3月」 → 「3月」 within one year; the year said where the months span two. */
const monthLabel = (month: string, oneYear: boolean) =>
  oneYear ? `${Number(month.slice(5))}月` : `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

/**
 * Completion and overdue month by month (the board's trend, the annual report): bars of tasks due, completed and of
 * them on time, and deadlines lapsed; a line of escalation rungs climbed.
 */
export function trendChart(months: readonly MonthTrend[], title: string): EChartsOption {
  const oneYear = new Set(months.map((m) => m.month.slice(0, 4))).size <= 1;
  const bar = (name: string, pick: (m: MonthTrend) => number, colour: string) => ({
    name,
    type: 'bar' as const,
    barMaxWidth: 16,
    itemStyle: { color: colour },
    data: months.map(pick),
  });
  return {
    ...base(title),
    xAxis: { type: 'category', data: months.map((m) => monthLabel(m.month, oneYear)), axisLabel: FONT },
    yAxis: { type: 'value', name: '项', minInterval: 1 },
    series: [
      bar('到期', (m) => m.due, '#6b7280'),
      bar('办结', (m) => m.completed, '#2f6f9f'),
      bar('按期办结', (m) => m.completedOnTime, '#3c8d5a'),
      bar('逾期', (m) => m.lapsed, '#a8151b'),
      {
        name: '升级督办',
        type: 'line' as const,
        itemStyle: { color: '#d08a16' },
        data: months.map((m) => m.escalations),
      },
    ],
  };
}

/** One unit's bar on the board: its parts (tasks overdue, due soon, on time), each named and coloured. */
export interface UnitBar {
  unitName: string;
  parts: { name: string; value: number; colour?: string }[];
}

/** Units side by side (the board by lead unit), each bar stacked from its parts, the first unit at the top. */
export function unitsChart(units: readonly UnitBar[], title: string): EChartsOption {
  const ordered = [...units].reverse(); // ECharts draws the first category at the bottom
  const names = units[0]?.parts.map((p) => ({ name: p.name, colour: p.colour })) ?? [];
  return {
    ...base(title),
    xAxis: { type: 'value', name: '项', minInterval: 1 },
    yAxis: { type: 'category', data: ordered.map((u) => u.unitName), axisLabel: { ...FONT, fontSize: 11 } },
    series: names.map(({ name, colour }) => ({
      name,
      type: 'bar' as const,
      stack: 'tasks',
      barMaxWidth: 20,
      ...(colour ? { itemStyle: { color: colour } } : {}),
      data: ordered.map((u) => u.parts.find((p) => p.name === name)?.value ?? 0),
    })),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
