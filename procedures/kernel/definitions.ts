import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';

/**
 * The names by which a workflow's Updates, Signals and Queries are reached, as the SDK's `defineUpdate` and its
 * kin build them: plain objects, so the procedures' vocabulary carries no Temporal runtime and the API, the
 * activities and the database code may import it.
 */
export const defineUpdate = <Ret, Args extends unknown[] = [], Name extends string = string>(
  name: Name,
): UpdateDefinition<Ret, Args, Name> => ({ type: 'update', name }) as UpdateDefinition<Ret, Args, Name>;

export const defineSignal = <Args extends unknown[] = [], Name extends string = string>(
  name: Name,
): SignalDefinition<Args, Name> => ({ type: 'signal', name }) as SignalDefinition<Args, Name>;

export const defineQuery = <Ret, Args extends unknown[] = [], Name extends string = string>(
  name: Name,
): QueryDefinition<Ret, Args, Name> => ({ type: 'query', name }) as QueryDefinition<Ret, Args, Name>;
