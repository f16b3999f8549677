import { Link } from '../../../app/router';
import { ErrorBox } from '../../../components/ErrorBox';
import { Timeline } from '../../../components/Timeline';
import { api } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n';
import { useNames } from '../../../lib/names';
import { formatDateTime } from '../../../lib/time';
import type { Attendance, Meeting } from '../../../lib/types-office2';
import { useLoad } from '../../../lib/use-load';
import { NotFound } from '../../shared/NotFound';
import { MinutesForm } from './MinutesForm';

/** One joint meeting: its notice, attendance (confirmed, declined with reason, silent and urged), minutes and resolutions. */
export function MeetingDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const names = useNames();
  const {
    value: m,
    error,
    reload,
  } = useLoad(() => api<Meeting>('GET', `/v1/meetings/${encodeURIComponent(id)}`), [id]);
  if (error && (error.status === 404 || error.status === 403)) return <NotFound />;
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!m) return <p className="muted">{t('common.loading')}</p>;
  return (
    <article>
      <p>
        <Link to={`/office/meetings?cycle=${encodeURIComponent(m.cycleId)}`}>{t('o2.meetings.back')}</Link>
      </p>
      <header className="task-head">
        <h1>{m.title}</h1>
        <div className="task-badges">
          <span className="badge" data-testid="meeting-state">
            {t(`o2.meetingState.${m.state}`)}
          </span>
          <span className="badge">{t(`o2.meetingKind.${m.kind}`)}</span>
        </div>
      </header>
      <dl className="facts">
        <dt>{t('o2.meetings.at')}</dt>
        <dd>{formatDateTime(m.at, lang)}</dd>
        <dt>{t('o2.meetings.place')}</dt>
        <dd>{m.place}</dd>
        <dt>{t('o2.meetings.confirmBy')}</dt>
        <dd>{formatDateTime(m.confirmBy, lang)}</dd>
        <dt>{t('o2.meetings.agenda')}</dt>
        <dd>
          <ol className="plain-list">
            {(m.agenda?.items ?? m.topics).map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ol>
        </dd>
        {m.minutesDueAt && m.state === 'HELD' && (
          <>
            <dt>{t('o2.meetings.minutesDue')}</dt>
            <dd>{formatDateTime(m.minutesDueAt, lang)}</dd>
          </>
        )}
      </dl>
      <AttendanceTable rows={m.attendance} />
      {m.state === 'MINUTED' && (
        <section className="panel" aria-labelledby="minutes-title">
          <h2 id="minutes-title">{t('o2.meetings.minutes')}</h2>
          <p className="prose" data-testid="minutes-text">
            {m.minutes}
          </p>
          <p className="muted small">{t('o2.meetings.minutedAt', { at: formatDateTime(m.minutedAt, lang) })}</p>
        </section>
      )}
      {m.resolutions.length > 0 && (
        <section className="panel" aria-labelledby="resolutions-title">
          <h2 id="resolutions-title">{t('o2.meetings.resolutions')}</h2>
          <table>
            <caption className="sr-only">{t('o2.meetings.resolutions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('o2.seq')}</th>
                <th scope="col">{t('o2.meetings.resolution')}</th>
                <th scope="col">{t('task.state')}</th>
              </tr>
            </thead>
            <tbody data-testid="resolutions">
              {m.resolutions.map((r) => (
                <tr key={r.seq}>
                  <td data-label={t('o2.seq')}>{r.seq}</td>
                  <td data-label={t('o2.meetings.resolution')}>
                    <Link to={`/tasks/${encodeURIComponent(r.taskId)}`}>{r.title}</Link>
                  </td>
                  <td data-label={t('task.state')}>{r.state ? t(`state.${r.state}`) : t('o2.starting')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {m.state === 'HELD' && <MinutesForm meetingId={m.id} onDone={reload} />}
      {m.state === 'NOTICED' && <p className="muted">{t('o2.meetings.notYetHeld')}</p>}
      <section aria-labelledby="meeting-timeline">
        <h2 id="meeting-timeline">{t('o2.timeline')}</h2>
        <Timeline entries={m.timeline} names={names} />
      </section>
    </article>
  );
}

function AttendanceTable({ rows }: { rows: Attendance[] }) {
  const { t, lang } = useI18n();
  const counts = rows.reduce<Record<string, number>>((n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }), {});
  return (
    <section className="panel" aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t('o2.meetings.attendance')}</h2>
      <p className="muted" data-testid="attendance-counts">
        {Object.entries(counts)
          .map(([s, n]) => `${t(`o2.attendance.${s}`)} ${n}`)
          .join(' · ')}
      </p>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">{t('o2.meetings.attendance')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('o2.unit')}</th>
              <th scope="col">{t('o2.meetings.answer')}</th>
              <th scope="col">{t('o2.meetings.attendee')}</th>
              <th scope="col">{t('o2.meetings.reason')}</th>
              <th scope="col">{t('o2.meetings.urged')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.unitId} data-unit={a.unitId}>
                <td data-label={t('o2.unit')}>{a.unitName}</td>
                <td data-label={t('o2.meetings.answer')}>
                  <span className={`badge attendance-${a.status.toLowerCase()}`}>{t(`o2.attendance.${a.status}`)}</span>
                  {(a.status === 'PRESENT' || a.status === 'ABSENT') && (
                    <span className="muted small"> {t(`o2.answer.${a.answer ?? 'NONE'}`)}</span>
                  )}
                </td>
                <td data-label={t('o2.meetings.attendee')}>{a.attendee ?? '—'}</td>
                <td data-label={t('o2.meetings.reason')}>{a.reason ?? '—'}</td>
                <td data-label={t('o2.meetings.urged')}>{a.urgedAt ? formatDateTime(a.urgedAt, lang) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
