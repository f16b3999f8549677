import type { AreaMessages } from '../i18n';

/** Texts of merging units (单位合并, the administrator's): the form, its confirmation and what moved. */
const messages: AreaMessages = {
  zh: {
    'merge.title': '单位合并',
    'merge.intro':
      '机构调整时，将一个单位并入另一个单位：原单位停用，其下级单位划归并入单位，其未办结的任务改派至并入单位，办理记录保留。已报结或已挂账等不能改派的任务留在原处并说明原因，由组织协调室逐项处理。',
    'merge.unit': '被合并单位',
    'merge.into': '并入单位',
    'merge.pick': '请选择',
    'merge.reason': '合并原因',
    'merge.reasonHint': '如机构改革的文件名称和文号',
    'merge.submit': '合并单位',
    'merge.confirmText': '确认将“{unit}”并入“{into}”？合并后“{unit}”停用，不能撤销。',
    'merge.confirm': '确认合并',
    'merge.back': '返回修改',
    'merge.done': '已将“{unit}”并入“{into}”。',
    'merge.moved': '已改派至并入单位的任务（{n}项）',
    'merge.movedNone': '没有改派的任务。',
    'merge.notMoved': '未能改派的任务（{n}项）',
    'merge.notMovedNone': '没有未能改派的任务。',
    'merge.task': '任务',
    'merge.why': '原因',
  },
  en: {
    'merge.title': 'Merge units',
    'merge.intro':
      'When units are reorganised, merge one into another: the unit is retired, its sub-units move under the successor and its open tasks are reassigned to it, their history kept. A task that cannot be reassigned (submitted, paused) stays, with the reason; the office decides each.',
    'merge.unit': 'Unit merged',
    'merge.into': 'Successor',
    'merge.pick': 'Choose',
    'merge.reason': 'Reason',
    'merge.reasonHint': 'e.g. the reorganisation’s document and its number',
    'merge.submit': 'Merge',
    'merge.confirmText': 'Merge “{unit}” into “{into}”? “{unit}” is then retired; this cannot be undone.',
    'merge.confirm': 'Confirm the merge',
    'merge.back': 'Back',
    'merge.done': '“{unit}” is merged into “{into}”.',
    'merge.moved': 'Tasks reassigned to the successor ({n})',
    'merge.movedNone': 'No task was reassigned.',
    'merge.notMoved': 'Tasks not reassigned ({n})',
    'merge.notMovedNone': 'Every open task was reassigned.',
    'merge.task': 'Task',
    'merge.why': 'Why',
  },
};
export default messages;
