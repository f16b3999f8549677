import type { DueDelivery } from '../../db/queries/notice-deliveries';
import type { NoticeMessage } from './channel';

/**
 * The message of a delivery: the notice's text and the link back to the object in the workspace, which names the
 * inbox entry so that opening it is a read receipt (`?notice=`).
 */
export function messageOf(d: DueDelivery, baseUrl: string): NoticeMessage {
  const link = (taskId: string) => {
    const url = new URL(`/tasks/${encodeURIComponent(taskId)}`, baseUrl);
    url.searchParams.set('notice', d.notificationId);
    return url.toString();
  };
  return {
    id: d.id,
    kind: d.kind,
    title: d.title,
    body: d.body,
    ...(d.taskId && { link: link(d.taskId) }),
    ...(d.mobile && { atMobile: d.mobile }),
  };
}

/** A day's low-priority notices of one person as one message: how many, and each title; the link to the inbox. */
export function digestOf(group: DueDelivery[], baseUrl: string): NoticeMessage {
  return {
    id: group[0]!.id,
    kind: 'DIGEST',
    title: `今日通知汇总（${group.length}条）`,
    body: group.map((d, i) => `${i + 1}. ${d.title}`).join('\n'),
    link: new URL('/notifications', baseUrl).toString(),
  };
}
