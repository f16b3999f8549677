// The scenario both runs drive through the API, the same requests with the same Idempotency-Keys (so the same
// task ids) in the same order: twelve tasks of the example organisation taken through sign-for, progress, submit,
// return, rework, acceptance and cancellation, some left open, two of them late from the start (their whole
// escalation ladder fires at once); an ad-hoc joint meeting of the 2027 cycle whose
// confirmation deadline and start are minutes (undisturbed: seconds) away, answered by four units, the silent
// ones urged at the deadline, held by its timer, minuted with two resolutions that become tasks, one of them
// signed for. `pace` spreads the requests over the fault window.

const LEADER = 'p-wang-hongmei';
const OFFICE = 'p-huang-min';

/** Task n: its lead unit and the actions taken on it, one per round. */
export const TASKS = [
  { unit: 'town-dongguan', steps: ['sign', 'submit', 'accept'] },
  { unit: 'town-xicheng', steps: ['sign', 'submit', 'accept'] },
  { unit: 'town-nanhu', steps: ['sign', 'progress', 'submit', 'accept'] },
  { unit: 'town-beishan', steps: ['sign', 'submit', 'return', 'submit', 'accept'] },
  { unit: 'town-xinhua', steps: ['sign', 'submit', 'return', 'submit', 'accept'] },
  { unit: 'town-zhongxin', steps: ['sign', 'progress'] },
  { unit: 'town-qingshi', steps: ['sign'] },
  { unit: 'town-liuhe', steps: [] },
  { unit: 'town-baiyang', steps: ['sign', 'cancel'] },
  { unit: 'town-hongyan', steps: ['cancel'] },
  // Late from the start (due a month ago): reminders, the yellow and red lights and the rungs L1–L3 (with the L1 copy
  // to the leader) fire as soon as the task is assigned, while the worker is being killed. No one acts on them: an
  // action racing the ladder would make the rung it stops at a matter of timing, not of the faults.
  { unit: 'dept-finance', steps: [], dueDaysAgo: 30 },
  { unit: 'dept-education', steps: [], dueDaysAgo: 30 },
];

/** The local (Asia/Shanghai) date `days` before today (after it, for a negative `days`). */
const daysAgo = (days) => new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);

const BODIES = {
  sign: () => ({}),
  progress: (n) => ({ text: `第${n}项任务已完成排查摸底，正在逐项整改`, percent: 50 }),
  submit: (n, round) => ({ summary: `第${n}项任务已按要求办结（第${round}轮报结）` }),
  accept: (n) => ({ rating: n === 4 ? 'EXCELLENT' : n === 3 ? 'FAIR' : 'GOOD', comment: '材料齐全，符合落实标准' }),
  return: () => ({ reasons: '整改台账不完整，请补充后重新报结' }),
  cancel: () => ({ reason: '任务已由专项行动统一部署，予以撤销' }),
};
const BY_OFFICE = new Set(['accept', 'return', 'cancel']);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the scenario. `ctx`: { client, tokens: { office, unit(unitId) }, pace (ms between requests),
 * meetingInMs: { confirmBy, at } from the start, onSend(path) as each action is sent, onAction(path) once it is accepted, log }.
 * Returns what it started: { taskIds, meetingId, resolutionTaskIds, requests }.
 */
