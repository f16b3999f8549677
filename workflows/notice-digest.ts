import { condition, setHandler } from '@temporalio/workflow';
import { addToDigest, type NoticeDigestInput } from '../procedures/notice/messages';
import { sendAndRecord, sleepUntil } from './notice-delivery';

/**
 * A person's low-priority notices on one channel, gathered until the digest hour and sent as one message
 * (今日通知汇总（N条）), once: each delivery joins by signal-with-start (`notice-digest-<person>-<channel>-<moment>`),
 * the same one twice counts once, and the send activity sends only those still pending. One that joins after the
 * message went (the signal racing the send) goes in a message of its own right after.
 */
export async function noticeDigest(input: NoticeDigestInput): Promise<string[]> {
  const joined = new Set<string>();
  const done = new Set<string>();
  setHandler(addToDigest, (id) => {
    if (!done.has(id)) joined.add(id);
  });
  await sleepUntil(input.at);
  await condition(() => joined.size > 0);
  while (joined.size > 0) {
    const ids = [...joined].sort();
    joined.clear();
    ids.forEach((id) => done.add(id));
    await sendAndRecord(ids);
  }
  return [...done];
}
