import type { AreaMessages } from '../i18n';

/**
 * Texts of the frame every page shows, whichever area it belongs to: every area's entry in the navigation and the
 * acting-for line (请假与代理). They load with the first page; each area's own texts load with its pages (lib/i18n.ts).
 */
const messages: AreaMessages = {
  zh: {
    // the organisation itself (组织架构, 单位合并: ADMIN)
    'nav.admin.organisation': '组织架构',
    'nav.admin.merge': '单位合并',
    // absences
    'nav.absences': '请假与代理',
    'abs.acting': '您正在代{name}办理（请假代理），所办事项记为代为办理。',
    'abs.stopActing': '结束代理',
    // appraisal
    'nav.network.appraisals': '行风评议',
    'nav.network.inspections': '列席检查',
    'nav.office.appraisals': '行风评议',
    // case-teams
    'nav.office.caseTeams': '办案组',
    'nav.unit.secondments': '抽调',
    // major-case
    'nav.majorCase': '大要案协调小组',
    // network
    'nav.office.network': '监督网络',
    'nav.network.me': '我的聘任',
    // office-core
    'nav.office.plan': '年度工作计划',
    'nav.office.newTask': '交办任务',
    // office
    'nav.office': '工作台',
    'nav.office.tasks': '任务清单',
    // office2
    'nav.office.meetings': '联席会议',
    'nav.office.inspections': '检查督办',
    'nav.bulletins': '情况通报',
    'nav.office.assessment': '考核评价',
    'nav.office.cases': '责任追究',
    'nav.office.audit': '操作日志',
    'nav.group.annual': '年度通报',
    // referrals
    'nav.referrals': '案件移送',
    // rollup
    'nav.rollup': '下级汇总',
    // rotation
    'nav.office.rotations': '轮训计划',
    'nav.unit.rotations': '轮训安排',
    // rules
    'nav.office.rules': '督办规则',
    // submissions
    'nav.submissions': '我的反映',
    'nav.officeSubmissions': '监督网络反映',
    // unit-answers
    'nav.unit.inspections': '检查自查',
    'nav.unit.cases': '责任追究',
  },
  en: {
    // the organisation itself (ADMIN)
    'nav.admin.organisation': 'Organisation',
    'nav.admin.merge': 'Merge units',
    // absences
    'nav.absences': 'Absences',
    'abs.acting': 'You are acting for {name} (a deputy): what you do is recorded as done on their behalf.',
    'abs.stopActing': 'Stop acting',
    // appraisal
    'nav.network.appraisals': 'Conduct appraisals',
    'nav.network.inspections': 'Inspections I join',
    'nav.office.appraisals': 'Conduct appraisals',
    // case-teams
    'nav.office.caseTeams': 'Case teams',
    'nav.unit.secondments': 'Secondments',
    // major-case
    'nav.majorCase': 'Major-case group',
    // network
    'nav.office.network': 'Supervision network',
    'nav.network.me': 'My appointment',
    // office-core
    'nav.office.plan': 'Annual plan',
    'nav.office.newTask': 'Assign a task',
    // office
    'nav.office': 'Dashboard',
    'nav.office.tasks': 'Tasks',
    // office2
    'nav.office.meetings': 'Joint meetings',
    'nav.office.inspections': 'Inspections',
    'nav.bulletins': 'Bulletins',
    'nav.office.assessment': 'Assessment',
    'nav.office.cases': 'Accountability',
    'nav.office.audit': 'Audit log',
    'nav.group.annual': 'Annual report',
    // referrals
    'nav.referrals': 'Referrals',
    // rollup
    'nav.rollup': 'Roll-up',
    // rotation
    'nav.office.rotations': 'Rotation plans',
    'nav.unit.rotations': 'Rotation',
    // rules
    'nav.office.rules': 'Supervision rules',
    // submissions
    'nav.submissions': 'My submissions',
    'nav.officeSubmissions': 'Network submissions',
    // unit-answers
    'nav.unit.inspections': 'Inspections',
    'nav.unit.cases': 'Accountability',
  },
};
export default messages;
