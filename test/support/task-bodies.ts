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

/**
 * A one-task plan (dept-finance's pledges) for `year`; `id` names the example organisation's ids in another one
 * (its copy with other ids).
 */
export const onePlanBody = (year: number, id: (exampleId: string) => string = (x) => x) => ({
  year,
  goals: [
    {
      id: 'duty',
      title: '压实主体责任',
      tasks: [
        {
          key: 'pledges',
          title: '签订党风廉政建设责任书',
          leadUnit: id('dept-finance'),
          leader: id('p-wu-haitao'),
          requirements: '逐级签订责任书',
          standard: '签订率100%',
          dueDate: `${year}-03-31`,
        },
      ],
    },
  ],
});

/** A routine task town-dongguan leads under 王红梅, as the office assigns it (`POST /v1/tasks`). */
export const dongguanTask = (
  title: string,
  dueDate: string,
  fields: { requirements?: string; standard?: string } = {},
) => ({
  title,
  type: 'ROUTINE',
  leadUnitId: 'town-dongguan',
  coUnitIds: [],
  leaderId: 'p-wang-hongmei',
  requirements: fields.requirements ?? '逐项核查',
  standard: fields.standard ?? '核查报告',
  dueDate,
});
