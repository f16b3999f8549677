import { Link } from '../../app/router';
import { Choice } from '../../components/Choice';
import { Facts } from '../../components/Facts';
import { FormPanel } from '../../components/FormPanel';
import { LabelledField } from '../../components/LabelledField';
import { ProcedureView } from '../../components/ProcedureView';
import { useI18n } from '../../lib/i18n';
import { useNames } from '../../lib/names';
import { leaders, useOrgLists, workingUnits } from '../../lib/org-lists';
import { useFormAction } from '../../lib/queries';
import { formatDateTime } from '../../lib/time';
import { useFields } from '../../lib/use-fields';
import { useRecord } from '../shared/use-record';
import { Timeliness } from './ReferralList';
import type { Referral } from './types';

/**
 * One referral (移送): the matter, its two feedback deadlines and the feedback given (late or on time), the
 * coordination opinions (协调意见), and the actions the reader may take now — the receiver's acceptance, result or
 * return, the sender's decision after a return, the office's opinions and close. The API says which (`actions`).
 */
export function ReferralDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const names = useNames();
  const { value: r, reload, fallback } = useRecord<Referral>(`/v1/referrals/${encodeURIComponent(id)}`);
  if (!r) return fallback;
  const name = (x: string | null) => (x ? (names[x] ?? x) : '—');
  const path = `/v1/referrals/${encodeURIComponent(r.id)}`;
  const can = (verb: string) => r.actions.includes(verb);
  return (
    <ProcedureView
      back={<Link to="/referrals">{t('ref.back')}</Link>}
      title={t('ref.heading', { title: r.title })}
      badges={
        <span className="badge" data-testid="referral-state">
          {t(`ref.state.${r.state}`)}
        </span>
      }
      facts={[
        { label: t('ref.direction'), value: t(`ref.dir.${r.direction}`) },
        { label: t('ref.sender'), value: r.senderUnitName },
        { label: t('ref.receiver'), value: r.receiverUnitName },
        { label: t('ref.parties'), value: r.parties },
        { label: t('ref.sentAt'), value: `${formatDateTime(r.sentAt, lang)} · ${name(r.sentBy)}` },
        ...r.dates.map((d) => ({ label: d.label, value: d.date })),
        { label: t('ref.acceptanceDue'), value: formatDateTime(r.acceptanceDueAt, lang) },
        { label: t('ref.resultDue'), value: formatDateTime(r.resultDueAt, lang) },
        ...(r.previousId
          ? [
              {
                label: t('ref.previous'),
                value: <Link to={`/referrals/${encodeURIComponent(r.previousId)}`}>{r.previousId}</Link>,
              },
            ]
          : []),
        ...(r.nextReferralId
          ? [
              {
                label: t('ref.next'),
                value: <Link to={`/referrals/${encodeURIComponent(r.nextReferralId)}`}>{r.nextReferralId}</Link>,
              },
            ]
          : []),
      ]}
      details={[{ label: t('ref.summary'), value: r.summary, prose: true }]}
      actions={[
        can('accept') && <AcceptForm path={path} onDone={reload} />,
        can('result') && <ResultForm path={path} onDone={reload} />,
        can('return') && <ReturnForm path={path} onDone={reload} />,
        can('decision') && <DecisionForm path={path} onDone={reload} />,
        can('opinions') && <OpinionForm path={path} onDone={reload} />,
        can('close') && <CloseForm path={path} onDone={reload} />,
      ]}
      timeline={{ entries: r.timeline, heading: 'o2.timeline', id: 'referral-timeline' }}
    >
      <section className="panel" aria-labelledby="feedback-title">
        <h2 id="feedback-title">{t('ref.feedback')}</h2>
        <Facts
          facts={[
            {
              label: t('ref.acceptance'),
              testId: 'referral-acceptance',
              value: r.acceptedAt ? (
                <>
                  {formatDateTime(r.acceptedAt, lang)} <Timeliness at={r.acceptedAt} late={r.acceptanceLate} />
                  {r.acceptanceNote && ` ${r.acceptanceNote}`}
                </>
              ) : (
                t('ref.none')
              ),
            },
            {
              label: t('ref.result'),
              testId: 'referral-result',
              value: r.resultAt ? (
                <>
                  {formatDateTime(r.resultAt, lang)} <Timeliness at={r.resultAt} late={r.resultLate} /> {r.result}
                </>
              ) : (
                t('ref.none')
              ),
            },
            r.returnReasons && { label: t('ref.returnReasons'), value: r.returnReasons, testId: 'referral-return' },
            r.decision && {
              label: t('ref.decision'),
              value: `${t(`ref.decision.${r.decision}`)}：${r.decisionNote ?? ''}`,
            },
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="opinions-title">
        <h2 id="opinions-title">{t('ref.opinions')}</h2>
        {r.opinions.length === 0 ? (
          <p className="muted">{t('ref.noOpinions')}</p>
        ) : (
          <ol data-testid="referral-opinions">
            {r.opinions.map((o) => (
              <li key={o.seq}>
                {[
                  o.facts && `${t('ref.facts')}：${o.facts}`,
                  o.evidence && `${t('ref.evidence')}：${o.evidence}`,
                  o.nature && `${t('ref.nature')}：${o.nature}`,
                ]
                  .filter(Boolean)
                  .join('；')}
                <p className="prose">{o.text}</p>
                {o.taskId && (
                  <Link to={`/tasks/${encodeURIComponent(o.taskId)}`}>{t('ref.taskLink', { id: o.taskId })}</Link>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </ProcedureView>
  );
}

interface ActionProps {
  path: string;
  onDone: () => void;
}

function AcceptForm({ path, onDone }: ActionProps) {
  const { t } = useI18n();
  const { values, bind } = useFields({ note: '' });
  const form = useFormAction(async ({ run }) => {
    if (await run('POST', `${path}/accept`, values.note ? values : {})) onDone();
  });
  return (
    <FormPanel name="ref.accept" help form={form} testId="accept-form" noValidate>
      <LabelledField label={t('ref.note')} field="note">
        <input {...bind('note')} />
      </LabelledField>
    </FormPanel>
  );
}

function ResultForm({ path, onDone }: ActionProps) {
  const { t } = useI18n();
  const { values, bind } = useFields({ result: '' });
  const form = useFormAction(async ({ run }) => {
    if (await run('POST', `${path}/result`, values)) onDone();
  });
  return (
    <FormPanel name="ref.giveResult" form={form} testId="result-form" noValidate>
      <LabelledField label={t('ref.result')} field="result">
        <textarea rows={3} {...bind('result')} />
      </LabelledField>
    </FormPanel>
  );
}

function ReturnForm({ path, onDone }: ActionProps) {
  const { t } = useI18n();
  const { values, bind } = useFields({ reasons: '' });
  const form = useFormAction(async ({ run }) => {
    if (await run('POST', `${path}/return`, values)) onDone();
  });
  return (
    <FormPanel name="ref.return" help form={form} testId="return-form" noValidate>
      <LabelledField label={t('ref.reasons')} field="reasons">
        <textarea rows={2} {...bind('reasons')} />
      </LabelledField>
    </FormPanel>
  );
}

function DecisionForm({ path, onDone }: ActionProps) {
  const { t } = useI18n();
  const { units } = useOrgLists();
  const { values, bind } = useFields({ decision: '', unitId: '', note: '' });
  const form = useFormAction(async ({ run }) => {
    const { unitId, ...rest } = values;
    if (await run('POST', `${path}/decision`, { ...rest, ...(unitId ? { unitId } : {}) })) onDone();
  });
  return (
    <FormPanel name="ref.decide" form={form} testId="referral-decision-form" noValidate>
      <LabelledField label={t('ref.decisionKind')} field="decision">
        <Choice
          {...bind('decision')}
          placeholder={t('o2.choose')}
          options={['REFER_ON', 'HANDLE', 'CLOSE'].map((d) => ({ value: d, label: t(`ref.decision.${d}`) }))}
        />
      </LabelledField>
      <LabelledField label={t('ref.onwardUnit')} field="unitId">
        <Choice
          {...bind('unitId')}
          placeholder={t('o2.choose')}
          options={units.filter((u) => u.kind === 'ENFORCEMENT').map((u) => ({ value: u.id, label: u.name }))}
        />
      </LabelledField>
      <LabelledField label={t('ref.decisionNote')} field="note">
        <textarea rows={2} {...bind('note')} />
      </LabelledField>
    </FormPanel>
  );
}

/** A coordination opinion (协调意见); with a task title it also becomes a supervised task. */
function OpinionForm({ path, onDone }: ActionProps) {
  const { t } = useI18n();
  const { units, people } = useOrgLists();
  const { values, bind, reset } = useFields({
    facts: '',
    evidence: '',
    nature: '',
    text: '',
    title: '',
    leadUnitId: '',
    leaderId: '',
    requirements: '',
    standard: '',
    workingDays: '10',
  });
  const form = useFormAction(async ({ run }) => {
    const { facts, evidence, nature, text, title, workingDays, ...task } = values;
    const body = {
      text,
      ...(facts ? { facts } : {}),
      ...(evidence ? { evidence } : {}),
      ...(nature ? { nature } : {}),
      ...(title ? { task: { ...task, title, coUnitIds: [], workingDays: Number(workingDays) } } : {}),
    };
    if (await run('POST', `${path}/opinions`, body)) {
      reset();
      onDone();
    }
  });
  return (
    <FormPanel name="ref.opinion" help form={form} testId="opinion-form" noValidate>
      <LabelledField label={t('ref.facts')} field="facts">
        <textarea rows={2} {...bind('facts')} />
      </LabelledField>
      <LabelledField label={t('ref.evidence')} field="evidence">
        <textarea rows={2} {...bind('evidence')} />
      </LabelledField>
      <LabelledField label={t('ref.nature')} field="nature">
        <input {...bind('nature')} />
      </LabelledField>
      <LabelledField label={t('ref.opinionText')} field="text">
        <textarea rows={2} {...bind('text')} />
      </LabelledField>
      <LabelledField label={t('ref.taskTitle')} field="task.title">
        <input {...bind('title')} />
      </LabelledField>
      <LabelledField label={t('ref.taskUnit')} field="task.leadUnitId">
        <Choice
          {...bind('leadUnitId')}
          placeholder={t('o2.choose')}
          options={workingUnits(units)
            .filter((u) => u.kind !== 'ENFORCEMENT')
            .map((u) => ({ value: u.id, label: u.name }))}
        />
      </LabelledField>
      <LabelledField label={t('ref.taskLeader')} field="task.leaderId">
        <Choice
          {...bind('leaderId')}
          placeholder={t('o2.choose')}
          options={leaders(people).map((p) => ({ value: p.id, label: p.name }))}
        />
      </LabelledField>
      <LabelledField label={t('ref.taskRequirements')} field="task.requirements">
        <input {...bind('requirements')} />
      </LabelledField>
      <LabelledField label={t('ref.taskStandard')} field="task.standard">
        <input {...bind('standard')} />
      </LabelledField>
      <LabelledField label={t('ref.taskDays')} field="task.workingDays">
        <input type="number" min={1} {...bind('workingDays')} />
      </LabelledField>
    </FormPanel>
  );
}

function CloseForm({ path, onDone }: ActionProps) {
  const form = useFormAction(async ({ run }) => {
    if (await run('POST', `${path}/close`, {})) onDone();
  });
  return (
    <FormPanel name="ref.close" form={form} testId="close-form" noValidate>
      {null}
    </FormPanel>
  );
}
