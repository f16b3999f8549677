import type { AccountabilityConfig } from '../../config/accountability';
import { contentOfAccountability, type AccountabilityContent } from '../../config/accountability-rules';
import { cycleSettingsOf, shippedProcedureDefaults, type ProcedureDefaults } from '../../config/procedure-defaults';
import type { CycleSettings } from '../../procedures/cycle/messages';
import type { Queryable } from '../transaction';
import { readRuleVersion } from './rule-versions';

/**
 * The organisation's accountability policy in force (issue 22): its newest version, or (none published) the
 * deployment's file as loaded, read by `shipped` only then.
 */
export async function accountabilityInForce(
  db: Queryable,
  orgId: string,
  shipped: () => AccountabilityConfig,
): Promise<AccountabilityContent> {
  const newest = await readRuleVersion<AccountabilityContent>(db, orgId, 'accountability');
  return newest?.content ?? contentOfAccountability(shipped());
}

/** The organisation's defaults of meetings and inspections in force: its newest version, or the code's own. */
export async function procedureDefaultsInForce(db: Queryable, orgId: string): Promise<ProcedureDefaults> {
  const newest = await readRuleVersion<ProcedureDefaults>(db, orgId, 'procedure-defaults');
  return newest?.content ?? shippedProcedureDefaults();
}

/**
 * What a cycle opened now takes from the organisation's rules in force: the calendar of its meetings and inspection
 * rounds (procedure defaults) and the score below which its assessment opens a case (accountability). The cycle keeps
 * them: a later version reaches cycles opened after it.
 */
export async function cycleSettingsInForce(
  db: Queryable,
  orgId: string,
  shipped: () => AccountabilityConfig,
): Promise<Partial<CycleSettings>> {
  const [defaults, accountability] = await Promise.all([
    procedureDefaultsInForce(db, orgId),
    accountabilityInForce(db, orgId, shipped),
  ]);
  return { ...cycleSettingsOf(defaults), assessmentThreshold: accountability.assessmentThreshold };
}
