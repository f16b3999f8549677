import { shippedProcedureDefaults, type ProcedureDefaults } from '../../config/procedure-defaults';
import { inspectionWorkflowId } from '../../procedures/inspection/messages';
import { inspectionBody } from '../support/inspection-fixtures';
import { openThisYearsCycle, useTestStack } from '../support/use-test-stack';

const RULES = '/v1/rules/procedure-defaults';
const NEXT_YEAR = new Date().getUTCFullYear() + 1;

/** Version 0 of every organisation: the code's own defaults. */
const shipped = shippedProcedureDefaults();

/** Meetings twice a year, minutes in 3 working days; a missing self-check goes up 4 working days late. */
const v1: ProcedureDefaults = {
  meeting: { ...shipped.meeting, months: [3, 9], minutesWorkingDays: 3 },
  inspection: { ...shipped.inspection, escalateAfterWorkingDays: 4 },
};

/** v1 with another place, minutes in 4 working days and one more item on the checklist. */
const v2: ProcedureDefaults = {
  meeting: { ...v1.meeting, place: '区纪委监委二楼会议室', minutesWorkingDays: 4 },
  inspection: { ...v1.inspection, checklist: [...v1.inspection.checklist, '基层减负工作落实情况'] },
};

describe('the defaults of meetings and inspection rounds, edited with versions', () => {
  const { t, office, hekou } = useTestStack({ office: 'p-huang-min', hekou: 'p-lu-shuigen' });

  it('answers version 0, the code’s own defaults, before anything is published', async () => {
    const res = await office('GET', RULES);

    expect(res.body).toEqual({ kind: 'procedure-defaults', version: 0, content: shipped, versions: [] });
    expect(res.body.content.meeting).toMatchObject({ months: [3, 6, 9, 12], minutesWorkingDays: 5 });
    expect((await hekou('GET', RULES)).status).toBe(403);
  });

  it('refuses defaults that mean nonsense with 422, every problem at once, naming each field', async () => {
    const content = {
      meeting: { ...shipped.meeting, months: [3, 3, 13], confirmWorkingDays: 5 },
      inspection: { ...shipped.inspection, findingsWorkingDays: 10, checklist: ['整改情况', '整改情况'] },
    };

    const res = await office('POST', RULES, { baseVersion: 0, reason: '试改', content });

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'body.content.meeting.months[2]', message: '须在1至12之间' },
      { field: 'body.content.meeting.months[1]', message: '月份须按先后顺序排列，且不重复' },
      { field: 'body.content.inspection.checklist[1]', message: '检查内容重复（与第1项相同）' },
      { field: 'body.content.meeting.confirmWorkingDays', message: '确认参会时限须早于会议通知发出（少于5个工作日）' },
      {
        field: 'body.content.inspection.findingsWorkingDays',
        message: '检查发现问题的录入时限须晚于自查报告时限（多于10个工作日）',
      },
    ]);
  });

  it('gives a round defined after publishing the version’s escalation offset, in its start input', async () => {
    const cycleId = await openThisYearsCycle(office);
    const before = await office('POST', `/v1/cycles/${cycleId}/inspections`, inspectionBody());
    expect((await office('POST', RULES, { baseVersion: 0, reason: '区纪委常委会议定', content: v1 })).status).toBe(201);
    const after = await office('POST', `/v1/cycles/${cycleId}/inspections`, inspectionBody());

    const inputOf = async (roundId: string) => {
      const history = await t.stack.client.workflow.getHandle(inspectionWorkflowId(roundId)).fetchHistory();
      const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      return JSON.parse(Buffer.from(payload!.data!).toString('utf8')) as { escalateAfterWorkingDays?: number };
    };
    expect((await inputOf(before.body.id)).escalateAfterWorkingDays).toBe(2);
    expect((await inputOf(after.body.id)).escalateAfterWorkingDays).toBe(4);
  });

  it('compares two versions in sentences, and restores a version as a new one', async () => {
    expect((await office('POST', RULES, { baseVersion: 1, reason: '调整', content: v2 })).status).toBe(201);

    const diff = await office('GET', `${RULES}/diff?from=1&to=2`);
    const restored = await office('POST', `${RULES}/versions/1/restore`, { baseVersion: 2, reason: '恢复第1版' });

    expect(diff.body.changes.map((c: { text: string }) => c.text)).toEqual([
      '定期联席会议地点由“区纪委监委会议室”改为“区纪委监委二楼会议室”',
      '会议纪要录入时限由3个工作日改为4个工作日',
      '检查内容新增“基层减负工作落实情况”',
    ]);
    expect(restored).toMatchObject({ status: 201, body: { version: 3, restoredFrom: 1, content: v1 } });
  });

  it('opens a cycle after publishing on the version’s calendar', async () => {
    expect((await office('POST', '/v1/cycles', { year: NEXT_YEAR })).status).toBe(201);

    const cycle = await office('GET', `/v1/cycles/district-${NEXT_YEAR}`);

    expect(cycle.body.settings).toMatchObject({ meetingMonths: [3, 9], inspectionMonths: [5, 10] });
  });
});
