import { existsSync, writeFileSync } from 'node:fs';
import type { Pool } from 'pg';
import { stringify } from 'yaml';
import { readOrganisationContent } from '../db/queries/organisation-content';
import { CliFailure } from './cli-errors';
import { organisationOf } from './organisation-of';

/**
 * `heli org export [file]`: the organisation as it stands, in the organisation file's shape (the same document as
 * `GET /v1/rules/organisation/export`), as YAML: a file `heli org load` takes back. Without a file it goes to stdout;
 * an existing file is overwritten only with `force` (it may be the hand-edited original).
 */
export async function exportOrganisation(
  db: Pool,
  options: { org?: string; file?: string; shown?: string; force?: boolean },
): Promise<string> {
  const orgId = await organisationOf(db, options.org);
  const content = await readOrganisationContent(db, orgId);
  const yaml =
    `# 组织架构（${content.organisation.name}），heli org export 导出于 ${new Date().toISOString()}；` +
    `可用 heli org load 载入\n${stringify(content, { lineWidth: 0 })}`;
  if (!options.file) return yaml;
  if (existsSync(options.file) && !options.force) {
    throw new CliFailure(`文件已存在：${options.shown ?? options.file}（覆盖请加 --force）`);
  }
  writeFileSync(options.file, yaml);
  return `exported ${orgId} to ${options.shown ?? options.file}: ${content.units.length} unit(s), ${content.people.length} person(s)\n`;
}
