import { organisationName } from '../../db/queries/organisation-read';
import { localDate } from '../../procedures/time/working-days';
import { distributionChart, scoreChart, type ScoredUnit } from '../../render/charts';
import { scoredUnitsOf, scoreChartHeight } from '../assessment-render';
import { chineseDate, type Block, type PrintDocument } from '../../render/document';
import type { Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { CYCLE, visible } from './instances';
import { readAssessment, unitScoreIn } from './assessments';

/**
 * The assessment's print-ready documents (issue 21 item 3): a unit's assessment sheet (考核评分表) and the year's
 * assessment report (年度考核情况报告). Each is exactly what the caller may read of the assessment (readAssessment's
 * rules): a unit its own sheet and the ranking, the office, leaders and the group every unit's parts.
 */

const fixed = (n: number) => (Math.round(n * 100) / 100).toString();

async function contextOf(deps: AppDeps, caller: Caller, cycleId: string) {
  const cycle = await visible(deps, caller, CYCLE, cycleId, 'assessment.read');
  return { year: cycle.year, orgName: await organisationName(deps.db, cycle.orgId) };
}

const stateNote = (state: string) => (state === 'PUBLISHED' ? '' : '（草稿，尚未公布）');

/** A unit's assessment sheet: each indicator with its data, formula and points, the adjustments and its rank. */
export async function unitSheet(
  deps: AppDeps,
  caller: Caller,
  cycleId: string,
  unitId: string,
): Promise<PrintDocument> {
  const [{ year, orgName }, view] = await Promise.all([
    contextOf(deps, caller, cycleId),
    readAssessment(deps, caller, cycleId),
  ]);
  const s = unitScoreIn(view, unitId);
  const cutOff = localDate(new Date(s.cutOff));
  const adjustments: Block[] =
    s.adjustments.length === 0
      ? [{ kind: 'paragraph', text: '本年度未作加减分调整。' }]
      : [
          {
            kind: 'table',
            head: ['加减分', '理由', '调整时间'],
            widths: [1, 4, 1.6],
            rows: s.adjustments.map((a) => [
              a.delta > 0 ? `+${fixed(a.delta)}` : fixed(a.delta),
              a.reason,
              chineseDate(localDate(new Date(a.adjustedAt))),
            ]),
          },
        ];
  const unit: ScoredUnit = {
    unitName: s.unitName,
    rank: s.rank,
    finalScore: s.finalScore,
    parts: s.breakdown.map((l) => ({ name: l.name, points: l.points })),
    adjustment: s.adjustment,
  };
  return {
    orgName,
    title: `${year}年度党风廉政建设责任制考核评分表`,
    subtitle: `${s.unitName}${stateNote(s.state)}`,
    date: localDate(new Date()),
    blocks: [
      {
        kind: 'paragraph',
        text:
          `按照《${s.model.name}》，以${chineseDate(cutOff)}为截止时间统计，` +
          `${s.unitName}计算得分${fixed(s.computedScore)}分，加减分${fixed(s.adjustment)}分，` +
          `最终得分${fixed(s.finalScore)}分，在${view.ranking.length}个单位中排名第${s.rank}位。`,
      },
      { kind: 'heading', text: '一、各项指标得分' },
      {
        kind: 'table',
        head: ['指标', '权重', '计算方法及数据', '得分'],
        widths: [1.6, 0.7, 4.2, 0.8],
        rows: [
          ['基础分', '', '考核模型的基础分，各项指标在此基础上扣分或加分', fixed(s.model.base)],
          ...s.breakdown.map((l) => [l.name, fixed(l.weight), l.formula, fixed(l.points)]),
        ],
        total: ['合计', '', '', fixed(s.computedScore)],
      },
      { kind: 'chart', option: scoreChart([unit], '本单位得分构成'), height: 150 },
      { kind: 'heading', text: '二、加减分' },
      ...adjustments,
      { kind: 'heading', text: '三、全区得分分布' },
      { kind: 'chart', option: distributionChart(view.ranking.map((r) => r.finalScore)) },
      { kind: 'signature', lines: [orgName, chineseDate(localDate(new Date()))] },
    ],
  };
}

/** The year's assessment report: the ranking, every visible unit's parts as a chart, and the distribution. */
export async function assessmentReport(deps: AppDeps, caller: Caller, cycleId: string): Promise<PrintDocument> {
  const [{ year, orgName }, view] = await Promise.all([
    contextOf(deps, caller, cycleId),
    readAssessment(deps, caller, cycleId),
  ]);
  const units = scoredUnitsOf(view);
  const scores = view.ranking.map((r) => r.finalScore);
  const mean = scores.length ? scores.reduce((n, x) => n + x, 0) / scores.length : 0;
  const top = view.ranking[0];
  return {
    orgName,
    title: `${year}年度党风廉政建设责任制考核情况报告`,
    subtitle: stateNote(view.state) || undefined,
    date: localDate(new Date()),
    blocks: [
      {
        kind: 'paragraph',
        text:
          `按照《${view.model.name}》，以${chineseDate(localDate(new Date(view.cutOff)))}为截止时间，` +
          `对${view.ranking.length}个单位的党风廉政建设责任制落实情况进行了考核，平均得分${fixed(mean)}分` +
          (top ? `，${top.unitName}以${fixed(top.finalScore)}分位列第一。` : '。'),
      },
      { kind: 'heading', text: '一、考核排名' },
      {
        kind: 'table',
        head: ['排名', '单位', '最终得分'],
        widths: [0.8, 4, 1.2],
        rows: view.ranking.map((r) => [String(r.rank), r.unitName, fixed(r.finalScore)]),
      },
      { kind: 'heading', text: '二、各单位得分构成' },
      { kind: 'chart', option: scoreChart(units), height: scoreChartHeight(units.length) },
      { kind: 'heading', text: '三、得分分布' },
      { kind: 'chart', option: distributionChart(scores) },
      { kind: 'signature', lines: [orgName, chineseDate(localDate(new Date()))] },
    ],
  };
}
