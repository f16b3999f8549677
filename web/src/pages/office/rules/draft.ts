import type { TaskType } from './types';

/*
 * A task type as the editor holds it: every number as the text of its input, so that a half-typed or emptied field
 * is sent as it stands and the API names it (the form checks nothing itself).
 */
export interface DraftType {
  type: string;
  name: string;
  signForWorkingDays: string;
  /** 提醒: working days before the limit, e.g. 「3、1」. */
  remindWorkingDaysBefore: string;
  yellowWithinWorkingDays: string;
  /** Empty: no progress reports required. */
  progressEveryWorkingDays: string;
  l2AfterWorkingDays: string;
  l3AfterWorkingDays: string;
  extensionDecidedBy: 'OFFICE' | 'LEADER';
  pauseDefaultWorkingDays: string;
  pauseMaxWorkingDays: string;
  DISTRICT: string;
  MUNICIPAL: string;
  PROVINCIAL: string;
  requireEvidence: boolean;
}

const DEFAULT_PAUSE = { defaultWorkingDays: 20, maxWorkingDays: 60 };
const DEFAULT_RUNGS = { DISTRICT: 2, MUNICIPAL: 2, PROVINCIAL: 3 };

/** DOMAIN.md's values, which the API fills in for a field left out (config/task-policy.ts). */
export const DEFAULT_TYPE: TaskType = {
  type: '',
  name: '',
  signForWorkingDays: 1,
  remindWorkingDaysBefore: [3, 1],
  yellowWithinWorkingDays: 3,
  progressEveryWorkingDays: null,
  escalation: { l2AfterWorkingDays: 3, l3AfterWorkingDays: 10 },
  extensionDecidedBy: 'OFFICE',
  pause: DEFAULT_PAUSE,
  severityStartRung: DEFAULT_RUNGS,
  requireEvidence: false,
};

/** A type of the API as the editor's fields. */
export function toDraft(t: TaskType): DraftType {
  const pause = t.pause ?? DEFAULT_PAUSE;
  const rungs = t.severityStartRung ?? DEFAULT_RUNGS;
  return {
    type: t.type,
    name: t.name,
    signForWorkingDays: String(t.signForWorkingDays),
    remindWorkingDaysBefore: t.remindWorkingDaysBefore.join('、'),
    yellowWithinWorkingDays: String(t.yellowWithinWorkingDays),
    progressEveryWorkingDays: t.progressEveryWorkingDays === null ? '' : String(t.progressEveryWorkingDays),
    l2AfterWorkingDays: String(t.escalation.l2AfterWorkingDays),
    l3AfterWorkingDays: String(t.escalation.l3AfterWorkingDays),
    extensionDecidedBy: t.extensionDecidedBy,
    pauseDefaultWorkingDays: String(pause.defaultWorkingDays),
    pauseMaxWorkingDays: String(pause.maxWorkingDays),
    DISTRICT: String(rungs.DISTRICT),
    MUNICIPAL: String(rungs.MUNICIPAL),
    PROVINCIAL: String(rungs.PROVINCIAL),
    requireEvidence: t.requireEvidence ?? false,
  };
}

/** A number field's text as sent: a number when it reads as one, else the text itself (the API says what is wrong). */
export const num = (text: string): number | string => {
  const s = text.trim();
  return s !== '' && Number.isFinite(Number(s)) ? Number(s) : s;
};

/** 「3、1」, 「3,1」 or 「3 1」 as the list of reminder days. */
const days = (text: string): (number | string)[] =>
  text
    .split(/[、，,;；\s]+/)
    .filter(Boolean)
    .map(num);

/** The editor's fields as the type the API takes (`content.types[i]`). */
export function fromDraft(d: DraftType) {
  return {
    type: d.type.trim(),
    name: d.name.trim(),
    signForWorkingDays: num(d.signForWorkingDays),
    remindWorkingDaysBefore: days(d.remindWorkingDaysBefore),
    yellowWithinWorkingDays: num(d.yellowWithinWorkingDays),
    progressEveryWorkingDays: d.progressEveryWorkingDays.trim() === '' ? null : num(d.progressEveryWorkingDays),
    escalation: { l2AfterWorkingDays: num(d.l2AfterWorkingDays), l3AfterWorkingDays: num(d.l3AfterWorkingDays) },
    extensionDecidedBy: d.extensionDecidedBy,
    pause: { defaultWorkingDays: num(d.pauseDefaultWorkingDays), maxWorkingDays: num(d.pauseMaxWorkingDays) },
    severityStartRung: { DISTRICT: num(d.DISTRICT), MUNICIPAL: num(d.MUNICIPAL), PROVINCIAL: num(d.PROVINCIAL) },
    requireEvidence: d.requireEvidence,
  };
}
