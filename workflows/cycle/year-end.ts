import { condition, sleep } from '@temporalio/workflow';
import type { CycleCalendar } from '../../procedures/cycle/messages';
import type { CycleChildren } from './children';
import { acts, type CaseRequest, type CycleRun } from './run';

/**
 * The year end (DOMAIN.md "The annual cycle" steps 6–8): the assessment as of the cut-off, reviewed by the office and
 * published (by the office, or by the cycle when the review time is over), cases for scores below the threshold, a
 * wait for the year's cases to be decided (at most the configured working days), the annual report, and the close.
 */
export async function runYearEnd(
  run: CycleRun,
  children: CycleChildren,
  calendar: CycleCalendar | undefined,
  pendingCases: CaseRequest[],
): Promise<void> {
  const { input, status, workflowId, now, nowIso } = run;
  const s = input.settings;
  const cutOff = calendar?.cutOffAt ?? nowIso();
  const assessed = await acts.runAssessment({
    cycleId: input.cycleId,
    orgId: input.orgId,
    modelId: s.scoringModel.id,
    modelVersion: s.scoringModel.version,
    cutOff,
    workflowId,
    step: 'assessment',
    computedBy: null,
  });
  status.assessmentId = assessed.assessmentId;
  status.assessmentPublished = assessed.state === 'PUBLISHED';
  const deadlines = await acts.yearEndDeadlines({
    orgId: input.orgId,
    from: s.cutOffDate,
    reviewWorkingDays: s.assessmentReviewWorkingDays,
    caseWaitWorkingDays: s.caseWaitWorkingDays,
  });
  await run.record({
    kind: 'ASSESSED',
    message: `截至${s.cutOffDate}完成年度考核评价计分（评分模型${s.scoringModel.id}第${s.scoringModel.version}版），请组织协调室于${deadlines.reviewBy.slice(0, 10)}前复核发布`,
    notice: { title: `【待复核】${input.year}年度考核评价结果`, audience: ['OFFICE'] },
  });
  const published = await condition(
    () => status.assessmentPublished,
    Math.max(0, Date.parse(deadlines.reviewByAt) - now()),
  );
  if (!published) {
    await acts.publishAssessment({
      cycleId: input.cycleId,
      orgId: input.orgId,
      workflowId,
      step: 'assessment-publish',
    });
    status.assessmentPublished = true;
    await run.record({ kind: 'ASSESSMENT_PUBLISHED', message: `复核期满，年度考核评价结果已发布` });
  } else {
    await run.record({ kind: 'ASSESSMENT_PUBLISHED', message: `组织协调室已发布年度考核评价结果` });
  }
  const low = await acts.scoresBelow({ assessmentId: status.assessmentId, threshold: s.assessmentThreshold });
  for (const u of low) {
    await children.openCase({
      caseId: `score-${input.cycleId}-${u.unitId}`,
      unitId: u.unitId,
      leaderId: null,
      source: {
        kind: 'ASSESSMENT',
        assessmentId: status.assessmentId,
        score: u.score,
        threshold: s.assessmentThreshold,
      },
    });
  }
  while (pendingCases.length > 0) await children.openCase(pendingCases.shift()!);
  const decided = await Promise.race([
    Promise.all(children.caseResults).then(() => true),
    sleep(Math.max(0, Date.parse(deadlines.caseWaitUntilAt) - now())).then(() => false),
  ]);
  const open = await acts.openCycleCases({ cycleId: input.cycleId });
  await run.record({
    kind: 'CASES_SETTLED',
    message:
      decided && open === 0
        ? `本年度责任追究案件${status.cases.length}件均已作出处理决定`
        : `等待期满，尚有${open}件责任追究案件未作出处理决定，年度通报注明`,
  });
  const report = await acts.publishAnnualReport({
    workflowId,
    step: 'annual-report',
    cycleId: input.cycleId,
    orgId: input.orgId,
    year: input.year,
    asOf: nowIso(),
    assessmentId: status.assessmentId,
    openCases: open,
  });
  status.annualReportId = report.bulletinId;
  await run.record({
    kind: 'ANNUAL_REPORT',
    message: `发布${input.year}年度通报（${report.bulletinId}），报领导小组并通报各单位`,
  });
  status.phase = 'CLOSED';
  status.closedAt = nowIso();
  await run.record({
    kind: 'CLOSED',
    message: `${input.year}年度周期结束`,
    notice: { title: `${input.year}年度周期已结束`, audience: ['OFFICE', 'GROUP'] },
  });
}
