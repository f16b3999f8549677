import type { Pool } from 'pg';
import { publishBulletin } from '../../activities/bulletins';

/**
 * Publishes a cycle's annual report (年度通报) as the cycle does at its close (activities/cycles.ts
 * `publishAnnualReport`): the whole year, with its part of its own from the cycle's assessment. Answers its id.
 */
export async function publishAnnualReport(pool: Pool, cycleId: string, year: number): Promise<string> {
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM assessments WHERE cycle_id = $1', [cycleId]);
  const bulletin = await publishBulletin(pool, {
    id: `b-${cycleId}-annual`,
    orgId: 'district',
    cycleId,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    title: `${year}年度党风廉政建设责任落实情况年度通报`,
    asOf: new Date(),
    generatedBy: null,
    audit: { orgId: 'district', actorId: 'system:cycle' },
    annual: { year, assessmentId: rows[0]?.id ?? null },
  });
  return bulletin.id;
}
