import type { PoolClient } from 'pg';
import { fromFileShape, type OrganisationContent } from '../org-file';
import { OPEN_STATES } from '../../procedures/task/rules';
import { writeTree } from './load-organisation';
import { openTasksOfUnit } from './unit-merge';

const gone = <T extends { id: string }>(a: T[], b: T[]) => a.filter((x) => !b.some((y) => y.id === x.id));

/**
 * What an edit from `before` to `next` would orphan (issue 22), in sentences: the open tasks of each unit it retires
 * (a merge hands them to the successor instead), and those whose responsible leader or handler it deactivates.
 */
export async function openDutiesLeft(
  client: PoolClient,
  orgId: string,
  before: OrganisationContent,
  next: OrganisationContent,
): Promise<string[]> {
  const duties: string[] = [];
  for (const unit of gone(before.units, next.units)) {
    const tasks = await openTasksOfUnit(client, orgId, unit.id);
    if (tasks.length > 0) {
      duties.push(`单位“${unit.name}”尚有${tasks.length}项在办任务（${tasks.map((t) => t.title).join('、')}）`);
    }
  }
  for (const person of gone(before.people, next.people)) {
    const { rows } = await client.query<{ title: string }>({
      text: `SELECT title FROM tasks WHERE org_id = $1 AND state = ANY ($3) AND (leader_id = $2
               OR EXISTS (SELECT 1 FROM jsonb_each_text(handlers) h WHERE h.value = $2)) ORDER BY id`,
      values: [orgId, person.id, OPEN_STATES],
    });
    if (rows.length > 0) {
      duties.push(
        `${person.name}是${rows.length}项在办任务的分管领导或承办人（${rows.map((r) => r.title).join('、')}）`,
      );
    }
  }
  return duties;
}

/**
 * Writes the organisation an edit leaves, through the file load's own writer: a unit left out is retired for good
 * (when and why kept; never deleted), a person left out deactivated.
 */
export async function writeOrganisation(
  client: PoolClient,
  orgId: string,
  before: OrganisationContent,
  next: OrganisationContent,
  reason: string,
): Promise<void> {
  await client.query({
    text: 'UPDATE organisations SET name = $2, time_zone = $3 WHERE id = $1',
    values: [orgId, next.organisation.name, next.organisation.timeZone],
  });
  await writeTree(client, fromFileShape(next));
  await client.query({
    text: `UPDATE units SET active = false, retired_at = now(), retired_reason = $3 WHERE org_id = $1 AND id = ANY ($2)`,
    values: [orgId, gone(before.units, next.units).map((u) => u.id), reason],
  });
  await client.query({
    text: 'UPDATE people SET active = false WHERE org_id = $1 AND id = ANY ($2)',
    values: [orgId, gone(before.people, next.people).map((p) => p.id)],
  });
}
