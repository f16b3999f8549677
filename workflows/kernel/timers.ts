import { condition } from '@temporalio/workflow';
import type { CalendarWatch } from './instance';

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

/** One rung of an escalation ladder: its instant on the working-day calendar, and what climbing it records. */
export interface Rung {
  at: () => string;
  climb: () => Promise<void>;
}

/**
 * An escalation ladder (DOMAIN.md "Escalation ladder"), the same for every procedure that has one: each rung waits for
 * its instant and climbs, one after the other, until `settled()` holds (the unit answered: no further rung). When the
 * official calendar changes meanwhile, `replan()` works the instants out again (and records a move) and the wait goes
 * on to the new instant. `pastRungWaits`: a rung already past still waits 1 ms (condition() has no zero timeout)
 * rather than climbing at once; kept per procedure as its histories recorded it.
 */
export async function climbLadder(
  rungs: Rung[],
  o: {
    now: () => number;
    calendar: CalendarWatch;
    replan: () => Promise<void>;
    settled?: () => boolean;
    pastRungWaits?: boolean;
  },
): Promise<void> {
  const settled = o.settled ?? (() => false);
  for (const rung of rungs) {
    for (;;) {
      const ms = Date.parse(rung.at()) - o.now();
      if (ms <= 0 && !o.pastRungWaits) break;
      if (!(await condition(() => settled() || o.calendar.changed(), Math.max(1, ms)))) break;
      if (settled()) return;
      o.calendar.planned();
      await o.replan();
    }
    await rung.climb();
  }
}
