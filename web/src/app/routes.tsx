import type { ReactNode } from 'react';
import type { Role } from './auth';
import { lazyPage } from './lazy-page';
import type { Task } from '../lib/types';
import { SubtaskPanel } from '../pages/shared/SubtaskPanel';
import { TaskAttachmentPanel } from '../pages/shared/AttachmentPanel';
import { CommentPanel } from '../pages/shared/CommentPanel';
import { Home } from '../pages/shared/Home';
import { Notifications } from '../pages/shared/Notifications';
import { TaskDetail } from '../pages/shared/TaskDetail';
import { LeaderTaskActions } from '../pages/leader/LeaderTaskActions';
import { OfficeTaskPanel } from '../pages/office/OfficeTaskPanel';
import { UnitTaskActions } from '../pages/unit/UnitTaskActions';
import '../styles-office2.css';

// Pages load when first opened (lazy-page.ts); a task's panels and the pages every role opens first load at once.
const LeaderTasks = lazyPage(() => import('../pages/leader/LeaderTasks'), 'LeaderTasks');
const OfficeHome = lazyPage(() => import('../pages/office'), 'OfficeHome');
const NewTaskPage = lazyPage(() => import('../pages/office/NewTaskPage'), 'NewTaskPage');
const OfficeTasks = lazyPage(() => import('../pages/office/OfficeTasks'), 'OfficeTasks');
const PlanPage = lazyPage(() => import('../pages/office/PlanPage'), 'PlanPage');
const UnitAssessment = lazyPage(() => import('../pages/unit/UnitAssessment'), 'UnitAssessment');
const UnitInbox = lazyPage(() => import('../pages/unit/UnitInbox'), 'UnitInbox');
const UnitMeeting = lazyPage(() => import('../pages/unit/UnitMeeting'), 'UnitMeeting');
const UnitMeetings = lazyPage(() => import('../pages/unit/UnitMeetings'), 'UnitMeetings');
const UnitSecondment = lazyPage(() => import('../pages/unit/UnitSecondment'), 'UnitSecondment');
const UnitSecondments = lazyPage(() => import('../pages/unit/UnitSecondments'), 'UnitSecondments');
const UnitInspections = lazyPage(() => import('../pages/unit/UnitInspections'), 'UnitInspections');
const UnitInspection = lazyPage(() => import('../pages/unit/UnitInspections'), 'UnitInspection');
const UnitCases = lazyPage(() => import('../pages/unit/UnitCases'), 'UnitCases');
const UnitCase = lazyPage(() => import('../pages/unit/UnitCases'), 'UnitCase');
const AnnualReport = lazyPage(() => import('../pages/group/AnnualReport'), 'AnnualReport');
const AssessmentPage = lazyPage(() => import('../pages/office/assessment/AssessmentPage'), 'AssessmentPage');
const AuditLog = lazyPage(() => import('../pages/office/audit/AuditLog'), 'AuditLog');
const BulletinList = lazyPage(() => import('../pages/office/bulletins/BulletinList'), 'BulletinList');
const BulletinView = lazyPage(() => import('../pages/office/bulletins/BulletinView'), 'BulletinView');
const CaseDetail = lazyPage(() => import('../pages/office/cases/CaseDetail'), 'CaseDetail');
const CaseList = lazyPage(() => import('../pages/office/cases/CaseList'), 'CaseList');
const CaseTeamDetail = lazyPage(() => import('../pages/office/case-teams/CaseTeamDetail'), 'CaseTeamDetail');
const CaseTeamList = lazyPage(() => import('../pages/office/case-teams/CaseTeamList'), 'CaseTeamList');
const InspectionDetail = lazyPage(() => import('../pages/office/inspections/InspectionDetail'), 'InspectionDetail');
const InspectionList = lazyPage(() => import('../pages/office/inspections/InspectionList'), 'InspectionList');
const MeetingDetail = lazyPage(() => import('../pages/office/meetings/MeetingDetail'), 'MeetingDetail');
const MeetingList = lazyPage(() => import('../pages/office/meetings/MeetingList'), 'MeetingList');
const RollupPage = lazyPage(() => import('../pages/rollup/RollupPage'), 'RollupPage');
const MajorCaseMeetings = lazyPage(() => import('../pages/major-case/MajorCaseMeetings'), 'MajorCaseMeetings');
const ReferralDetail = lazyPage(() => import('../pages/referrals/ReferralDetail'), 'ReferralDetail');
const ReferralList = lazyPage(() => import('../pages/referrals/ReferralList'), 'ReferralList');
const SubmissionDetail = lazyPage(() => import('../pages/submissions/SubmissionDetail'), 'SubmissionDetail');
const SubmissionList = lazyPage(() => import('../pages/submissions/SubmissionList'), 'SubmissionList');
const OfficeRotations = lazyPage(() => import('../pages/rotations/OfficeRotations'), 'OfficeRotations');
const RotationDetail = lazyPage(() => import('../pages/rotations/RotationDetail'), 'RotationDetail');
const RotationRecord = lazyPage(() => import('../pages/rotations/RotationRecord'), 'RotationRecord');
const UnitRotations = lazyPage(() => import('../pages/rotations/UnitRotations'), 'UnitRotations');
const NetworkMemberPage = lazyPage(() => import('../pages/network/NetworkMemberPage'), 'NetworkMemberPage');
const OwnAppointment = lazyPage(() => import('../pages/network/NetworkMemberPage'), 'OwnAppointment');
const NetworkRoster = lazyPage(() => import('../pages/network/NetworkRoster'), 'NetworkRoster');
const MemberAppraisal = lazyPage(() => import('../pages/appraisals/MemberAppraisals'), 'MemberAppraisal');
const MemberAppraisals = lazyPage(() => import('../pages/appraisals/MemberAppraisals'), 'MemberAppraisals');
const MemberInspection = lazyPage(() => import('../pages/appraisals/MemberInspections'), 'MemberInspection');
const MemberInspections = lazyPage(() => import('../pages/appraisals/MemberInspections'), 'MemberInspections');
const OfficeAppraisal = lazyPage(() => import('../pages/appraisals/OfficeAppraisals'), 'OfficeAppraisal');
const OfficeAppraisals = lazyPage(() => import('../pages/appraisals/OfficeAppraisals'), 'OfficeAppraisals');
const RulesPage = lazyPage(() => import('../pages/office/rules/RulesPage'), 'RulesPage');
const ScoringModelPage = lazyPage(() => import('../pages/office/rules/ScoringModelPage'), 'ScoringModelPage');
const CalendarPage = lazyPage(() => import('../pages/office/rules/CalendarPage'), 'CalendarPage');
const AccountabilityPage = lazyPage(() => import('../pages/office/rules/AccountabilityPage'), 'AccountabilityPage');
const ProcedureDefaultsPage = lazyPage(
  () => import('../pages/office/rules/ProcedureDefaultsPage'),
  'ProcedureDefaultsPage',
);
const NoticeTemplatesPage = lazyPage(() => import('../pages/office/rules/NoticeTemplatesPage'), 'NoticeTemplatesPage');
const UnitMergePage = lazyPage(() => import('../pages/office/units/UnitMergePage'), 'UnitMergePage');
const OrgUnitsPage = lazyPage(() => import('../pages/admin/organisation/UnitsPage'), 'UnitsPage');
const OrgPeoplePage = lazyPage(() => import('../pages/admin/organisation/PeoplePage'), 'PeoplePage');
const OrgVersionsPage = lazyPage(() => import('../pages/admin/organisation/VersionsPage'), 'VersionsPage');
const AbsencesPage = lazyPage(() => import('../pages/absences/AbsencesPage'), 'AbsencesPage');

