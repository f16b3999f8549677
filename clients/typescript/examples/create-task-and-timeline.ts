/**
 * Creates a task and reads its timeline, as an integrator's program would. In clients/typescript:
 *   npm run build && HELI_URL=http://localhost:3000 HELI_TOKEN=$(npx heli token issue p-huang-min) \
 *     node dist/examples/create-task-and-timeline.js
 */
import { randomUUID } from 'node:crypto';
import { createHeliClient, HeliProblem, type components, type HeliClient, type paths } from '../src';

export type Task = components['schemas']['Task'];
export type TimelineEntry = components['schemas']['TimelineEntry'];
export type NewTask = NonNullable<paths['/v1/tasks']['post']['requestBody']>['content']['application/json'];

/** Creates `task` (safe to retry: the Idempotency-Key answers the first result again) and reads it with its timeline. */
export async function createTaskAndReadTimeline(
  client: HeliClient,
  task: NewTask,
  idempotencyKey: string = randomUUID(),
): Promise<{ task: Task; timeline: TimelineEntry[] }> {
  const created = await client.POST('/v1/tasks', {
    body: task,
    params: { header: { 'Idempotency-Key': idempotencyKey } },
  });
  if (created.error) throw new HeliProblem(created.error);
  const read = await client.GET('/v1/tasks/{id}', { params: { path: { id: created.data.id } } });
  if (read.error) throw new HeliProblem(read.error);
  return { task: read.data, timeline: read.data.timeline };
}

async function main(): Promise<void> {
  const client = createHeliClient({
    baseUrl: process.env.HELI_URL ?? 'http://localhost:3000',
    token: process.env.HELI_TOKEN ?? '',
  });
  const { task, timeline } = await createTaskAndReadTimeline(client, {
    title: '落实中央八项规定精神情况自查',
    leadUnitId: 'town-dongguan',
    leaderId: 'p-wang-hongmei',
    requirements: '围绕公务接待、公车使用开展自查，形成问题清单',
    standard: '自查报告经单位主要负责人签字',
    workingDays: 10,
  });
  process.stdout.write(`${task.id} ${task.state}, due ${task.dueDate ?? '-'}\n`);
  for (const entry of timeline) process.stdout.write(`  ${entry.at} ${entry.kind} ${entry.message}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
