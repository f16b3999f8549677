import { INDICATORS, type IndicatorKey, type ScoringIndicator, type ScoringModel } from '../config/scoring-model';

/**
 * One unit's raw figures of a cycle as of the cut-off (db/queries/assessment-metrics.ts): counts, never rates
 * alone, so that every point of a score can be traced to rows of the read model.
 */
export interface UnitMetrics {
  /** Tasks led; `due`: deadline passed by the cut-off or accepted by then (应办结); on time: accepted, 0 days late. */
  tasks: { led: number; due: number; completed: number; completedOnTime: number; openOverdue: number };
  /** Working days late, summed over the tasks listed (late at submission, or still open past the deadline). */
  overdue: { days: number; tasks: { taskId: string; days: number }[] };
  /** Quality ratings given at acceptance (办结质量). */
  ratings: { EXCELLENT: number; GOOD: number; FAIR: number; POOR: number };
  /**
   * Sign-for urgings (签收超时催办), urgings by hand (人工督促, `URGED`; absent from metrics stored before they were
   * counted) and tasks that reached each rung of the escalation ladder.
   */
  escalations: { urging: number; urged?: number; L1: number; L2: number; L3: number };
  extensions: { approved: number; denied: number };
  /** Inspection findings (检查发现问题) against the unit, by severity. */
  findings: { MINOR: number; MAJOR: number; SERIOUS: number };
  /** RECTIFICATION tasks (整改) due by the cut-off, and those accepted on time. */
  rectification: { due: number; completedOnTime: number };
  /** Joint meetings held by the cut-off to which the unit was invited, and how it attended. */
  meetings: { held: number; present: number; absent: number; declined: number };
  /**
   * Referrals (移送) the unit received: the feedbacks (受理反馈, 处理结果反馈) due by the cut-off, and those given by
   * their deadline.
   */
  referrals: { due: number; onTime: number };
  /**
   * What case collaboration asked of the unit: secondment requests (抽调) to answer by their sign-for limit and rotation
   * windows (轮训) to confirm by their deadline, due by the cut-off, and those answered in time.
   */
  secondments: { due: number; onTime: number };
  /**
   * Conduct appraisals (行风评议) of the cycle closed by the cut-off: ratings given to the unit (one per rater and
   * appraisal), and how many were 满意 and 基本满意. Absent from metrics stored before the indicator existed.
   */
  appraisal?: { raters: number; satisfied: number; basic: number };
  /** Milestones (序时进度) of the unit's tasks met and missed by the cut-off. Absent from older metrics. */
  milestones?: { met: number; missed: number };
  /**
   * Refusals (退单) by the unit ruled on by the cut-off: upheld by INSIST (the unit was right to lead after all) and
   * ruled REASSIGN (the task went to another unit). Absent from older metrics.
   */
  refusals?: { insisted: number; reassigned: number };
}

/** 基本满意 counts 60 of 满意's 100 points in the satisfaction score (procedures/appraisal RATING_POINTS). */
const BASIC_SHARE = 0.6;

/** How one indicator contributed: its raw figures, the points and the formula with the numbers put in. */
export interface BreakdownLine {
  indicator: IndicatorKey;
  name: string;
  weight: number;
  raw: Record<string, number | null>;
  points: number;
  formula: string;
}

export interface UnitScore {
  score: number;
  base: number;
  breakdown: BreakdownLine[];
}

/** Rounds half away from zero to 2 decimals (scores are published with 2). */
export const round2 = (x: number): number => (Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9)) / 100;

const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));
const fmt = (x: number) => x.toFixed(2);
const signed = (x: number) => (x < 0 ? `(${x})` : String(x));

interface Inputs {
  rate?: { part: number; whole: number; partLabel: string; wholeLabel: string };
  items: Record<string, number>;
}

