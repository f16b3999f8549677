import { readWorkingCalendar } from '../../db/queries/calendar';
import { countReferralTimeliness } from '../../db/queries/referral-read';
import * as rm from '../../procedures/referral/messages';
import * as wd from '../../procedures/time/working-days';
import { actor, createReferralHarness } from '../support/referral-harness';
import { eventually } from '../support/http';
import { useHarness } from '../support/use-harness';
import { rejected } from '../support/actors';
import { announceHoliday } from '../support/calendar-change';

const office = (req: string) => actor('p-huang-min', 'office', ['OFFICE'], req);
const officeDeputy = (req: string) => actor('p-zhang-wei', 'office', ['OFFICE'], req);
const policeStaff = (req: string) => actor('p-ding-rui', 'enf-police', ['ENFORCEMENT'], req);
const policeHead = (req: string) => actor('p-qin-hao', 'enf-police', ['ENFORCEMENT'], req);
const audit = (req: string) => actor('p-sun-li', 'enf-audit', ['ENFORCEMENT'], req);
const court = (req: string) => actor('p-lu-yan', 'enf-court', ['ENFORCEMENT'], req);
const OFFICE_PEOPLE = ['p-huang-min', 'p-yang-fan', 'p-zhang-wei'];
/** The major-case coordination group (大要案协调小组) of the example organisation. */
const MAJOR_CASE_GROUP = ['p-lu-yan', 'p-qin-hao', 'p-zhao-zhiqiang', 'p-zheng-yu', 'p-zhou-min'];

