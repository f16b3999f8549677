import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { announceCalendarChange } from '../../api/use-cases/calendar';
import { loadCalendarYear } from '../../db/queries/calendar';

/**
 * Makes `date` a day off in the national table of its year, as the operator's `heli calendar load` does, and tells the
 * running workflows, as the API does after a load; answers what the announcement answered (how many were told).
 */
export async function announceHoliday(h: { db: { pool: Pool }; env: { client: Client } }, date: string) {
  const year = Number(date.slice(0, 4));
  await loadCalendarYear(
    h.db.pool,
    { year, source: `测试用 ${year} 年节假日安排`, holidays: [{ date, name: '测试假日' }], workdays: [] },
    'test',
  );
  return announceCalendarChange({ db: h.db.pool, temporal: h.env.client }, year);
}
