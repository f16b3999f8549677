import { Link } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { addMessages, useI18n } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import type { RotationWindow } from './types';
import rotation from '../../lib/messages/rotation';

addMessages(rotation);

/** A plan's windows as the reader may see them: who, when, where the confirmation stands. */
export function WindowTable({ windows, testId }: { windows: RotationWindow[]; testId: string }) {
  const { t, lang } = useI18n();
  return (
    <DataTable<RotationWindow>
      caption={t('rot.windows')}
      rows={windows}
      rowKey={(w) => w.windowId}
      rowProps={(w) => ({ 'data-window': w.windowId })}
      testId={testId}
      columns={[
        { key: 'unit', header: 'rot.unit', render: (w) => w.unitName },
        {
          key: 'person',
          header: 'rot.person',
          render: (w) => <Link to={`/rotation-records/${encodeURIComponent(w.personId)}`}>{w.personName}</Link>,
        },
        { key: 'window', header: 'rot.window', render: (w) => `${w.start}—${w.end}` },
        {
          key: 'state',
          header: 'rot.windowState',
          testId: 'window-state',
          render: (w) => <span className="badge">{t(`rot.ws.${w.state}`)}</span>,
        },
        {
          key: 'confirmed',
          header: 'rot.confirmed',
          render: (w) =>
            [
              w.answeredAt
                ? `${formatDateTime(w.answeredAt, lang)} ${t(w.confirmedLate ? 'rot.late' : 'rot.onTime')}`
                : '',
              !w.answeredAt && w.confirmedLate ? t('rot.late') : '',
              w.overdueAt ? t('rot.urged') : '',
              w.escalatedAt ? t('rot.escalated') : '',
            ]
              .filter(Boolean)
              .join(' · ') || '—',
        },
      ]}
    />
  );
}
