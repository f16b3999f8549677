import type { CaseSource } from '../../procedures/case/messages';
import type { CycleInput, CycleStatus } from '../../procedures/cycle/messages';
import type { CycleStep } from '../../procedures/cycle/steps';

export { activities as acts } from '../kernel/instance';

/** What the parts of the annual cycle's workflow share: its input, its status and how a step is recorded. */
export interface CycleRun {
  input: CycleInput;
  status: CycleStatus;
  workflowId: string;
  now(): number;
  nowIso(): string;
  record(step: CycleStep): Promise<void>;
}

/** An accountability case the cycle is to open: for an L3 referral, a low score, or the office's reasons. */
export interface CaseRequest {
  unitId: string;
  leaderId: string | null;
  source: CaseSource;
  caseId: string;
}
