import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  createTaskAndReadTimeline,
  type Task,
  type TimelineEntry,
} from '../../clients/typescript/examples/create-task-and-timeline';
import { createHeliClient, type HeliClient, type Problem } from '../../clients/typescript/src';
import { issueToken } from '../../db/queries/tokens';
import { festivalCheck } from '../support/task-bodies';
import { startTestStack } from '../support/test-stack';
import { useHarness } from '../support/use-harness';

const OFFICE = 'p-huang-min';
const DONGGUAN_HEAD = 'p-xie-hua'; // head of town-dongguan: a unit may not assign tasks

/** Fails to compile unless `A` and `B` are the same type: the client's types are checked, not only its values. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameType = <A, B>(proof: Same<A, B>) => proof;

describe('the TypeScript client (clients/typescript) against a running stack', () => {
  const t = useHarness(() => startTestStack(), 120_000);
  const clientOf = async (personId: string, language?: 'en'): Promise<HeliClient> =>
    createHeliClient({
      baseUrl: `${t.stack.apiUrl}/`,
      token: (await issueToken(t.db.pool, personId)).token,
      language,
    });

  it('creates a task and reads its timeline with the example’s function, typed by the generated schema', async () => {
    const office = await clientOf(OFFICE);

    const { task, timeline } = await createTaskAndReadTimeline(office, {
      ...festivalCheck,
      coUnitIds: ['dept-finance'],
      workingDays: 5,
    });

    sameType<typeof task.timeline, TimelineEntry[]>(true);
    sameType<typeof task.state, string>(true);
    sameType<typeof task.dueDate, string | null>(true);
    expect(task).toMatchObject<Partial<Task>>({
      title: festivalCheck.title,
      state: 'ASSIGNED',
      leadUnitId: 'town-dongguan',
      coUnitIds: ['dept-finance'],
      createdBy: OFFICE,
    });
    expect(task.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(timeline).toEqual([expect.objectContaining({ kind: 'ASSIGNED', actorId: OFFICE })]);
    expect(new Date(timeline[0]!.at).toISOString()).toBe(timeline[0]!.at);
  });

  it('answers the same task again for a retried create with the same Idempotency-Key', async () => {
    const office = await clientOf(OFFICE);
    const body = { ...festivalCheck, workingDays: 3 };

    const first = await createTaskAndReadTimeline(office, body, 'client-test-retry');
    const again = await createTaskAndReadTimeline(office, body, 'client-test-retry');

    expect(again.task.id).toBe(first.task.id);
  });

  it('gives a refusal as the problem+json the API answered, in the language asked for', async () => {
    const unit = await clientOf(DONGGUAN_HEAD, 'en');

    const { data, error, response } = await unit.POST('/v1/tasks', {
      body: { ...festivalCheck, workingDays: 5 },
    });

    sameType<typeof error, Problem | undefined>(true);
    expect(data).toBeUndefined();
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(error).toMatchObject<Partial<Problem>>({
      type: 'urn:heli:problem:forbidden',
      title: 'Forbidden',
      status: 403,
      instance: '/v1/tasks',
    });
    expect(error?.detail).toMatch(/^[\x20-\x7e]+$/); // English, as asked
  });

  it('names each bad field of a refused body in the problem’s errors', async () => {
    const office = await clientOf(OFFICE);

    const { error, response } = await office.POST('/v1/tasks', {
      body: { ...festivalCheck, leadUnitId: 'Town Dongguan', workingDays: 5 },
    });

    expect(response.status).toBe(400);
    expect(error?.errors).toEqual([{ field: 'body.leadUnitId', message: expect.stringContaining('编号') }]);
  });

  it('type-checks with its example against the generated types (its own tsconfig, as an integrator builds it)', () => {
    const root = path.join(__dirname, '../..');

    expect(() =>
      execFileSync(
        process.execPath,
        [require.resolve('typescript/bin/tsc'), '-p', 'clients/typescript/tsconfig.json', '--noEmit'],
        { cwd: root, stdio: 'pipe' },
      ),
    ).not.toThrow();
  });
});
