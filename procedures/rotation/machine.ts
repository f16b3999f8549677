import { byRole, defineProcedure, nonBlank, refuseWhen, type Attempt } from '../kernel/machine';
import * as rm from './messages';
import type { RotationInput, RotationStatus, WindowStatus } from './messages';
import { overlaps, windowDatesProblem } from './windows';
import { deadlineText } from '../case/texts';
import { localDate } from '../time/working-days';

/**
 * The yearly rotation plan (轮训, 以案代训) as a state machine, issue 18 part 2: each window's unit confirms it or asks
 * to swap it (another window, another person of the unit) by the plan's deadline; the office decides a swap (denied:
 * the original window stands and must be confirmed) and may end a window early or record an absence.
 */
export interface RotationMachine {
  status: RotationStatus;
  input: RotationInput;
  /** False until the plan is in the read model. */
  recorded: boolean;
}

type WindowInput = { windowId: string };

const windowOf = (m: RotationMachine, windowId: string): WindowStatus | undefined =>
  m.status.windows.find((w) => w.windowId === windowId);

/** The window the action names must exist. */
const knownWindow = refuseWhen<RotationMachine, WindowInput>(
  'INVALID',
  ({ state, input }) => !windowOf(state, input.windowId),
  ({ input }) => `计划中没有轮训时段${input.windowId}`,
);
const notReady = refuseWhen<RotationMachine, unknown>(
  'NOT_READY',
  ({ state }) => !state.recorded,
  '轮训计划正在登记，请稍后再办理',
);
/** Only the window's own unit confirms it or asks to swap it. */
const ownUnit = refuseWhen<RotationMachine, WindowInput>(
  'NOT_ALLOWED',
  ({ state, input, actor }) =>
    !actor.roles.includes('UNIT') || actor.unitId !== windowOf(state, input.windowId)!.unitId,
  '轮训时段由选派单位确认',
);
const inWindowState = (states: rm.WindowState[], text: (w: WindowStatus) => string) =>
  refuseWhen<RotationMachine, WindowInput>(
    'WRONG_STATE',
    ({ state, input }) => !states.includes(windowOf(state, input.windowId)!.state),
    ({ state, input }) => text(windowOf(state, input.windowId)!),
  );

const STATE_TEXT: Record<rm.WindowState, string> = {
  PENDING: '待确认',
  SWAP_REQUESTED: '已申请调换，待组织协调室决定',
  CONFIRMED: '已确认',
  STARTED: '轮训中',
  FINISHED: '已结束',
  ENDED_EARLY: '已提前结束',
  ABSENT: '已登记未到岗',
};
export const windowStateText = (s: rm.WindowState): string => STATE_TEXT[s];

/** The proposal of a swap: at least one change, dates within policy, no overlap with the person's other windows. */
function swapProblem({ state, input, now }: Attempt<RotationMachine, rm.RequestSwapInput>): string | null {
  const w = windowOf(state, input.windowId)!;
  const proposal = { personId: input.personId ?? w.personId, start: input.start ?? w.start, end: input.end ?? w.end };
  if (proposal.personId === w.personId && proposal.start === w.start && proposal.end === w.end) {
    return '调换申请应提出另一时段或另一人选';
  }
  const dates = windowDatesProblem(proposal, localDate(new Date(now)), state.input.policy);
  if (dates) return dates.text;
  const clash = state.status.windows.find(
    (o) =>
      o.windowId !== w.windowId &&
      o.personId === proposal.personId &&
      !rm.WINDOW_OVER.includes(o.state) &&
      overlaps(o, proposal),
  );
  return clash ? `该同志在${clash.start}至${clash.end}已有轮训安排，时段不能重叠` : null;
}

const pastDue = (m: RotationMachine, now: number) => m.status.dueAt !== null && now >= Date.parse(m.status.dueAt);

