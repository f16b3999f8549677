import type { UpcomingDeadline } from '../../../../procedures/cycle/views';
import { api } from '../../lib/api';

/** A cycle as GET /v1/cycles lists it. */
export interface CycleSummary {
  id: string;
  year: number;
  phase: 'PLANNING' | 'DECOMPOSING' | 'RUNNING' | 'YEAR_END' | 'CLOSED';
  planVersion: number | null;
  approvedVersion: number | null;
  planDueDate: string | null;
  tasksPlanned: number;
  tasksStarted: number;
}

interface Counts {
  total: number;
  overdue: number;
  byLight: Record<string, number>;
}

/** A cycle as GET /v1/cycles/{id} answers it (the parts the office home reads). */
export interface CycleDetail extends CycleSummary {
  totals: Counts;
  upcomingDeadlines: UpcomingDeadline[];
  settings: { inspectionMonths?: number[] };
  upcoming: { kind: 'MEETING' | 'BULLETIN'; key: string; title: string; at: string }[];
}

/** The cycle the office works in: the newest not closed (the list is newest year first), else the newest. */
export async function loadCurrentCycle(): Promise<CycleSummary | null> {
  const { items } = await api<{ items: CycleSummary[] }>('GET', '/v1/cycles');
  return items.find((c) => c.phase !== 'CLOSED') ?? items[0] ?? null;
}
