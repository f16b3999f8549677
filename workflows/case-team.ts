import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import type { Recipient } from '../procedures/kernel/recipients';
import * as tm from '../procedures/case-team/messages';
import type { CaseTeamInput, CaseTeamStatus, SecondmentStatus } from '../procedures/case-team/messages';
import * as texts from '../procedures/case-team/texts';
import {
  askAgain,
  caseTeamProcedure,
  confirm,
  initialStatus,
  name,
  release,
  secondmentProcedure,
  seatOf,
  type CaseTeamMachine,
} from '../procedures/case-team/machine';
import { calendarChanged, type Actor } from '../procedures/task/messages';
import { localInstant } from '../procedures/time/working-days';
import { registerActions } from './kernel/actions';
import { activities as acts, serveStatus, workflowClock, type CalendarWatch } from './kernel/instance';
import { dueInstant } from './kernel/timers';
import { superviseSeat, type RecordStep } from './case-team-ladder';

/** The audit action of each step of a case team. */
const ACTION: Record<string, string> = {
  TEAM_OPENED: 'caseTeam.open',
  SECONDMENT_REQUESTED: 'caseTeam.request',
  NOMINATED: 'caseTeam.nominate',
  NOMINEE_CONFIRMED: 'caseTeam.confirm',
  NOMINEE_REJECTED: 'caseTeam.reject',
  CONFLICT_DECLARED: 'caseTeam.declareConflict',
  SECONDMENT_URGED: 'caseTeam.urge',
  SECONDMENT_ESCALATED: 'caseTeam.escalate',
  TEAM_EXTENDED: 'caseTeam.extend',
  TEAM_RELEASED: 'caseTeam.release',
  CALENDAR_CHANGED: 'caseTeam.recompute',
};

/**
 * A case team (办案组), issue 18 part 1. The office's request becomes one secondment request (抽调函) per seat to a
 * member unit of the zone, each with a sign-for limit in working days: the unit names one of its people (or proposes
 * another than the office asked for, with a reason), the office confirms or rejects (the unit names again). Recusal
 * (回避): units the case concerns are never asked and their people never named; a named person may declare a conflict,
 * which frees the seat and asks the unit again. A lapsed limit climbs the ladder (the unit head urged, then the
 * unit's responsible leader told). At 24:00 of the period's last day (or earlier, by the office) the team is released
 * and the units told; the office may extend the period, recorded with its reason.
 */
