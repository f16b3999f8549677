import { z } from 'zod';
import { schemaMessage } from '../config/issue-text';
import { text } from '../db/text-schema';
import { INSTRUCTION_SEVERITIES } from '../procedures/task/messages';

export { text } from '../db/text-schema';

/** Ids of units, people and tasks: short ASCII, so they are safe in URLs and workflow ids. */
export const id = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,63}$/,
    schemaMessage('须为编号：小写字母 a-z、数字 0-9 和连字符 -', 'expected an id of a-z, 0-9 and -'),
  );

/** A moment, answered as an ISO 8601 string whether the database gave a Date or a string. */
export const timestamp = z
  .union([z.date(), z.string()])
  .transform((v) => new Date(v).toISOString())
  .pipe(z.iso.datetime());

/** A moment given with any UTC offset, normalised to UTC. */
export const instant = z.iso
  .datetime({ offset: true })
  .transform((v) => new Date(v).toISOString())
  .pipe(z.iso.datetime());

/** A whole number in a query; a blank one (`?offset=`) is refused, where coercion alone would read it as 0. */
const queryInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? Number.NaN : v),
    z.coerce.number().int().min(min).max(max),
  );

export const pageQuery = {
  limit: queryInt(1, 200).default(50).describe('Page size, at most 200; 50 when absent'),
  offset: queryInt(0, 1_000_000).default(0).describe('Rows to skip; 0 when absent'),
};

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const unitSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    name: z.string(),
    kind: z.enum(['OFFICE', 'DEPARTMENT', 'TOWN', 'VILLAGE', 'GROUP', 'ENFORCEMENT']),
    level: z.number().int(),
    parentId: z.string().nullable(),
    zoneId: z.string().nullable(),
    zoneName: z.string().nullable(),
    agency: z.enum(['POLICE', 'PROCURATORATE', 'COURT', 'AUDIT']).nullable(),
    headId: z.string().nullable(),
    leaderId: z.string().nullable(),
    groupMember: z.boolean(),
  })
  .meta({ id: 'Unit' });

export const personSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    name: z.string(),
    unitId: z.string(),
    title: z.string(),
    roles: z.array(z.string()),
    majorCaseGroup: z.boolean(),
  })
  .meta({ id: 'Person' });

export const isoDate = z.iso.date().describe('A local date (Asia/Shanghai); a deadline ends 24:00 that day');

/** A time limit (工作时限): a date, or a number of working days from today; exactly one of the two. */
export const timeLimitFields = {
  dueDate: isoDate.optional().describe('Time limit as a date; give this or workingDays'),
  workingDays: z
    .number()
    .int()
    .min(1)
    .max(250)
    .optional()
    .describe('Time limit as N working days from today; give this or dueDate'),
};

/** The four-in-place of a task (四到位) but its time limit: lead and co-organising units, leader, requirements. */
export const assignmentFields = {
  leadUnitId: id.describe('Lead unit (牵头单位): the responsible subject'),
  coUnitIds: z.array(id).max(50).default([]).describe('Co-organising units (协办单位)'),
  leaderId: id.describe('Responsible leader (分管领导)'),
  requirements: text(5_000).describe('Task requirements (任务要求)'),
  standard: text(5_000).describe('Acceptance standard (落实标准)'),
  ...timeLimitFields,
};

/** A milestone (序时进度) as the office plans it: a date with an expected result, a percentage, or both. */
export const milestonePlanSchema = z
  .object({
    date: isoDate.describe(
      'The milestone falls due at 24:00 (Asia/Shanghai) that day: today at the earliest, the deadline at the latest',
    ),
    expected: text(1_000).optional().describe('The expected result by then (预期成果); give this, percent or both'),
    percent: z
      .number()
      .int()
      .min(0)
      .max(100)
      .optional()
      .describe('The percentage to reach by then; increasing by date'),
  })
  .strict()
  .meta({ id: 'MilestonePlan' });

/** Milestones as given at creation or when set again: at most 12 on a task. */
export const milestonePlans = z.array(milestonePlanSchema).max(12);