export async function runScenario(ctx) {
  const { client, tokens, pace, log } = ctx;
  const started = Date.now();
  const result = { taskIds: [], meetingId: undefined, resolutionTaskIds: [], actions: 0 };
  const act = async (token, path, body, key, expect = [200]) => {
    ctx.onSend?.(path);
    const answer = await client.call(token, 'POST', path, body, { key, expect });
    if (expect.includes(answer.status)) {
      result.actions += 1;
      ctx.onAction?.(path);
    }
    await sleep(pace);
    return answer;
  };

  const tasksFlow = async () => {
    for (const [i, t] of TASKS.entries()) {
      const n = i + 1;
      const body = {
        title: `2027年党风廉政建设专项督办事项（第${n}项）`,
        leadUnitId: t.unit,
        leaderId: LEADER,
        requirements: '对照责任清单逐项落实，按时报送进展',
        standard: '形成书面报告并附佐证材料',
        dueDate: t.dueDaysAgo ? daysAgo(t.dueDaysAgo) : daysAgo(-180),
      };
      // A limit already past is refused by the API: a late task was assigned on the day its limit fell.
      const id = t.dueDaysAgo
        ? await ctx.assignEarlier(body, t.dueDaysAgo, `faults-task-${n}`)
        : (await act(tokens.office, '/v1/tasks', body, `faults-task-${n}`, [201])).body?.id;
      result.taskIds.push(id);
    }
    const rounds = Math.max(...TASKS.map((t) => t.steps.length));
    for (let round = 0; round < rounds; round++) {
      for (const [i, t] of TASKS.entries()) {
        const verb = t.steps[round];
        const taskId = result.taskIds[i];
        if (!verb || !taskId) continue;
        const token = BY_OFFICE.has(verb) ? tokens.office : await tokens.unit(t.unit);
        await act(
          token,
          `/v1/tasks/${taskId}/${verb}`,
          BODIES[verb](i + 1, round + 1),
          `faults-${taskId}-${round}-${verb}`,
        );
      }
    }
  };

  const meetingFlow = async () => {
    const cycle = await act(tokens.office, '/v1/cycles', { year: 2027 }, 'faults-cycle-2027', [200, 201]);
    const cycleId = cycle.body?.id;
    const at = new Date(started + ctx.meetingInMs.at).toISOString();
    const confirmBy = new Date(started + ctx.meetingInMs.confirmBy).toISOString();
    const called = await act(
      tokens.office,
      `/v1/cycles/${cycleId}/meetings`,
      {
        title: '党风廉政建设责任制落实情况专题联席会议',
        at,
        confirmBy,
        place: '区纪委第一会议室',
        topics: ['通报督办事项进展'],
      },
      'faults-meeting',
      [200, 201],
    );
    const meetingId = (result.meetingId = called.body?.id);
    if (!meetingId) return;
    // Answering before the notice is recorded is refused (the workflow is right to): wait until it reads NOTICED.
    const meeting = await waitFor(ctx, `/v1/meetings/${meetingId}`, (m) =>
      m.timeline?.some((e) => e.kind === 'NOTICED'),
    );
    const answering = (meeting?.attendance ?? [])
      .map((a) => a.unitId)
      .sort()
      .slice(0, 4);
    log(`scenario: meeting ${meetingId} noticed`);
    // The four answers go out together: each must land before the confirmation deadline, outages or not.
    await Promise.all(
      answering.map(async (unitId, i) => {
        const body =
          i < 3
            ? { attending: true, attendee: `第${i + 1}参会人` }
            : { attending: false, reason: '同日承办全市现场会，请假' };
        await act(await tokens.unit(unitId), `/v1/meetings/${meetingId}/attendance`, body, `faults-answer-${unitId}`);
      }),
    );
    ctx.onAnswered?.();
    const answeredAt = ((Date.now() - started) / 1000).toFixed(0);
    log(`scenario: meeting answered at ${answeredAt} s (confirmation deadline ${ctx.meetingInMs.confirmBy / 1000} s)`);
    await waitFor(ctx, `/v1/meetings/${meetingId}`, (m) => m.state === 'HELD', ctx.meetingInMs.at + 240_000);
    const minuted = await act(
      tokens.office,
      `/v1/meetings/${meetingId}/minutes`,
      {
        minutes: '会议听取了督办事项进展情况通报，研究部署了下一阶段工作。',
        resolutions: [
          {
            title: '建立督办事项周报制度',
            leadUnitId: 'town-xicheng',
            leaderId: LEADER,
            requirements: '每周报送进展',
            standard: '周报按时报送',
            dueDate: daysAgo(-120),
          },
          {
            title: '开展作风建设专项检查',
            leadUnitId: 'town-nanhu',
            leaderId: LEADER,
            requirements: '组织专项检查',
            standard: '形成检查报告',
            dueDate: daysAgo(-150),
          },
        ],
      },
      'faults-minutes',
      [200, 201],
    );
    result.resolutionTaskIds = (minuted.body?.resolutions ?? []).map((r) => r.taskId);
    log(`scenario: meeting held and minuted at ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const first = result.resolutionTaskIds[0];
    if (first) {
      await waitFor(ctx, `/v1/tasks/${first}`, () => true, 120_000, [200, 404]);
      await act(await tokens.unit('town-xicheng'), `/v1/tasks/${first}/sign`, {}, `faults-${first}-sign`);
    }
  };

  await Promise.all([tasksFlow(), meetingFlow()]);
  log(`scenario: ${result.actions} actions in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return result;
}

/** Reads `path` as the office until `done(body)` holds (404 counts as "not yet" when allowed). */
async function waitFor(ctx, path, done, withinMs = 240_000, expect = [200]) {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    const answer = await ctx.client.call(ctx.tokens.office, 'GET', path, undefined, { expect });
    if (answer.status === 200 && done(answer.body)) return answer.body;
    await sleep(1_000);
  }
  ctx.stats.violations.push(`GET ${path}: the expected state never came`);
  return undefined;
}

export { OFFICE };
