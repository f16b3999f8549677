import type { UpdateDefinition } from '@temporalio/common';
import type { Actor } from '../task/messages';

/**
 * The procedure kernel's vocabulary: a procedure is a pure state machine — its states, the actions each role may
 * take in each state, the guard that explains a refusal, and the steps an accepted action records. No Temporal
 * runtime and no I/O here: `workflows/kernel` runs a machine durably, and the machines are tested directly.
 */

export type RefusalCode = 'WRONG_STATE' | 'NOT_ALLOWED' | 'INVALID' | 'NOT_READY';

/** A refused action, as a value: the shell turns it into the Update's rejection, the API into 409 with `text`. */
export interface Refusal {
  readonly ok: false;
  readonly code: RefusalCode;
  /** The reason in Chinese, as the caller reads it. */
  readonly text: string;
}

export type Verdict = { readonly ok: true } | Refusal;

export const ACCEPTED: Verdict = { ok: true };

export const refuse = (code: RefusalCode, text: string): Refusal => ({ ok: false, code, text });

/** What a guard sees: the instance's state, the action's input, who asks and the workflow's time. */
export interface Attempt<S, I> {
  readonly state: S;
  readonly input: I;
  readonly actor: Actor;
  readonly now: number;
}

/** One check of an action: a refusal, or nothing when it passes. */
export type Guard<S, I> = (attempt: Attempt<S, I>) => Refusal | null | undefined | false;

export interface ActionRule<S, I extends { actor: Actor }, R = unknown> {
  /** The Update the action is reached by; its name is the action's name on the wire. */
  readonly update: UpdateDefinition<R, [I]>;
  /** The states in which the action is offered, to list what a caller may do (the guards give the exact refusal). */
  readonly from: readonly string[];
  /** The roles that may take it, for the same listing; `ANY` when the guards decide by unit or person. */
  readonly by: readonly string[] | 'ANY';
  /** Checked in order: the first refusal is the answer, so a caller learns the most telling reason first. */
  readonly guards: readonly Guard<S, I>[];
}

/** The actions of a procedure, by name; each rule's input type is the Update's argument. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionTable<S> = Record<string, ActionRule<S, any, any>>;

export interface Procedure<S, A extends ActionTable<S>> {
  /** The procedure's kind, as the API names it (`tasks`, `meetings`, …). */
  readonly kind: string;
  readonly states: readonly string[];
  /** The state an instance is in, one of `states`. */
  readonly stateOf: (state: S) => string;
  readonly actions: A;
}

/** Declares a procedure; the identity function, there to check the table's types. */
export const defineProcedure = <S, A extends ActionTable<S>>(procedure: Procedure<S, A>): Procedure<S, A> => procedure;

/** Decides whether `actor` may take `action` now: the first guard that refuses, or accepted. */
export function decide<S, A extends ActionTable<S>>(
  procedure: Procedure<S, A>,
  action: string,
  attempt: Attempt<S, { actor: Actor }>,
): Verdict {
  const rule = procedure.actions[action];
  if (!rule) return refuse('INVALID', `没有「${action}」这项操作`);
  for (const guard of rule.guards) {
    const refusal = guard(attempt);
    if (refusal) return refusal;
  }
  return ACCEPTED;
}

/** The actions offered in the instance's state to a caller with these roles (before the guards' finer checks). */
export const actionsOffered = <S, A extends ActionTable<S>>(
  procedure: Procedure<S, A>,
  state: S,
  roles: readonly string[],
): (keyof A & string)[] => actionsIn(procedure, procedure.stateOf(state), roles);

/** `actionsOffered` in the state named `current` (as a read model row records it). */
export function actionsIn<S, A extends ActionTable<S>>(
  procedure: Procedure<S, A>,
  current: string,
  roles: readonly string[],
): (keyof A & string)[] {
  return Object.entries(procedure.actions)
    .filter(([, rule]) => rule.from.includes(current) && (rule.by === 'ANY' || rule.by.some((r) => roles.includes(r))))
    .map(([name]) => name);
}

// ---- guard builders: the checks that recur across procedures -------------------------------------------------

/** Refuses unless the state is one of `states`; `text` says why in the words of the procedure. */
export const inStates =
  <S, I>(stateOf: (s: S) => string, states: readonly string[], text: (state: S) => string): Guard<S, I> =>
  ({ state }) =>
    !states.includes(stateOf(state)) && refuse('WRONG_STATE', text(state));

/** Refuses unless the actor holds `role`. */
export const byRole =
  <S, I>(role: string, text: string): Guard<S, I> =>
  ({ actor }) =>
    !actor.roles.includes(role) && refuse('NOT_ALLOWED', text);

/** Refuses when `pick` gives an empty or blank text: 「…不能为空」. */
export const nonBlank =
  <S, I>(pick: (input: I) => string | null | undefined, what: string): Guard<S, I> =>
  ({ input }) => {
    const value = pick(input);
    return (!value || !value.trim()) && refuse('INVALID', `${what}不能为空`);
  };

/** A guard from a condition that, when true, refuses with `code` and `text`. */
export const refuseWhen =
  <S, I>(code: RefusalCode, test: (attempt: Attempt<S, I>) => boolean, text: string | ((a: Attempt<S, I>) => string)) =>
  (attempt: Attempt<S, I>): Refusal | null =>
    test(attempt) ? refuse(code, typeof text === 'string' ? text : text(attempt)) : null;

/** One step an accepted action or a timer records: a timeline entry, its audit row and the notices it implies. */
export interface Step<K extends string = string> {
  readonly kind: K;
  /** The timeline's text, in Chinese. */
  readonly message: string;
  readonly actor?: Actor;
  /** The audited action (`task.signFor`), for steps taken by a person. */
  readonly action?: string;
  readonly payload?: unknown;
  /** What the notices of this step need beyond the instance's state. */
  readonly details?: Record<string, unknown>;
  /** Files given with the action (佐证材料), bound to this step when it is recorded and listed with its entry. */
  readonly attachments?: readonly { readonly id: string; readonly fileName: string }[];
}
