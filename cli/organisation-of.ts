import type { Pool } from 'pg';
import { listOrganisationIds } from '../db/queries/organisation-read';
import { CliFailure, UsageError } from './cli-errors';

/**
 * The organisation a command acts on: `--org` (one that is loaded), else the only one loaded. Several loaded and no
 * `--org` is a usage error naming them.
 */
export async function organisationOf(db: Pool, org: string | undefined): Promise<string> {
  const ids = await listOrganisationIds(db);
  if (org) {
    if (!ids.includes(org)) throw new CliFailure(`没有组织 ${org}${ids.length ? `（已载入：${ids.join('、')}）` : ''}`);
    return org;
  }
  if (ids.length === 0) throw new CliFailure('尚未载入任何组织：先运行 heli org load <file>');
  if (ids.length > 1) throw new UsageError(`已载入 ${ids.length} 个组织，请用 --org <id> 指明其一：${ids.join('、')}`);
  return ids[0]!;
}
