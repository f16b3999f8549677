import { withOrganisationPolicies, type TaskPolicies } from '../../config/task-policy';
import { readOwnTaskPolicies } from '../../db/queries/organisation-read';
import type { AppDeps } from '../deps';

/**
 * The task types an organisation works with: the deployment's (TASK_POLICY_FILE), each replaced by the
 * organisation's own type of the same name, and its own other types added. Read from the database each time, so
 * every API process sees a reloaded organisation file at once.
 */
export async function taskPoliciesOf(deps: Pick<AppDeps, 'db' | 'taskPolicies'>, orgId: string): Promise<TaskPolicies> {
  return withOrganisationPolicies(deps.taskPolicies, await readOwnTaskPolicies(deps.db, orgId));
}
