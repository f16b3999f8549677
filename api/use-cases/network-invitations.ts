import { activeNetworkMember } from '../../db/queries/network-members';
import { said, type FieldProblem } from '../errors';
import { FIELD } from '../field-texts';
import type { AppDeps } from '../deps';

const NOT_SERVING = said(
  '不是在任的监督网络成员（未聘任、任期未开始、已到期或已解聘）',
  'not a serving member of the supervision network (never appointed, not yet, expired or retired)',
);

/**
 * The problems of a list of members the office invites (into an inspection round or a conduct appraisal): each must
 * serve in the supervision network today (issue 19: an appointment within its term, not retired), listed once.
 */
export async function invitationProblems(
  deps: AppDeps,
  orgId: string,
  personIds: string[],
  field: string,
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const [i, personId] of personIds.entries()) {
    if (personIds.indexOf(personId) !== i) problems.push({ field: `${field}[${i}]`, message: FIELD.listedTwice });
    else if (!(await activeNetworkMember(deps.db, orgId, personId))) {
      problems.push({ field: `${field}[${i}]`, message: NOT_SERVING });
    }
  }
  return problems;
}
