import { eventually } from './http';

/** Calls the API as one person and answers the body, failing on any status but success. */
export type Call = (method: string, path: string, body?: unknown) => Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** NOTICED: taking answers; CANCELLABLE: likewise, for a row that calls it off; HELD: already held. */
export type MeetingStage = 'NOTICED' | 'CANCELLABLE' | 'HELD';

/**
 * Joint meetings for API tests, called by the office through the API: a cycle of `year` (opened once), a meeting
 * still taking answers (an hour ahead), and one already held (a few seconds ahead, then awaited). Each is made once.
 */
export function meetingFixtures(office: Call, year: number) {
  let cycle: Promise<string> | undefined;
  const meetings = new Map<MeetingStage, Promise<string>>();
  const cycleId = () => (cycle ??= office('POST', '/v1/cycles', { year }).then((c) => c.id as string));

  async function call(stage: MeetingStage): Promise<string> {
    const ahead = stage === 'HELD' ? 5_000 : 3_600_000;
    const { id } = await office('POST', `/v1/cycles/${await cycleId()}/meetings`, {
      title: { NOTICED: '专题联席会议', CANCELLABLE: '专题联席会议（拟取消）', HELD: '专题联席会议（已召开）' }[stage],
      place: '区纪委监委三楼会议室',
      at: new Date(Date.now() + ahead).toISOString(),
      confirmBy: new Date(Date.now() + ahead - 1_000).toISOString(),
    });
    if (stage === 'HELD') {
      await eventually(async () => ((await office('GET', `/v1/meetings/${id}`)).state === 'HELD' ? true : undefined));
    }
    return id as string;
  }

  return {
    cycleId,
    meeting(stage: MeetingStage): Promise<string> {
      let id = meetings.get(stage);
      if (!id) meetings.set(stage, (id = call(stage)));
      return id;
    },
  };
}