/** What each indicator reads from the metrics: a fixed mapping, so a model (data) can weigh only these. */
function inputsOf(indicator: IndicatorKey, m: UnitMetrics): Inputs {
  switch (indicator) {
    case 'onTimeCompletionRate':
      return {
        rate: { part: m.tasks.completedOnTime, whole: m.tasks.due, partLabel: '按期办结', wholeLabel: '应办结' },
        items: { notOnTime: m.tasks.due - m.tasks.completedOnTime },
      };
    case 'overdueWorkingDays':
      return { items: { day: m.overdue.days } };
    case 'qualityRating':
      return { items: { ...m.ratings } };
    case 'urgingsAndRungs':
      return { items: { ...m.escalations, urged: m.escalations.urged ?? 0 } };
    case 'extensions':
      return { items: { ...m.extensions } };
    case 'inspectionFindings':
      return { items: { ...m.findings } };
    case 'rectificationTimeliness':
      return {
        rate: {
          part: m.rectification.completedOnTime,
          whole: m.rectification.due,
          partLabel: '按期整改',
          wholeLabel: '应整改',
        },
        items: { notOnTime: m.rectification.due - m.rectification.completedOnTime },
      };
    case 'meetingAttendance':
      return {
        rate: { part: m.meetings.present, whole: m.meetings.held, partLabel: '出席', wholeLabel: '应出席' },
        items: { absent: m.meetings.absent },
      };
    case 'referralFeedback':
      return {
        rate: { part: m.referrals.onTime, whole: m.referrals.due, partLabel: '按期反馈', wholeLabel: '应反馈' },
        items: { late: m.referrals.due - m.referrals.onTime },
      };
    case 'secondmentCompliance':
      return {
        rate: { part: m.secondments.onTime, whole: m.secondments.due, partLabel: '按期答复', wholeLabel: '应答复' },
        items: { late: m.secondments.due - m.secondments.onTime },
      };
    case 'conductAppraisal': {
      // The satisfaction score as a share: 满意 1, 基本满意 0.6, 不满意 0 per rating; no appraisal: no deduction.
      const a = m.appraisal ?? { raters: 0, satisfied: 0, basic: 0 };
      const part = Math.round((a.satisfied + BASIC_SHARE * a.basic) * 100) / 100;
      return {
        rate: { part, whole: a.raters, partLabel: '满意折算', wholeLabel: '评议人次' },
        items: { unsatisfied: a.raters - a.satisfied - a.basic },
      };
    }
    case 'milestones':
      return { items: { met: m.milestones?.met ?? 0, missed: m.milestones?.missed ?? 0 } };
    case 'refusals':
      return { items: { insisted: m.refusals?.insisted ?? 0, reassigned: m.refusals?.reassigned ?? 0 } };
  }
}

function scoreIndicator(ind: ScoringIndicator, m: UnitMetrics): BreakdownLine {
  const { name, items: labels } = INDICATORS[ind.indicator];
  const inputs = inputsOf(ind.indicator, m);
  const line = { indicator: ind.indicator, name, weight: ind.weight };
  const { formula } = ind;
  if (formula.kind === 'RATE') {
    const { part, whole, partLabel, wholeLabel } = inputs.rate ?? { part: 0, whole: 0, partLabel: '', wholeLabel: '' };
    const raw = { part, whole, rate: whole === 0 ? null : part / whole };
    if (whole === 0) return { ...line, raw, points: 0, formula: `${name}：无${wholeLabel}事项，不扣分` };
    const points = round2(-ind.weight * (1 - part / whole));
    const pct = `${fmt((part / whole) * 100)}%`;
    return {
      ...line,
      raw,
      points,
      formula: `${name} = ${partLabel}${part} ÷ ${wholeLabel}${whole} = ${pct}；扣分 = ${ind.weight} × (1 − ${pct}) = ${fmt(-points)}`,
    };
  }
  const raw: Record<string, number> = {};
  const terms: string[] = [];
  let sum = 0;
  for (const [item, per] of Object.entries(formula.perItem)) {
    const count = inputs.items[item] ?? 0;
    raw[item] = count;
    sum += count * per;
    if (count !== 0) terms.push(`${labels[item as keyof typeof labels] ?? item}${count} × ${signed(per)}`);
  }
  const expression = terms.length === 0 ? '0' : terms.join(' + ');
  if (formula.kind === 'DEDUCT_PER_ITEM') {
    const points = round2(-Math.min(ind.weight, sum));
    const capped = sum > ind.weight ? `，超过上限按${ind.weight}扣` : '';
    return {
      ...line,
      raw,
      points,
      formula: `${name}扣分 = ${expression} = ${fmt(sum)}（上限${ind.weight}${capped}）；扣${fmt(-points)}分`,
    };
  }
  const points = round2(clamp(sum, -ind.weight, ind.weight));
  const verb = points < 0 ? `扣${fmt(-points)}分` : `加${fmt(points)}分`;
  return {
    ...line,
    raw,
    points,
    formula: `${name}加减分 = ${expression} = ${fmt(sum)}（限±${ind.weight}）；${verb}`,
  };
}

