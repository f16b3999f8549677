import { ApiError, type FieldProblem } from '../../lib/api';

/** The answer of PUT /v1/cycles/{id}/plan. */
export interface PlanSubmitted {
  version: number;
  taskCount: number;
  goals: number;
  phase: string;
}

/**
 * Sends a plan file as it is: YAML as application/yaml (so the API can name the line of each bad row), JSON as
 * application/json. The JSON-only `api()` client cannot send raw text, hence this one call of its own.
 */
export async function uploadPlan(cycleId: string, text: string, csrfToken: string): Promise<PlanSubmitted> {
  const json = /^\s*[{[]/.test(text);
  let res: Response;
  try {
    res = await fetch(`/v1/cycles/${encodeURIComponent(cycleId)}/plan`, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'content-type': json ? 'application/json' : 'application/yaml',
        'x-csrf-token': csrfToken,
      },
      body: text,
    });
  } catch {
    throw new ApiError(0, 'network');
  }
  const body = (await res.json().catch(() => ({}))) as PlanSubmitted & {
    detail?: string;
    title?: string;
    errors?: FieldProblem[];
    requestId?: string;
  };
  if (!res.ok)
    throw new ApiError(res.status, body.detail ?? body.title ?? res.statusText, body.errors ?? [], body.requestId);
  return body;
}

/** A problem of the plan, with its line when the API named one (`line 15:9: no such unit`). */
export interface PlanProblem {
  field: string;
  message: string;
  line?: number;
  column?: number;
}

export function planProblems(fields: FieldProblem[]): PlanProblem[] {
  return fields.map((f) => {
    const m = /^line (\d+):(\d+): (.*)$/s.exec(f.message);
    const field = f.field.replace(/^body\.?/, '') || '(plan)';
    return m
      ? { field, message: m[3] ?? f.message, line: Number(m[1]), column: Number(m[2]) }
      : { field, message: f.message };
  });
}
