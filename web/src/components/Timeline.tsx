import type { TaskTimelineEntry, TimelineEntry } from '../lib/types';
import { useI18n } from '../lib/i18n';
import { formatDateTime } from '../lib/time';

/** The kinds of timeline entries that are escalation rungs, and their short marks (催办/L1…). */
const RUNG_KINDS = new Set(['ESCALATION_L1', 'ESCALATION_L2', 'ESCALATION_L3', 'SIGN_FOR_OVERDUE']);

type Reach = NonNullable<TaskTimelineEntry['notices']>;
type StepFile = NonNullable<TaskTimelineEntry['attachments']>[number];

/** Who an entry's notice reached (the office reads it on a task): how many read it, then each person and channel. */
function NoticeReach({ reach }: { reach: Reach }) {
  const { t, lang } = useI18n();
  const read = reach.filter((r) => r.readAt).length;
  return (
    <details className="timeline-reach small" data-testid="notice-reach">
      <summary>{t('reach.summary', { n: reach.length, read })}</summary>
      <ul>
        {reach.map((r) => (
          <li key={r.personId}>
            {r.name}：{r.readAt ? t('reach.read', { at: formatDateTime(r.readAt, lang) }) : t('reach.unread')}
            {r.deliveries.map((d) => (
              <span key={d.channel} className={d.state === 'DEAD' ? 'error' : 'muted'}>
                {' '}
                · {t(`reach.channel.${d.channel}`)}
                {t(`reach.state.${d.state}`)}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * A procedure's history, oldest first: every action, reminder, rung and extension, with who and when. `kinds`: the
 * i18n prefix of the procedure's own labels of its kinds (`rot.kind`: a rotation's CONFIRMED is not a meeting's), in
 * place of the shared `kind.*` where it has one.
 */
export function Timeline({
  entries,
  names = {},
  kinds,
}: {
  entries: (TimelineEntry & { notices?: Reach; slip?: string; attachments?: StepFile[] })[];
  names?: Record<string, string>;
  kinds?: string;
}) {
  const { t, lang } = useI18n();
  const label = (kind: string) => {
    const own = kinds ? t(`${kinds}.${kind}`) : undefined;
    return own !== undefined && own !== `${kinds}.${kind}` ? own : t(`kind.${kind}`);
  };
  return (
    <ol className="timeline">
      {entries.map((e) => {
        const rung = RUNG_KINDS.has(e.kind);
        return (
          <li key={e.step} className={rung ? 'timeline-rung' : undefined} data-kind={e.kind}>
            <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
            <span className="timeline-kind">{label(e.kind)}</span>
            <span className="timeline-message">{e.message}</span>
            {e.actorId && <span className="muted small">{names[e.actorId] ?? e.actorId}</span>}
            {e.slip && (
              <span className="small">
                <a href={e.slip} target="_blank" rel="noopener" data-testid="urging-slip">
                  {t('timeline.slip')}
                </a>{' '}
                <a href={`${e.slip}.pdf`} download data-testid="urging-slip-pdf">
                  {t('timeline.slipPdf')}
                </a>
              </span>
            )}
            {e.attachments && e.attachments.length > 0 && (
              <ul className="timeline-files small" data-testid="step-files" aria-label={t('attachments.stepFiles')}>
                {e.attachments.map((a) => (
                  <li key={a.id}>
                    <a href={a.href} download={a.fileName}>
                      {a.fileName}
                    </a>
                  </li>
                ))}
              </ul>
            )}
            {e.notices && e.notices.length > 0 && <NoticeReach reach={e.notices} />}
          </li>
        );
      })}
    </ol>
  );
}
