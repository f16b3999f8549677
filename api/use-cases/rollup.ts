import { readRollup } from '../../db/queries/rollup';
import { localDate } from '../../procedures/time/working-days';
import { authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';

/**
 * The higher level's roll-up (DOMAIN.md "The organisation"; issue 17): for the office, leaders and leadership group
 * of an organisation, one row of figures per organisation under it, transitively. Being named as `parent` in a
 * district's organisation file is the whole grant, and it reaches these figures only: every other route answers the
 * higher level about a district's objects as about missing ones. Nothing under the caller's organisation: no rows.
 */
export async function getRollup(deps: AppDeps, caller: Caller) {
  await authoriseFunction(deps, caller, 'rollup.read', { type: 'rollup' });
  const year = Number(localDate(new Date()).slice(0, 4));
  return { year, items: await readRollup(deps.db, caller.identity.orgId, year) };
}
