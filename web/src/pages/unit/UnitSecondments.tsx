import { Link } from '../../app/router';
import { ListPage } from '../../components/ListPage';
import { addMessages, useI18n } from '../../lib/i18n';
import { formatDate, formatDateTime } from '../../lib/time';
import type { Secondment } from '../../lib/types-case-teams';
import caseTeams from '../../lib/messages/case-teams';

addMessages(caseTeams);

/**
 * The secondment requests (抽调函) asked of the unit, or naming the reader, newest first: the skill, zone, period and
 * where each stands — never the case (need to know: the office's and the team's).
 */
export function UnitSecondments() {
  const { t, lang } = useI18n();
  return (
    <ListPage<Secondment>
      title={t('sec.title')}
      table={{
        caption: t('sec.caption'),
        rowKey: (s) => s.id,
        path: (page) => `/v1/secondments?limit=${page.limit}&offset=${page.offset}`,
        columns: [
          {
            key: 'skill',
            header: 'ct.skill',
            render: (s) => <Link to={`/unit/secondments/${encodeURIComponent(s.id)}`}>{s.skill}</Link>,
          },
          { key: 'zone', header: 'ct.zone', render: (s) => s.zoneName },
          {
            key: 'period',
            header: 'ct.period',
            render: (s) => `${formatDate(s.startDate, lang)} – ${formatDate(s.endDate, lang)}`,
          },
          {
            key: 'due',
            header: 'ct.seat.due',
            render: (s) => `${formatDateTime(s.dueAt, lang)}${s.late ? ` · ${t('ct.seat.late')}` : ''}`,
          },
          { key: 'person', header: 'ct.seat.person', render: (s) => s.personName ?? '—' },
          { key: 'state', header: 'ct.seat.state', render: (s) => t(`ct.seatState.${s.state}`) },
        ],
      }}
    />
  );
}
