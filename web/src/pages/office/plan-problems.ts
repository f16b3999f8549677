/** A problem of the plan, with its line when the API named one. */
export interface PlanProblem {
  field: string;
  message: string;
  line?: number;
  column?: number;
}

/**
 * The API's refusal of a plan (`{field: 'body.goals[1].tasks[0].leadUnit', message: '第15行第9列：单位不存在'}`, or
 * `'line 15:9: no such unit'` in English) as the plan page shows it: the field path without `body.`, the line and
 * column apart from the message.
 */
export function planProblems(fields: { field: string; message: string }[]): PlanProblem[] {
  return fields.map((f) => {
    const m = /^第(\d+)行第(\d+)列：(.*)$/s.exec(f.message) ?? /^line (\d+):(\d+): (.*)$/s.exec(f.message);
    const field = f.field.replace(/^body\.?/, '') || '(plan)';
    return m
      ? { field, message: m[3] ?? f.message, line: Number(m[1]), column: Number(m[2]) }
      : { field, message: f.message };
  });
}
