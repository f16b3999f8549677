import type { InspectionRow } from '../../db/queries/inspection-read';
import type { Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { AppError, said, type Said } from '../errors';
import { decide, type Action } from '../policy';
import { visibleUnits } from './inspection-scope';
import { CASE, INSPECTION, TASK, visible, type InstanceKind } from './instances';

/**
 * What attachments (佐证材料, issue 21 item 1) belong to: a task; one unit's part of an inspection round (its self-check
 * and the findings recorded for it, `<roundId>:<unitId>`); an accountability case (the unit's statement).
 */
export const OWNER_TYPES = ['task', 'inspection-unit', 'case'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];

/** An owner of attachments as the caller found it in their scope: its files are its organisation's. */
export interface AttachmentOwner {
  type: OwnerType;
  id: string;
  orgId: string;
}

/** Reading its files, or uploading one (which needs more than seeing it). */
export type OwnerUse = 'read' | 'upload';

interface OwnerKind {
  /** Where a file given with an action must have been uploaded, as a refusal names it: 「请先上传到本任务」. */
  here: Said;
  /**
   * The owner `ownerId` in the caller's scope, for `use`: 404 (its kind's text) alike when it does not exist and when
   * the caller does not see it; 403 when they see it but may not upload. Finding the owner audits a refused read of
   * it as reading it would (`visible`); the caller audits the upload.
   */
  find(deps: AppDeps, caller: Caller, ownerId: string, use: OwnerUse): Promise<AttachmentOwner>;
}

/**
 * An instance of `kind` as an owner of files: who may `read` it reads them; who may take `upload` on it uploads them
 * (403 otherwise).
 */
const instanceOwner = <Row extends { id: string; workflowId: string; orgId: string }>(
  type: OwnerType,
  kind: InstanceKind<Row>,
  here: Said,
  actions: { read: Action; upload: Action },
): OwnerKind => ({
  here,
  find: async (deps, caller, id, use) => {
    // A read action: `visible` answers 404 for what the caller may not see, and leaves the audit to the caller.
    const row = await visible(deps, caller, kind, id, actions.read);
    if (use === 'upload' && decide(caller.identity, actions.upload, kind.policyObject(row)) !== 'ALLOW') {
      throw AppError.forbidden();
    }
    return { type, id: row.id, orgId: row.orgId };
  },
});

/** One unit's part of a round: `<roundId>:<unitId>` (neither has a colon: ids are a-z, 0-9 and -). */
export const inspectionUnitOwnerId = (roundId: string, unitId: string) => `${roundId}:${unitId}`;

const INSPECTION_UNIT_MISSING = said(
  '检查轮次或被检查单位不存在',
  'There is no such inspection round or inspected unit',
);
/** A round as an owner of its units' files: a round the caller may not see, or a unit of it, is the same 404. */
const ROUND: InstanceKind<InspectionRow> = { ...INSPECTION, missing: INSPECTION_UNIT_MISSING };

/**
 * Whether the caller uploads to a unit's part of a round: the office (photos of its findings), the unit itself (files
 * of its self-check). Not a leader nor the group, who only read.
 */
const uploadsToUnit = (caller: Caller, round: InspectionRow, unitId: string) =>
  decide(caller.identity, 'inspection.findings', INSPECTION.policyObject(round)) === 'ALLOW' ||
  (caller.identity.unitId === unitId &&
    decide(caller.identity, 'inspection.selfCheck', INSPECTION.policyObject(round)) === 'ALLOW');

export const OWNERS: Record<OwnerType, OwnerKind> = {
  // Whoever sees the task reads; whoever may act on it (its lead and co-organising units, the office) uploads.
  task: instanceOwner('task', TASK, said('本任务', 'this task'), { read: 'task.read', upload: 'attachment.upload' }),
  // Exactly who sees the unit's self-check and findings in the round's detail (inspection-scope.ts) reads.
  'inspection-unit': {
    here: said('本单位的检查材料', 'this unit’s part of the round'),
    find: async (deps, caller, ownerId, use) => {
      const at = ownerId.lastIndexOf(':');
      const [roundId, unitId] = at > 0 ? [ownerId.slice(0, at), ownerId.slice(at + 1)] : [ownerId, ''];
      const round = await visible(deps, caller, ROUND, roundId, 'inspection.read');
      const units = await visibleUnits(deps, caller, round);
      if (!round.unitIds.includes(unitId) || (units !== null && !units.includes(unitId))) {
        throw AppError.notFound(INSPECTION_UNIT_MISSING);
      }
      if (use === 'upload' && !uploadsToUnit(caller, round, unitId)) throw AppError.forbidden();
      return { type: 'inspection-unit', id: inspectionUnitOwnerId(roundId, unitId), orgId: round.orgId };
    },
  },
  // Whoever sees the case reads; the unit concerned, which states its case (说明情况), uploads.
  case: instanceOwner('case', CASE, said('本案件', 'this case'), { read: 'case.read', upload: 'case.statement' }),
};

export const isOwnerType = (type: string): type is OwnerType => (OWNER_TYPES as readonly string[]).includes(type);

/** An instance already found in the caller's scope, as the owner of the files given with its actions. */
export const ownerOf = (type: OwnerType, row: { id: string; orgId: string }): AttachmentOwner => ({
  type,
  id: row.id,
  orgId: row.orgId,
});
