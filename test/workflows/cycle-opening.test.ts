import { openCycleOnSchedule } from '../../workflows';
import { cycleWorkflowId } from '../../procedures/cycle/messages';
import { createCycleHarness, type CycleHarness } from '../support/cycle-harness';

/** The short workflow the yearly schedule starts (workflows/cycle-opening.ts), here started without a schedule. */
describe('opening the cycle on schedule', () => {
  let h: CycleHarness;

  beforeAll(async () => {
    // The scoring models file names v2 its default (a new model adopted after the schedule was set up).
    h = await createCycleHarness({
      activities: (a) => ({ ...a, currentScoringModel: async () => ({ id: 'standard', version: 2 }) }),
    });
  }, 60_000);

  afterAll(() => h?.stop(), 60_000);

  const runOpening = (n: number) =>
    h.client.workflow.execute(openCycleOnSchedule, {
      taskQueue: h.deps.taskQueue,
      workflowId: `open-cycle-${n}`,
      args: [{ orgId: 'district', yearOffset: 1, overrides: { planDueMonthDay: '01-20' } }],
    });

  it('opens next year’s cycle from workflow time, with its settings and the default scoring model of the day, and leaves it alone the second time', async () => {
    const year = new Date((await h.now()) + 8 * 3_600_000).getUTCFullYear() + 1;

    const first = await runOpening(1);
    const second = await runOpening(2);

    expect(first).toEqual(expect.objectContaining({ cycleId: `district-${year}`, year, created: true }));
    expect(second).toEqual(expect.objectContaining({ cycleId: `district-${year}`, year, created: false }));
    const status = await h.until(h.client.workflow.getHandle(cycleWorkflowId(`district-${year}`)), () => true);
    expect(status).toEqual(expect.objectContaining({ phase: 'PLANNING', year, planDueDate: `${year}-01-20` }));
    const input = await h.client.workflow.getHandle(cycleWorkflowId(`district-${year}`)).fetchHistory();
    const started = input.events?.[0]?.workflowExecutionStartedEventAttributes;
    const settings = (await h.client.options.loadedDataConverter.payloadConverter.fromPayload(
      started!.input!.payloads![0]!,
    )) as { settings: { scoringModel: unknown } };
    expect(settings.settings.scoringModel).toEqual({ id: 'standard', version: 2 });
  });
});
