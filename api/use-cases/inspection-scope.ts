import type { InspectionRow } from '../../db/queries/inspection-read';
import { findUnit } from '../../db/queries/organisation-read';
import type { Caller } from '../authorise';
import type { AppDeps } from '../deps';

/**
 * The units of a round whose self-checks and findings the caller may read: null for the office and the group (all);
 * a unit its own, a leader those they are responsible for. The round's detail and the files of each unit's part
 * (api/use-cases/attachment-owners.ts) read it alike.
 */
export async function visibleUnits(deps: AppDeps, caller: Caller, round: InspectionRow): Promise<string[] | null> {
  const { roles, unitId, personId } = caller.identity;
  if (roles.includes('OFFICE') || roles.includes('GROUP')) return null;
  const own = roles.includes('UNIT') && round.unitIds.includes(unitId) ? [unitId] : [];
  const led: string[] = [];
  if (roles.includes('LEADER')) {
    for (const id of round.unitIds) if ((await findUnit(deps.db, id))?.leaderId === personId) led.push(id);
  }
  return [...new Set([...own, ...led])];
}
