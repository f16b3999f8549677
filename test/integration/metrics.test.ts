import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultPayloadConverter } from '@temporalio/common';
import { createActivities } from '../../activities';
import { getTaskStatus, type TaskInput } from '../../procedures/task/messages';
import { saveWebhookEndpoint } from '../../db/queries/notifications';
import { serveMetrics } from '../../worker/metrics-server';
import { apiClient, eventually } from '../support/http';
import { startTestStack, type TestStack } from '../support/test-stack';
import { assignEarlier } from '../support/assigned-earlier';

const OFFICE = 'p-huang-min';

const shanghaiDate = (offsetDays: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

const newTask = (dueDate: string) => ({
  title: '开展节日期间作风建设专项检查',
  leadUnitId: 'town-dongguan',
  leaderId: 'p-wang-hongmei',
  requirements: '对辖区内公车使用、公款吃喝开展检查',
  standard: '形成检查报告并报送组织协调室',
  dueDate,
});

/** The value of one series in an exposition text, e.g. `heli_escalations_total{rung="L1"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('the metrics at /metrics, on the stack', () => {
  let t: TestStack;
  let office: ReturnType<typeof apiClient>;
  let receiver: Server;
  const scrape = async () => (await t.anonymous('GET', '/metrics')).text;
  /** Scrapes until `series` reaches at least `min`. */
  const awaitSample = (series: string, min = 1) =>
    eventually(async () => {
      const value = sample(await scrape(), series);
      return value !== undefined && value >= min ? value : undefined;
    }, 30_000);

  beforeAll(async () => {
    t = await startTestStack();
    office = await t.as(OFFICE);
    // town-dongguan's webhook receiver refuses every event (a permanent 4xx: no retries).
    receiver = createServer((_req, res) => res.writeHead(400).end('no'));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await saveWebhookEndpoint(
      t.db.pool,
      { unitId: 'town-dongguan', url, secret: 'metrics-test-secret' },
      {
        orgId: 'district',
        actorId: OFFICE,
        actorRoles: ['OFFICE'],
      },
    );
  }, 120_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    await t?.stop();
  }, 60_000);

  it('answers the Prometheus text format without a token', async () => {
    const res = await t.anonymous('GET', '/metrics');

    expect(res.status).toBe(200);
    expect(res.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.text).toContain('# TYPE heli_http_requests_total counter');
    expect(res.text).toMatch(/^heli_process_memory_bytes\{type="rss"\} \d+$/m);
  });

  it('counts requests by route pattern, never by the raw path', async () => {
    await office('GET', '/v1/tasks/t-does-not-exist');
    await office('GET', '/v1/units?kind=TOWN');

    const text = await scrape();

    expect(sample(text, 'heli_http_requests_total{method="GET",route="/v1/tasks/:id",status="404"}')).toBe(1);
    expect(sample(text, 'heli_http_requests_total{method="GET",route="/v1/units",status="200"}')).toBe(1);
    expect(text).not.toContain('t-does-not-exist');
    expect(sample(text, 'heli_http_request_duration_seconds_count{method="GET",route="/v1/units"}')).toBe(1);
  });

  it('counts the activities a task workflow runs, an L1 escalation once, and the refused webhook deliveries', async () => {
    // Assigned yesterday with yesterday as its limit (the API refuses a past limit today).
    const id = await assignEarlier(t, newTask(shanghaiDate(-1)), 1);

    await eventually(async () => ((await office('GET', `/v1/tasks/${id}`)).body.rung === 1 ? true : undefined));
    await awaitSample('heli_notification_delivery_failures_total', 2);
    // Assigned: one step, one activity. L1 and its copy to the responsible leader (patch `l1-copies-leader`): two
    // steps one timer records together, one activity (patch `timer-steps-together`).
    await awaitSample('heli_activity_executions_total{activity="recordTaskSteps",outcome="completed"}', 1);
    const text = await scrape();

    expect(sample(text, 'heli_escalations_total{rung="L1"}')).toBe(1);
    expect(sample(text, 'heli_activity_executions_total{activity="recordTaskStep",outcome="completed"}')).toBe(1);
    expect(sample(text, 'heli_activity_executions_total{activity="recordTaskSteps",outcome="completed"}')).toBe(1);
    expect(
      sample(text, 'heli_activity_executions_total{activity="planTaskTimers",outcome="completed"}'),
    ).toBeGreaterThan(0);
    expect(sample(text, 'heli_notification_deliveries_total{outcome="REJECTED"}')).toBeGreaterThan(1);
    expect(sample(text, 'heli_activity_duration_seconds_count{activity="recordTaskStep"}')).toBe(1);
    // The receiver refused them for good (4xx): the outbox gives them up rather than retrying.
    const { rows } = await t.db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM webhook_events WHERE gave_up_at IS NOT NULL AND delivered_at IS NULL',
    );
    expect(rows[0]!.n).toBeGreaterThan(1);
  });

  it('appends the Temporal Core’s own worker metrics to the same scrape, after the workflows ran', async () => {
    const text = await scrape();

    expect(text).toMatch(
      new RegExp(
        `^temporal_workflow_task_execution_latency_count\\{.*task_queue="${t.taskQueue}".*\\} [1-9]\\d*$`,
        'm',
      ),
    );
    expect(text).toMatch(/^temporal_request\{.*operation="RespondWorkflowTaskCompleted".*\} [1-9]\d*$/m);
    // The step recorders run as local activities: Core and Heli count the same attempts.
    expect(text).toMatch(/^temporal_local_activity_execution_latency_count\{activity_type="recordTaskStep",.*\} 1$/m);
    expect(text).toMatch(/^temporal_local_activity_execution_latency_count\{activity_type="recordTaskSteps",.*\} 1$/m);
    expect(sample(text, 'heli_activity_executions_total{activity="recordTaskStep",outcome="completed"}')).toBe(1);
  });

  it('does not count an escalation again when its step is recorded a second time, as a retried activity would', async () => {
    const { rows } = await t.db.pool.query<{ workflow_id: string; step: string }>(
      "SELECT workflow_id, step FROM task_timeline WHERE kind = 'ESCALATION_L1'",
    );
    expect(rows).toHaveLength(1);
    const { workflow_id: workflowId, step } = rows[0]!;
    const handle = t.stack.client.workflow.getHandle(workflowId);
    const history = await handle.fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    const task = defaultPayloadConverter.fromPayload<TaskInput>(started!);
    const status = await handle.query(getTaskStatus);
    const acts = createActivities({ db: t.db.pool, metrics: t.stack.metrics });

    await acts.recordTaskStep({
      workflowId,
      task,
      status,
      entry: { step, kind: 'ESCALATION_L1', message: 'again' },
      details: {},
    });

    expect(sample(await scrape(), 'heli_escalations_total{rung="L1"}')).toBe(1);
  });

  it('counts a workflow task that fails in workflow code, by workflow type', async () => {
    const handle = await t.stack.client.workflow.start('supervisedTask', {
      taskQueue: t.taskQueue,
      workflowId: `metrics-broken-${Date.now()}`,
      args: [null],
    });
    try {
      await awaitSample('heli_workflow_task_failures_total{workflow_type="supervisedTask"}');
    } finally {
      await handle.terminate('test done');
    }
  });

  it('serves the same registry on a port of its own, behind METRICS_TOKEN when set', async () => {
    const server = await serveMetrics(t.stack.metrics, { port: 0, host: '127.0.0.1', token: 's3cret' });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    try {
      const refused = await fetch(url);
      const allowed = await fetch(url, { headers: { authorization: 'Bearer s3cret' } });

      expect(refused.status).toBe(401);
      expect(allowed.status).toBe(200);
      const text = await allowed.text();
      expect(text).toContain('heli_http_requests_total{method="GET",route="/metrics",status="200"}');
      expect(text).toMatch(/^temporal_workflow_task_execution_latency_count\{.*\} [1-9]\d*$/m);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