/**
 * Scores one unit with one model: base plus each indicator's points (each rounded to 2 decimals, so that the
 * breakdown adds up to the score), clamped to 0–100.
 */
export function score(metrics: UnitMetrics, model: ScoringModel): UnitScore {
  const breakdown = model.indicators.map((ind) => scoreIndicator(ind, metrics));
  const total = breakdown.reduce((acc, line) => acc + line.points, model.base);
  return { score: round2(clamp(total, 0, 100)), base: model.base, breakdown };
}

/** The published score: the computed one plus the office's adjustments, clamped to 0–100. */
export const finalScore = (computed: number, adjustment: number): number =>
  round2(clamp(computed + adjustment, 0, 100));

/** Ranks by final score, highest first; equal scores share a rank (1, 2, 2, 4), as an assessment ranks. */
export function ranked<S extends { finalScore: number }>(scores: S[]): (S & { rank: number })[] {
  return scores.map((s) => ({ ...s, rank: 1 + scores.filter((o) => o.finalScore > s.finalScore).length }));
}

/** The formula of one indicator of a model, without numbers, as GET /v1/scoring-models shows it. */
export function describeFormula(ind: ScoringIndicator): string {
  const { name, items: labels } = INDICATORS[ind.indicator];
  const { formula } = ind;
  if (formula.kind === 'RATE') return `扣分 = ${ind.weight} × (1 − ${name})；无应计事项时不扣分`;
  const terms = Object.entries(formula.perItem)
    .map(([item, per]) => `${labels[item as keyof typeof labels] ?? item}数 × ${signed(per)}`)
    .join(' + ');
  return formula.kind === 'DEDUCT_PER_ITEM'
    ? `扣分 = ${terms}，最多扣${ind.weight}分`
    : `加减分 = ${terms}，限±${ind.weight}分`;
}

/** Zero metrics: a unit with nothing to count (tests and units without tasks start from it). */
export const emptyMetrics = (): UnitMetrics => ({
  tasks: { led: 0, due: 0, completed: 0, completedOnTime: 0, openOverdue: 0 },
  overdue: { days: 0, tasks: [] },
  ratings: { EXCELLENT: 0, GOOD: 0, FAIR: 0, POOR: 0 },
  escalations: { urging: 0, urged: 0, L1: 0, L2: 0, L3: 0 },
  extensions: { approved: 0, denied: 0 },
  findings: { MINOR: 0, MAJOR: 0, SERIOUS: 0 },
  rectification: { due: 0, completedOnTime: 0 },
  meetings: { held: 0, present: 0, absent: 0, declined: 0 },
  referrals: { due: 0, onTime: 0 },
  secondments: { due: 0, onTime: 0 },
  appraisal: { raters: 0, satisfied: 0, basic: 0 },
  milestones: { met: 0, missed: 0 },
  refusals: { insisted: 0, reassigned: 0 },
});
