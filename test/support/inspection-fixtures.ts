import type { Call } from './meeting-fixtures';

/** A local date (Asia/Shanghai) `days` from today. */
const localDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** An ad-hoc round's body: village-hekou and town-dongguan inspected, self-checks due in a week. */
export const inspectionBody = () => ({
  title: '作风建设专项检查',
  unitIds: ['village-hekou', 'town-dongguan'],
  checklist: ['落实中央八项规定精神情况'],
  selfCheckDueDate: localDay(7),
  findingsDueDate: localDay(21),
});

/** An inspection round for API tests, defined once by the office in the cycle `cycleId` gives. */
export function inspectionFixtures(office: Call, cycleId: () => Promise<string>) {
  let round: Promise<string> | undefined;
  return {
    round: () =>
      (round ??= cycleId().then(
        async (id) => (await office('POST', `/v1/cycles/${id}/inspections`, inspectionBody())).id as string,
      )),
  };
}
