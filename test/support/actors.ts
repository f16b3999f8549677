import { decide, type ActionTable, type Procedure } from '../../procedures/kernel/machine';
import type { Actor } from '../../procedures/task/messages';

/** An actor as the API sends it, whose name in a test title is its roles and unit (`UNIT town-a`). */
export const namedActor = (unitId: string, roles: string[], personId = `p-${unitId}`): Actor =>
  Object.assign(Object.create({ toString: () => `${roles.join('/')} ${unitId}` }) as Actor, {
    personId,
    roles,
    unitId,
    credentialId: 'c',
    requestId: 'r',
  });

/**
 * The verdict of a procedure's machine on an attempt, as the machine tests compare it: `'accepted'`, or the
 * refusal's text. `now` defaults to the test file's instant.
 */
export const verdictOf =
  <S, A extends ActionTable<S>>(procedure: Procedure<S, A>, defaultNow: number) =>
  (state: S, action: string, who: Actor, input: object = {}, now = defaultNow): string => {
    const v = decide(procedure, action, { state, input: { ...input, actor: who }, actor: who, now });
    return v.ok ? 'accepted' : v.text;
  };

/** The instants a machine test tries an action at around a deadline: a day before it, and just after it. */
export const aroundDeadline = (due: string) => [Date.parse(due) - 86_400_000, Date.parse(due) + 1] as const;

/** A person as the API sends them to a workflow, with a request id of the test's own. */
export const apiActor = (personId: string, unitId: string, roles: string[], requestId: string): Actor => ({
  personId,
  unitId,
  roles,
  credentialId: `tok_${personId}`,
  requestId,
});

/** How a client sees an Update the workflow's validator rejected with a reason matching `message`. */
export const rejected = (message: RegExp) =>
  expect.objectContaining({ cause: expect.objectContaining({ message: expect.stringMatching(message) }) });
