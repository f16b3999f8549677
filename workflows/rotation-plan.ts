import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import type { Recipient } from '../procedures/kernel/recipients';
import * as rm from '../procedures/rotation/messages';
import type { RotationInput, RotationNotice, RotationStatus, WindowStatus } from '../procedures/rotation/messages';
import * as texts from '../procedures/rotation/texts';
import { calendarChanged, type Actor } from '../procedures/task/messages';
import {
  askSwap,
  confirm,
  rotationProcedure,
  settleSwap,
  windowNamed,
  type RotationMachine,
} from '../procedures/rotation/machine';
import { localInstant } from '../procedures/time/working-days';
import { registerActions } from './kernel/actions';
import { activities, serveStatus, workflowClock, type CalendarWatch } from './kernel/instance';
import { climbLadder, dueInstant, type Rung } from './kernel/timers';

const acts = activities;

/** The audit action of each step of a plan. */
const ACTION: Record<string, string> = {
  CREATED: 'rotation.create',
  CONFIRMED: 'rotation.confirm',
  SWAP_REQUESTED: 'rotation.swapRequest',
  SWAP_DECIDED: 'rotation.swapDecision',
  SWAP_LAPSED: 'rotation.swapLapsed',
  CONFIRMATION_OVERDUE: 'rotation.urge',
  ESCALATED: 'rotation.escalate',
  STARTED: 'rotation.start',
  FINISHED: 'rotation.finish',
  ENDED_EARLY: 'rotation.endEarly',
  CLOSED: 'rotation.close',
  CALENDAR_CHANGED: 'rotation.recompute',
};

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * A yearly rotation plan (轮训, 以案代训), issue 18 part 2, one per organisation and year. Each window's unit head and
 * trainee are told; the unit confirms or asks to swap by the plan's deadline; the office decides a swap. A missed
 * confirmation climbs the ladder like a task's: the unit head is urged (催办) at the deadline (L1), the unit's
 * responsible leader told N working days later (L2). At a window's first day the trainee is recorded as started at the
 * case office (the trainee, the unit head and the office told), after its last day as finished (the unit told); the
 * office may record an early end, or an absence before the start. The plan closes when every window is over.
 */
