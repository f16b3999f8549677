import { findPerson, organisationName } from '../../db/queries/organisation-read';
import { readCaseDetails } from '../../db/queries/case-read';
import { caseDecisionDocument } from '../../render/case-decision';
import type { PrintDocument } from '../../render/document';
import { SOURCE_LABEL, sourceText } from '../../procedures/case/texts';
import { localDate } from '../../procedures/time/working-days';
import type { Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said } from '../errors';
import { CASE, visible } from './instances';

/**
 * The accountability decision (问责决定书) of a case, for whoever sees the case; 409 until the office has decided it.
 * The people it names by their names, as the case's readers see them in its detail.
 */
export async function caseDecision(deps: AppDeps, caller: Caller, caseId: string): Promise<PrintDocument> {
  const c = await visible(deps, caller, CASE, caseId, 'case.read');
  if (!c.decidedAt || !c.measure) {
    throw AppError.conflict(
      said('该案件尚未作出处理决定，暂无问责决定书', 'The case is not decided yet: there is no decision to print'),
    );
  }
  const nameOf = async (id: string | null) => (id ? ((await findPerson(deps.db, id))?.name ?? id) : null);
  const [orgName, details, leaderName, persons] = await Promise.all([
    organisationName(deps.db, c.orgId),
    readCaseDetails(deps.db, c.id),
    // The leader the case named, not whoever leads the unit when it is printed.
    nameOf(c.leaderId),
    Promise.all(c.persons.map(async (p) => (await nameOf(p)) ?? p)),
  ]);
  return caseDecisionDocument({
    orgName,
    caseId: c.id,
    unitName: c.unitName,
    leaderName,
    reason: sourceText(c.source, c.unitName),
    sourceLabel: SOURCE_LABEL[c.sourceKind],
    openedOn: localDate(c.openedAt),
    statement:
      c.statementAt && details.statement
        ? { on: localDate(c.statementAt), late: c.statementLate, text: details.statement }
        : null,
    measureCode: c.measure,
    measureName: c.measureName ?? c.measure,
    basis: c.basis ?? '',
    persons,
    decidedOn: localDate(c.decidedAt),
  });
}
