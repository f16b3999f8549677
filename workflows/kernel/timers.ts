import { condition } from '@temporalio/workflow';

/**
 * Waits until the instant `at` (workflow time) or until `changed()` holds, whichever comes first; true when the
 * instant came. Without an instant it waits for a change alone. One timer at a time: the next one is armed after
 * each step, so a moved deadline never leaves a stale timer behind.
 */
export async function waitUntilOrChange(at: number | undefined, now: number, changed: () => boolean): Promise<boolean> {
  if (at === undefined) {
    await condition(changed);
    return false;
  }
  return !(await condition(changed, Math.max(0, at - now)));
}

/**
 * The instant a timer's step is recorded at: the instant it was due, as a timer fires a few ms after it; when the
 * workflow woke much later (a late start, a worker down), the time it actually ran.
 */
export const dueInstant = (iso: string, now: number): string =>
  now - Date.parse(iso) < 60_000 ? iso : new Date(now).toISOString();
