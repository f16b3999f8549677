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
  let observed: Promise<string> | undefined;
  const define = (body: object) =>
    cycleId().then(async (id) => (await office('POST', `/v1/cycles/${id}/inspections`, body)).id as string);
  return {
    round: () => (round ??= define(inspectionBody())),
    /** A round of its own into which the office invited p-bai-xue of the supervision network. */
    observedRound: () => (observed ??= define({ ...inspectionBody(), observerIds: ['p-bai-xue'] })),
  };
}

/** A conduct appraisal's body: village-hekou and town-dongguan rated by `memberIds` within five working days. */
export const appraisalBody = (memberIds = ['p-bai-xue']) => ({
  title: '政风行风评议',
  unitIds: ['village-hekou', 'town-dongguan'],
  memberIds,
  workingDays: 5,
});

/** Conduct appraisals for API tests in the cycle `cycleId` gives, each opened once by the office. */
export function appraisalFixtures(office: Call, cycleId: () => Promise<string>) {
  const opened = new Map<string, Promise<string>>();
  const open = (key: string) => {
    if (!opened.has(key)) {
      opened.set(
        key,
        cycleId().then(
          async (id) => (await office('POST', `/v1/cycles/${id}/appraisals`, appraisalBody())).id as string,
        ),
      );
    }
    return opened.get(key)!;
  };
  return {
    /** One appraisal p-bai-xue rates and the office then closes. */
    rated: () => open('rated'),
    /** Another, to which the office invites more members. */
    invite: () => open('invite'),
  };
}
