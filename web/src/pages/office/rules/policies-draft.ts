import { num } from './draft';
import type { AccountabilityContent, Measure, ProcedureDefaultsContent } from './types';

/*
 * The accountability policy and the procedures' defaults as their editors hold them (issue 22): every number as the
 * text of its input, so that a half-typed or emptied field is sent as it stands and the API names it (the forms check
 * nothing themselves). Months are checkboxes: sent in calendar order.
 */

export interface AccountabilityDraft {
  statementWorkingDays: string;
  escalateAfterWorkingDays: string;
  assessmentThreshold: string;
  measures: Measure[];
}

export function toAccountabilityDraft(c: AccountabilityContent): AccountabilityDraft {
  return {
    statementWorkingDays: String(c.statementWorkingDays),
    escalateAfterWorkingDays: String(c.escalateAfterWorkingDays),
    assessmentThreshold: String(c.assessmentThreshold),
    measures: c.measures.map((m) => ({ ...m })),
  };
}

/** The editor's fields as the content the API takes: codes and names trimmed, each as typed otherwise. */
export function fromAccountabilityDraft(d: AccountabilityDraft) {
  return {
    statementWorkingDays: num(d.statementWorkingDays),
    escalateAfterWorkingDays: num(d.escalateAfterWorkingDays),
    assessmentThreshold: num(d.assessmentThreshold),
    measures: d.measures.map((m) => ({ code: m.code.trim(), name: m.name.trim() })),
  };
}

export interface ProcedureDefaultsDraft {
  meeting: {
    months: number[];
    day: string;
    time: string;
    place: string;
    noticeWorkingDays: string;
    confirmWorkingDays: string;
    minutesWorkingDays: string;
  };
  inspection: {
    months: number[];
    /** One input per item, in the order of the notice. */
    checklist: string[];
    selfCheckWorkingDays: string;
    findingsWorkingDays: string;
    escalateAfterWorkingDays: string;
  };
}

export function toProcedureDefaultsDraft({
  meeting: m,
  inspection: i,
}: ProcedureDefaultsContent): ProcedureDefaultsDraft {
  return {
    meeting: {
      months: [...m.months],
      day: String(m.day),
      time: m.time,
      place: m.place,
      noticeWorkingDays: String(m.noticeWorkingDays),
      confirmWorkingDays: String(m.confirmWorkingDays),
      minutesWorkingDays: String(m.minutesWorkingDays),
    },
    inspection: {
      months: [...i.months],
      checklist: [...i.checklist],
      selfCheckWorkingDays: String(i.selfCheckWorkingDays),
      findingsWorkingDays: String(i.findingsWorkingDays),
      escalateAfterWorkingDays: String(i.escalateAfterWorkingDays),
    },
  };
}

/** Months ticked, in calendar order, each once. */
const inOrder = (months: number[]) => [...new Set(months)].sort((a, b) => a - b);

/** The editor's fields as the content the API takes. */
export function fromProcedureDefaultsDraft({ meeting: m, inspection: i }: ProcedureDefaultsDraft) {
  return {
    meeting: {
      months: inOrder(m.months),
      day: num(m.day),
      time: m.time.trim(),
      place: m.place.trim(),
      noticeWorkingDays: num(m.noticeWorkingDays),
      confirmWorkingDays: num(m.confirmWorkingDays),
      minutesWorkingDays: num(m.minutesWorkingDays),
    },
    inspection: {
      months: inOrder(i.months),
      checklist: i.checklist.map((line) => line.trim()),
      selfCheckWorkingDays: num(i.selfCheckWorkingDays),
      findingsWorkingDays: num(i.findingsWorkingDays),
      escalateAfterWorkingDays: num(i.escalateAfterWorkingDays),
    },
  };
}

/** A month ticked or unticked. */
export const toggleMonth = (months: number[], month: number, on: boolean): number[] =>
  on ? inOrder([...months, month]) : months.filter((m) => m !== month);
