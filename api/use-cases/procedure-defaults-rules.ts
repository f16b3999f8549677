import {
  diffProcedureDefaults,
  procedureDefaultsProblems,
  type ProcedureDefaults,
} from '../../config/procedure-defaults';
import { procedureDefaultsInForce } from '../../db/queries/rules-in-force';
import { said } from '../errors';
import { contentField, ruleVersionsOf } from './rule-kinds';

/**
 * The organisation's defaults of the meeting and inspection procedures, edited by the office with versions (issue
 * 22). Version 0 is the code's own. Cycles opened afterwards take their calendar; meetings and rounds started
 * afterwards their minutes limit, escalation offset, place and checklist, and keep them. Office only.
 */
export const procedureDefaultsRules = ruleVersionsOf<ProcedureDefaults, 'procedure-defaults'>({
  kind: 'procedure-defaults',
  name: { ...said('会议和检查督办的默认设置', 'The procedures’ defaults'), plural: true },
  inForce: (db, orgId) => procedureDefaultsInForce(db, orgId),
  problems: (content) =>
    procedureDefaultsProblems(content).map((p) => ({ field: contentField(p.path), message: p.message })),
  diff: diffProcedureDefaults,
});
