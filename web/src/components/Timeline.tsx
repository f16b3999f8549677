import type { TimelineEntry } from '../lib/types';
import { useI18n } from '../lib/i18n';
import { formatDateTime } from '../lib/time';

/** The kinds of timeline entries that are escalation rungs, and their short marks (催办/L1…). */
const RUNG_KINDS = new Set(['ESCALATION_L1', 'ESCALATION_L2', 'ESCALATION_L3', 'SIGN_FOR_OVERDUE']);

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
  entries: TimelineEntry[];
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
          </li>
        );
      })}
    </ol>
  );
}
