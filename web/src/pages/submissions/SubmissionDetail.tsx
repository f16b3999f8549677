import { Link } from '../../app/router';
import { Choice } from '../../components/Choice';
import { Facts } from '../../components/Facts';
import { FormPanel } from '../../components/FormPanel';
import { LabelledField } from '../../components/LabelledField';
import { ProcedureView } from '../../components/ProcedureView';
import { addMessages, useI18n } from '../../lib/i18n';
import { leaders, useOrgLists } from '../../lib/org-lists';
import { useFormAction } from '../../lib/queries';
import { formatDateTime } from '../../lib/time';
import { useFields } from '../../lib/use-fields';
import { useRecord } from '../shared/use-record';
import type { Submission } from './types';
import office2 from '../../lib/messages/office2';
import submissions from '../../lib/messages/submissions';

addMessages(office2, submissions);

interface ActionProps {
  path: string;
  onDone: () => void;
}

/**
 * One submission (反映): what the member sent, where it stands, the office's answer as it arrives and the rating form;
 * the office also sees who sent it and its timeline, and triages it (reply, task, refer a clue, merge, close) or
 * answers it. The API says which actions the reader may take (`actions`).
 */
export function SubmissionDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { value: s, reload, fallback } = useRecord<Submission>(`/v1/submissions/${encodeURIComponent(id)}`);
  if (!s) return fallback;
  const path = `/v1/submissions/${encodeURIComponent(s.id)}`;
  const can = (verb: string) => s.actions.includes(verb);
  const when = (at: string | null | undefined) => (at ? formatDateTime(at, lang) : '—');
  return (
    <ProcedureView
      back={<Link to="/submissions">{t('sub.back')}</Link>}
      title={t(`sub.kind.${s.kind}`)}
      badges={
        <span className="badge" data-testid="submission-state">
          {t(`sub.state.${s.state}`)}
        </span>
      }
      facts={[
        { label: t('sub.subject'), value: s.subjectUnitName ?? '—' },
        { label: t('sub.where'), value: s.where },
        { label: t('sub.happenedOn'), value: s.happenedOn },
        { label: t('sub.submittedAt'), value: when(s.submittedAt) },
        ...(s.submitterName
          ? [{ label: t('sub.submitter'), value: s.submitterName, testId: 'submission-submitter' }]
          : []),
        { label: t('sub.triageDue'), value: when(s.triageDueAt) },
        { label: t('sub.answerDue'), value: when(s.answerDueAt) },
        ...(s.taskId
          ? [{ label: t('sub.task'), value: <Link to={`/tasks/${encodeURIComponent(s.taskId)}`}>{s.taskId}</Link> }]
          : []),
        ...(s.referralId
          ? [
              {
                label: t('sub.referral'),
                value: <Link to={`/referrals/${encodeURIComponent(s.referralId)}`}>{s.referralId}</Link>,
              },
            ]
          : []),
        ...(s.mergedInto
          ? [
              {
                label: t('sub.mergedInto'),
                value: <Link to={`/submissions/${encodeURIComponent(s.mergedInto)}`}>{s.mergedInto}</Link>,
              },
            ]
          : []),
      ]}
      details={[{ label: t('sub.what'), value: s.what, prose: true }]}
      actions={[
        can('reply') && <AnswerForm key="reply" verb="reply" path={path} onDone={reload} />,
        can('answer') && <AnswerForm key="answer" verb="answer" path={path} onDone={reload} />,
        can('task') && <TaskForm key="task" path={path} onDone={reload} />,
        can('refer') && <ReferForm key="refer" path={path} onDone={reload} />,
        can('merge') && <MergeForm key="merge" path={path} onDone={reload} />,
        can('close') && <CloseForm key="close" path={path} onDone={reload} />,
        can('rate') && <RateForm key="rate" path={path} onDone={reload} />,
      ]}
      timeline={{ entries: s.timeline ?? [], heading: 'o2.timeline', id: 'submission-timeline' }}
    >
      <section className="panel" aria-labelledby="answer-title">
        <h2 id="answer-title">{t('sub.hearingBack')}</h2>
        <Facts
          facts={[
            {
              label: t('sub.answer'),
              testId: 'submission-answer',
              value: s.answer ? `${when(s.answeredAt)} ${s.answer}` : (s.closeReason ?? t('sub.noAnswer')),
            },
            s.taskDoneAt && { label: t('sub.taskDone'), value: when(s.taskDoneAt), testId: 'submission-task-done' },
            s.rating !== null && {
              label: t('sub.rating'),
              value: `${s.rating}${t('sub.points')}${s.ratingComment ? ` ${s.ratingComment}` : ''}`,
              testId: 'submission-rating',
            },
          ]}
        />
      </section>
    </ProcedureView>
  );
}