/** The leader's written instruction (批示件) a task is created from. */
export const instructionSchema = z
  .object({
    severity: z
      .enum(INSTRUCTION_SEVERITIES)
      .describe('The instructing leader’s level: DISTRICT 区领导, MUNICIPAL 市领导, PROVINCIAL 省级及以上领导'),
    by: text(100).describe('Who gave it (批示领导), e.g. 区委书记'),
    text: text(2_000).optional().describe('What it says (批示内容)'),
  })
  .strict()
  .meta({ id: 'Instruction' });

export const createTaskBody = z
  .object({
    title: text(200),
    type: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,39}$/)
      .default('ROUTINE')
      .describe('Task type (GET /v1/task-types), whose supervision policy applies'),
    ...assignmentFields,
    cycleId: id.optional().describe('The annual cycle the task belongs to; none for an ad-hoc task'),
    historical: z
      .boolean()
      .default(false)
      .describe(
        'Import a task assigned before Heli (补录): its dueDate may be past, and a lapse before the import is never ' +
          'escalated; audited as task.import',
      ),
    milestones: milestonePlans
      .optional()
      .describe('Milestones (序时进度): a missed one turns the light yellow and reminds the unit, without a rung'),
    instruction: instructionSchema
      .optional()
      .describe('Created from a leader’s written instruction (批示件): its severity starts the ladder higher'),
    namedSupervision: z
      .object({ reason: text(1_000).describe('Why (挂牌理由)') })
      .strict()
      .optional()
      .describe('Mark it for named supervision (挂牌督办) from the start: every rung goes one level higher'),
  })
  .strict()
  .meta({
    examples: [
      {
        title: '开展节日期间作风建设专项检查',
        type: 'ROUTINE',
        leadUnitId: 'town-dongguan',
        coUnitIds: ['dept-finance'],
        leaderId: 'p-wang-hongmei',
        requirements: '对公车使用、公款吃喝开展检查',
        standard: '形成检查报告',
        workingDays: 5,
      },
    ],
  });

export const reasonBody = z
  .object({ reason: text(1_000).describe('Why') })
  .strict()
  .meta({ examples: [{ reason: '与年度计划任务重复' }] });
export const cancelTaskBody = reasonBody;
export const emptyBody = z.object({}).strict();
export const progressBody = z
  .object({
    text: text(5_000),
    percent: z.number().int().min(0).max(100).optional(),
    milestoneId: z
      .string()
      .regex(/^m[0-9]{1,3}$/)
      .optional()
      .describe('The milestone (序时进度) the report answers; reported by its day it is met'),
  })
  .strict()
  .meta({ examples: [{ text: '已完成东岗镇 6 个村的走访检查，正在汇总问题清单', percent: 60 }] });
export const textBody = z.object({ text: text(5_000) }).strict();
/** Files given with an action (佐证材料): ids of the caller's own uploads to its owner, not yet given with a step. */
export const attachmentIds = z
  .array(text(100))
  .min(1)
  .max(50)
  .optional()
  .describe(
    'Files given with the action (佐证材料): ids of the caller’s own uploads to what the action is on (its ' +
      '`…/attachments` route) not yet given with another step; at most the configured number a step (default 10)',
  );
/** `attachmentIds` of an action whose files are `whose` own uploads to `where` (an owner's upload route). */
export const attachmentIdsFrom = (whose: string, where: string) =>
  attachmentIds.describe(
    `Files given with the action: ${whose} own uploads to ${where}, not yet given with another step`,
  );
export const submitBody = z
  .object({ summary: text(5_000).describe('What was done (办理结果)') })
  .strict()
  .meta({ examples: [{ summary: '检查报告已形成并报送，发现问题 3 项均已整改' }] });
export const acceptBody = z
  .object({
    rating: z.enum(['EXCELLENT', 'GOOD', 'FAIR', 'POOR']).describe('Quality rating: 优秀/良好/一般/较差'),
    comment: text(2_000).optional(),
  })
  .strict()
  .meta({ examples: [{ rating: 'GOOD', comment: '报告完整，整改到位' }] });
