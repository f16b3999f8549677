import { apiClient, eventually } from '../../support/http';
import type { TestStack } from '../../support/test-stack';

/** A local date in Asia/Shanghai, `offsetDays` from today. */
export const shanghaiDate = (offsetDays: number): string =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** What the e2e tasks have in common besides title, unit and time limit. */
export const TASK_DEFAULTS = {
  requirements: '对照清单逐项落实，形成台账',
  standard: '台账经组织协调室审核',
  leaderId: 'p-wang-hongmei',
};

/** A supervised task as the office assigns it through the API, for a unit of the example organisation. */
export async function assignTask(
  office: ReturnType<typeof apiClient>,
  fields: {
    title: string;
    leadUnitId: string;
    dueDate: string;
    leaderId?: string;
    coUnitIds?: string[];
    cycleId?: string;
  },
): Promise<string> {
  const res = await office('POST', '/v1/tasks', { ...TASK_DEFAULTS, ...fields });
  if (res.status !== 201) throw new Error(`assigning a task answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Waits until the read model shows the task as `check` wants it. */
export async function taskBecomes(
  t: TestStack,
  client: ReturnType<typeof apiClient>,
  id: string,
  check: (task: Record<string, unknown>) => boolean,
): Promise<void> {
  await eventually(async () => {
    const res = await client('GET', `/v1/tasks/${id}`);
    return res.status === 200 && check(res.body) ? true : undefined;
  }, 30_000);
  void t;
}
