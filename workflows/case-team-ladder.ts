import { condition } from '@temporalio/workflow';
import type { CaseTeamInput, CaseTeamNotice, SecondmentStatus } from '../procedures/case-team/messages';
import * as texts from '../procedures/case-team/texts';
import type { Recipient } from '../procedures/kernel/recipients';
import type { Actor } from '../procedures/task/messages';
import { activities as acts, type CalendarWatch } from './kernel/instance';
import { climbLadder, dueInstant, type Rung } from './kernel/timers';

/** How the case team's workflow records one step (read model, timeline, audit and notices in one activity). */
export type RecordStep = (
  kind: string,
  message: string,
  o?: { actor?: Actor | null; secondmentId?: string; payload?: unknown; notices?: CaseTeamNotice[]; at?: string },
) => Promise<void>;

export interface SeatLadder {
  input: CaseTeamInput;
  now: () => number;
  released: () => boolean;
  /** A fresh watch of the official calendar, from its version now (one per round: each seat follows it alone). */
  watch: () => CalendarWatch;
  record: RecordStep;
  office: Recipient;
}

/**
 * One seat's sign-for limit, round after round (the first request, and again after a rejection or a declared
 * conflict): at the limit the unit head is urged (催办, L1), the policy's working days later the unit's responsible
 * leader and the office are told (L2), like a task's ladder. Naming someone settles the round; the team's release
 * ends it all.
 */
export async function superviseSeat(s: SecondmentStatus, l: SeatLadder): Promise<void> {
  const { input, now, record } = l;
  const escalateAfter = input.policy.escalateAfterWorkingDays;
  let round = -1;
  for (;;) {
    // A new round is supervised once its limit is worked out (`dueAt`, set by the workflow after the activity).
    await condition(() => l.released() || (s.state === 'REQUESTED' && s.round !== round && s.dueAt !== null));
    if (l.released()) return;
    round = s.round;
    const settled = () => l.released() || s.round !== round || s.state !== 'REQUESTED';
    const urge: Rung = {
      at: () => s.dueAt!,
      async climb() {
        s.late = true;
        s.urgedAt = dueInstant(s.dueAt!, now());
        const t = texts.urgedTexts(input.teamId, s.unitId, s.dueAt!, escalateAfter);
        await record('SECONDMENT_URGED', t.message, {
          secondmentId: s.secondmentId,
          at: s.urgedAt,
          payload: { secondmentId: s.secondmentId, rung: 'L1', dueAt: s.dueAt },
          notices: [{ kind: 'CASE_TEAM_URGED', ...t.notice, recipients: [{ kind: 'UNIT_HEAD', unitId: s.unitId }] }],
        });
      },
    };
    const escalate: Rung = {
      at: () => s.escalateAt!,
      async climb() {
        s.escalatedAt = dueInstant(s.escalateAt!, now());
        const t = texts.escalatedTexts(input.teamId, s.unitId, escalateAfter);
        await record('SECONDMENT_ESCALATED', t.message, {
          secondmentId: s.secondmentId,
          at: s.escalatedAt,
          payload: { secondmentId: s.secondmentId, rung: 'L2', escalateAt: s.escalateAt },
          notices: [
            {
              kind: 'CASE_TEAM_ESCALATED',
              ...t.notice,
              recipients: [{ kind: 'UNIT_LEADER', unitId: s.unitId }, l.office],
            },
          ],
        });
      },
    };
    /** The round's limits again, on the calendar as it is now; a move is recorded on the seat's timeline. */
    const replan = async () => {
      const d = await acts.caseTeamDeadlines({ orgId: input.orgId, from: s.requestedAt!, policy: input.policy });
      if (d.dueAt === s.dueAt && d.escalateAt === s.escalateAt) return;
      s.dueAt = d.dueAt;
      s.escalateAt = d.escalateAt;
      await record('CALENDAR_CHANGED', texts.recomputedText(s.unitId, s.dueAt), {
        secondmentId: s.secondmentId,
        payload: { secondmentId: s.secondmentId, dueAt: s.dueAt, escalateAt: s.escalateAt },
      });
    };
    await climbLadder([urge, escalate], { now, calendar: l.watch(), replan, settled });
  }
}
