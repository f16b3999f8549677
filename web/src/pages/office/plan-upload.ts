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
