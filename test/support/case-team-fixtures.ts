import type { Call } from './meeting-fixtures';

/** A local date (Asia/Shanghai) `days` from today. */
const localDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** A request for zone-1 concerning town-nanhu: one seat of town-dongguan, one of town-xicheng, for 30 days. */
export const caseTeamBody = () => ({
  zoneId: 'zone-1',
  caseRef: '（2026）纪协1号 某街道原主任涉嫌违纪案',
  skills: [{ skill: '财务审计', count: 2 }],
  startDate: localDay(0),
  endDate: localDay(30),
  concernedUnitIds: ['town-nanhu'],
  units: [{ unitId: 'town-dongguan' }, { unitId: 'town-xicheng' }],
});

/**
 * A case team for API tests: its first seat (town-dongguan) filled by the unit's head p-xie-hua, named and confirmed,
 * so that p-xie-hua is on the team; its second seat (town-xicheng) asked, and with `named` p-han-bing named (awaiting
 * the office). One team per `key`, made once.
 */
export function caseTeamFixtures(office: Call, dongguan: Call, xicheng: Call) {
  const teams = new Map<string, Promise<{ teamId: string; member: string; asked: string }>>();
  const make = async (named: boolean) => {
    const team = await office('POST', '/v1/case-teams', caseTeamBody());
    const [member, asked] = (team.secondments as { id: string }[]).map((s) => s.id) as [string, string];
    await dongguan('POST', `/v1/secondments/${member}/nominate`, { personId: 'p-xie-hua' });
    await office('POST', `/v1/secondments/${member}/confirm`, {});
    if (named) await xicheng('POST', `/v1/secondments/${asked}/nominate`, { personId: 'p-han-bing' });
    return { teamId: team.id as string, member, asked };
  };
  return {
    team: (key: string, named = false) => {
      if (!teams.has(key)) teams.set(key, make(named));
      return teams.get(key)!;
    },
  };
}