export const returnBody = z
  .object({ reasons: text(2_000), newDueDate: isoDate.optional().describe('New time limit for the rework') })
  .strict();
export const extensionBody = z
  .object({ reason: text(2_000), proposedDate: isoDate, progress: text(2_000).describe('Progress so far') })
  .strict()
  .meta({
    examples: [
      { reason: '涉及单位较多，走访尚未完成', proposedDate: '2027-02-28', progress: '已走访 6 个村中的 4 个' },
    ],
  });
export const extensionDecisionBody = z.object({ approve: z.boolean(), comment: text(2_000).optional() }).strict();
export const reassignBody = z
  .object({
    leadUnitId: id,
    coUnitIds: z.array(id).max(50).default([]),
    leaderId: id,
    reason: text(1_000),
  })
  .strict();
/** The office urges a task by hand (督办/催办, issue 20 item 3). */
export const urgeBody = z
  .object({
    text: text(2_000).describe('What the office urges (督办内容)'),
    toLeader: z.boolean().optional().describe('Copy the urging to the task’s responsible leader (抄送分管领导)'),
  })
  .strict()
  .meta({ examples: [{ text: '请于本周内报送整改进展', toLeader: true }] });
/** Cascade (三级联动): the villages (communities) a task is split for, each with its own time limit. */
export const subtasksBody = z
  .object({
    subtasks: z
      .array(
        z
          .object({
            unitId: id.describe('A village or community under the task’s lead unit'),
            dueDate: isoDate.describe('Its time limit: today at the earliest, the parent’s at the latest'),
            requirements: text(5_000)
              .optional()
              .describe('What the village does (the parent’s requirements when absent)'),
            standard: text(5_000).optional().describe('Its acceptance standard (the parent’s when absent)'),
          })
          .strict(),
      )
      .min(1)
      .max(50),
  })
  .strict()
  .meta({
    examples: [{ subtasks: [{ unitId: 'village-hekou', dueDate: '2027-03-20', requirements: '完成本村摸排' }] }],
  });
export const subtasksAnswer = z
  .object({
    subtasks: z.array(
      z.object({
        id: z.string(),
        unitId: z.string(),
        dueDate: z.string().nullable(),
        created: z.boolean().describe('false: the village had its sub-task already (a retried request)'),
      }),
    ),
  })
  .meta({ id: 'SubTasksStarted' });
/** The office marks a task for named supervision (挂牌督办) or lifts it (摘牌), issue 20 item 3. */
export const supervisionBody = z
  .object({
    named: z.boolean().describe('true: 挂牌督办; false: 摘牌'),
    reason: text(1_000).describe('Why (理由)'),
  })
  .strict()
  .meta({ examples: [{ named: true, reason: '群众反映强烈，列为挂牌督办事项' }] });
/** The office itself extends a task's time limit (延期, issue 20 item 7). */
export const officeExtensionBody = z
  .object({
    newDueDate: isoDate.describe('The new time limit: later than the one in force, not in the past'),
    reason: text(2_000).describe('Why the office extends it (延期理由)'),
  })
  .strict()
  .meta({ examples: [{ newDueDate: '2027-03-31', reason: '涉及多部门协调，经研究同意延期' }] });
/** A unit names its handler of a task (承办人, issue 20 item 5): an active person of the caller's own unit. */
export const handlerBody = z
  .object({ handlerId: id.describe('The person of the caller’s unit who handles the task') })
  .strict()
  .meta({ examples: [{ handlerId: 'p-yu-hong' }] });
/** Pause (挂账): the unit asks, the office decides, either resumes (issue 20 item 1). */
export const pauseRequestBody = z
  .object({
    category: z
      .enum(['HIGHER_AUTHORITY', 'COURT', 'BUDGET', 'OTHER'])
      .describe('Why the clock should stop: a higher authority, a court, a budget, or another reason outside the unit'),
    reason: text(2_000),
  })
  .strict()
  .meta({ examples: [{ category: 'COURT', reason: '涉及的土地权属纠纷尚在法院审理，须待判决后方能处置' }] });
