import { authorise, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said } from '../errors';

const AT = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One unit of the caller's organisation, active or retired (merged or not), with every name it had (issue 22: history
 * keeps the names it had) — the earlier ones from `unit_names` (migration 054), then its name now. Another
 * organisation's unit is missing.
 */
export async function readUnitHistory(deps: AppDeps, caller: Caller, unitId: string) {
  const { orgId } = caller.identity;
  await authorise(deps, caller, 'organisation.read', { type: 'organisation', orgId }, { type: 'unit', id: unitId });
  const { rows } = await deps.db.query<{
    id: string;
    name: string;
    kind: string;
    parentId: string | null;
    zoneId: string | null;
    active: boolean;
    retiredAt: string | null;
    retiredReason: string | null;
    successorId: string | null;
  }>({
    text: `SELECT id, name, kind, parent_id AS "parentId", zone_id AS "zoneId", active, ${AT('retired_at')} AS "retiredAt",
             retired_reason AS "retiredReason", successor_id AS "successorId"
           FROM units WHERE org_id = $1 AND id = $2`,
    values: [orgId, unitId],
  });
  const unit = rows[0];
  if (!unit) throw AppError.notFound(said('单位不存在', 'No such unit'));
  const earlier = await deps.db.query<{ name: string; from: string | null; until: string }>({
    text: `SELECT name, ${AT('valid_from')} AS "from", ${AT('valid_until')} AS until FROM unit_names
           WHERE unit_id = $1 ORDER BY valid_until, id`,
    values: [unitId],
  });
  const { retiredAt, retiredReason, successorId, ...own } = unit;
  const last = earlier.rows.at(-1);
  return {
    ...own,
    retired: retiredAt ? { at: retiredAt, reason: retiredReason, successorId } : null,
    names: [...earlier.rows, { name: unit.name, from: last?.until ?? null, until: null }],
  };
}
