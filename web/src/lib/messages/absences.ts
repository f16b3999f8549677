import type { AreaMessages } from '../i18n';

/** Texts of absences and deputies (请假与代理). */
const messages: AreaMessages = {
  zh: {
    'abs.title': '请假与代理',
    'abs.intro':
      '请假期间，发给您的通知同时送达代理人，代理人可代您办理督办事项；办理记录注明“代为办理”。代理人须为本单位人员。',
    'abs.caption': '尚未结束的请假',
    'abs.person': '请假人',
    'abs.deputy': '代理人',
    'abs.dates': '起止日期',
    'abs.datesText': '{from} 至 {to}',
    'abs.reason': '事由',
    'abs.status': '状态',
    'abs.status.UPCOMING': '未开始',
    'abs.status.ACTIVE': '请假中',
    'abs.status.OVER': '已结束',
    'abs.status.CANCELLED': '已取消',
    'abs.actions': '操作',
    'abs.actFor': '代{name}办理',
    'abs.cancel': '取消请假',
    'abs.none': '暂无请假记录。',
    'abs.new': '登记本人请假',
    'abs.newButton': '登记请假',
    'abs.deputyPick': '代理人',
    'abs.from': '开始日期',
    'abs.to': '结束日期（含）',
    'abs.reasonField': '请假事由',
  },
  en: {
    'abs.title': 'Absences and deputies',
    'abs.intro':
      'While you are away, your notices also reach your deputy, who may act for you; what they do is recorded as done on your behalf. The deputy is a person of your unit.',
    'abs.caption': 'Absences not yet over',
    'abs.person': 'Away',
    'abs.deputy': 'Deputy',
    'abs.dates': 'Dates',
    'abs.datesText': '{from} to {to}',
    'abs.reason': 'Reason',
    'abs.status': 'Status',
    'abs.status.UPCOMING': 'Not begun',
    'abs.status.ACTIVE': 'Away now',
    'abs.status.OVER': 'Over',
    'abs.status.CANCELLED': 'Cancelled',
    'abs.actions': 'Actions',
    'abs.actFor': 'Act for {name}',
    'abs.cancel': 'Cancel the absence',
    'abs.none': 'No absences.',
    'abs.new': 'Enter your absence',
    'abs.newButton': 'Enter',
    'abs.deputyPick': 'Deputy',
    'abs.from': 'First day',
    'abs.to': 'Last day (included)',
    'abs.reasonField': 'Reason',
  },
};

export default messages;
