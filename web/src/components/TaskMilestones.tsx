import { useI18n } from '../lib/i18n';
import { formatDate, formatDateTime } from '../lib/time';
import type { Task } from '../lib/types';

/** A task's milestones (序时进度), planned against actual; nothing when it has none. */
export function TaskMilestones({ task }: { task: Task }) {
  const { t, lang } = useI18n();
  const milestones = task.milestones ?? [];
  if (milestones.length === 0) return null;
  return (
    <table className="milestones-table" data-testid="task-milestones">
      <thead>
        <tr>
          <th>{t('milestones.date')}</th>
          <th>{t('milestones.planned')}</th>
          <th>{t('milestones.actual')}</th>
          <th>{t('milestones.state')}</th>
        </tr>
      </thead>
      <tbody>
        {milestones.map((m) => (
          <tr key={m.id} className={`milestone-${m.state.toLowerCase()}`}>
            <td>{formatDate(m.date, lang)}</td>
            <td>{[m.expected, m.percent !== undefined ? `${m.percent}%` : ''].filter(Boolean).join('，')}</td>
            <td>
              {m.reportedAt
                ? t('milestones.reported', {
                    at: formatDateTime(m.reportedAt, lang),
                    percent: m.reportedPercent !== undefined ? ` ${m.reportedPercent}%` : '',
                  })
                : t('milestones.notReported')}
            </td>
            <td>{t(`milestones.state.${m.state}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
