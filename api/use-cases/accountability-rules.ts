import {
  accountabilityProblems,
  diffAccountability,
  type AccountabilityContent,
} from '../../config/accountability-rules';
import { accountabilityInForce } from '../../db/queries/rules-in-force';
import { said } from '../errors';
import { accountabilityOf } from './cases';
import { contentField, ruleVersionsOf } from './rule-kinds';

/**
 * The organisation's accountability policy (责任追究: the statement's limits, the threshold, the measures), edited by
 * the office with versions (issue 22). Version 0 is the deployment's config/accountability.yaml as loaded. A case
 * opened afterwards gets the version in force and keeps it: a running case is decided with the measures it was opened
 * with, so removing a measure is allowed. A cycle opened afterwards takes its threshold. Office only.
 */
export const accountabilityRules = ruleVersionsOf<AccountabilityContent, 'accountability'>({
  kind: 'accountability',
  name: said('责任追究规则', 'The accountability policy'),
  inForce: (db, orgId, deps) => accountabilityInForce(db, orgId, () => accountabilityOf(deps)),
  problems: (content) =>
    accountabilityProblems(content).map((p) => ({ field: contentField(p.path), message: p.message })),
  diff: diffAccountability,
});
