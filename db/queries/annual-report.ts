import type { Pool } from 'pg';
import type { MonthTrend } from '../../render/charts';
import { monthlyTrend } from './monthly-trend';

/**
 * What the annual report (年度通报) says beyond a bulletin's figures, fixed when it is published: the year month by
 * month, the published assessment's ranking, and the year's accountability cases in numbers. Only what every reader
 * of a bulletin may read: final scores and ranks (published to all), cases counted by source and measure, never a
 * unit, a person or a case.
 */
export interface AnnualContent {
  year: number;
  months: MonthTrend[];
  /** The published assessment's ranking; empty when the year had none. */
  ranking: { unitId: string; unitName: string; rank: number; finalScore: number }[];
  /** The year's cases: how many, how many decided. */
  cases: {
    total: number;
    decided: number;
    /**
     * How they were opened, and the decided ones by the measure taken (处理措施), most first: for the office and the
     * group only (`annualForReader`). Beside the ranking, a unit could tell from them whose case it was (the only
     * case opened by the assessment is the last-ranked unit's).
     */
    bySource?: { L3: number; ASSESSMENT: number; OFFICE: number };
    byMeasure?: { measure: string; name: string; cases: number }[];
  };
}

export async function computeAnnual(
  pool: Pool,
  p: { orgId: string; cycleId: string; year: number; assessmentId: string | null; asOf: Date },
): Promise<AnnualContent> {
  const months = await monthlyTrend(pool, {
    orgId: p.orgId,
    cycleId: p.cycleId,
    year: p.year,
    asOf: p.asOf,
    scope: { orgId: p.orgId, wholeOrg: true },
  });
  const ranking = p.assessmentId
    ? await pool.query<AnnualContent['ranking'][number]>({
        text: `SELECT s.unit_id AS "unitId", u.name AS "unitName", s.rank, s.final_score::float8 AS "finalScore"
               FROM assessment_scores s JOIN units u ON u.id = s.unit_id
               WHERE s.assessment_id = $1 ORDER BY s.rank, s.unit_id`,
        values: [p.assessmentId],
      })
    : { rows: [] };
  const cases = await pool.query<{ sourceKind: string; measure: string | null; name: string | null; n: number }>({
    text: `SELECT source_kind AS "sourceKind", CASE WHEN state IN ('DECIDED', 'CLOSED') THEN measure END AS measure,
             CASE WHEN state IN ('DECIDED', 'CLOSED') THEN coalesce(measure_name, measure) END AS name,
             count(*)::int AS n
           FROM accountability_cases WHERE org_id = $1 AND cycle_id = $2 AND opened_at <= $3
           GROUP BY 1, 2, 3`,
    values: [p.orgId, p.cycleId, p.asOf],
  });
  const bySource = { L3: 0, ASSESSMENT: 0, OFFICE: 0 };
  const byMeasure = new Map<string, { measure: string; name: string; cases: number }>();
  for (const r of cases.rows) {
    bySource[r.sourceKind as keyof typeof bySource] += r.n;
    if (r.measure === null) continue;
    const m = byMeasure.get(r.measure) ?? { measure: r.measure, name: r.name ?? r.measure, cases: 0 };
    m.cases += r.n;
    byMeasure.set(r.measure, m);
  }
  const measures = [...byMeasure.values()].sort((a, b) => b.cases - a.cases || a.measure.localeCompare(b.measure));
  return {
    year: p.year,
    months,
    ranking: ranking.rows,
    cases: {
      total: cases.rows.reduce((n, r) => n + r.n, 0),
      decided: measures.reduce((n, m) => n + m.cases, 0),
      bySource,
      byMeasure: measures,
    },
  };
}

/**
 * The annual part as a reader may see it: the office and the group see every case and so the whole breakdown; anyone
 * else (a unit, a leader) the numbers of cases alone.
 */
export function annualForReader(annual: AnnualContent, seesEveryCase: boolean): AnnualContent {
  if (seesEveryCase) return annual;
  const { total, decided } = annual.cases;
  return { ...annual, cases: { total, decided } };
}
