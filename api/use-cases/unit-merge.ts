import { createHash } from 'node:crypto';
import { findUnit } from '../../db/queries/organisation-read';
import { openTasksOfUnit, readUnitRecord, retireUnit } from '../../db/queries/unit-merge';
import * as m from '../../procedures/task/messages';
import { auditActorOf, auditingRefusals, auditRefusal, authoriseFunction, type Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said } from '../errors';
import { FIELD } from '../field-texts';
import { BULK_CONCURRENCY, pooled } from './task-bulk';
import { actOnTask } from './tasks';

/** Units that answer for tasks: the office and the leadership group are never merged, nor an enforcement body. */
const MERGEABLE = new Set(['DEPARTMENT', 'TOWN', 'VILLAGE']);

export interface MergeBody {
  intoUnitId: string;
  reason: string;
}

/** The Update id of one task's reassignment in a merge: a retried merge sends the same, which Temporal applies once. */
const updateIdOf = (unitId: string, intoUnitId: string, taskId: string) =>
  `merge-${createHash('sha256').update(`${unitId}\n${intoUnitId}\n${taskId}`).digest('hex').slice(0, 40)}`;

/**
 * The administrator merges a unit into another (单位合并, issue 22): the unit is retired (never deleted: its history
 * keeps the name it had), its sub-units move under the successor, and each of its open tasks moves to the successor
 * through the office's own reassignment (改派) — as lead or co-organising unit, the timeline saying why, every rung,
 * report and entry it recorded kept. A task the reassignment refuses (submitted, paused) stays and is named with the
 * reason. Needs the ADMIN permission and the office's reassignment; a retried merge moves what is left, once.
 */
export async function mergeUnit(deps: AppDeps, caller: Caller, unitId: string, body: MergeBody) {
  const { orgId } = caller.identity;
  const ref = { type: 'unit', id: unitId };
  // Another organisation's unit, or one merged already, is missing (but to a retry of the same merge, which moves
  // what is left): looked up before the permission, so that it answers every caller as a missing id does.
  const unit = await readUnitRecord(deps.db, orgId, unitId);
  if (!unit || (!unit.active && unit.successorId !== body.intoUnitId)) {
    const missing = AppError.notFound(said('单位不存在', 'No such unit'));
    await auditRefusal(deps, caller, 'organisation.mergeUnit', ref, missing.message);
    throw missing;
  }
  await authoriseFunction(deps, caller, 'organisation.mergeUnit', ref);
  await authoriseFunction(deps, caller, 'task.reassign', ref);
  return auditingRefusals(deps, caller, 'organisation.mergeUnit', ref, async () => {
    const into = await findUnit(deps.db, body.intoUnitId);
    const problem =
      !into || into.orgId !== orgId
        ? FIELD.noUnit
        : into.id === unitId
          ? said('不能并入本单位', 'cannot merge a unit into itself')
          : !MERGEABLE.has(into.kind) || !MERGEABLE.has(unit.kind)
            ? said('只有部门、镇街和村社区可以合并', 'only departments, towns and villages merge')
            : null;
    if (!into || problem) {
      throw new AppError('invalid-merge', 422, said('单位合并不符合要求', 'The merge breaks a rule'), [
        { field: 'body.intoUnitId', message: problem ?? FIELD.noUnit },
      ]);
    }
    if (unit.active) {
      const audit = { ...auditActorOf(caller), action: 'organisation.mergeUnit' };
      await retireUnit(deps.db, { orgId, unitId, intoUnitId: into.id, reason: body.reason }, audit);
    }
    const tasks = await openTasksOfUnit(deps.db, orgId, unitId);
    const results = await pooled(tasks, BULK_CONCURRENCY, async (task) => {
      const swap = (id: string) => (id === unitId ? into.id : id);
      const leadUnitId = swap(task.leadUnitId);
      const coUnitIds = [...new Set(task.coUnitIds.map(swap))].filter((id) => id !== leadUnitId);
      const args = {
        leadUnitId,
        coUnitIds,
        leaderId: task.leaderId,
        reason: `单位合并：${unit.name}并入${into.name}（${body.reason}）`,
      };
      const one = { ...caller, updateId: updateIdOf(unitId, into.id, task.taskId) };
      try {
        await actOnTask(deps, one, task.taskId, { action: 'task.reassign', update: m.reassignTask }, args);
        return { taskId: task.taskId, title: task.title, moved: true as const, reason: null };
      } catch (err) {
        if (!(err instanceof AppError) || ![404, 409].includes(err.status)) throw err;
        return { taskId: task.taskId, title: task.title, moved: false as const, reason: err.text };
      }
    });
    return {
      unitId,
      intoUnitId: into.id,
      moved: results.filter((r) => r.moved).map(({ taskId, title }) => ({ taskId, title })),
      notMoved: results.filter((r) => !r.moved).map(({ taskId, title, reason }) => ({ taskId, title, reason })),
    };
  });
}
