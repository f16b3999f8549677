import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { deliveryId } from '../../db/queries/notice-deliveries';

/** A fresh SMS delivery of a notice to `personId` that has died (its number refused), on the dead-letter list. */
export async function deadDelivery(db: Pool, personId: string): Promise<string> {
  const notificationId = `n_${randomBytes(12).toString('hex')}`;
  const id = deliveryId(notificationId, 'SMS');
  await db.query({
    text: `WITH n AS (
             INSERT INTO notifications (id, org_id, person_id, kind, title, body, workflow_id, step)
             SELECT $1, org_id, id, 'REMINDER', '【到期提醒】', '正文', 'task:t-dead-' || $1, $1 FROM people WHERE id = $2
             RETURNING id, org_id, person_id)
           INSERT INTO notice_deliveries (id, notification_id, org_id, person_id, channel, address, state, attempts,
                                          last_error, dead_at)
           SELECT $3, n.id, n.org_id, n.person_id, 'SMS', '13800009999', 'DEAD', 1, 'answered 400', now() FROM n`,
    values: [notificationId, personId, id],
  });
  return id;
}
