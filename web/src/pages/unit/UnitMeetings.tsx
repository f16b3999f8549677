import { Link } from '../../app/router';
import { ListPage } from '../../components/ListPage';
import { useI18n } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import type { MeetingSummary } from '../../lib/types-office2';

/** Joint meetings the unit is invited to, newest first; each opens its notice to confirm or decline. */
export function UnitMeetings() {
  const { t, lang } = useI18n();
  return (
    <ListPage<MeetingSummary>
      title={t('unit.meetings.title')}
      table={{
        caption: t('unit.meetings.caption'),
        rowKey: (m) => m.id,
        path: (page) => `/v1/meetings?limit=${page.limit}&offset=${page.offset}`,
        columns: [
          {
            key: 'title',
            header: 'meeting.title',
            render: (m) => <Link to={`/unit/meetings/${encodeURIComponent(m.id)}`}>{m.title}</Link>,
          },
          { key: 'at', header: 'meeting.at', render: (m) => formatDateTime(m.at, lang) },
          { key: 'place', header: 'meeting.place', render: (m) => m.place },
          { key: 'confirmBy', header: 'meeting.confirmBy', render: (m) => formatDateTime(m.confirmBy, lang) },
          { key: 'state', header: 'meeting.state', render: (m) => t(`meeting.state.${m.state}`) },
        ],
      }}
    />
  );
}