export const rotationProcedure = defineProcedure({
  kind: 'rotations',
  states: ['OPEN', 'CLOSED'],
  stateOf: (m: RotationMachine) => m.status.state,
  actions: {
    confirmWindow: {
      update: rm.confirmWindow,
      from: ['OPEN'],
      by: ['UNIT'],
      guards: [
        notReady,
        knownWindow,
        ownUnit,
        inWindowState(['PENDING'], (w) => `该轮训时段${STATE_TEXT[w.state]}，不能确认`),
      ],
    },
    requestSwap: {
      update: rm.requestSwap,
      from: ['OPEN'],
      by: ['UNIT'],
      guards: [
        notReady,
        knownWindow,
        ownUnit,
        inWindowState(['PENDING'], (w) => `该轮训时段${STATE_TEXT[w.state]}，不能申请调换`),
        refuseWhen<RotationMachine, rm.RequestSwapInput>(
          'WRONG_STATE',
          ({ state, now }) => pastDue(state, now),
          ({ state }) => `确认期限（${deadlineText(state.status.dueAt!)}）已过，不能再申请调换，请确认原定时段`,
        ),
        nonBlank((i: rm.RequestSwapInput) => i.reason, '调换理由'),
        refuseWhen<RotationMachine, rm.RequestSwapInput>(
          'INVALID',
          (a) => swapProblem(a) !== null,
          (a) => swapProblem(a)!,
        ),
      ],
    },
    decideSwap: {
      update: rm.decideSwap,
      from: ['OPEN'],
      by: ['OFFICE'],
      guards: [
        notReady,
        byRole('OFFICE', '调换申请由组织协调室决定'),
        knownWindow,
        inWindowState(['SWAP_REQUESTED'], () => '该轮训时段没有待决定的调换申请'),
        refuseWhen<RotationMachine, rm.DecideSwapInput>(
          'INVALID',
          ({ input }) => !input.approve && !input.note?.trim(),
          '不同意调换的，应说明理由',
        ),
      ],
    },
    endWindow: {
      update: rm.endWindow,
      from: ['OPEN'],
      by: ['OFFICE'],
      guards: [
        notReady,
        byRole('OFFICE', '提前结束或未到岗由组织协调室登记'),
        knownWindow,
        inWindowState(['PENDING', 'SWAP_REQUESTED', 'CONFIRMED', 'STARTED'], (w) => `该轮训时段${STATE_TEXT[w.state]}`),
        nonBlank((i: rm.EndWindowInput) => i.reason, '原因'),
      ],
    },
  },
});

/** The window an accepted action names. */
export const windowNamed = (m: RotationMachine, windowId: string): WindowStatus => windowOf(m, windowId)!;

/** The unit's first answer: on time when by the deadline. */
function answer(m: RotationMachine, w: WindowStatus, now: number): void {
  if (w.answeredAt !== null) return;
  w.answeredAt = new Date(now).toISOString();
  w.confirmedLate = pastDue(m, now);
}

export function confirm(m: RotationMachine, { actor, windowId }: rm.ConfirmWindowInput, now: number): WindowStatus {
  const w = windowNamed(m, windowId);
  answer(m, w, now);
  // A window whose swap was denied after the deadline counts from the unit's first answer (the request, on time).
  w.state = 'CONFIRMED';
  w.confirmedAt = new Date(now).toISOString();
  w.confirmedBy = actor.personId;
  return w;
}

export function askSwap(m: RotationMachine, i: rm.RequestSwapInput, now: number): rm.SwapRequest {
  const w = windowNamed(m, i.windowId);
  answer(m, w, now);
  const swap: rm.SwapRequest = {
    personId: i.personId ?? w.personId,
    start: i.start ?? w.start,
    end: i.end ?? w.end,
    reason: i.reason.trim(),
    requestedBy: i.actor.personId,
    requestedAt: new Date(now).toISOString(),
    decision: null,
    decidedBy: null,
    decidedAt: null,
    note: null,
  };
  w.swaps.push(swap);
  w.state = 'SWAP_REQUESTED';
  return swap;
}

/** The office's decision: approved, the window becomes the proposal, confirmed; denied, the original must be confirmed. */
export function settleSwap(
  m: RotationMachine,
  { actor, windowId, approve, note }: rm.DecideSwapInput,
  now: number,
): { window: WindowStatus; swap: rm.SwapRequest; before: { personId: string; start: string; end: string } } {
  const w = windowNamed(m, windowId);
  const swap = w.swaps[w.swaps.length - 1]!;
  const before = { personId: w.personId, start: w.start, end: w.end };
  swap.decision = approve ? 'APPROVED' : 'DENIED';
  swap.decidedBy = actor.personId;
  swap.decidedAt = new Date(now).toISOString();
  swap.note = note?.trim() || null;
  if (approve) {
    w.personId = swap.personId;
    w.start = swap.start;
    w.end = swap.end;
    w.state = 'CONFIRMED';
    w.confirmedAt = swap.decidedAt;
    w.confirmedBy = actor.personId;
  } else {
    w.state = 'PENDING';
  }
  return { window: w, swap, before };
}