/** The office sets the milestones from now on: those met or judged stay, the pending ones are replaced. */
export const milestonesBody = z
  .object({
    milestones: milestonePlans.describe('The plan from now on ([] drops every pending milestone)'),
    reason: text(1_000).optional().describe('Why the plan changes'),
  })
  .strict()
  .meta({
    examples: [{ milestones: [{ date: '2026-12-20', expected: '完成全部走访', percent: 50 }], reason: '细化进度' }],
  });

export const pauseDecisionBody = z
  .object({
    approve: z.boolean(),
    limitWorkingDays: z
      .number()
      .int()
      .min(1)
      .max(250)
      .optional()
      .describe('How long the clock may stand still, in working days; the task type’s default (20) when absent'),
    comment: text(2_000).optional().describe('Required when refusing: why'),
  })
  .strict()
  .meta({ examples: [{ approve: true, limitWorkingDays: 15, comment: '同意，判决后立即恢复办理' }] });
export const resumeBody = z.object({ comment: text(2_000).optional() }).strict();
/** Refusal (退单): the lead unit names the unit it believes responsible; the office rules (issue 20 item 2). */
export const refuseBody = z
  .object({
    responsibleUnitId: id.describe(
      'The unit the refusing unit believes responsible (a responsible unit of the organisation)',
    ),
    reason: text(2_000),
  })
  .strict()
  .meta({ examples: [{ responsibleUnitId: 'dept-finance', reason: '该事项属财政资金监管职责' }] });
export const refusalRulingBody = z
  .object({
    ruling: z.enum(['REASSIGN', 'INSIST']).describe('REASSIGN: the task moves with its history; INSIST: it stands'),
    reason: text(2_000),
    leadUnitId: id.optional().describe('For REASSIGN: the new lead unit; the one the refusal named when absent'),
    coUnitIds: z.array(id).max(50).optional().describe('For REASSIGN: the co-organising units; unchanged when absent'),
    leaderId: id.optional().describe('For REASSIGN: the responsible leader; unchanged when absent'),
  })
  .strict()
  .meta({ examples: [{ ruling: 'INSIST', reason: '该事项属属地管理职责，仍由东岗镇牵头' }] });

/**
 * The task list's filter, the one schema of it: the list's query (`GET /v1/tasks`), a saved view's filter and a bulk
 * action's selection (`POST /v1/tasks/bulk`) all take these fields, in the query-string form (`overdue: "true"`).
 */
export const taskFilterFields = {
  unit: id.optional().describe('Lead or co-organising unit'),
  leader: id.optional(),
  state: z.enum(['ASSIGNED', 'SIGNED', 'IN_PROGRESS', 'SUBMITTED', 'ACCEPTED', 'CANCELLED']).optional(),
  light: z.enum(['GREEN', 'YELLOW', 'RED', 'NONE', 'PAUSED']).optional().describe('PAUSED: the clock stands still'),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  cycle: id.optional(),
  leadUnit: id.optional().describe('Lead unit only (the board’s rows)'),
  goal: z
    .union([id, z.literal('-')])
    .optional()
    .describe('Goal of the plan; `-` for tasks without a goal (the board’s columns)'),
  dueMonth: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$|^-$/)
    .optional()
    .describe('Month of the time limit, YYYY-MM; `-` for tasks without a date (the board’s month columns)'),
  type: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{1,39}$/)
    .optional(),
  q: text(100).optional().describe('Words in the title or requirements'),
  named: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('Under named supervision (挂牌督办) now, or not'),
  instruction: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('Created from a leader’s written instruction (批示件), or not'),
};
export const taskFilter = z.object(taskFilterFields).strict();