describe('the referral workflow', () => {
  const h = useHarness(createReferralHarness);

  /** 24:00 of the N-th working day after the day of `from` (Asia/Shanghai), and K working days after that. */
  async function deadline(from: string, days: number, escalateAfter = 3) {
    const day = wd.localDate(new Date(from));
    const year = Number(day.slice(0, 4));
    const cal = await readWorkingCalendar(h.db.pool, 'district', year - 1, year + 1);
    const due = wd.addWorkingDays(cal, day, days);
    return {
      dueAt: wd.localInstant(due, 24).toISOString(),
      escalateAt: wd.localInstant(wd.addWorkingDays(cal, due, escalateAfter), 24).toISOString(),
    };
  }
  const rowOf = async (id: string) =>
    (
      await h.db.pool.query(
        `SELECT state, accepted_at, acceptance_due_at, acceptance_late, result_at, result_due_at, result_late,
                previous_id, next_referral_id, receiver_unit_id, decision, opinions
         FROM referrals WHERE id = $1`,
        [id],
      )
    ).rows[0];
  const noticeTo = async (id: string, titlePrefix: string) =>
    (
      await h.db.pool.query<{ person_id: string }>(
        `SELECT DISTINCT person_id FROM notifications WHERE workflow_id = $1 AND title LIKE $2 ORDER BY person_id`,
        [rm.referralWorkflowId(id), `${titlePrefix}%`],
      )
    ).rows.map((r) => r.person_id);

  it('takes a referral to the police through acceptance and result feedback on time, then the office closes it', async () => {
    const { handle, referralId } = await h.start();
    const sent = await handle.query(rm.getReferralStatus);
    expect(sent).toMatchObject({
      state: 'SENT',
      senderName: '区纪委监委组织协调室',
      receiverName: '区公安分局经侦大队',
    });
    expect(sent.acceptanceDueAt).toBe((await deadline(sent.sentAt!, 7)).dueAt);
    expect(await h.notified(referralId, 'REFERRAL_SENT')).toEqual(['p-ding-rui', 'p-qin-hao']);

    // Only the receiving unit answers; the result comes after acceptance.
    await expect(handle.executeUpdate(rm.acceptReferral, { args: [{ actor: audit('req-x') }] })).rejects.toEqual(
      rejected(/受理反馈由接收单位作出/),
    );
    await expect(
      handle.executeUpdate(rm.giveResult, { args: [{ actor: policeHead('req-y'), result: '已立案' }] }),
    ).rejects.toEqual(rejected(/尚未受理，须先作受理反馈/));

    const accepted = await handle.executeUpdate(rm.acceptReferral, {
      args: [{ actor: policeStaff('req-accept'), note: '已登记受理，指定专人办理' }],
    });
    expect(accepted).toMatchObject({ state: 'ACCEPTED', acceptanceLate: false, acceptedBy: 'p-ding-rui' });
    expect(accepted.resultDueAt).toBe((await deadline(accepted.acceptedAt!, 30)).dueAt);
    expect(await h.notified(referralId, 'REFERRAL_ACCEPTED')).toEqual(OFFICE_PEOPLE);

    const answered = await handle.executeUpdate(rm.giveResult, {
      args: [{ actor: policeHead('req-result'), result: '已对张某涉嫌挪用公款案立案侦查' }],
    });
    expect(answered).toMatchObject({ state: 'ANSWERED', resultLate: false, resultBy: 'p-qin-hao' });
    await handle.executeUpdate(rm.closeReferral, { args: [{ actor: office('req-close') }] });
    const closed = await handle.result();
    expect(closed.state).toBe('CLOSED');

    const timeline = await h.timeline(referralId);
    expect(timeline.map((e) => e.kind)).toEqual(['SENT', 'ADMITTED', 'ANSWERED', 'CLOSED']);
    expect(timeline[0]!.message).toMatch(
      /区纪委监委组织协调室向区公安分局经侦大队移送事项「某街道原财政所长涉嫌挪用公款问题」/,
    );
    expect(timeline[3]!.message).toMatch(/黄敏办结移送/);
    expect(await h.audit('referral', referralId)).toEqual([
      { action: 'referral.create', request_id: `req-${referralId}-send` },
      { action: 'referral.accept', request_id: 'req-accept' },
      { action: 'referral.result', request_id: 'req-result' },
      { action: 'referral.close', request_id: 'req-close' },
    ]);
    const row = await rowOf(referralId);
    expect(row).toMatchObject({ state: 'CLOSED', acceptance_late: false, result_late: false });
    expect(row.accepted_at.toISOString()).toBe(accepted.acceptedAt);
    expect(row.acceptance_due_at.toISOString()).toBe(sent.acceptanceDueAt);
    expect(row.result_at.toISOString()).toBe(answered.resultAt);
    expect(row.result_due_at.toISOString()).toBe(accepted.resultDueAt);
  });

  it('urges a late acceptance to the unit head, then tells its leader and the major-case group, and records both feedbacks as late', async () => {
    const { handle, referralId } = await h.start({ receiverUnitId: 'enf-audit', title: '区直单位专项资金审计问题' });
    const sent = await handle.query(rm.getReferralStatus);
    const { dueAt, escalateAt } = await deadline(sent.sentAt!, 7);
    expect(sent).toMatchObject({ acceptanceDueAt: dueAt, acceptanceEscalateAt: escalateAt });

    // L1 at the deadline: the audit office's head is urged (催办), the office told.
    const urged = await h.skipTo(dueAt, handle, (s) => s.acceptanceUrgedAt !== null);
    expect(urged).toMatchObject({ state: 'SENT', acceptanceUrgedAt: dueAt, acceptanceEscalatedAt: null });
    expect(await noticeTo(referralId, '【催办】')).toEqual(['p-sun-li']);
    expect(await noticeTo(referralId, '【逾期未反馈】')).toEqual(OFFICE_PEOPLE);

    // L2 three working days later: the unit's responsible leader and the major-case coordination group.
    const escalated = await h.skipTo(escalateAt, handle, (s) => s.acceptanceEscalatedAt !== null);
    expect(escalated.acceptanceEscalatedAt).toBe(escalateAt);
    expect(await h.notified(referralId, 'REFERRAL_ACCEPTANCE_ESCALATED')).toEqual(
      ['p-wu-haitao', ...MAJOR_CASE_GROUP, ...OFFICE_PEOPLE].sort(),
    );

    const accepted = await handle.executeUpdate(rm.acceptReferral, { args: [{ actor: audit('req-late-accept') }] });
    expect(accepted).toMatchObject({ state: 'ACCEPTED', acceptanceLate: true });

    // The result is late too: urged at its deadline, then given before the second rung.
    const resultUrged = await h.skipTo(accepted.resultDueAt!, handle, (s) => s.resultUrgedAt !== null);
    expect(resultUrged.resultUrgedAt).toBe(accepted.resultDueAt);
    expect(await h.notified(referralId, 'REFERRAL_RESULT_OVERDUE')).toEqual(['p-sun-li', ...OFFICE_PEOPLE].sort());
    const answered = await handle.executeUpdate(rm.giveResult, {
      args: [{ actor: audit('req-late-result'), result: '已将审计发现问题线索整理移交，另行报告' }],
    });
    expect(answered).toMatchObject({ state: 'ANSWERED', resultLate: true, resultEscalatedAt: null });
    await h.skipTo(answered.resultEscalateAt!, handle);

    const timeline = await h.timeline(referralId);
    expect(timeline.map((e) => e.kind)).toEqual([
      'SENT',
      'ACCEPTANCE_OVERDUE',
      'ACCEPTANCE_ESCALATED',
      'ADMITTED',
      'RESULT_OVERDUE',
      'ANSWERED',
    ]);
    expect(timeline[1]).toMatchObject({ at: dueAt, actorId: null });
    expect(timeline[1]!.message).toMatch(/受理反馈期限（.+）已到，区审计局未反馈，已向该单位主要负责人催办/);
    expect(timeline[2]).toMatchObject({ at: escalateAt });
    expect(timeline[2]!.message).toMatch(/已报分管领导和大要案协调小组/);
    expect(timeline[3]!.message).toMatch(/（逾期反馈）/);
    expect(timeline[5]!.message).toMatch(/反馈处理结果（逾期反馈）/);
    expect((await h.audit('referral', referralId)).map((a) => a.action)).toEqual([
      'referral.create',
      'referral.urge',
      'referral.escalate',
      'referral.accept',
      'referral.urge',
      'referral.result',
    ]);
    expect(await rowOf(referralId)).toMatchObject({ state: 'ANSWERED', acceptance_late: true, result_late: true });
    // The counts a bulletin or the assessment reads: the audit office answered both feedbacks late.
    // (The only referral to the audit office in this file.)
    const counts = await countReferralTimeliness(h.db.pool, {
      orgId: 'district',
      from: new Date(Date.parse(sent.sentAt!) - 86_400_000).toISOString(),
      to: new Date(Date.parse(sent.sentAt!) + 86_400_000).toISOString(),
      asOf: new Date(await h.now()).toISOString(),
    });
    expect(counts.filter((c) => c.unitId === 'enf-audit')).toEqual([
      {
        unitId: 'enf-audit',
        unitName: '区审计局',
        received: 1,
        acceptedOnTime: 0,
        acceptedLate: 1,
        resultsOnTime: 0,
        resultsLate: 1,
        overdueNow: 0,
      },
    ]);
  });

  it('lets the court return a referral as outside its jurisdiction, and the office refers it on to the procuratorate', async () => {
    const { handle, referralId } = await h.start({ receiverUnitId: 'enf-court', title: '某村干部涉嫌职务侵占问题' });

    const returned = await handle.executeUpdate(rm.returnReferral, {
      args: [{ actor: court('req-return'), reasons: '尚未立案侦查、审查起诉，不属于本院受理范围' }],
    });
    expect(returned).toMatchObject({ state: 'RETURNED', acceptanceLate: false, returnedBy: 'p-lu-yan' });
    expect(await h.notified(referralId, 'REFERRAL_RETURNED')).toEqual(OFFICE_PEOPLE);
    await expect(handle.executeUpdate(rm.acceptReferral, { args: [{ actor: court('req-a') }] })).rejects.toEqual(
      rejected(/该移送已退回，不能再受理/),
    );
    await expect(
      handle.executeUpdate(rm.decideReturned, {
        args: [{ actor: court('req-b'), decision: 'CLOSE', note: '终结' }],
      }),
    ).rejects.toEqual(rejected(/退回后的处理由移送单位决定/));
    await expect(
      handle.executeUpdate(rm.decideReturned, {
        args: [{ actor: office('req-c'), decision: 'REFER_ON', unitId: 'enf-court', note: '再次移送' }],
      }),
    ).rejects.toEqual(rejected(/不能再移送给退回的单位/));

    const decided = await handle.executeUpdate(rm.decideReturned, {
      args: [
        {
          actor: office('req-refer-on'),
          decision: 'REFER_ON',
          unitId: 'enf-procuratorate',
          note: '经研究，改移送区人民检察院',
        },
      ],
    });
    const nextId = `${referralId}-1`;
    expect(decided).toMatchObject({ state: 'REFERRED_ON', decision: 'REFER_ON', nextReferralId: nextId });
    expect((await handle.result()).state).toBe('REFERRED_ON');
    expect(await h.notified(referralId, 'REFERRAL_DECIDED')).toEqual(['p-lu-yan', ...OFFICE_PEOPLE].sort());

    // The new referral, linked both ways, goes to the procuratorate with its own deadlines.
    const next = h.client.workflow.getHandle(rm.referralWorkflowId(nextId));
    const onward = await h.queryUntil(next, (s) => s.version > 0);
    expect(onward).toMatchObject({ state: 'SENT', receiverName: '区人民检察院' });
    await eventually(async () => ((await h.notified(nextId, 'REFERRAL_SENT')).length > 0 ? true : undefined));
    expect(await h.notified(nextId, 'REFERRAL_SENT')).toEqual(['p-zhou-min']);
    expect(await rowOf(nextId)).toMatchObject({ previous_id: referralId, receiver_unit_id: 'enf-procuratorate' });
    expect(await rowOf(referralId)).toMatchObject({
      state: 'REFERRED_ON',
      next_referral_id: nextId,
      decision: 'REFER_ON',
      acceptance_late: false,
      accepted_at: null,
    });
    expect((await h.timeline(referralId)).map((e) => e.kind)).toEqual(['SENT', 'RETURNED', 'DECIDED']);
    expect((await h.timeline(nextId))[0]!.message).toMatch(new RegExp(`原移送${referralId}被退回后另行移送`));
  });

  it('takes a clue the police refer to the commission, and a coordination opinion asking for action becomes a supervised task', async () => {
    const { handle, referralId } = await h.start({
      direction: 'TO_COMMISSION',
      senderUnitId: 'enf-police',
      receiverUnitId: 'office',
      title: '办案中发现某局干部涉嫌受贿问题线索',
      sentBy: policeStaff('req-clue'),
    });
    expect(await h.notified(referralId, 'REFERRAL_SENT')).toEqual(OFFICE_PEOPLE);
    await expect(
      handle.executeUpdate(rm.acceptReferral, { args: [{ actor: policeHead('req-self') }] }),
    ).rejects.toEqual(rejected(/受理反馈由接收单位作出/));
    await handle.executeUpdate(rm.acceptReferral, { args: [{ actor: officeDeputy('req-accept') }] });

    await expect(
      handle.executeUpdate(rm.recordOpinion, {
        args: [{ actor: policeHead('req-op-x'), facts: '事实清楚', evidence: '', nature: '', text: '依法处理' }],
      }),
    ).rejects.toEqual(rejected(/协调意见由组织协调室记录/));
    await expect(
      handle.executeUpdate(rm.recordOpinion, {
        args: [{ actor: office('req-op-y'), facts: '', evidence: '', nature: '', text: '依法处理' }],
      }),
    ).rejects.toEqual(rejected(/须至少载明事实、证据或性质的一项认定/));

    const withOpinion = await handle.executeUpdate(rm.recordOpinion, {
      args: [
        {
          actor: office('req-opinion'),
          facts: '收受他人财物事实清楚',
          evidence: '银行流水、证人证言可相互印证',
          nature: '涉嫌受贿，移送审查起诉',
          text: '由区财政局配合调取相关项目资金拨付资料',
          task: {
            title: '调取项目资金拨付资料',
            leadUnitId: 'dept-finance',
            coUnitIds: [],
            leaderId: 'p-wang-hongmei',
            requirements: '调取2024年以来有关项目资金拨付凭证',
            standard: '资料完整并经区纪委监委签收',
            limit: { kind: 'WORKING_DAYS', days: 10 },
            policy: h.policies.get('COORDINATION_OPINION')!,
          },
        },
      ],
    });
    const taskId = `${referralId}-o1`;
    expect(withOpinion.opinions).toEqual([
      expect.objectContaining({ seq: 1, taskId, nature: '涉嫌受贿，移送审查起诉', by: 'p-huang-min' }),
    ]);
    const task = await eventually(async () => {
      const { rows } = await h.db.pool.query(
        `SELECT type, lead_unit_id, leader_id, created_by, cycle_id FROM tasks WHERE id = $1`,
        [taskId],
      );
      return rows[0];
    });
    expect(task).toEqual({
      type: 'COORDINATION_OPINION',
      lead_unit_id: 'dept-finance',
      leader_id: 'p-wang-hongmei',
      created_by: 'p-huang-min',
      cycle_id: null,
    });
    expect(await h.notified(referralId, 'REFERRAL_OPINION')).toEqual(
      ['p-ding-rui', 'p-qin-hao', ...OFFICE_PEOPLE].sort(),
    );
    const timeline = await h.timeline(referralId);
    expect(timeline.map((e) => e.kind)).toEqual(['SENT', 'ADMITTED', 'OPINION']);
    expect(timeline[0]!.message).toMatch(/区公安分局经侦大队向区纪委监委组织协调室移送问题线索/);
    expect(timeline[2]!.message).toMatch(new RegExp(`第1项协调意见，需落实事项已交办督办（任务编号${taskId}）`));
    expect((await rowOf(referralId)).opinions).toEqual([expect.objectContaining({ taskId, seq: 1 })]);
  });
  it('moves its acceptance deadline when the official calendar adds a holiday, and urges at the new one', async () => {
    const { handle, referralId } = await h.start({ receiverUnitId: 'enf-procuratorate' });
    const sent = await handle.query(rm.getReferralStatus);
    const before = await deadline(sent.sentAt!, 7);
    // The official table of the year makes the second working day after the referral a holiday.
    const sentOn = wd.localDate(new Date(sent.sentAt!));
    const cal = await readWorkingCalendar(
      h.db.pool,
      'district',
      Number(sentOn.slice(0, 4)) - 1,
      Number(sentOn.slice(0, 4)) + 1,
    );
    const holiday = wd.addWorkingDays(cal, sentOn, 2);
    const told = await announceHoliday(h, holiday);
    const moved = await h.skipTo(sent.sentAt!, handle, (s) => s.acceptanceDueAt !== before.dueAt);
    const after = await deadline(sent.sentAt!, 7);

    expect(told.failed).toBe(0);
    expect(Date.parse(after.dueAt)).toBeGreaterThan(Date.parse(before.dueAt));
    expect(moved).toMatchObject({
      state: 'SENT',
      acceptanceDueAt: after.dueAt,
      acceptanceEscalateAt: after.escalateAt,
    });
    expect((await h.timeline(referralId)).map((e) => e.kind)).toEqual(['SENT', 'CALENDAR_CHANGED']);
    // The old deadline passes quietly; the urging comes at the new one.
    expect((await h.skipTo(before.dueAt, handle)).acceptanceUrgedAt).toBeNull();
    const urged = await h.skipTo(after.dueAt, handle, (s) => s.acceptanceUrgedAt !== null);
    expect(urged.acceptanceUrgedAt).toBe(after.dueAt);
    expect(await noticeTo(referralId, '【催办】')).toEqual(['p-zhou-min']);
  });
});
