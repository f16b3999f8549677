import type { AreaMessages } from '../i18n';

/** Texts of a unit's answers to an inspection round (自查报告) and to an accountability case (说明情况). */
const messages: AreaMessages = {
  zh: {
    'unit.inspections.title': '检查自查',
    'unit.inspections.caption': '本单位被检查的轮次（按时间由近及远）',
    'unit.inspections.back': '← 返回检查列表',
    'unit.inspections.own': '本单位自查情况',
    'unit.selfCheck': '报送自查报告',
    'unit.selfCheckHelp': '先上传佐证材料（现场照片、台账等），报送时随自查报告一并提交。',
    'unit.selfCheckButton': '报送自查报告',
    'unit.selfCheck.report': '自查报告',
    'unit.selfCheck.files': '自查佐证材料',
    'unit.cases.title': '责任追究',
    'unit.cases.caption': '涉及本单位的责任追究案件（按立案时间由近及远）',
    'unit.cases.back': '← 返回案件列表',
    'unit.statement': '书面说明情况',
    'unit.statementHelp': '先上传说明材料，提交时随情况说明一并报送；提交后不能修改。',
    'unit.statementButton': '提交情况说明',
    'unit.statement.text': '情况说明',
    'unit.statement.files': '说明材料',
    'o2.inspections.unitFiles': '{unit}的检查材料',
    'o2.cases.files': '说明材料',
  },
  en: {
    'unit.inspections.title': 'Inspections',
    'unit.inspections.caption': 'Rounds inspecting the unit, newest first',
    'unit.inspections.back': '← Back to the rounds',
    'unit.inspections.own': 'The unit’s self-check',
    'unit.selfCheck': 'File the self-check report',
    'unit.selfCheckHelp': 'Upload the evidence first (photos, ledgers); it goes with the report when you file it.',
    'unit.selfCheckButton': 'File the report',
    'unit.selfCheck.report': 'Self-check report',
    'unit.selfCheck.files': 'Self-check evidence',
    'unit.cases.title': 'Accountability',
    'unit.cases.caption': 'Accountability cases concerning the unit, newest first',
    'unit.cases.back': '← Back to the cases',
    'unit.statement': 'Written statement',
    'unit.statementHelp':
      'Upload the supporting files first; they go with the statement, which cannot be changed after.',
    'unit.statementButton': 'Submit the statement',
    'unit.statement.text': 'Statement',
    'unit.statement.files': 'Supporting files',
    'o2.inspections.unitFiles': 'Files of {unit}',
    'o2.cases.files': 'Supporting files',
  },
};

export default messages;