/*
 * Every page of the workspace, in one table: each area registers its pages here (path, who may open it, its
 * navigation label). A page a role may not open shows "not found"; the API decides what data anyone sees.
 */

export interface PageRoute {
  path: string;
  /** Roles that may open it; absent: everyone signed in. */
  roles?: Role[];
  /** i18n key of its entry in the navigation (shown to `roles`); absent: reached by links only. */
  nav?: string;
  /** In the navigation only for a higher level, whose organisation has organisations under it (`useHasRollup`). */
  higherLevelOnly?: boolean;
  render: (params: Record<string, string>) => ReactNode;
}

export const routes: PageRoute[] = [
  // shared
  { path: '/', render: () => <Home /> },
  { path: '/tasks/:id', render: ({ id = '' }) => <TaskDetail id={id} /> },
  { path: '/notifications', nav: 'nav.notifications', render: () => <Notifications /> },
  {
    path: '/absences',
    roles: ['OFFICE', 'UNIT', 'LEADER', 'GROUP', 'ENFORCEMENT'],
    nav: 'nav.absences',
    render: () => <AbsencesPage />,
  },

  // unit (责任单位)
  { path: '/unit/inbox', roles: ['UNIT'], nav: 'nav.unit.inbox', render: () => <UnitInbox /> },
  { path: '/unit/meetings', roles: ['UNIT'], nav: 'nav.unit.meetings', render: () => <UnitMeetings /> },
  { path: '/unit/meetings/:id', roles: ['UNIT'], render: ({ id = '' }) => <UnitMeeting id={id} /> },
  { path: '/unit/assessment', roles: ['UNIT'], nav: 'nav.unit.assessment', render: () => <UnitAssessment /> },
  // a unit's self-checks (自查报告) and statements (说明情况), each with the files it gives with them
  { path: '/unit/inspections', roles: ['UNIT'], nav: 'nav.unit.inspections', render: () => <UnitInspections /> },
  { path: '/unit/inspections/:id', roles: ['UNIT'], render: ({ id = '' }) => <UnitInspection id={id} /> },
  { path: '/unit/cases', roles: ['UNIT'], nav: 'nav.unit.cases', render: () => <UnitCases /> },
  { path: '/unit/cases/:id', roles: ['UNIT'], render: ({ id = '' }) => <UnitCase id={id} /> },
  // a unit's secondment requests (抽调, issue 18): never the case itself
  { path: '/unit/secondments', roles: ['UNIT'], nav: 'nav.unit.secondments', render: () => <UnitSecondments /> },
  { path: '/unit/secondments/:id', roles: ['UNIT'], render: ({ id = '' }) => <UnitSecondment id={id} /> },
  { path: '/unit/rotations', roles: ['UNIT'], nav: 'nav.unit.rotations', render: () => <UnitRotations /> },

  // leader and group (分管领导、领导小组)
  { path: '/leader/tasks', roles: ['LEADER', 'GROUP'], nav: 'nav.leader.tasks', render: () => <LeaderTasks /> },

  // the major-case coordination group's members (大要案协调小组: the commission's and 公检法's leaders); the API lists
  // its meetings to its members only, so a leader not on it finds none
  {
    path: '/major-case/meetings',
    roles: ['ENFORCEMENT', 'LEADER', 'GROUP'],
    nav: 'nav.majorCase',
    render: () => <MajorCaseMeetings />,
  },
  {
    path: '/major-case/meetings/:id',
    roles: ['ENFORCEMENT', 'LEADER', 'GROUP', 'UNIT'],
    render: ({ id = '' }) => <UnitMeeting id={id} />,
  },

  // office (协调办)
  { path: '/office', roles: ['OFFICE'], nav: 'nav.office', render: () => <OfficeHome /> },
  { path: '/office/plan', roles: ['OFFICE', 'GROUP', 'LEADER'], nav: 'nav.office.plan', render: () => <PlanPage /> },
  { path: '/office/tasks', roles: ['OFFICE'], nav: 'nav.office.tasks', render: () => <OfficeTasks /> },
  // reached by the 「交办任务」 buttons of the task list and the office's home
  { path: '/office/tasks/new', roles: ['OFFICE'], render: () => <NewTaskPage /> },

  // office: meetings, inspections, assessment, accountability, audit (pages/office/<area>)
  { path: '/office/meetings', roles: ['OFFICE'], nav: 'nav.office.meetings', render: () => <MeetingList /> },
  { path: '/office/meetings/:id', roles: ['OFFICE'], render: ({ id = '' }) => <MeetingDetail id={id} /> },
  { path: '/office/inspections', roles: ['OFFICE'], nav: 'nav.office.inspections', render: () => <InspectionList /> },
  { path: '/office/inspections/:id', roles: ['OFFICE'], render: ({ id = '' }) => <InspectionDetail id={id} /> },
  { path: '/office/assessment', roles: ['OFFICE'], nav: 'nav.office.assessment', render: () => <AssessmentPage /> },
  { path: '/office/cases', roles: ['OFFICE'], nav: 'nav.office.cases', render: () => <CaseList /> },
  { path: '/office/cases/:id', roles: ['OFFICE'], render: ({ id = '' }) => <CaseDetail id={id} /> },
  // case teams (办案组, issue 18): need to know, the office's pages
  { path: '/office/case-teams', roles: ['OFFICE'], nav: 'nav.office.caseTeams', render: () => <CaseTeamList /> },
  { path: '/office/case-teams/:id', roles: ['OFFICE'], render: ({ id = '' }) => <CaseTeamDetail id={id} /> },
  { path: '/office/audit', roles: ['OFFICE'], nav: 'nav.office.audit', render: () => <AuditLog /> },
  // the organisation's own task types, edited with versions (督办规则, issue 22): preview, publish, diff, restore
  { path: '/office/rules', roles: ['OFFICE'], nav: 'nav.office.rules', render: () => <RulesPage /> },
  // the scoring model (考核评分模型) with versions, and the organisation's own working-day table with its preview
  { path: '/office/rules/scoring-model', roles: ['OFFICE'], render: () => <ScoringModelPage /> },
  { path: '/office/rules/calendar', roles: ['OFFICE'], render: () => <CalendarPage /> },
  // the accountability policy (问责措施) and the meetings' and rounds' defaults (会议与检查), with versions
  { path: '/office/rules/accountability', roles: ['OFFICE'], render: () => <AccountabilityPage /> },
  { path: '/office/rules/procedure-defaults', roles: ['OFFICE'], render: () => <ProcedureDefaultsPage /> },
  // the notice templates (通知模板): the wording of a task's notices, with versions and a preview
  { path: '/office/rules/notice-templates', roles: ['OFFICE'], render: () => <NoticeTemplatesPage /> },
  // the organisation itself, edited live with versions (组织架构, issue 22): its units, people and versions; and
  // merging a unit into its successor (单位合并). The administrator's alone
  {
    path: '/admin/organisation',
    roles: ['ADMIN'],
    nav: 'nav.admin.organisation',
    render: () => <OrgUnitsPage />,
  },
  { path: '/admin/organisation/people', roles: ['ADMIN'], render: () => <OrgPeoplePage /> },
  { path: '/admin/organisation/versions', roles: ['ADMIN'], render: () => <OrgVersionsPage /> },
  { path: '/admin/merge', roles: ['ADMIN'], nav: 'nav.admin.merge', render: () => <UnitMergePage /> },
  // rotation training (轮训, pages/rotations): the office's plans; a unit's windows are under /unit/rotations
  { path: '/office/rotations', roles: ['OFFICE'], nav: 'nav.office.rotations', render: () => <OfficeRotations /> },
  { path: '/office/rotations/:id', roles: ['OFFICE'], render: ({ id = '' }) => <RotationDetail id={id} /> },
  // the supervision network (监督网络): the office's roster; a member's own appointment
  { path: '/office/network', roles: ['OFFICE'], nav: 'nav.office.network', render: () => <NetworkRoster /> },
  { path: '/office/network/:id', roles: ['OFFICE'], render: ({ id = '' }) => <NetworkMemberPage personId={id} /> },
  { path: '/network/me', roles: ['OBSERVER'], nav: 'nav.network.me', render: () => <OwnAppointment /> },
  // the network takes part (issue 19 part 5): conduct appraisals (行风评议) and the rounds a member was invited into
  { path: '/office/appraisals', roles: ['OFFICE'], nav: 'nav.office.appraisals', render: () => <OfficeAppraisals /> },
  { path: '/office/appraisals/:id', roles: ['OFFICE'], render: ({ id = '' }) => <OfficeAppraisal id={id} /> },
  {
    path: '/network/appraisals',
    roles: ['OBSERVER'],
    nav: 'nav.network.appraisals',
    render: () => <MemberAppraisals />,
  },
  { path: '/network/appraisals/:id', roles: ['OBSERVER'], render: ({ id = '' }) => <MemberAppraisal id={id} /> },
  {
    path: '/network/inspections',
    roles: ['OBSERVER'],
    nav: 'nav.network.inspections',
    render: () => <MemberInspections />,
  },
  { path: '/network/inspections/:id', roles: ['OBSERVER'], render: ({ id = '' }) => <MemberInspection id={id} /> },
  // a trainee's record: the office and the trainee see the case references, their unit and leader the count
  {
    path: '/rotation-records/:id',
    roles: ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
    render: ({ id = '' }) => <RotationRecord personId={id} />,
  },

  // referrals (移送): the office and the enforcement and audit units; the major-case group reads them by link
  { path: '/referrals', roles: ['OFFICE', 'ENFORCEMENT'], nav: 'nav.referrals', render: () => <ReferralList /> },
  {
    path: '/referrals/:id',
    roles: ['OFFICE', 'ENFORCEMENT', 'LEADER', 'GROUP'],
    render: ({ id = '' }) => <ReferralDetail id={id} />,
  },

  // submissions (反映) of the supervision network: a member's own ("我的反映", on a phone) and the office's triage
  { path: '/submissions', roles: ['OBSERVER'], nav: 'nav.submissions', render: () => <SubmissionList /> },
  {
    path: '/office/submissions',
    roles: ['OFFICE'],
    nav: 'nav.officeSubmissions',
    render: () => <SubmissionList />,
  },
  {
    path: '/submissions/:id',
    roles: ['OFFICE', 'OBSERVER'],
    render: ({ id = '' }) => <SubmissionDetail id={id} />,
  },

  // a higher level (a city over its districts): the figures of the organisations under it (pages/rollup)
  {
    path: '/rollup',
    roles: ['OFFICE', 'LEADER', 'GROUP'],
    nav: 'nav.rollup',
    higherLevelOnly: true,
    render: () => <RollupPage />,
  },

  // bulletins and the annual report: the office publishes, the leaders and the group read (pages/group)
  {
    path: '/bulletins',
    roles: ['OFFICE', 'LEADER', 'GROUP'],
    nav: 'nav.bulletins',
    render: () => <BulletinList />,
  },
  {
    path: '/bulletins/:id',
    roles: ['OFFICE', 'LEADER', 'GROUP'],
    render: ({ id = '' }) => <BulletinView id={id} />,
  },
  {
    path: '/group/annual-report',
    roles: ['OFFICE', 'LEADER', 'GROUP'],
    nav: 'nav.group.annual',
    render: () => <AnnualReport />,
  },
];

