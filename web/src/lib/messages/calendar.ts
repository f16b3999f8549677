import type { AreaMessages } from '../i18n';

/** Texts of the working-day calendar's page (工作日历, issue 22): a year's table, its impact preview and loading. */
const messages: AreaMessages = {
  zh: {
    'cal.title': '工作日历',
    'cal.intro':
      '本单位的工作日历：法定节假日放假，周末调休上班。载入本单位的年度日历后，本单位以它取代国家日历，在办任务按新日历重新计算期限。载入前可预览对在办任务的影响。',
    'cal.edit': '年度工作日历',
    'cal.year': '年份',
    'cal.read': '读取现行日历',
    'cal.none': '{year}年尚无工作日历，请按通知逐日填写。',
    'cal.current.ORGANISATION': '{year}年现行日历为本单位日历（{source}），载入于{at}。',
    'cal.current.NATIONAL': '{year}年现行日历为国家日历（{source}），载入于{at}。',
    'cal.source': '依据',
    'cal.sourceHint': '如：国务院办公厅关于2027年部分节假日安排的通知',
    'cal.holidays': '放假日期',
    'cal.daysHint': '一行一天：日期和名称，如“2027-10-01 国庆节”',
    'cal.workdays': '调休上班日期',
    'cal.workdaysHint': '须为周六或周日，一行一天，如“2027-09-26 国庆节调休”',
    'cal.previewTitle': '预览：载入{year}年工作日历',
    'cal.fires': '载入后立即触发',
    'cal.load': '载入{year}年工作日历',
    'cal.loaded': '已载入{year}年工作日历：放假{holidays}天，调休上班{workdays}天。',
    'cal.signalled': '已通知{n}项在办任务重新计算期限。',
    'cal.unchanged': '与原日历相同，在办任务的期限不变。',
  },
  en: {
    'cal.title': 'Working-day calendar',
    'cal.intro':
      'Your organisation’s working days: statutory holidays off, make-up weekend days on. A year’s table loaded here replaces the national one for your organisation, and running tasks recompute their deadlines. Preview its effect on running tasks before loading it.',
    'cal.edit': 'A year’s table',
    'cal.year': 'Year',
    'cal.read': 'Read the table in force',
    'cal.none': 'No table for {year} yet: enter it day by day from the notice.',
    'cal.current.ORGANISATION': 'In force for {year}: your organisation’s own table ({source}), loaded {at}.',
    'cal.current.NATIONAL': 'In force for {year}: the national table ({source}), loaded {at}.',
    'cal.source': 'Source',
    'cal.sourceHint': 'e.g. the State Council’s notice of the year’s holidays',
    'cal.holidays': 'Days off',
    'cal.daysHint': 'One a line: date and name, e.g. “2027-10-01 National Day”',
    'cal.workdays': 'Make-up working days',
    'cal.workdaysHint': 'A Saturday or Sunday, one a line',
    'cal.previewTitle': 'Preview: loading the table of {year}',
    'cal.fires': 'Falls due once loaded',
    'cal.load': 'Load the table of {year}',
    'cal.loaded': 'The table of {year} is loaded: {holidays} days off, {workdays} make-up working days.',
    'cal.signalled': ' {n} running tasks were told to recompute their deadlines.',
    'cal.unchanged': ' It is the same as before: no deadline moves.',
  },
};
export default messages;
