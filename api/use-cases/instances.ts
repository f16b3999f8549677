import type { UpdateDefinition } from '@temporalio/client';
import type { Pool } from 'pg';
import { findCase, type CaseRow } from '../../db/queries/case-read';
import { findCycle, type CycleRow } from '../../db/queries/cycles';
import { findInspection, type InspectionRow } from '../../db/queries/inspection-read';
import { findMeeting, type MeetingRow } from '../../db/queries/meetings';
import type { ListScope, Page } from '../../db/queries/read-page';
import { findTask, type TaskRow } from '../../db/queries/task-read';
import type { Actor } from '../../procedures/task/messages';
import { auditRefusal, authorise, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError } from '../errors';
import type { Action, PolicyObject } from '../policy';
import { act, type Instance } from './act';

/**
 * The one scope rule per role, for every list, board and count: the office and the leadership group see the whole
 * organisation; a unit what concerns its unit; a leader what concerns the units they are responsible for (and what
 * names them). A detail is decided by the policy (api/policy.ts) on the instance itself, which agrees with it.
 */
export const listScopeOf = ({ identity }: Caller): ListScope => ({
  orgId: identity.orgId,
  wholeOrg: identity.roles.includes('OFFICE') || identity.roles.includes('GROUP'),
  unitId: identity.roles.includes('UNIT') ? identity.unitId : undefined,
  leaderId: identity.roles.includes('LEADER') ? identity.personId : undefined,
});

/** A kind of procedure instance as the API finds it: its read-model row, what the policy sees of it, its texts. */
export interface InstanceKind<Row extends { id: string; workflowId: string }> {
  type: Instance['type'];
  /** The action that lists such instances. */
  list: Action;
  /** The 404's text, for an instance that does not exist and for one the caller may not see alike. */
  missing: string;
  find(db: Pool, id: string): Promise<Row | undefined>;
  policyObject(row: Row): PolicyObject;
  /** Why an action is refused once the instance's workflow has ended. */
  ended(row: Row): string;
}

/** A kind whose policy object is its row (a task, a meeting, a round: the row carries the scope's columns). */
const kindOf = <Row extends { id: string; workflowId: string }>(
  type: 'task' | 'meeting' | 'inspection',
  missing: string,
  find: InstanceKind<Row>['find'],
  ended: InstanceKind<Row>['ended'],
): InstanceKind<Row> => ({
  type,
  list: type === 'task' ? 'task.list' : `${type}.read`,
  missing,
  find,
  policyObject: (row) => ({ ...row, type }) as unknown as PolicyObject,
  ended,
});

const CLOSED_LABEL: Record<string, string> = { ACCEPTED: '已办结', CANCELLED: '已撤销' };

export const TASK = kindOf<TaskRow>('task', '任务不存在', findTask, (task) => {
  return `任务${CLOSED_LABEL[task.state] ?? '流程已结束'}，不能再操作`;
});
export const MEETING = kindOf<MeetingRow>('meeting', '会议不存在', findMeeting, () => '会议流程已结束，不能再办理');
export const INSPECTION = kindOf<InspectionRow>('inspection', '检查轮次不存在', findInspection, () => {
  return '检查流程已结束，不能再办理';
});

/** A case concerns its unit, the leader it names, its unit's leader and the people its decision names. */
export const CASE: InstanceKind<CaseRow> = {
  type: 'case',
  list: 'case.read',
  missing: '案件不存在',
  find: findCase,
  policyObject: (c) => ({
    type: 'case',
    orgId: c.orgId,
    unitId: c.unitId,
    leaderIds: [c.leaderId, c.unitLeaderId, ...c.persons].filter((p): p is string => p !== null),
  }),
  ended: () => '案件已办结，不能再办理',
};

/** A cycle belongs to its organisation: whoever may act on cycles there sees it. */
export const CYCLE: InstanceKind<CycleRow> = {
  type: 'cycle',
  list: 'cycle.read',
  missing: '年度周期不存在',
  find: findCycle,
  policyObject: (cycle) => ({ type: 'organisation', orgId: cycle.orgId }),
  ended: () => '年度周期已经结束',
};

/**
 * A page of the instances of `kind` the caller may see: `list` reads them with the caller's scope (the one rule per
 * role), `view` shapes each row as the API shows it.
 */
export async function findVisible<Row, View>(
  deps: AppDeps,
  caller: Caller,
  kind: InstanceKind<{ id: string; workflowId: string }>,
  page: Page,
  list: (scope: ListScope) => Promise<{ items: Row[]; total: number }>,
  view: (row: Row) => View,
): Promise<{ items: View[]; total: number; limit: number; offset: number }> {
  await authoriseFunction(deps, caller, kind.list, { type: kind.type });
  const { items, total } = await list(listScopeOf(caller));
  return { items: items.map(view), total, ...page };
}

/**
 * The instance `id` of `kind`, once the caller may take `action` on it: 403 when their roles may never take it, 404
 * (the same answer whether it is missing or out of their scope) when they may not see it; refusals of mutations are
 * audited.
 */
export async function visible<Row extends { id: string; workflowId: string }>(
  deps: AppDeps,
  caller: Caller,
  kind: InstanceKind<Row>,
  id: string,
  action: Action,
): Promise<Row> {
  const ref = { type: kind.type, id };
  await authoriseFunction(deps, caller, action, ref);
  const row = await kind.find(deps.db, id);
  if (!row) {
    await auditRefusal(deps, caller, action, ref, `no such ${kind.type}`);
    throw AppError.notFound(kind.missing);
  }
  await authorise(deps, caller, action, kind.policyObject(row), ref, kind.missing);
  return row;
}

/** One action on an instance found by `visible` (act: 409 with the machine's reason when refused). */
export const actOn = <Row extends { id: string; workflowId: string }, A extends { actor: Actor }, S>(
  deps: AppDeps,
  caller: Caller,
  kind: InstanceKind<Row>,
  row: Row,
  action: Action,
  update: UpdateDefinition<S, [A]>,
  args: Omit<A, 'actor'>,
): Promise<S> =>
  act(
    deps,
    caller,
    { type: kind.type, id: row.id, workflowId: row.workflowId, ended: kind.ended(row) },
    action,
    update,
    args,
  );
