import {
  DEFAULT_NOTICE_TEMPLATES,
  NOTICE_TEMPLATE_KIND_IDS,
  NOTICE_TEMPLATE_KINDS,
  noticeText,
  VARIABLE_LABELS,
  type NoticeTemplateKind,
  type NoticeTemplatesContent,
} from '../../activities/notice-templates';
import { diffNoticeTemplates, noticeTemplateProblems } from '../../render/notice-template-rules';
import { findPerson, findUnit } from '../../db/queries/organisation-read';
import { readRuleVersion } from '../../db/queries/rule-versions';
import type { Caller } from '../authorise';
import type { AppDeps } from '../deps';
import { said, type FieldProblem } from '../errors';
import { ruleVersionsOf, type RuleEdit } from './rule-kinds';
import { getTask } from './tasks';

/**
 * The organisation's notice templates (通知模板), edited by the office with versions (issue 22). Version 0 overrides
 * nothing: every notice has its built-in text. A notice takes the version in force of its task's organisation when
 * its step is recorded (activities/task-events.ts); one written before keeps its text.
 */
/** Each problem at its field of the request, e.g. `body.content.templates[2].body`. */
const problemsOf = (content: NoticeTemplatesContent): FieldProblem[] =>
  noticeTemplateProblems(content).map(({ path: [, n, field], message }) => ({
    field: `body.content.templates[${n}].${field}`,
    message,
  }));

const NAME = said('通知模板', 'The notice templates');
const noticeTemplates = ruleVersionsOf<NoticeTemplatesContent, 'notice-templates'>({
  kind: 'notice-templates',
  name: { ...NAME, plural: true },
  inForce: async (db, orgId) =>
    (await readRuleVersion<NoticeTemplatesContent>(db, orgId, 'notice-templates'))?.content ?? DEFAULT_NOTICE_TEMPLATES,
  // An unknown variable or kind, a brace without its pair, a variable the notice must show missing.
  problems: problemsOf,
  diff: diffNoticeTemplates,
});

/** Every notice the office may word: its variables (each with what it holds), those it must show, its default. */
const catalogue = NOTICE_TEMPLATE_KIND_IDS.map((kind) => {
  const def = NOTICE_TEMPLATE_KINDS[kind];
  return {
    kind,
    name: def.name,
    variables: def.variables.map((name) => ({ name, label: VARIABLE_LABELS[name] })),
    required: [...def.required],
    default: { title: def.title, body: def.body },
  };
});

/** The templates in force (version 0: none overridden), every version, and what the editor shows of each notice. */
export async function readNoticeTemplateRules(deps: AppDeps, caller: Caller) {
  return { ...(await noticeTemplates.read(deps, caller)), catalogue };
}

/** One version of the notice templates with its content; 404 when there is none. */
export const readNoticeTemplateVersion = (deps: AppDeps, caller: Caller, n: number) =>
  noticeTemplates.readVersion(deps, caller, n);

/** What changed from version `from` to `to`, notice by notice, each in a sentence. */
export async function diffNoticeTemplateVersions(deps: AppDeps, caller: Caller, from: number, to: number) {
  const { changes, ...versions } = await noticeTemplates.diff(deps, caller, from, to);
  return { ...versions, changes: changes as ReturnType<typeof diffNoticeTemplates> };
}

/** The office publishes a version; 422 names every problem (unknown variable or kind, a brace, what is missing). */
export const publishNoticeTemplates = (deps: AppDeps, caller: Caller, edit: RuleEdit<NoticeTemplatesContent>) =>
  noticeTemplates.publish(deps, caller, edit);

/** The office restores version `n` as a new version. */
export const restoreNoticeTemplates = (
  deps: AppDeps,
  caller: Caller,
  n: number,
  edit: { baseVersion: number; reason: string },
) => noticeTemplates.restore(deps, caller, n, edit);

/** A real task's facts for the preview; 404 (as the task's own read) when the caller may not see it. */
async function factsOf(deps: AppDeps, caller: Caller, taskId: string) {
  const task = await getTask(deps, caller, taskId);
  const unitName = async (id: string) => (await findUnit(deps.db, id))?.name ?? id;
  const lead = await unitName(task.leadUnitId);
  return {
    taskTitle: task.title,
    ...(task.dueDate ? { dueDate: task.dueDate } : {}),
    provisional: task.provisional,
    facts: { requirements: task.requirements, standard: task.standard },
    unitName: lead,
    leadUnitName: lead,
    coUnitNames: await Promise.all(task.coUnitIds.map(unitName)),
    leaderName: (await findPerson(deps.db, task.leaderId))?.name,
  };
}

/**
 * A draft's notices written out, stored nowhere: each notice (or `kind` alone) with sample values, or with a real
 * task's facts (title, time limit, units, leader, requirements, standard) where `taskId` names one the caller sees;
 * what only an event knows (a return's reasons, the days left) stays a sample. 422 as publishing would.
 */
export async function previewNoticeTemplates(
  deps: AppDeps,
  caller: Caller,
  draft: { content: NoticeTemplatesContent; kind?: NoticeTemplateKind; taskId?: string },
) {
  const inForce = await noticeTemplates.read(deps, caller);
  await noticeTemplates.refuseNonsense(deps, caller, draft.content);
  const facts = draft.taskId ? await factsOf(deps, caller, draft.taskId) : {};
  const kinds = draft.kind ? [draft.kind] : NOTICE_TEMPLATE_KIND_IDS;
  const notices = kinds.map((kind) => {
    const input = { ...NOTICE_TEMPLATE_KINDS[kind].sample, ...facts } as never;
    const overridden = draft.content.templates.some((t) => t.kind === kind);
    return { kind, name: NOTICE_TEMPLATE_KINDS[kind].name, overridden, ...noticeText(kind, input, draft.content) };
  });
  return { basedOn: inForce.version, taskId: draft.taskId ?? null, notices };
}
