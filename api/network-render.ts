import ExcelJS from 'exceljs';
import type { ActivityTotals, MemberActivity } from '../db/queries/network-activity';

const KINDS: Record<string, string> = {
  SPECIAL_SUPERVISOR: '特约监察员',
  CONDUCT_SUPERVISOR: '政风行风监督员',
  INFORMANT: '信息员',
  DEPUTY: '人大代表',
  CPPCC_MEMBER: '政协委员',
};
const LEVELS: Record<string, string> = { DISTRICT: '区级', TOWN: '镇街、部门级', VILLAGE: '村（社区）级' };
const STATUSES: Record<string, string> = { ACTIVE: '在聘', PENDING: '待履职', EXPIRED: '聘期已满', RETIRED: '已解聘' };

const COUNTS = [
  ['提交反映', 'submissions'],
  ['转为督办任务', 'ledToTasks'],
  ['移送线索', 'referred'],
  ['直接答复', 'replied'],
  ['合并办理', 'merged'],
  ['说明理由办结', 'closed'],
  ['待办理', 'awaiting'],
  ['平均分办天数', 'daysToTriage'],
  ['平均反馈天数', 'daysToAnswer'],
  ['逾期反馈', 'answeredLate'],
  ['平均满意度（1-5）', 'rating'],
  ['检查意见', 'observations'],
  ['受邀评议', 'appraisalsInvited'],
  ['完成评议', 'appraisalsFinished'],
] as const;

/** The network's year as a workbook (sheet 履职情况): one row per member, then the totals. */
export async function renderNetworkActivityXlsx(a: {
  year: number;
  members: MemberActivity[];
  totals: ActivityTotals;
}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Heli';
  const sheet = book.addWorksheet('履职情况');
  sheet.addRow([`${a.year}年度监督网络成员履职情况`]).font = { bold: true };
  sheet.addRow(['姓名', '类别', '层级', '所在片区', '状态', ...COUNTS.map(([label]) => label)]).font = { bold: true };
  const figures = (row: Omit<ActivityTotals, 'members'>) => COUNTS.map(([, key]) => row[key] ?? '—');
  for (const m of a.members) {
    sheet.addRow([
      m.name,
      KINDS[m.kind] ?? m.kind,
      LEVELS[m.level] ?? m.level,
      m.areaName ?? '全区',
      STATUSES[m.status] ?? m.status,
      ...figures(m),
    ]);
  }
  sheet.addRow([`合计（${a.totals.members}人）`, '', '', '', '', ...figures(a.totals)]).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}