export async function caseTeam(input: CaseTeamInput): Promise<CaseTeamStatus> {
  const { workflowId, now, nowIso } = workflowClock();
  const status = initialStatus(input);
  const machine: CaseTeamMachine = { status, input, recorded: false };
  let step = 0;
  const office: Recipient = { kind: 'OFFICE', orgId: input.orgId };
  const units = [...new Set(input.seats.map((s) => s.unitId))];
  const person = (personId: string): Recipient => ({ kind: 'PERSON', personId });

  const record: RecordStep = async (kind, message, o = {}) => {
    status.version += 1;
    await acts.recordCaseTeamEvent({
      workflowId,
      input,
      status: JSON.parse(JSON.stringify(status)) as CaseTeamStatus,
      entry: {
        step: `${++step}-${kind.toLowerCase()}`,
        kind,
        message,
        at: o.at ?? nowIso(),
        actor: o.actor,
        secondmentId: o.secondmentId ?? null,
      },
      audit: { action: ACTION[kind] ?? `caseTeam.${kind.toLowerCase()}`, payload: o.payload ?? {} },
      notices: o.notices ?? [],
    });
  };

  // ---- the official calendar: each seat's ladder follows it on its own --------------------------------------
  let calendarVersion = 0;
  setHandler(calendarChanged, () => {
    calendarVersion += 1;
  });
  const watch = (): CalendarWatch => {
    let plannedWith = calendarVersion;
    return { changed: () => plannedWith !== calendarVersion, planned: () => void (plannedWith = calendarVersion) };
  };

  /** A new round of a seat: its sign-for limit from now on the working-day calendar. */
  async function openRound(s: SecondmentStatus): Promise<void> {
    const at = nowIso();
    const d = await acts.caseTeamDeadlines({ orgId: input.orgId, from: at, policy: input.policy });
    s.requestedAt = at;
    s.dueAt = d.dueAt;
    s.escalateAt = d.escalateAt;
  }

  // ---- queries and updates ------------------------------------------------------------------------------
  serveStatus(
    tm.getCaseTeamStatus,
    tm.caseTeamRecorded,
    () => status,
    () => machine.recorded,
  );
  let extended = 0;

  registerActions(secondmentProcedure, {
    state: () => machine,
    now,
    async run(action, actionInput) {
      const { actor } = actionInput;
      if (action === 'nominate') {
        const i = actionInput as tm.NominateInput;
        const s = name(machine, i, now());
        const t = texts.namedTexts(s.unitId, s.personId!, s.proposed, s.reason, s.late);
        await record('NOMINATED', t.message, {
          actor,
          secondmentId: s.secondmentId,
          payload: {
            secondmentId: s.secondmentId,
            personId: s.personId,
            proposed: s.proposed,
            reason: s.reason,
            late: s.late,
          },
          notices: [{ kind: 'CASE_TEAM_NAMED', title: t.title, body: t.body, recipients: [office] }],
        });
        return status;
      }
      const { secondmentId } = actionInput as tm.SecondmentDecisionInput;
      const s = seatOf(machine, secondmentId)!;
      if (action === 'confirmSecondment') {
        confirm(machine, secondmentId, now());
        const t = texts.confirmedTexts(
          input.teamId,
          input.caseRef,
          s.unitId,
          s.personId!,
          status.startDate,
          status.endDate,
        );
        await record('NOMINEE_CONFIRMED', t.message, {
          actor,
          secondmentId,
          payload: { secondmentId, personId: s.personId },
          notices: [
            { kind: 'CASE_TEAM_CONFIRMED', ...t.unit, recipients: [{ kind: 'UNIT_HEAD', unitId: s.unitId }] },
            { kind: 'CASE_TEAM_CONFIRMED', ...t.member, recipients: [person(s.personId!)] },
          ],
        });
        return status;
      }
      const reason = ((actionInput as { reason?: string }).reason ?? '').trim();
      const wasConfirmed = s.state === 'CONFIRMED';
      const who = askAgain(s, action === 'rejectSecondment' ? 'rejected' : 'recused');
      await openRound(s);
      if (action === 'rejectSecondment') {
        const t = texts.rejectedTexts(input.teamId, s.unitId, who, reason, s.dueAt!);
        await record('NOMINEE_REJECTED', t.message, {
          actor,
          secondmentId,
          payload: { secondmentId, personId: who, reason, dueAt: s.dueAt },
          notices: [
            {
              kind: 'CASE_TEAM_REJECTED',
              title: t.title,
              body: t.body,
              recipients: [{ kind: 'UNIT', unitId: s.unitId }],
            },
          ],
        });
        return status;
      }
      const t = texts.conflictTexts(input.teamId, s.unitId, who, reason, s.dueAt!);
      await record('CONFLICT_DECLARED', t.message, {
        actor,
        secondmentId,
        payload: { secondmentId, personId: who, reason, wasConfirmed, dueAt: s.dueAt },
        notices: [
          { kind: 'CASE_TEAM_CONFLICT', ...t.unit, recipients: [{ kind: 'UNIT', unitId: s.unitId }] },
          { kind: 'CASE_TEAM_CONFLICT', ...t.office, recipients: [office] },
        ],
      });
      return status;
    },
  });

  registerActions(caseTeamProcedure, {
    state: () => machine,
    now,
    async run(action, actionInput) {
      const { actor, reason } = actionInput as tm.ExtendInput | tm.ReleaseInput;
      if (action === 'extendTeam') {
        const { endDate } = actionInput as tm.ExtendInput;
        const from = status.endDate;
        status.extensions.push({ from, to: endDate, reason: reason.trim(), by: actor.personId, at: nowIso() });
        status.endDate = endDate;
        status.endAt = localInstant(endDate, 24).toISOString();
        extended += 1;
        const t = texts.extendedTexts(input.teamId, from, endDate, reason.trim());
        await record('TEAM_EXTENDED', t.message, {
          actor,
          payload: { from, to: endDate, reason: reason.trim() },
          notices: [{ kind: 'CASE_TEAM_EXTENDED', title: t.title, body: t.body, recipients: noticeOfEnd() }],
        });
        return status;
      }
      await releaseNow(actor, reason.trim());
      return status;
    },
  });

  /** Who hears of the period's end or extension: every unit asked (its head), every member, the office. */
  const noticeOfEnd = (): Recipient[] => [
    ...units.map((unitId): Recipient => ({ kind: 'UNIT_HEAD', unitId })),
    ...status.secondments.filter((s) => s.state === 'CONFIRMED').map((s) => person(s.personId!)),
    office,
  ];

  async function releaseNow(actor: Actor | null, reason: string | null): Promise<void> {
    const recipients = noticeOfEnd(); // before the release: the members serving now
    const early = actor !== null;
    // The timer's release is recorded at the instant the period ended (a timer fires a few ms after it).
    release(machine, early ? nowIso() : dueInstant(status.endAt, now()), early, reason);
    const t = texts.releasedTexts(input.teamId, early, reason);
    await record('TEAM_RELEASED', t.message, {
      actor,
      payload: {
        early,
        reason,
        members: status.secondments.filter((s) => s.state === 'RELEASED').map((s) => s.personId),
      },
      notices: [{ kind: 'CASE_TEAM_RELEASED', title: t.title, body: t.body, recipients }],
      at: status.releasedAt!,
    });
  }

  // ---- the team's course ----------------------------------------------------------------------------------
  status.openedAt = nowIso();
  const first = await acts.caseTeamDeadlines({ orgId: input.orgId, from: status.openedAt, policy: input.policy });
  const opened = texts.openedTexts({
    teamId: input.teamId,
    caseRef: input.caseRef,
    seats: input.seats.length,
    units: units.length,
    start: input.startDate,
    end: input.endDate,
  });
  await record('TEAM_OPENED', opened.message, {
    actor: input.openedBy,
    payload: {
      zoneId: input.zoneId,
      skills: input.skills,
      concernedUnitIds: input.concernedUnitIds,
      startDate: input.startDate,
      endDate: input.endDate,
      seats: input.seats,
    },
    notices: [{ kind: 'CASE_TEAM_OPENED', title: opened.title, body: opened.body, recipients: [office] }],
  });
  for (const s of status.secondments) {
    s.requestedAt = status.openedAt;
    s.dueAt = first.dueAt;
    s.escalateAt = first.escalateAt;
    const t = texts.requestTexts({
      teamId: input.teamId,
      unitId: s.unitId,
      skill: s.skill,
      start: input.startDate,
      end: input.endDate,
      dueAt: s.dueAt,
      wanted: s.wantedPersonId,
    });
    await record('SECONDMENT_REQUESTED', t.message, {
      actor: input.openedBy,
      at: s.requestedAt,
      secondmentId: s.secondmentId,
      payload: { secondmentId: s.secondmentId, unitId: s.unitId, skill: s.skill, dueAt: s.dueAt },
      notices: [
        { kind: 'CASE_TEAM_REQUEST', title: t.title, body: t.body, recipients: [{ kind: 'UNIT', unitId: s.unitId }] },
      ],
    });
  }
  machine.recorded = true;

  const isReleased = () => status.state === 'RELEASED';

  const seatLadder = { input, now, released: isReleased, watch, record, office };
  const ladders = status.secondments.map((s) => superviseSeat(s, seatLadder));

  // The release timer: 24:00 of the period's last day; an extension moves it, the office may release earlier.
  while (!isReleased()) {
    const seen = extended;
    const ms = Date.parse(status.endAt) - now();
    const woke = await condition(() => isReleased() || extended !== seen, Math.max(1, ms));
    if (!woke && !isReleased()) await releaseNow(null, null);
  }
  await Promise.all(ladders);
  await condition(allHandlersFinished);
  return status;
}
