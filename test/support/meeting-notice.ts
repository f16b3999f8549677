import type { Pool } from 'pg';
import { recordNotifications } from '../../db/queries/notifications';

/** A meeting notice to one unit's head, recorded as a workflow step would: its outbox events, one per webhook. */
export async function noticeUnitHead(pool: Pool, unitId: string, workflowId: string): Promise<string[]> {
  const { webhookEventIds } = await recordNotifications(pool, {
    orgId: 'district',
    workflowId,
    step: '1-noticed',
    kind: 'MEETING_NOTICED',
    title: '【会议通知】',
    body: '请按时参会。',
    recipients: {
      personIds: [],
      headOfUnitIds: [unitId],
      memberOfUnitIds: [],
      leaderOfUnitIds: [],
      officeOrgIds: [],
      groupOrgIds: [],
    },
    webhookUnitIds: [unitId],
  });
  return webhookEventIds;
}