export async function rotationPlan(input: RotationInput): Promise<RotationStatus> {
  const { workflowId, now, nowIso } = workflowClock();
  const status: RotationStatus = {
    planId: input.planId,
    state: 'OPEN',
    createdAt: null,
    dueAt: null,
    escalateAt: null,
    windows: input.windows.map((w) => ({
      ...w,
      state: 'PENDING',
      original: { personId: w.personId, start: w.start, end: w.end },
      dueAt: null,
      answeredAt: null,
      confirmedAt: null,
      confirmedBy: null,
      confirmedLate: false,
      swaps: [],
      overdueAt: null,
      escalatedAt: null,
      startedAt: null,
      endedAt: null,
      endReason: null,
    })),
    closedAt: null,
    version: 0,
  };
  const machine: RotationMachine = { status, input, recorded: false };
  let step = 0;
  let queue: Promise<void> = Promise.resolve();
  /** Each window's revision: a swap's new dates re-arm its start and end timers. */
  const revision = new Map<string, number>();
  const office: Recipient = { kind: 'OFFICE', orgId: input.orgId };
  const head = (w: WindowStatus): Recipient => ({ kind: 'UNIT_HEAD', unitId: w.unitId });
  const trainee = (personId: string): Recipient => ({ kind: 'PERSON', personId });
  const over = (w: WindowStatus) => rm.WINDOW_OVER.includes(w.state);

  async function record(
    kind: string,
    message: string,
    opts: {
      window?: WindowStatus;
      actor?: Actor | null;
      payload?: unknown;
      notices?: RotationNotice[];
      at?: string;
    } = {},
  ): Promise<void> {
    // One step at a time, in the order they happen: windows' timers that fire together are written one after another.
    const turn = queue;
    let done = () => undefined as void;
    queue = new Promise<void>((resolve) => (done = resolve));
    await turn;
    try {
      await write(kind, message, opts);
    } finally {
      done();
    }
  }

  async function write(
    kind: string,
    message: string,
    opts: { window?: WindowStatus; actor?: Actor | null; payload?: unknown; notices?: RotationNotice[]; at?: string },
  ): Promise<void> {
    status.version += 1;
    const stepId = `${++step}-${kind.toLowerCase()}${opts.window ? `-${opts.window.windowId}` : ''}`;
    await acts.recordRotationEvent({
      workflowId,
      input,
      status: copy(status),
      entry: {
        step: stepId,
        kind,
        message,
        at: opts.at ?? nowIso(),
        actor: opts.actor,
        windowId: opts.window?.windowId ?? null,
      },
      audit: {
        action: ACTION[kind] ?? `rotation.${kind.toLowerCase()}`,
        payload: { ...(opts.window ? { windowId: opts.window.windowId } : {}), ...(opts.payload ?? {}) },
      },
      notices: opts.notices ?? [],
    });
  }

  serveStatus(
    rm.getRotationStatus,
    rm.rotationRecorded,
    () => status,
    () => machine.recorded,
  );

  // A year's official calendar table was loaded (or changed): each window's ladder wakes and the deadlines are
  // worked out again (once, whichever window asks first).
  let calendarVersion = 0;
  setHandler(calendarChanged, () => {
    calendarVersion += 1;
  });
  const calendarWatch = (): CalendarWatch => {
    let plannedWith = calendarVersion;
    return {
      changed: () => calendarVersion !== plannedWith,
      planned: () => {
        plannedWith = calendarVersion;
      },
    };
  };

  registerActions(rotationProcedure, {
    state: () => machine,
    now,
    async run(action, actionInput) {
      if (action === 'confirmWindow') {
        const i = actionInput as rm.ConfirmWindowInput;
        const w = confirm(machine, i, now());
        const t = texts.confirmedTexts(w, w.confirmedLate);
        await record('CONFIRMED', t.message, {
          window: w,
          actor: i.actor,
          payload: { late: w.confirmedLate },
          notices: [{ kind: 'ROTATION_CONFIRMED', title: t.title, body: t.body, recipients: [office] }],
        });
      } else if (action === 'requestSwap') {
        const i = actionInput as rm.RequestSwapInput;
        const w = windowNamed(machine, i.windowId);
        const s = askSwap(machine, i, now());
        const t = texts.swapRequestedTexts(w, s);
        await record('SWAP_REQUESTED', t.message, {
          window: w,
          actor: i.actor,
          payload: { personId: s.personId, start: s.start, end: s.end, reason: s.reason },
          notices: [{ kind: 'ROTATION_SWAP_REQUESTED', title: t.title, body: t.body, recipients: [office] }],
        });
      } else if (action === 'decideSwap') {
        const i = actionInput as rm.DecideSwapInput;
        const { window: w, swap, before } = settleSwap(machine, i, now());
        revision.set(w.windowId, (revision.get(w.windowId) ?? 0) + 1);
        const t = texts.swapDecidedTexts(w, swap, before);
        const people = [...new Set([before.personId, w.personId])].map(trainee);
        await record('SWAP_DECIDED', t.message, {
          window: w,
          actor: i.actor,
          payload: { approve: i.approve, note: swap.note, personId: w.personId, start: w.start, end: w.end },
          notices: [
            {
              kind: i.approve ? 'ROTATION_SWAP_APPROVED' : 'ROTATION_SWAP_DENIED',
              title: t.title,
              body: t.body,
              recipients: [head(w), ...people],
            },
          ],
        });
      } else {
        const i = actionInput as rm.EndWindowInput;
        const w = windowNamed(machine, i.windowId);
        const absent = w.state !== 'STARTED';
        w.state = absent ? 'ABSENT' : 'ENDED_EARLY';
        w.endedAt = nowIso();
        w.endReason = i.reason.trim();
        const t = texts.endedEarlyTexts(w, absent, w.endReason);
        await record('ENDED_EARLY', t.message, {
          window: w,
          actor: i.actor,
          payload: { absent, reason: w.endReason },
          notices: [
            { kind: 'ROTATION_ENDED_EARLY', title: t.title, body: t.body, recipients: [head(w), trainee(w.personId)] },
          ],
        });
      }
      return status;
    },
  });

  // ---- the plan's course --------------------------------------------------------------------------------
  let plan = await acts.prepareRotation({
    orgId: input.orgId,
    createdAt: nowIso(),
    confirmBy: input.confirmBy,
    policy: input.policy,
  });
  status.createdAt = nowIso();
  status.dueAt = plan.dueAt;
  status.escalateAt = plan.escalateAt;
  for (const w of status.windows) w.dueAt = plan.dueAt;
  await record('CREATED', texts.createdTexts(input.year, status.windows.length, plan.dueAt).message, {
    actor: input.createdBy,
    payload: { year: input.year, windows: input.windows, confirmBy: input.confirmBy },
    notices: status.windows.map((w) => ({
      kind: 'ROTATION_PLANNED',
      ...texts.windowNotice(input.year, w, plan.dueAt),
      recipients: [head(w), trainee(w.personId)],
    })),
  });
  machine.recorded = true;

  const escalateAfter = input.policy.escalateAfterWorkingDays;

  /** The deadlines again, on the calendar as it is now; a change is recorded and the heads still to confirm told. */
  let replanning: Promise<void> | undefined;
  const replan = (): Promise<void> =>
    (replanning ??= (async () => {
      const next = await acts.prepareRotation({
        orgId: input.orgId,
        createdAt: status.createdAt!,
        confirmBy: input.confirmBy,
        policy: input.policy,
      });
      if (next.dueAt === plan.dueAt && next.escalateAt === plan.escalateAt) return;
      plan = next;
      status.dueAt = plan.dueAt;
      status.escalateAt = plan.escalateAt;
      for (const w of status.windows) w.dueAt = plan.dueAt;
      const t = texts.recomputedTexts(plan.dueAt);
      const waiting = status.windows.filter((w) => w.state === 'PENDING' && w.overdueAt === null);
      await record('CALENDAR_CHANGED', t.message, {
        payload: { dueAt: plan.dueAt, escalateAt: plan.escalateAt },
        notices:
          waiting.length > 0
            ? [
                {
                  kind: 'ROTATION_DEADLINE_CHANGED',
                  title: t.title,
                  body: t.body,
                  recipients: [...new Set(waiting.map((w) => w.unitId))].map((unitId): Recipient => ({
                    kind: 'UNIT_HEAD',
                    unitId,
                  })),
                },
              ]
            : [],
      });
    })().finally(() => {
      replanning = undefined;
    }));

  /** A missed confirmation's ladder; a swap request pauses it, a denied one resumes it (a past rung at once). */
  async function confirmation(w: WindowStatus): Promise<void> {
    const answered = () => w.state !== 'PENDING';
    const l1: Rung = {
      at: () => plan.dueAt,
      async climb() {
        w.overdueAt = dueInstant(plan.dueAt, now());
        w.confirmedLate = w.answeredAt === null;
        const t = texts.overdueTexts(w, plan.dueAt, escalateAfter);
        await record('CONFIRMATION_OVERDUE', t.message, {
          window: w,
          at: w.overdueAt,
          notices: [{ kind: 'ROTATION_CONFIRMATION_OVERDUE', title: t.title, body: t.body, recipients: [head(w)] }],
        });
      },
    };
    const l2: Rung = {
      at: () => plan.escalateAt,
      async climb() {
        w.escalatedAt = dueInstant(plan.escalateAt, now());
        const t = texts.escalatedTexts(w, escalateAfter);
        await record('ESCALATED', t.message, {
          window: w,
          at: w.escalatedAt,
          notices: [
            {
              kind: 'ROTATION_CONFIRMATION_ESCALATED',
              title: t.title,
              body: t.body,
              recipients: [{ kind: 'UNIT_LEADER', unitId: w.unitId }, office],
            },
          ],
        });
      },
    };
    const calendar = calendarWatch();
    for (;;) {
      const rungs = [l1, l2].filter((r) => (r === l1 ? w.overdueAt : w.escalatedAt) === null);
      if (rungs.length === 0) return;
      await climbLadder(rungs, {
        now,
        calendar,
        replan,
        settled: answered,
        pastRungWaits: true,
      });
      if (!answered()) return;
      await condition(() => w.state !== 'SWAP_REQUESTED');
      if (w.state !== 'PENDING') return; // confirmed, approved, started or over
    }
  }

  /** Waits until the instant `at()` (re-armed when the window's dates change); false when the window ended first. */
  async function until(w: WindowStatus, at: () => string): Promise<boolean> {
    for (;;) {
      if (over(w)) return false;
      const rev = revision.get(w.windowId) ?? 0;
      const ms = Date.parse(at()) - now();
      if (ms <= 0) return true;
      const woke = await condition(() => over(w) || (revision.get(w.windowId) ?? 0) !== rev, ms);
      if (!woke) return !over(w);
    }
  }

  async function course(w: WindowStatus): Promise<void> {
    const startAt = () => localInstant(w.start, 0).toISOString();
    const endAt = () => localInstant(w.end, 24).toISOString();
    if (await until(w, startAt)) {
      if (w.state === 'SWAP_REQUESTED') {
        const swap = w.swaps[w.swaps.length - 1]!;
        swap.decision = 'LAPSED';
        swap.decidedAt = nowIso();
        w.state = 'PENDING';
        await record('SWAP_LAPSED', texts.lapsedText(w), { window: w });
      }
      w.state = 'STARTED';
      w.startedAt = dueInstant(startAt(), now());
      const t = texts.startedTexts(w);
      await record('STARTED', t.message, {
        window: w,
        at: w.startedAt,
        payload: { personId: w.personId, confirmed: w.confirmedAt !== null },
        notices: [
          {
            kind: 'ROTATION_STARTED',
            title: t.title,
            body: t.body,
            recipients: [trainee(w.personId), head(w), office],
          },
        ],
      });
      if (await until(w, endAt)) {
        w.state = 'FINISHED';
        w.endedAt = dueInstant(endAt(), now());
        const f = texts.finishedTexts(w);
        await record('FINISHED', f.message, {
          window: w,
          at: w.endedAt,
          notices: [
            { kind: 'ROTATION_FINISHED', title: f.title, body: f.body, recipients: [head(w), trainee(w.personId)] },
          ],
        });
      }
    }
  }

  await Promise.all(status.windows.map((w) => Promise.all([confirmation(w), course(w)])));
  await condition(() => status.windows.every(over));
  status.state = 'CLOSED';
  status.closedAt = nowIso();
  await record('CLOSED', texts.closedText(input.year));
  await condition(allHandlersFinished);
  return status;
}
