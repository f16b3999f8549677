/** A local date (Asia/Shanghai, YYYY-MM-DD) `offsetDays` from today. */
export const shanghaiDate = (offsetDays: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** The festival check (节日期间作风建设专项检查) town-dongguan leads, as the office words it, without its time limit. */
export const festivalCheck = {
  title: '开展节日期间作风建设专项检查',
  leadUnitId: 'town-dongguan',
  leaderId: 'p-wang-hongmei',
  requirements: '对辖区内公车使用、公款吃喝开展检查',
  standard: '形成检查报告并报送组织协调室',
};
