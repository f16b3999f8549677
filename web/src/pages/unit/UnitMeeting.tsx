import { useState } from 'react';
import { useSession } from '../../app/auth';
import { Link } from '../../app/router';
import { ActionForm } from '../../components/ActionForm';
import { ErrorBox } from '../../components/ErrorBox';
import { api } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import { useLoad } from '../../lib/use-load';
import { NotFound } from '../shared/NotFound';
import type { Meeting } from './meeting-types';

/** A meeting notice: when and where, the agenda, and the unit's answer (参会 / 请假) until the meeting begins. */
export function UnitMeeting({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const [declining, setDeclining] = useState(false);
  const {
    value: m,
    error,
    reload,
  } = useLoad(() => api<Meeting>('GET', `/v1/meetings/${encodeURIComponent(id)}`), [id]);
  if (error && (error.status === 404 || error.status === 403)) return <NotFound />;
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!m) return <p className="muted">{t('common.loading')}</p>;
  const own = m.attendance.find((a) => a.unitId === session.unit.id);
  const path = `/v1/meetings/${encodeURIComponent(m.id)}/attendance`;
  return (
    <article>
      <h1>{m.title}</h1>
      <dl className="facts">
        <dt>{t('meeting.at')}</dt>
        <dd>{formatDateTime(m.at, lang)}</dd>
        <dt>{t('meeting.place')}</dt>
        <dd>{m.place}</dd>
        <dt>{t('meeting.confirmBy')}</dt>
        <dd>{formatDateTime(m.confirmBy, lang)}</dd>
        <dt>{t('meeting.state')}</dt>
        <dd>{t(`meeting.state.${m.state}`)}</dd>
        <dt>{t('meeting.topics')}</dt>
        <dd>
          <ol className="plain-list">
            {(m.agenda?.items ?? m.topics).map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ol>
        </dd>
        {own && (
          <>
            <dt>{t('meeting.ownAnswer')}</dt>
            <dd data-testid="attendance-status">
              {t(`meeting.attendance.${own.status}`)}
              {own.attendee && `（${own.attendee}）`}
              {own.reason && `：${own.reason}`}
            </dd>
          </>
        )}
      </dl>
      {own && m.state === 'NOTICED' && (
        <section className="panel" aria-labelledby="answer-title">
          <h2 id="answer-title">{t('meeting.answer')}</h2>
          <div className="action-grid">
            <ActionForm
              testId="attend-form"
              title={t('meeting.attend')}
              path={path}
              submitLabel={t('meeting.attendButton')}
              fields={[{ name: 'attendee', label: 'meeting.attendee', kind: 'text', required: true }]}
              toBody={(v) => ({ attending: true, attendee: v.attendee })}
              onDone={reload}
            />
            {declining ? (
              <ActionForm
                testId="decline-form"
                title={t('meeting.decline')}
                path={path}
                submitLabel={t('meeting.declineButton')}
                fields={[{ name: 'reason', label: 'meeting.reason', kind: 'textarea', required: true }]}
                toBody={(v) => ({ attending: false, reason: v.reason })}
                onDone={() => {
                  setDeclining(false);
                  reload();
                }}
              />
            ) : (
              <div>
                <button type="button" onClick={() => setDeclining(true)}>
                  {t('meeting.decline')}
                </button>
              </div>
            )}
          </div>
        </section>
      )}
      {m.minutes && (
        <section>
          <h2>{t('meeting.minutes')}</h2>
          <p className="prose panel">{m.minutes}</p>
        </section>
      )}
      {m.resolutions.length > 0 && (
        <section>
          <h2>{t('meeting.resolutions')}</h2>
          <ol>
            {m.resolutions.map((r) => (
              <li key={r.seq}>
                <Link to={`/tasks/${encodeURIComponent(r.taskId)}`}>{r.title}</Link>
                {r.state && <span className="muted small">（{t(`state.${r.state}`)}）</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}