export const taskListQuery = z
  .object({
    ...pageQuery,
    ...taskFilterFields,
    view: text(128)
      .optional()
      .describe('A saved view of the caller’s (`/v1/views`): its filter, under the other parameters given'),
    sort: z
      .enum(['dueDate', 'createdAt', 'updatedAt', 'rung', 'urgency'])
      .default('dueDate')
      .describe('urgency: running tasks first, overdue and red before the rest, then by time limit'),
    order: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict();

export const timelineEntrySchema = z
  .object({
    step: z.string(),
    kind: z.string(),
    message: z.string(),
    actorId: z.string().nullable(),
    at: timestamp,
  })
  .meta({ id: 'TimelineEntry' });

/** A file given with a step (佐证材料), as its timeline entry lists it. */
export const stepAttachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  href: z.string().describe('Where to download it (GET /v1/attachments/{id})'),
});

/** A timeline entry of a procedure whose actions take files (a task, an inspection round, a case). */
export const stepTimelineEntrySchema = timelineEntrySchema.extend({
  attachments: z
    .array(stepAttachmentSchema)
    .optional()
    .describe('Files given with the action (佐证材料); absent when none were'),
});

/** A task's timeline entry; the office also reads who its notice reached (issue 23). */
export const taskTimelineEntrySchema = stepTimelineEntrySchema
  .extend({
    notices: z
      .array(
        z.object({
          personId: z.string(),
          name: z.string(),
          readAt: timestamp.nullable().describe('Read in the inbox or by the link in a message; null: unread'),
          deliveries: z.array(
            z.object({
              channel: z.enum(['EMAIL', 'SMS', 'DINGTALK', 'WECOM']),
              state: z.enum(['PENDING', 'SENT', 'DEAD']),
              sentAt: timestamp.nullable(),
            }),
          ),
        }),
      )
      .optional()
      .describe('The office alone: each person the entry’s notice reached, read or not, and each channel’s delivery'),
    slip: z
      .string()
      .optional()
      .describe('An urging (URGED, SIGN_FOR_OVERDUE, ESCALATION_L1–L3): the path of its printable slip (督办单)'),
  })
  .meta({ id: 'TaskTimelineEntry' });

