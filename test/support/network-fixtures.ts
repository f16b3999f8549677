/**
 * Bodies for the supervision network's routes (监督网络). 吴刚 (p-wu-gang), a village informant of the example
 * organisation, left in 2026: the office may appoint him anew, once.
 */
export const reappointWuGang = {
  personId: 'p-wu-gang',
  kind: 'INFORMANT',
  level: 'VILLAGE',
  areaUnitId: 'village-guangming',
  termFrom: '2026-07-01',
  termTo: '2030-12-31',
  reason: '重新聘任',
};

let renewalYear = 2040;
/** A renewal of a term to a later year each time, so that every call is a renewal the office may make. */
export const laterRenewal = () => ({ termTo: `${++renewalYear}-12-31`, reason: '续聘' });

/** A member's problem report (问题反映) about town-dongguan, as a serving member submits it. */
export const submissionBody = {
  kind: 'PROBLEM',
  subjectUnitId: 'town-dongguan',
  what: '便民服务中心窗口人员上班时间离岗',
  where: '东关街道便民服务中心',
  happenedOn: '2026-11-30',
};

/** The office's triage of a submission into a supervised task for its unit (转交办). */
export const submissionTask = {
  title: '规范便民服务中心窗口工作纪律',
  leaderId: 'p-wang-hongmei',
  requirements: '核查窗口人员在岗情况',
  standard: '形成整改报告',
  workingDays: 10,
};
