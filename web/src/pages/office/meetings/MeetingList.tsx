import { Link, navigate } from '../../../app/router';
import { CyclePicker, useCycleChoice } from '../../../components/CyclePicker';
import { FormPanel } from '../../../components/FormPanel';
import { InputField, LabelledField } from '../../../components/LabelledField';
import { ListPage } from '../../../components/ListPage';
import { query } from '../../../lib/api';
import { lines, shanghaiInstant } from '../../../lib/fields';
import { addMessages, useI18n } from '../../../lib/i18n';
import { formatDateTime } from '../../../lib/time';
import type { MeetingSummary } from '../../../lib/types-office2';
import { useFields } from '../../../lib/use-fields';
import { useFormAction } from '../../../lib/queries';
import majorCase from '../../../lib/messages/major-case';
import office2 from '../../../lib/messages/office2';

addMessages(majorCase, office2);

/** The cycle's joint meetings (联席会议), newest first, and the form to call an ad-hoc one. */
export function MeetingList() {
  const { t, lang } = useI18n();
  const { cycleId, cycles } = useCycleChoice();
  return (
    <ListPage<MeetingSummary>
      title={t('o2.meetings.title')}
      filters={<CyclePicker cycleId={cycleId} cycles={cycles} />}
      table={
        cycleId
          ? {
              caption: t('o2.meetings.caption'),
              rowKey: (m) => m.id,
              path: (page) => `/v1/meetings${query({ cycleId, ...page })}`,
              columns: [
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
                {
                  key: 'units',
                  header: 'o2.meetings.invited',
                  render: (m) =>
                    m.kind === 'MAJOR_CASE' ? t('o2.meetings.invitedMembers', { n: m.invitedMembers }) : m.invitedUnits,
                },
              ],
            }
          : undefined
      }
    >
      {cycleId && <CallMeetingForm cycleId={cycleId} />}
    </ListPage>
  );
}

/**
 * Calling an ad-hoc meeting: its kind (a joint meeting of the member units, or the major-case coordination group's,
 * optionally on a referral), title, time, place, attendance deadline and topics (one a line).
 */
function CallMeetingForm({ cycleId }: { cycleId: string }) {
  const { t } = useI18n();
  const { values: v, bind } = useFields({
    kind: 'AD_HOC',
    referralId: '',
    title: '',
    at: '',
    confirmBy: '',
    place: '',
    topics: '',
  });
  const majorCase = v.kind === 'MAJOR_CASE';
  const form = useFormAction(async ({ run }) => {
    const called = await run<{ id: string }>('POST', `/v1/cycles/${encodeURIComponent(cycleId)}/meetings`, {
      title: v.title,
      place: v.place,
      at: shanghaiInstant(v.at),
      confirmBy: shanghaiInstant(v.confirmBy),
      topics: lines(v.topics),
      ...(majorCase ? { kind: 'MAJOR_CASE', ...(v.referralId.trim() ? { referralId: v.referralId.trim() } : {}) } : {}),
    });
    if (called) navigate(`/office/meetings/${encodeURIComponent(called.id)}`);
  });
  return (
    <FormPanel name="o2.meetings.call" help form={form} testId="call-meeting-form">
      <LabelledField label={t('o2.meetings.kindChoice')} field="kind">
        <select {...bind('kind')} data-testid="meeting-kind">
          {(['AD_HOC', 'MAJOR_CASE'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`o2.meetings.kindChoice.${k}`)}
            </option>
          ))}
        </select>
      </LabelledField>
      {majorCase && (
        <InputField
          label={t('o2.meetings.referralId')}
          hint={t('o2.meetings.referralHint')}
          field="referralId"
          bind={bind}
        />
      )}
      <InputField label={t('o2.meetings.name')} field="title" bind={bind} required />
      <div className="field-row">
        <InputField label={t('o2.meetings.at')} field="at" bind={bind} type="datetime-local" required />
        <InputField label={t('o2.meetings.confirmBy')} field="confirmBy" bind={bind} type="datetime-local" required />
      </div>
      <InputField label={t('o2.meetings.place')} field="place" bind={bind} required />
      <LabelledField label={t('o2.meetings.topics')} hint={t('o2.oneALine')} field="topics">
        <textarea rows={3} {...bind('topics')} />
      </LabelledField>
    </FormPanel>
  );
}
