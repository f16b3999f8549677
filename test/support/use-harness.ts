/**
 * The harness of a test file: created before its tests and stopped after them (STYLE.md "Workflow tests"). The
 * returned object stands for the harness once created, so a file reads `const h = useHarness(createTaskHarness)`.
 */
export function useHarness<H extends { stop(): Promise<void> }>(create: () => Promise<H>, startTimeoutMs = 60_000): H {
  let harness: H | undefined;
  beforeAll(async () => {
    harness = await create();
  }, startTimeoutMs);
  afterAll(() => harness?.stop(), 60_000);
  return new Proxy({} as H, {
    get(_, key) {
      if (!harness) throw new Error(`the harness is used before it was created (reading ${String(key)})`);
      return harness[key as keyof H];
    },
  });
}
