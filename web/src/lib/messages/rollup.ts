import type { AreaMessages } from '../i18n';

/** Texts of the higher level's roll-up (pages/rollup). */
const messages: AreaMessages = {
  zh: {
    'rollup.title': '下级单位督办汇总',
    'rollup.help':
      '以下为向本级报送的下级纪委监委的督办数据汇总，仅含统计数字（办结数为{year}年度）。具体任务、人员和单位由各地自行掌握。',
    'rollup.caption': '各下级纪委监委督办情况',
    'rollup.empty': '暂无向本级报送的下级单位。',
    'rollup.col.name': '下级单位',
    'rollup.col.open': '在办任务',
    'rollup.col.lights': '指示灯',
    'rollup.col.overdue': '已逾期（升级督办）',
    'rollup.col.completed': '本年办结',
    'rollup.col.cycle': '年度周期',
    'rollup.col.bulletin': '最近通报',
    'rollup.red': '红灯',
    'rollup.yellow': '黄灯',
    'rollup.green': '绿灯',
    'rollup.overdue': '{total} 项（L1 {l1}，L2 {l2}，L3 {l3}）',
    'rollup.completed': '按期 {onTime} 项，逾期 {late} 项',
    'rollup.noCycle': '未启动',
    'rollup.noBulletin': '尚无通报',
    'rollup.under': '隶属{parent}',
  },
  en: {
    'rollup.title': 'Roll-up of the organisations under us',
    'rollup.help':
      'Figures of the commissions that report to us, and only figures (completions in {year}). Their tasks, people and units stay with them.',
    'rollup.caption': 'The organisations under us',
    'rollup.empty': 'No organisation reports to us.',
    'rollup.col.name': 'Organisation',
    'rollup.col.open': 'Open tasks',
    'rollup.col.lights': 'Lights',
    'rollup.col.overdue': 'Overdue (escalated)',
    'rollup.col.completed': 'Completed this year',
    'rollup.col.cycle': 'Annual cycle',
    'rollup.col.bulletin': 'Latest bulletin',
    'rollup.red': 'red',
    'rollup.yellow': 'yellow',
    'rollup.green': 'green',
    'rollup.overdue': '{total} (L1 {l1}, L2 {l2}, L3 {l3})',
    'rollup.completed': '{onTime} on time, {late} late',
    'rollup.noCycle': 'not opened',
    'rollup.noBulletin': 'none yet',
    'rollup.under': 'under {parent}',
  },
};

export default messages;