const taskFields = {
  id: z.string(),
  workflowId: z.string(),
  orgId: z.string(),
  cycleId: z.string().nullable(),
  type: z.string(),
  typeName: z.string(),
  title: z.string(),
  leadUnitId: z.string(),
  coUnitIds: z.array(z.string()),
  leaderId: z.string(),
  requirements: z.string(),
  standard: z.string(),
  timeLimit: z.union([
    z.object({ kind: z.literal('DATE'), date: z.string() }),
    z.object({ kind: z.literal('WORKING_DAYS'), days: z.number() }),
  ]),
  extensionDecidedBy: z.enum(['OFFICE', 'LEADER']),
  dueDate: z.string().nullable(),
  originalDueDate: z.string().nullable(),
  dueAt: timestamp.nullable(),
  provisional: z.boolean(),
  state: z.string(),
  light: z.string(),
  rung: z.number().int(),
  signedAt: timestamp.nullable(),
  lastProgressAt: timestamp.nullable(),
  submittedAt: timestamp.nullable(),
  acceptedAt: timestamp.nullable(),
  rating: z.string().nullable(),
  lateWorkingDays: z.number().int(),
  remainingWorkingDays: z
    .number()
    .int()
    .nullable()
    .describe('Working days left until the time limit (0: due today; negative: overdue); null unless running'),
  urgings: z.number().int(),
  returns: z.number().int(),
  extensionsApproved: z.number().int(),
  extensionsDenied: z.number().int(),
  pendingExtension: z
    .object({
      requestedBy: z.string(),
      reason: z.string(),
      proposedDate: z.string(),
      progress: z.string(),
      requestedAt: z.string(),
    })
    .nullable(),
  coUnitReports: z.record(z.string(), z.string()),
  coUnitGateOverridden: z.boolean(),
  pauses: z
    .array(
      z.object({
        seq: z.number().int(),
        category: z.string(),
        reason: z.string(),
        requestedBy: z.string(),
        requestedAt: z.string(),
        decision: z.enum(['APPROVED', 'DENIED']).optional(),
        decidedBy: z.string().optional(),
        decidedAt: z.string().optional(),
        comment: z.string().optional(),
        limitWorkingDays: z.number().int().optional(),
        until: z.string().optional().describe('The clock runs again by itself at this instant at the latest'),
        resumedAt: z.string().optional(),
        resumedBy: z.string().nullable().optional().describe('null: resumed by itself at the limit'),
        pausedWorkingDays: z.number().int().optional(),
      }),
    )
    .describe('Every pause (挂账/中止计时) asked for, decided and resumed, oldest first'),
  pausedWorkingDays: z
    .number()
    .int()
    .describe('Working days the clock stood still: the deadline moved by as many, not counted as lateness'),
  refusals: z
    .array(
      z.object({
        unitId: z.string(),
        proposedUnitId: z.string(),
        reason: z.string(),
        refusedBy: z.string(),
        refusedAt: z.string(),
        ruling: z.enum(['REASSIGN', 'INSIST']).optional(),
        ruledBy: z.string().optional(),
        ruledAt: z.string().optional(),
        rulingReason: z.string().optional(),
      }),
    )
    .describe('Every refusal (退单) and the office’s ruling on it, oldest first'),
  handlers: z
    .record(z.string(), z.string())
    .describe('Each unit’s handler of the task (承办人), by unit id: told with the unit’s head'),
  milestones: z
    .array(
      z.object({
        id: z.string(),
        date: z.string(),
        expected: z.string().optional(),
        percent: z.number().int().optional(),
        dueAt: z.string(),
        state: z.enum(['PENDING', 'MET', 'MISSED', 'WAIVED']),
        reportedAt: z.string().optional().describe('Actual: the first report against it (after a miss: made good)'),
        reportedPercent: z.number().int().optional(),
        reportText: z.string().optional(),
      }),
    )
    .describe('Milestones (序时进度), planned against actual, in date order'),
  milestonesMissed: z.number().int().describe('Milestones whose day ended unreported: the lag (序时进度滞后)'),
  instruction: z
    .object({
      severity: z.enum(INSTRUCTION_SEVERITIES),
      by: z.string(),
      text: z.string().optional(),
      startRung: z
        .number()
        .int()
        .describe('The rung the ladder starts at, at the deadline (the policy’s, when assigned)'),
    })
    .nullable()
    .describe('The leader’s written instruction (批示件) the task was created from; null for any other task'),
  supervision: z
    .object({
      named: z.boolean().describe('Under named supervision (挂牌督办) now'),
      by: z.string().describe('Who marked or lifted it last'),
      reason: z.string(),
      periods: z.array(z.object({ since: z.string(), until: z.string().optional() })),
    })
    .nullable()
    .describe('Named supervision (挂牌督办): every rung falling due while marked goes one level higher; null if never'),
  evidenceRequired: z
    .boolean()
    .describe('The task type asks for a file (佐证材料) with the submission: it is refused without one unless waived'),
  evidenceWaived: z
    .object({ by: z.string(), at: z.string(), reason: z.string() })
    .nullable()
    .describe('The office let the lead unit submit without evidence (免予提交佐证材料): who, when, why; null if not'),
  parentTaskId: z
    .string()
    .nullable()
    .describe('Cascade (三级联动): the town’s or department’s task this village sub-task is of'),
  parentLeadUnitId: z.string().nullable().describe('The parent task’s lead unit: it sees the sub-task too'),
  openSubtasks: z
    .number()
    .int()
    .describe('Village sub-tasks not yet accepted or cancelled: they hold up the submission'),
  createdBy: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
};

export const taskSummarySchema = z.object(taskFields).meta({ id: 'TaskSummary' });
/** The actions a reader may take on an instance now, as its detail lists them. */
export const offeredActions = (kind: string) =>
  z.array(z.string()).describe(`What the caller may do now: the verbs of POST /v1/${kind}/{id}/{verb} offered to them`);

export const taskSchema = z
  .object({
    ...taskFields,
    actions: offeredActions('tasks'),
    timeline: z.array(taskTimelineEntrySchema),
    subtasks: z
      .array(
        z.object({
          id: z.string(),
          unitId: z.string(),
          title: z.string(),
          state: z.string(),
          light: z.string(),
          dueDate: z.string().nullable(),
        }),
      )
      .describe('Cascade (三级联动): the villages’ sub-tasks of the task, oldest first'),
  })
  .meta({ id: 'Task' });

