import type { Lang } from './i18n';

/*
 * Dates and times as the procedure counts them: Asia/Shanghai, whatever the browser's own zone. Working days are
 * never computed here: the API gives `remainingWorkingDays` from the official calendar.
 */

const ZONE = 'Asia/Shanghai';

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-GB');

/** A local date 'YYYY-MM-DD' (a deadline) as the reader's language writes it. */
export function formatDate(date: string | null | undefined, lang: Lang): string {
  if (!date) return '—';
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  if (lang === 'zh') return `${y}年${m}月${d}日`;
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'medium' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** An instant (ISO timestamp) in Asia/Shanghai, to the minute. */
export function formatDateTime(at: string | null | undefined, lang: Lang): string {
  if (!at) return '—';
  const t = new Date(at);
  if (Number.isNaN(t.getTime())) return at;
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(t);
}

/** Today's date in Asia/Shanghai, 'YYYY-MM-DD'. */
export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );
}

/** "还剩2个工作日" / "今日到期" / "已逾期3个工作日", from the API's count (negative: overdue). */
export function formatRemaining(days: number | null | undefined, lang: Lang): string {
  if (days === null || days === undefined) return '—';
  if (lang === 'zh') {
    if (days > 0) return `还剩${days}个工作日`;
    if (days === 0) return '今日到期';
    return `已逾期${-days}个工作日`;
  }
  if (days > 0) return `${days} working day${days === 1 ? '' : 's'} left`;
  if (days === 0) return 'due today';
  return `${-days} working day${days === -1 ? '' : 's'} overdue`;
}
