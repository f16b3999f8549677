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
