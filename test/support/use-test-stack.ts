import type { apiClient } from './http';
import { startTestStack, type TestStack } from './test-stack';
import { useHarness } from './use-harness';

export type ApiClient = ReturnType<typeof apiClient>;

/**
 * The stack of an integration test file (`startTestStack`): started before its tests, stopped after them, with an
 * API client per person of the example organisation named in `people` (each with a fresh token of that person).
 * `t` stands for the stack once started and each client for its person's client once issued, so a file reads
 * `const { t, office } = useTestStack({ office: 'p-huang-min' })`; a later `beforeAll` of the file may use them.
 */
export function useTestStack<K extends string>(
  people: Record<K, string>,
  env?: Record<string, string>,
): { t: TestStack } & Record<K, ApiClient> {
  const t = useHarness(() => startTestStack(env), 120_000);
  const issued = new Map<string, ApiClient>();
  beforeAll(async () => {
    for (const [who, personId] of Object.entries<string>(people)) issued.set(who, await t.as(personId));
  });
  const clients = Object.fromEntries(
    Object.keys(people).map((who): [string, ApiClient] => [
      who,
      (...args) => {
        const client = issued.get(who);
        if (!client) throw new Error(`the client of ${who} is used before the stack was started`);
        return client(...args);
      },
    ]),
  ) as Record<K, ApiClient>;
  return { t, ...clients };
}

/** Opens the cycle of the current year as the office (201), answering its id. */
export async function openThisYearsCycle(office: ApiClient): Promise<string> {
  const opened = await office('POST', '/v1/cycles', { year: new Date().getUTCFullYear() });
  expect(opened.status).toBe(201);
  return opened.body.id as string;
}
