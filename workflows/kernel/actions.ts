import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { decide, type ActionTable, type Procedure, type Verdict } from '../../procedures/kernel/machine';
import type { Actor } from '../../procedures/task/messages';

/**
 * Rejects an Update with the machine's reason and its code (details[0]): the caller learns it at once, and the API
 * answers 409, or 403 for NOT_ALLOWED (who may not, not when). A rejection never enters the history: replay-safe.
 */
export function enforce(verdict: Verdict): void {
  if (!verdict.ok) {
    throw ApplicationFailure.create({
      type: 'Rejected',
      message: verdict.text,
      details: [verdict.code],
      nonRetryable: true,
    });
  }
}

export interface ActionWiring<S> {
  /** The machine's state as it is now. */
  state: () => S;
  /** The workflow's (deterministic) time. */
  now: () => number;
  /** Runs an accepted action: its effect, the steps it records; returns the Update's answer. */
  run: (action: string, input: { actor: Actor }) => Promise<unknown>;
}

/**
 * Registers every action of `procedure` as an Update whose validator is the machine's decision, so a refused
 * action never enters the history, and whose handler is `run`.
 */
export function registerActions<S, A extends ActionTable<S>>(
  procedure: Procedure<S, A>,
  wiring: ActionWiring<S>,
): void {
  for (const [name, rule] of Object.entries(procedure.actions)) {
    setHandler(rule.update, (input: { actor: Actor }) => wiring.run(name, input), {
      validator: (input: { actor: Actor }) =>
        enforce(decide(procedure, name, { state: wiring.state(), input, actor: input.actor, now: wiring.now() })),
    });
  }
}