/** Panels under a task's details, each shown to its roles: a unit's actions, the office's review, ... */
export interface TaskPanel {
  roles: Role[];
  render: (task: Task, reload: () => void) => ReactNode;
}

export const taskPanels: TaskPanel[] = [
  { roles: ['UNIT'], render: (task, reload) => <UnitTaskActions task={task} reload={reload} /> },
  { roles: ['LEADER'], render: (task, reload) => <LeaderTaskActions task={task} reload={reload} /> },
  { roles: ['UNIT', 'LEADER', 'GROUP'], render: (task, reload) => <CommentPanel task={task} reload={reload} /> },
  { roles: ['OFFICE'], render: (task, reload) => <OfficeTaskPanel task={task} reload={reload} /> },
  // Cascade (三级联动): the villages' sub-tasks; the lead unit and the office split the task.
  {
    roles: ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
    render: (task, reload) => <SubtaskPanel task={task} reload={reload} />,
  },
  // Attachments (佐证材料): everyone who sees the task reads them; its units and the office attach.
  {
    roles: ['OFFICE', 'UNIT', 'LEADER', 'GROUP'],
    render: (task) => <TaskAttachmentPanel task={task} />,
  },
];

/** Where a person lands after sign-in; `higherLevel`: their organisation has organisations under it. */
export function homeOf(roles: Role[], higherLevel = false): string {
  if (higherLevel && roles.some((r) => r === 'OFFICE' || r === 'LEADER' || r === 'GROUP')) return '/rollup';
  if (roles.includes('OFFICE')) return '/office';
  if (roles.includes('UNIT')) return '/unit/inbox';
  if (roles.includes('LEADER') || roles.includes('GROUP')) return '/leader/tasks';
  if (roles.includes('ENFORCEMENT')) return '/referrals';
  if (roles.includes('OBSERVER')) return '/submissions';
  // The administrator alone: the organisation she keeps.
  if (roles.includes('ADMIN')) return '/admin/organisation';
  return '/notifications';
}