function AnswerForm({ path, onDone, verb }: ActionProps & { verb: 'reply' | 'answer' }) {
  const { t } = useI18n();
  const { values, bind } = useFields({ answer: '' });
  const form = useFormAction(async ({ run }) => {
    if (await run('POST', `${path}/${verb}`, values)) onDone();
  });
  return (
    <FormPanel
      name={verb === 'reply' ? 'sub.reply' : 'sub.answerForm'}
      help
      form={form}
      testId={`${verb}-form`}
      submitLabel={t(verb === 'reply' ? 'sub.replyButton' : 'sub.answerButton')}
      noValidate
    >
      <LabelledField label={t('sub.answer')} field="answer">
        <textarea rows={3} {...bind('answer')} />
      </LabelledField>
    </FormPanel>
  );
}

function TaskForm({ path, onDone }: ActionProps) {
  const { t } = useI18n();
  const { people } = useOrgLists();
  const { values, bind } = useFields({ title: '', leaderId: '', requirements: '', standard: '', workingDays: '10' });
  const form = useFormAction(async ({ run }) => {
    if (await run('POST', `${path}/task`, { ...values, workingDays: Number(values.workingDays) })) onDone();
  });
  return (
    <FormPanel name="sub.toTask" help form={form} testId="task-form" noValidate>
      <LabelledField label={t('sub.taskTitle')} field="title">
        <input {...bind('title')} />
      </LabelledField>
      <LabelledField label={t('sub.leader')} field="leaderId">
        <Choice
          {...bind('leaderId')}
          placeholder={t('o2.choose')}
          options={leaders(people).map((p) => ({ value: p.id, label: p.name }))}
        />
      </LabelledField>
      <LabelledField label={t('sub.requirements')} field="requirements">
        <textarea rows={2} {...bind('requirements')} />
      </LabelledField>
      <LabelledField label={t('sub.standard')} field="standard">
        <input {...bind('standard')} />
      </LabelledField>
      <LabelledField label={t('sub.workingDays')} field="workingDays">
        <input type="number" min={1} {...bind('workingDays')} />
      </LabelledField>
    </FormPanel>
  );
}

function ReferForm({ path, onDone }: ActionProps) {
  const { t } = useI18n();
  const { units } = useOrgLists();
  const { values, bind } = useFields({ receiverUnitId: '', title: '', parties: '', summary: '' });
  const form = useFormAction(async ({ run }) => {
    if (await run('POST', `${path}/refer`, values)) onDone();
  });
  return (
    <FormPanel name="sub.refer" help form={form} testId="refer-form" noValidate>
      <LabelledField label={t('sub.receiver')} field="receiverUnitId">
        <Choice
          {...bind('receiverUnitId')}
          placeholder={t('o2.choose')}
          options={units.filter((u) => u.kind === 'ENFORCEMENT').map((u) => ({ value: u.id, label: u.name }))}
        />
      </LabelledField>
      <LabelledField label={t('sub.referTitle')} field="title">
        <input {...bind('title')} />
      </LabelledField>
      <LabelledField label={t('sub.parties')} field="parties">
        <input {...bind('parties')} />
      </LabelledField>
      <LabelledField label={t('sub.summary')} field="summary">
        <textarea rows={2} {...bind('summary')} />
      </LabelledField>
    </FormPanel>
  );
}

function MergeForm({ path, onDone }: ActionProps) {
  const { t } = useI18n();
  const { values, bind } = useFields({ intoId: '' });
  const form = useFormAction(async ({ run }) => {
    if (await run('POST', `${path}/merge`, values)) onDone();
  });
  return (
    <FormPanel name="sub.merge" help form={form} testId="merge-form" noValidate>
      <LabelledField label={t('sub.intoId')} field="intoId">
        <input {...bind('intoId')} />
      </LabelledField>
    </FormPanel>
  );
}

function CloseForm({ path, onDone }: ActionProps) {
  const { t } = useI18n();
  const { values, bind } = useFields({ reason: '' });
  const form = useFormAction(async ({ run }) => {
    if (await run('POST', `${path}/close`, values)) onDone();
  });
  return (
    <FormPanel name="sub.close" help form={form} testId="close-form" noValidate>
      <LabelledField label={t('sub.reason')} field="reason">
        <textarea rows={2} {...bind('reason')} />
      </LabelledField>
    </FormPanel>
  );
}

function RateForm({ path, onDone }: ActionProps) {
  const { t } = useI18n();
  const { values, bind } = useFields({ rating: '5', comment: '' });
  const form = useFormAction(async ({ run }) => {
    const body = { rating: Number(values.rating), ...(values.comment ? { comment: values.comment } : {}) };
    if (await run('POST', `${path}/rate`, body)) onDone();
  });
  return (
    <FormPanel name="sub.rate" help form={form} testId="rate-form" noValidate>
      <LabelledField label={t('sub.rating')} field="rating">
        <Choice
          {...bind('rating')}
          placeholder={t('o2.choose')}
          options={['5', '4', '3', '2', '1'].map((r) => ({ value: r, label: t(`sub.rating.${r}`) }))}
        />
      </LabelledField>
      <LabelledField label={t('sub.comment')} field="comment">
        <input {...bind('comment')} />
      </LabelledField>
    </FormPanel>
  );
}
