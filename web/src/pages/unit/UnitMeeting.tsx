import { useState } from 'react';
import { useSession } from '../../app/auth';
import { Link } from '../../app/router';
import { ActionForm, type Field } from '../../components/ActionForm';
import { Facts } from '../../components/Facts';
import { NumberedList } from '../../components/NumberedList';
import { addMessages, useI18n } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import type { Meeting } from '../../lib/types-office2';
import { useRecord } from '../shared/use-record';
import majorCase from '../../lib/messages/major-case';

addMessages(majorCase);

/**
 * A meeting notice: when and where, the agenda, and the unit's answer (参会 / 请假) until the meeting begins. A meeting
 * of the major-case coordination group (大要案协调小组) is answered by each member in person: the answer is theirs.
 */
export function UnitMeeting({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const [declining, setDeclining] = useState(false);
  const { value: m, reload, fallback } = useRecord<Meeting>(`/v1/meetings/${encodeURIComponent(id)}`);
  if (!m) return fallback;
  const majorCase = m.kind === 'MAJOR_CASE';
  // An enforcement member reads no task (公检法 are not responsible units): a resolution is a title to them, not a link.
  const readsTasks = session.person.roles.some((r) => r !== 'ENFORCEMENT' && r !== 'OBSERVER');
  const own = majorCase
    ? m.attendance.find((a) => a.personId === session.person.id)
    : m.attendance.find((a) => a.unitId === session.unit.id);
  const path = `/v1/meetings/${encodeURIComponent(m.id)}/attendance`;
  return (
    <article>
      <h1>{m.title}</h1>
      <Facts
        facts={[
          { label: t('meeting.at'), value: formatDateTime(m.at, lang) },
          { label: t('meeting.place'), value: m.place },
          { label: t('meeting.confirmBy'), value: formatDateTime(m.confirmBy, lang) },
          { label: t('meeting.state'), value: t(`meeting.state.${m.state}`) },
          { label: t('meeting.topics'), value: <NumberedList items={m.agenda?.items ?? m.topics} /> },
          own && {
            label: t(majorCase ? 'majorCase.ownAnswer' : 'meeting.ownAnswer'),
            testId: 'attendance-status',
            value: (
              <>
                {t(`meeting.attendance.${own.status}`)}
                {own.attendee && `（${own.attendee}）`}
                {own.reason && `：${own.reason}`}
              </>
            ),
          },
        ]}
      />
      {majorCase && <p className="panel muted">{t('majorCase.confidential')}</p>}
      {own && m.state === 'NOTICED' && (
        <section className="panel" aria-labelledby="answer-title">
          <h2 id="answer-title">{t('meeting.answer')}</h2>
          <div className="action-grid">
            <AnswerForm path={path} attending onDone={reload} personal={majorCase} />
            {declining ? (
              <AnswerForm
                path={path}
                attending={false}
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
                {readsTasks ? <Link to={`/tasks/${encodeURIComponent(r.taskId)}`}>{r.title}</Link> : r.title}
                {r.state && <span className="muted small">（{t(`state.${r.state}`)}）</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}

/** What each answer asks for: who attends (参会), or why the unit cannot (请假). */
const ANSWERS: Record<'attend' | 'decline', Field> = {
  attend: { name: 'attendee', label: 'meeting.attendee', kind: 'text', required: true },
  decline: { name: 'reason', label: 'meeting.reason', kind: 'textarea', required: true },
};
/** A group member attends in person: who accompanies them, if anyone, is optional. */
const PERSONAL_ATTEND: Field = { name: 'attendee', label: 'majorCase.attendee', kind: 'text' };

/** The unit's answer to the notice: attending, with who attends, or declining (请假), with the reason. */
function AnswerForm({
  path,
  attending,
  onDone,
  personal = false,
}: {
  path: string;
  attending: boolean;
  onDone: () => void;
  personal?: boolean;
}) {
  const answer = attending ? 'attend' : 'decline';
  const field = personal && attending ? PERSONAL_ATTEND : ANSWERS[answer];
  return (
    <ActionForm
      testId={`${answer}-form`}
      name={`meeting.${answer}`}
      path={path}
      fields={[field]}
      toBody={(b) => ({ attending, ...b })}
      onDone={onDone}
    />
  );
}
