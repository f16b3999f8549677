import { useState, type FormEvent } from 'react';
import { Link, navigate } from '../../../app/router';
import { CyclePicker, useCycleChoice } from '../../../components/CyclePicker';
import { ErrorBox } from '../../../components/ErrorBox';
import { LabelledField } from '../../../components/LabelledField';
import { PagedTable } from '../../../components/PagedTable';
import { api, query, type Page } from '../../../lib/api';
import { shanghaiInstant } from '../../../lib/fields';
import { useI18n } from '../../../lib/i18n';
import { formatDateTime } from '../../../lib/time';
import type { MeetingSummary } from '../../../lib/types-office2';
import { useAction } from '../../../lib/use-action';

/** The cycle's joint meetings (联席会议), newest first, and the form to call an ad-hoc one. */
export function MeetingList() {
  const { t, lang } = useI18n();
  const { cycleId, cycles } = useCycleChoice();
  return (
    <section>
      <h1>{t('o2.meetings.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <CyclePicker cycleId={cycleId} cycles={cycles} />
      </form>
      {cycleId && (
        <PagedTable<MeetingSummary>
          caption={t('o2.meetings.caption')}
          rowKey={(m) => m.id}
          deps={[cycleId]}
          load={(page) => api<Page<MeetingSummary>>('GET', `/v1/meetings${query({ cycleId, ...page })}`)}
          columns={[
            {
              key: 'title',
              header: 'o2.meetings.name',
              render: (m) => <Link to={`/office/meetings/${encodeURIComponent(m.id)}`}>{m.title}</Link>,
            },
            { key: 'kind', header: 'o2.meetings.kind', render: (m) => t(`o2.meetingKind.${m.kind}`) },
            { key: 'at', header: 'o2.meetings.at', render: (m) => formatDateTime(m.at, lang) },
            { key: 'place', header: 'o2.meetings.place', render: (m) => m.place },
            {
              key: 'state',
              header: 'o2.meetings.state',
              render: (m) => <span className="badge">{t(`o2.meetingState.${m.state}`)}</span>,
            },
            { key: 'units', header: 'o2.meetings.invited', render: (m) => m.invitedUnits },
          ]}
        />
      )}
      {cycleId && <CallMeetingForm cycleId={cycleId} />}
    </section>
  );
}

/** Calling an ad-hoc meeting: title, time, place, attendance deadline and topics (one a line). */
function CallMeetingForm({ cycleId }: { cycleId: string }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  const [v, setV] = useState({ title: '', at: '', confirmBy: '', place: '', topics: '' });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const called = await run<{ id: string }>('POST', `/v1/cycles/${encodeURIComponent(cycleId)}/meetings`, {
      title: v.title,
      place: v.place,
      at: shanghaiInstant(v.at),
      confirmBy: shanghaiInstant(v.confirmBy),
      topics: v.topics
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
    });
    if (called) navigate(`/office/meetings/${encodeURIComponent(called.id)}`);
  };
  return (
    <form className="panel action-form" onSubmit={(e) => void submit(e)} data-testid="call-meeting-form">
      <h2>{t('o2.meetings.call')}</h2>
      <p className="muted small">{t('o2.meetings.callHelp')}</p>
      <LabelledField label={t('o2.meetings.name')} field="title" error={error}>
        <input required value={v.title} onChange={set('title')} />
      </LabelledField>
      <div className="field-row">
        <LabelledField label={t('o2.meetings.at')} field="at" error={error}>
          <input type="datetime-local" required value={v.at} onChange={set('at')} />
        </LabelledField>
        <LabelledField label={t('o2.meetings.confirmBy')} field="confirmBy" error={error}>
          <input type="datetime-local" required value={v.confirmBy} onChange={set('confirmBy')} />
        </LabelledField>
      </div>
      <LabelledField label={t('o2.meetings.place')} field="place" error={error}>
        <input required value={v.place} onChange={set('place')} />
      </LabelledField>
      <LabelledField label={t('o2.meetings.topics')} hint={t('o2.oneALine')} field="topics" error={error}>
        <textarea rows={3} value={v.topics} onChange={set('topics')} />
      </LabelledField>
      <ErrorBox error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('o2.meetings.callButton')}
      </button>
    </form>
  );
}
