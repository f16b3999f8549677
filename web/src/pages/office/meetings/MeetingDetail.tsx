import { Link } from '../../../app/router';
import { ActionForm, type Field } from '../../../components/ActionForm';
import { DataTable } from '../../../components/DataTable';
import { NumberedList } from '../../../components/NumberedList';
import { ProcedureView } from '../../../components/ProcedureView';
import { addMessages, useI18n } from '../../../lib/i18n';
import { formatDateTime } from '../../../lib/time';
import type { Attendance, Meeting } from '../../../lib/types-office2';
import { useRecord } from '../../shared/use-record';
import { MinutesForm } from './MinutesForm';
import majorCase from '../../../lib/messages/major-case';
import office2 from '../../../lib/messages/office2';

addMessages(majorCase, office2);

const CANCEL: Field[] = [{ name: 'reason', label: 'o2.meetings.cancelReason', kind: 'textarea', required: true }];

/** One joint meeting: its notice, attendance (confirmed, declined with reason, silent and urged), minutes and resolutions. */
export function MeetingDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { value: m, reload, fallback } = useRecord<Meeting>(`/v1/meetings/${encodeURIComponent(id)}`);
  if (!m) return fallback;
  return (
    <ProcedureView
      back={<Link to={`/office/meetings?cycle=${encodeURIComponent(m.cycleId)}`}>{t('o2.meetings.back')}</Link>}
      title={m.title}
      badges={
        <>
          <span className="badge" data-testid="meeting-state">
            {t(`o2.meetingState.${m.state}`)}
          </span>
          <span className="badge">{t(`o2.meetingKind.${m.kind}`)}</span>
        </>
      }
      facts={[
        { label: t('o2.meetings.at'), value: formatDateTime(m.at, lang) },
        { label: t('o2.meetings.place'), value: m.place },
        { label: t('o2.meetings.confirmBy'), value: formatDateTime(m.confirmBy, lang) },
        { label: t('o2.meetings.agenda'), value: <NumberedList items={m.agenda?.items ?? m.topics} /> },
        m.referralId && { label: t('majorCase.referral'), value: m.referralId },
        m.minutesDueAt &&
          m.state === 'HELD' && { label: t('o2.meetings.minutesDue'), value: formatDateTime(m.minutesDueAt, lang) },
      ]}
      actions={[
        m.state === 'HELD' && <MinutesForm meetingId={m.id} onDone={reload} />,
        // Only an ad-hoc meeting, until it begins: the API offers `cancel` then.
        m.actions?.includes('cancel') && (
          <ActionForm
            name="o2.meetings.cancel"
            path={`/v1/meetings/${encodeURIComponent(m.id)}/cancel`}
            fields={CANCEL}
            onDone={reload}
            testId="cancel-meeting-form"
          />
        ),
      ]}
      timeline={{ entries: m.timeline, heading: 'o2.timeline', id: 'meeting-timeline' }}
    >
      {m.kind === 'MAJOR_CASE' && <p className="panel muted">{t('majorCase.confidential')}</p>}
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
          <DataTable
            caption={t('o2.meetings.resolutions')}
            captionClass="sr-only"
            framed={false}
            bodyTestId="resolutions"
            rows={m.resolutions}
            rowKey={(r) => r.seq}
            columns={[
              { key: 'seq', header: 'o2.seq', render: (r) => r.seq },
              {
                key: 'title',
                header: 'o2.meetings.resolution',
                render: (r) => <Link to={`/tasks/${encodeURIComponent(r.taskId)}`}>{r.title}</Link>,
              },
              {
                key: 'state',
                header: 'task.state',
                render: (r) => (r.state ? t(`state.${r.state}`) : t('o2.starting')),
              },
            ]}
          />
        </section>
      )}
      {m.state === 'NOTICED' && <p className="muted">{t('o2.meetings.notYetHeld')}</p>}
    </ProcedureView>
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
      <DataTable
        caption={t('o2.meetings.attendance')}
        captionClass="sr-only"
        rows={rows}
        // A major-case group meeting's rows are its member people (two may share a unit).
        rowKey={(a) => a.personId ?? a.unitId}
        rowProps={(a) => ({ 'data-unit': a.unitId, ...(a.personId ? { 'data-person': a.personId } : {}) })}
        columns={[
          ...(rows.some((a) => a.personId)
            ? [{ key: 'member', header: 'o2.meetings.member', render: (a: Attendance) => a.personName ?? '' }]
            : []),
          { key: 'unit', header: 'o2.unit', render: (a) => a.unitName },
          {
            key: 'answer',
            header: 'o2.meetings.answer',
            render: (a) => (
              <>
                <span className={`badge attendance-${a.status.toLowerCase()}`}>{t(`o2.attendance.${a.status}`)}</span>
                {(a.status === 'PRESENT' || a.status === 'ABSENT') && (
                  <span className="muted small"> {t(`o2.answer.${a.answer ?? 'NONE'}`)}</span>
                )}
              </>
            ),
          },
          { key: 'attendee', header: 'o2.meetings.attendee', render: (a) => a.attendee ?? '—' },
          { key: 'reason', header: 'o2.meetings.reason', render: (a) => a.reason ?? '—' },
          {
            key: 'urged',
            header: 'o2.meetings.urged',
            render: (a) => (a.urgedAt ? formatDateTime(a.urgedAt, lang) : '—'),
          },
        ]}
      />
    </section>
  );
}
