import { Link } from '../../app/router';
import { ListPage } from '../../components/ListPage';
import { addMessages, useI18n } from '../../lib/i18n';
import { useApi } from '../../lib/queries';
import { formatDateTime } from '../../lib/time';
import type { MeetingSummary } from '../../lib/types-office2';
import majorCase from '../../lib/messages/major-case';

addMessages(majorCase);

/**
 * The major-case coordination group's meetings (大要案协调小组) the signed-in person sits on, newest first: the API
 * lists them to their members only; each opens its notice to confirm or decline in person.
 */
export function MajorCaseMeetings() {
  const { t, lang } = useI18n();
  const me = useApi<{ majorCaseGroup: boolean }>('/v1/me');
  if (!me.value) return <p className="muted">{t('common.loading')}</p>;
  if (!me.value.majorCaseGroup) {
    return (
      <article>
        <h1>{t('majorCase.title')}</h1>
        <p className="muted" data-testid="not-a-member">
          {t('majorCase.notMember')}
        </p>
      </article>
    );
  }
  return (
    <ListPage<MeetingSummary>
      title={t('majorCase.title')}
      table={{
        caption: t('majorCase.caption'),
        rowKey: (m) => m.id,
        path: (page) => `/v1/meetings?kind=MAJOR_CASE&limit=${page.limit}&offset=${page.offset}`,
        columns: [
          {
            key: 'title',
            header: 'meeting.title',
            render: (m) => <Link to={`/major-case/meetings/${encodeURIComponent(m.id)}`}>{m.title}</Link>,
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
