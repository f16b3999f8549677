import { ORG_MODEL_ID, type ScoringModel, type ScoringModels } from '../../config/scoring-model';
import { modelOfContent, type ScoringModelContent } from '../../config/scoring-model-rules';
import type { Queryable } from '../transaction';
import { readRuleVersion } from './rule-versions';

/** The model an organisation's version of its scoring model gives: 0 is the deployment's default, n its version n. */
export async function scoringModelVersion(
  db: Queryable,
  orgId: string,
  version: number,
  models: ScoringModels,
): Promise<ScoringModel | undefined> {
  if (version === 0) return models.default;
  const found = await readRuleVersion<ScoringModelContent>(db, orgId, 'scoring-model', version);
  return found && modelOfContent(found.content, found.version);
}

/** The organisation's scoring model in force (its newest version), or the deployment's default while it has none. */
export async function scoringModelInForce(
  db: Queryable,
  orgId: string,
  models: ScoringModels,
): Promise<{ ruleVersion: number; model: ScoringModel }> {
  const newest = await readRuleVersion<ScoringModelContent>(db, orgId, 'scoring-model');
  if (!newest) return { ruleVersion: 0, model: models.default };
  return { ruleVersion: newest.version, model: modelOfContent(newest.content, newest.version) };
}

/** The model a cycle names (`{ id, version }`): one of the deployment's file, or (`org`) a version of the organisation. */
export async function findScoringModel(
  db: Queryable,
  orgId: string,
  ref: { id: string; version: number },
  models: ScoringModels,
): Promise<ScoringModel | undefined> {
  if (ref.id !== ORG_MODEL_ID) return models.find(ref.id, ref.version);
  return ref.version >= 1 ? scoringModelVersion(db, orgId, ref.version, models) : undefined;
}
