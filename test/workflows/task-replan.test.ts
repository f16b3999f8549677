import type { Activities } from '../../activities';
import * as m from '../../procedures/task/messages';
import { actor, createTaskHarness } from '../support/task-harness';
import { useHarness } from '../support/use-harness';

/** Timer planning that waits while `held` is set, as it would while the database is down. */
let held: Promise<void> | undefined;
const holdingThePlan = (a: Activities): Activities => ({
  ...a,
  async planTaskTimers(p) {
    await held;
    return a.planTaskTimers(p);
  },
});

describe('a task replanning its timers while an action comes in', () => {
  const h = useHarness(() => createTaskHarness(holdingThePlan));

  it('records no light change that the action has already recorded', async () => {
    const handle = await h.start();
    let release!: () => void;
    held = new Promise((resolve) => (release = resolve));
    // The sign-for makes the workflow plan its timers again; the plan waits, and the office cancels meanwhile.
    await handle.executeUpdate(m.signFor, { args: [{ actor: actor('lead') }] });
    await handle.executeUpdate(m.cancelTask, { args: [{ actor: actor('office'), reason: '任务调整' }] });
    release();
    held = undefined;
    const { taskId } = await handle.result();

    expect((await h.timeline(taskId)).map((e) => e.kind)).toEqual(['ASSIGNED', 'SIGNED', 'CANCELLED']);
  });
});
