import { Choice } from '../../components/Choice';
import { FormPanel } from '../../components/FormPanel';
import { LabelledField } from '../../components/LabelledField';
import { addMessages, useI18n } from '../../lib/i18n';
import { leaders, useOrgLists, workingUnits } from '../../lib/org-lists';
import { useFormAction } from '../../lib/queries';
import { useFields } from '../../lib/use-fields';
import office2 from '../../lib/messages/office2';
import referrals from '../../lib/messages/referrals';

addMessages(office2, referrals);

/*
 * The actions on a referral (移送), each a form shown when the API offers its verb: the receiver's acceptance, result
 * and return; the sender's decision after a return; the office's coordination opinions and close.
 */

export interface ActionProps {
  path: string;
  onDone: () => void;
}

export function AcceptForm({ path, onDone }: ActionProps) {
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

export function ResultForm({ path, onDone }: ActionProps) {
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

export function ReturnForm({ path, onDone }: ActionProps) {
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

export function DecisionForm({ path, onDone }: ActionProps) {
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
export function OpinionForm({ path, onDone }: ActionProps) {
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

export function CloseForm({ path, onDone }: ActionProps) {
  const form = useFormAction(async ({ run }) => {
    if (await run('POST', `${path}/close`, {})) onDone();
  });
  return (
    <FormPanel name="ref.close" form={form} testId="close-form" noValidate>
      {null}
    </FormPanel>
  );
}

/** The office names a person who needs to know (知悉人员), with the reason; they are notified and may read it. */
export function AccessForm({ path, onDone }: ActionProps) {
  const { t } = useI18n();
  const { people } = useOrgLists();
  const { values, bind, reset } = useFields({ personId: '', reason: '' });
  const form = useFormAction(async ({ run }) => {
    const body = { personIds: values.personId ? [values.personId] : [], reason: values.reason };
    if (await run('POST', `${path}/access`, body)) {
      reset();
      onDone();
    }
  });
  return (
    <FormPanel name="ref.access" help form={form} testId="access-form" noValidate>
      <LabelledField label={t('ref.accessPerson')} field="personIds">
        <Choice
          {...bind('personId')}
          placeholder={t('o2.choose')}
          options={people.map((p) => ({ value: p.id, label: `${p.name}（${p.title}）` }))}
        />
      </LabelledField>
      <LabelledField label={t('ref.accessReason')} field="reason">
        <input {...bind('reason')} />
      </LabelledField>
    </FormPanel>
  );
}
