import type { AppDeps } from '../deps';
import type { AnyRoute } from '../route';
import { absenceRoutes } from './absences';
import { appraisalRoutes } from './appraisals';
import { assessmentRecomputeRoutes } from './assessment-recompute';
import { assessmentRoutes } from './assessments';
import { attachmentRoutes } from './attachments';
import { auditRoutes } from './audit';
import { bulletinRoutes } from './bulletins';
import { calendarRoutes } from './calendar';
import { caseRoutes } from './cases';
import { caseTeamRoutes } from './case-teams';
import { cycleBoardRoutes } from './cycle-board';
import { cycleScheduleRoutes } from './cycle-schedule';
import { cycleRoutes } from './cycles';
import { deliveryRoutes } from './deliveries';
import { inboxRoutes } from './inbox';
import { inspectionRoutes } from './inspections';
import { meetingRoutes } from './meetings';
import { networkRoutes } from './network';
import { organisationRoutes } from './organisation';
import { organisationEditRoutes } from './organisation-edit';
import { overviewRoutes } from './overview';
import { referralRoutes } from './referrals';
import { rollupRoutes } from './rollup';
import { rotationRoutes } from './rotations';
import { noticeTemplateRuleRoutes } from './notice-template-rules';
import { ruleRoutes } from './rules';
import { scoringModelRuleRoutes } from './scoring-model-rules';
import { accountabilityRuleRoutes } from './accountability-rules';
import { procedureDefaultsRuleRoutes } from './procedure-defaults-rules';
import { submissionRoutes } from './submissions';
import { taskBulkRoutes } from './task-bulk';
import { taskRoutes } from './tasks';
import { viewRoutes } from './views';
import { webhookRoutes } from './webhooks';

/** Every /v1 route, as mounted under /v1 and published in the OpenAPI document. */
export const v1Routes = (deps: AppDeps): AnyRoute[] => [
  ...organisationRoutes(deps),
  ...organisationEditRoutes(deps),
  ...taskBulkRoutes(deps),
  ...taskRoutes(deps),
  ...attachmentRoutes(deps),
  ...viewRoutes(deps),
  ...absenceRoutes(deps),
  ...auditRoutes(deps),
  ...calendarRoutes(deps),
  ...ruleRoutes(deps),
  ...scoringModelRuleRoutes(deps),
  ...noticeTemplateRuleRoutes(deps),
  ...accountabilityRuleRoutes(deps),
  ...procedureDefaultsRuleRoutes(deps),
  ...inboxRoutes(deps),
  ...webhookRoutes(deps),
  ...deliveryRoutes(deps),
  ...bulletinRoutes(deps),
  ...cycleScheduleRoutes(deps),
  ...cycleRoutes(deps),
  ...cycleBoardRoutes(deps),
  ...overviewRoutes(deps),
  ...rollupRoutes(deps),
  ...meetingRoutes(deps),
  ...inspectionRoutes(deps),
  ...assessmentRoutes(deps),
  ...assessmentRecomputeRoutes(deps),
  ...caseRoutes(deps),
  ...referralRoutes(deps),
  ...caseTeamRoutes(deps),
  ...rotationRoutes(deps),
  ...networkRoutes(deps),
  ...appraisalRoutes(deps),
  ...submissionRoutes(deps),
];
