import { writeFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';
import { taskWorkflowId } from '../../procedures/task/messages';
import { caseWorkflowId } from '../../procedures/case/messages';
import { localDate } from '../../procedures/time/working-days';
import { assignEarlier } from '../support/assigned-earlier';
import { eventually } from '../support/http';
import { DONGGUAN_HEAD, FINANCE_HEAD, OFFICE } from '../support/people';
import { useTestStack, type ApiClient } from '../support/use-test-stack';

/**
 * What one supervised task costs over its whole life, measured on the stack (dev server, fresh database), for
 * docs/scaling.md: Temporal history events, history bytes and state transitions (the server's own count, from
 * DescribeWorkflowExecution), and the read model's rows and bytes per table. Two lives, `PER_LIFE` tasks each:
 *  - on time: assigned through the API, signed for, one progress report, the co-organising unit's report,
 *    submitted, accepted;
 *  - lapsed: assigned 30 days ago with a deadline 21 days ago (the ladder climbs L1–L3 at once), then signed for,
 *    submitted late and accepted.
 * With `TASK_COST_OUT=<file>` the figures are written there as JSON (docs/scaling.md quotes them).
 */
const PER_LIFE = Number(process.env.TASK_COST_TASKS ?? 10);
const daysFromNow = (n: number) => localDate(new Date(Date.now() + n * 86_400_000));
const body = (title: string, due: { dueDate: string } | { workingDays: number }) => ({
  title,
  leadUnitId: 'town-dongguan',
  coUnitIds: ['dept-finance'],
  leaderId: 'p-wang-hongmei',
  requirements: '对辖区内公车使用、公款吃喝开展检查，发现问题立行立改',
  standard: '形成检查报告并报送组织协调室',
  ...due,
});

interface TableSize {
  rows: number;
  /** Bytes of the rows themselves (pg_column_size of each row). */
  rowBytes: number;
  /** Table, TOAST and indexes on disk (pg_total_relation_size): pages, so coarse for a few rows. */
  diskBytes: number;
}

async function tableSizes(t: ReturnType<typeof useTestStack>['t']): Promise<Record<string, TableSize>> {
  const { rows: tables } = await t.db.pool.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const sizes: Record<string, TableSize> = {};
  for (const { name } of tables) {
    const { rows } = await t.db.pool.query<{ rows: number; row_bytes: number; disk: number }>(
      `SELECT count(*)::int AS rows, coalesce(sum(pg_column_size(x.*)), 0)::bigint AS row_bytes,
              pg_total_relation_size('public.${name}')::bigint AS disk FROM public.${name} x`,
    );
    sizes[name] = { rows: rows[0]!.rows, rowBytes: Number(rows[0]!.row_bytes), diskBytes: Number(rows[0]!.disk) };
  }
  return sizes;
}

interface HistoryCost {
  events: number;
  historyBytes: number;
  stateTransitions: number;
  byType: Record<string, number>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('what a supervised task costs over its life (figures for docs/scaling.md)', () => {
  const { t, office, head, finance } = useTestStack({ office: OFFICE, head: DONGGUAN_HEAD, finance: FINANCE_HEAD });

  const act = async (who: ApiClient, id: string, verb: string, payload: object) => {
    const res = await who('POST', `/v1/tasks/${id}/${verb}`, payload);
    if (res.status !== 200) throw new Error(`${verb} on ${id}: ${res.status} ${res.text}`);
  };
  const stateOf = async (id: string) => (await office('GET', `/v1/tasks/${id}`)).body as Record<string, unknown>;
  const live = async (id: string) => {
    await act(head, id, 'sign', {});
    await act(head, id, 'progress', { text: '已完成 6 个村中 4 个村的走访检查', percent: 60 });
    // The lead unit submits once the co-organising unit has reported.
    await act(finance, id, 'co-report', { text: '协办事项已完成，材料已报牵头单位' });
    await act(head, id, 'submit', { summary: '检查报告已形成并报送，发现问题 3 项均已整改' });
    await act(office, id, 'accept', { rating: 'GOOD' });
    await eventually(async () => ((await stateOf(id)).state === 'ACCEPTED' ? true : undefined), 30_000);
  };

  /** A workflow's history so far; with `closed`, once it has closed (an accepted task's workflow ends on its own). */
  async function historyCost(workflowId: string, closed = true): Promise<HistoryCost> {
    const handle = t.stack.client.workflow.getHandle(workflowId);
    if (closed) {
      await eventually(async () => ((await handle.describe()).status.name !== 'RUNNING' ? true : undefined), 30_000);
    }
    const info = (await handle.describe()).raw.workflowExecutionInfo!;
    const history = await handle.fetchHistory();
    const byType: Record<string, number> = {};
    for (const e of history.events ?? []) {
      const type = temporal.api.enums.v1.EventType[e.eventType ?? 0] ?? 'unknown';
      byType[type] = (byType[type] ?? 0) + 1;
    }
    return {
      events: Number(info.historyLength),
      historyBytes: Number(info.historySizeBytes),
      stateTransitions: Number(info.stateTransitionCount),
      byType,
    };
  }

  /** Each table's growth between two snapshots, per task. */
  function growth(before: Record<string, TableSize>, after: Record<string, TableSize>, tasks: number) {
    const perTable: Record<string, { rows: number; rowBytes: number; diskBytes: number }> = {};
    for (const [name, a] of Object.entries(after)) {
      const b = before[name] ?? { rows: 0, rowBytes: 0, diskBytes: 0 };
      if (a.rows === b.rows && a.diskBytes === b.diskBytes) continue;
      perTable[name] = {
        rows: Math.round(((a.rows - b.rows) / tasks) * 100) / 100,
        rowBytes: Math.round((a.rowBytes - b.rowBytes) / tasks),
        diskBytes: Math.round((a.diskBytes - b.diskBytes) / tasks),
      };
    }
    const sum = (k: 'rows' | 'rowBytes' | 'diskBytes') =>
      Math.round(Object.values(perTable).reduce((s, r) => s + r[k], 0) * 100) / 100;
    return { perTable, rows: sum('rows'), rowBytes: sum('rowBytes'), diskBytes: sum('diskBytes') };
  }

  function summary(costs: HistoryCost[]) {
    const byType: Record<string, number> = {};
    for (const c of costs)
      for (const [k, v] of Object.entries(c.byType)) byType[k] = (byType[k] ?? 0) + v / costs.length;
    return {
      workflows: costs.length,
      events: { mean: mean(costs.map((c) => c.events)), median: median(costs.map((c) => c.events)) },
      historyBytes: { mean: Math.round(mean(costs.map((c) => c.historyBytes))) },
      stateTransitions: {
        mean: mean(costs.map((c) => c.stateTransitions)),
        median: median(costs.map((c) => c.stateTransitions)),
      },
      eventsByType: Object.fromEntries(
        Object.entries(byType)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => [k.replace(/^EVENT_TYPE_/, ''), Math.round(v * 10) / 10]),
      ),
    };
  }

  it('measures the on-time life and the lapsed life, per task', async () => {
    const started = Date.now();
    const snapshots = [await tableSizes(t)];
    const onTime: string[] = [];
    for (let i = 0; i < PER_LIFE; i++) {
      const res = await office('POST', '/v1/tasks', body(`开展作风建设专项检查 ${i + 1}`, { workingDays: 20 }));
      expect(res.status).toBe(201);
      onTime.push(res.body.id as string);
    }
    for (const id of onTime) await live(id);
    const onTimeCosts: HistoryCost[] = [];
    for (const id of onTime) onTimeCosts.push(await historyCost(taskWorkflowId(id)));
    snapshots.push(await tableSizes(t));

    const lapsed: string[] = [];
    for (let i = 0; i < PER_LIFE; i++) {
      lapsed.push(await assignEarlier(t, body(`整改巡察反馈问题 ${i + 1}`, { dueDate: daysFromNow(-21) }), 30));
    }
    for (const id of lapsed) {
      await eventually(async () => ((await stateOf(id)).rung === 3 ? true : undefined), 60_000);
      await live(id);
    }
    const lapsedCosts: HistoryCost[] = [];
    for (const id of lapsed) lapsedCosts.push(await historyCost(taskWorkflowId(id)));
    // L3 refers the task to an accountability case, its own workflow (still open: it waits for a statement).
    const caseCosts: HistoryCost[] = [];
    const { rows: cases } = await t.db.pool.query<{ id: string }>('SELECT id FROM accountability_cases');
    for (const { id } of cases) caseCosts.push(await historyCost(caseWorkflowId(id), false));
    snapshots.push(await tableSizes(t));
    const wallSeconds = (Date.now() - started) / 1000;

    // Every task's life is on its own history: a start, its steps, its close.
    for (const c of [...onTimeCosts, ...lapsedCosts]) {
      expect(c.events).toBeGreaterThan(10);
      expect(c.stateTransitions).toBeGreaterThan(0);
      expect(c.byType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED).toBe(1);
    }
    expect(caseCosts).toHaveLength(PER_LIFE);
    // The lapsed life carries three escalations, their notices and a referral: it costs more than the on-time one.
    expect(mean(lapsedCosts.map((c) => c.events))).toBeGreaterThan(mean(onTimeCosts.map((c) => c.events)));
    const onTimeRows = growth(snapshots[0]!, snapshots[1]!, PER_LIFE);
    const lapsedRows = growth(snapshots[1]!, snapshots[2]!, PER_LIFE);
    for (const rows of [onTimeRows, lapsedRows]) {
      expect(rows.perTable.tasks?.rows).toBe(1);
      expect(rows.perTable.task_timeline?.rows).toBeGreaterThan(3);
    }

    const figures = {
      at: new Date().toISOString(),
      tasksPerLife: PER_LIFE,
      wallSeconds,
      onTime: { task: summary(onTimeCosts), readModel: onTimeRows },
      lapsed: { task: summary(lapsedCosts), accountabilityCase: summary(caseCosts), readModel: lapsedRows },
    };
    if (process.env.TASK_COST_OUT) writeFileSync(process.env.TASK_COST_OUT, `${JSON.stringify(figures, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  }, 600_000);
});
