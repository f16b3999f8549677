import { DataTable } from '../../components/DataTable';
import { addMessages, useI18n } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import { useRecord } from '../shared/use-record';
import type { RotationRecord as TraineeRecord } from './types';
import rotation from '../../lib/messages/rotation';

addMessages(rotation);

type Served = TraineeRecord['windows'][number];

/**
 * A trainee's rotation record (轮训记录): the windows and the case teams joined in each. The API shows the case
 * references to the office and the trainee only; others read the count (`cases` null).
 */
export function RotationRecord({ personId }: { personId: string }) {
  const { t, lang } = useI18n();
  const { value: r, fallback } = useRecord<TraineeRecord>(`/v1/people/${encodeURIComponent(personId)}/rotation-record`);
  if (!r) return fallback;
  return (
    <article>
      <h1>{t('rot.recordTitle', { name: r.personName })}</h1>
      <p className="muted small">
        {r.unitName}
        {!r.caseRefsShown && ` · ${t('rot.countOnly')}`}
      </p>
      <DataTable<Served>
        caption={t('rot.windows')}
        rows={r.windows}
        rowKey={(w) => `${w.planId}-${w.windowId}`}
        testId="record-windows"
        columns={[
          { key: 'window', header: 'rot.window', render: (w) => `${w.start}—${w.end}` },
          { key: 'state', header: 'rot.windowState', render: (w) => t(`rot.ws.${w.state}`) },
          { key: 'started', header: 'rot.startedAt', render: (w) => formatDateTime(w.startedAt, lang) },
          { key: 'count', header: 'rot.caseCount', testId: 'case-count', render: (w) => w.caseCount },
          {
            key: 'cases',
            header: 'rot.cases',
            render: (w) => (w.cases ? w.cases.map((c) => c.caseRef).join('、') || '—' : t('rot.hidden')),
          },
        ]}
      />
    </article>
  );
}