export const startedTaskSchema = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    dueDate: z.string().nullable(),
    /** The limit falls in a year without its official calendar (DOMAIN.md "Time"): it may still move. */
    provisional: z.boolean(),
  })
  .meta({ id: 'StartedTask' });

/** What an action answers: the workflow's own state right after it. */
export const taskStatusSchema = z
  .object({
    taskId: z.string(),
    state: z.string(),
    light: z.string(),
    dueDate: z.string().nullable(),
    rung: z.number().int(),
    provisional: z.boolean(),
    pendingExtension: z.unknown(),
  })
  .meta({ id: 'TaskStatus' });

export const taskTypeSchema = z
  .object({
    type: z.string(),
    name: z.string(),
    signForWorkingDays: z.number(),
    remindWorkingDaysBefore: z.array(z.number()),
    yellowWithinWorkingDays: z.number(),
    progressEveryWorkingDays: z.number().nullable(),
    escalation: z.object({ l2AfterWorkingDays: z.number(), l3AfterWorkingDays: z.number() }),
    extensionDecidedBy: z.enum(['OFFICE', 'LEADER']),
    pause: z
      .object({ defaultWorkingDays: z.number(), maxWorkingDays: z.number() })
      .optional()
      .describe(
        'A pause (挂账): its limit when the office names none, and the most the office may grant, in working days',
      ),
    severityStartRung: z
      .object({ DISTRICT: z.number(), MUNICIPAL: z.number(), PROVINCIAL: z.number() })
      .optional()
      .describe('The rung a leader’s written instruction (批示件) of each severity starts the ladder at'),
    requireEvidence: z
      .boolean()
      .optional()
      .describe('A submission (报结) carries at least one file (佐证材料) unless the office waives it; absent: false'),
  })
  .meta({ id: 'TaskType' });

export const auditQuery = z
  .object({
    limit: pageQuery.limit,
    before: z
      .string()
      .regex(/^\d{1,18}$/)
      .optional()
      .describe('Cursor: only entries older than this id'),
    action: text(64).optional(),
    objectType: text(64).optional(),
    objectId: text(128).optional(),
    actorId: id.optional(),
    outcome: z.enum(['DONE', 'REFUSED']).optional(),
    from: instant.optional().describe('Entries at or after this moment'),
    to: instant.optional().describe('Entries before this moment'),
  })
  .strict();

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: timestamp,
    orgId: z.string().nullable(),
    actorId: z.string().nullable(),
    actorRoles: z.array(z.string()),
    tokenId: z.string().nullable(),
    action: z.string(),
    objectType: z.string(),
    objectId: z.string().nullable(),
    payload: z.unknown(),
    outcome: z.enum(['DONE', 'REFUSED']),
    reason: z.string().nullable(),
    requestId: z.string().nullable(),
    onBehalfOf: z
      .string()
      .nullable()
      .describe('The absent person a deputy acted for (请假与代理); the actor is then the deputy'),
  })
  .meta({ id: 'AuditEntry' });

export const auditPageSchema = z
  .object({
    items: z.array(auditEntrySchema),
    nextBefore: z.string().nullable().describe('Pass as `before` for the next page; null on the last page'),
  })
  .meta({ id: 'AuditPage' });

/** A running task as an impact preview lists it (issue 22): what a draft of the rules would move or fire for it. */
export const impactedTaskSchema = z
  .object({
    taskId: z.string(),
    title: z.string(),
    type: z.string(),
    leadUnitId: z.string(),
    leadUnitName: z.string(),
    state: z.string(),
    dueDate: z.string().nullable(),
    changes: z
      .array(z.string())
      .describe('Its deadline, and each timer ahead of it, that would move, in a sentence (Chinese)'),
    firesAtOnce: z.array(z.string()).describe('What would fall due the moment it applies (a rung, the light)'),
  })
  .meta({ id: 'ImpactedTask' });
