import { useState } from 'react';
import { InputField } from '../../../components/LabelledField';
import { useI18n } from '../../../lib/i18n';
import { fromProcedureDefaultsDraft, toProcedureDefaultsDraft, type ProcedureDefaultsDraft } from './policies-draft';
import { LineList, MonthChecks } from './PolicyFields';
import { RuleEditorForm } from './RuleEditorForm';
import { PROCEDURE_DEFAULTS, type ProcedureDefaultsRules, type RuleEditorProps } from './types';

const whole = { type: 'number', inputMode: 'numeric', step: 1 } as const;

type Meeting = ProcedureDefaultsDraft['meeting'];
type Inspection = ProcedureDefaultsDraft['inspection'];

/**
 * The editor of the meetings' and rounds' defaults: the regular meetings' months (checkboxes), day, time, place and
 * their three limits; the regular rounds' months, their checklist (a line each: add, remove) and their three limits;
 * published with a reason. The API checks everything (the confirmation before the notice, the findings after the
 * self-checks, a limit out of range, an item twice) and names each field it refuses.
 */
export function ProcedureDefaultsEditor({ rules, onPublished, onRestart }: RuleEditorProps<ProcedureDefaultsRules>) {
  const { t } = useI18n();
  const [base] = useState(rules.version);
  const [draft, setDraft] = useState<ProcedureDefaultsDraft>(() => toProcedureDefaultsDraft(rules.content));
  const setMeeting = (change: Partial<Meeting>) => setDraft({ ...draft, meeting: { ...draft.meeting, ...change } });
  const setInspection = (change: Partial<Inspection>) =>
    setDraft({ ...draft, inspection: { ...draft.inspection, ...change } });
  const meeting = (name: Exclude<keyof Meeting, 'months'>) => ({
    field: `content.meeting.${name}`,
    value: draft.meeting[name],
    onChange: (e: { target: { value: string } }) => setMeeting({ [name]: e.target.value }),
  });
  const inspection = (name: Exclude<keyof Inspection, 'months' | 'checklist'>) => ({
    field: `content.inspection.${name}`,
    value: draft.inspection[name],
    onChange: (e: { target: { value: string } }) => setInspection({ [name]: e.target.value }),
  });
  return (
    <RuleEditorForm
      path={PROCEDURE_DEFAULTS}
      base={base}
      title={t('pd.edit', { n: base })}
      help={t('pd.editHelp')}
      testId="pd-editor"
      content={() => fromProcedureDefaultsDraft(draft)}
      onPublished={onPublished}
      onRestart={onRestart}
    >
      <fieldset className="resolution" data-testid="pd-meeting">
        <legend>{t('pd.meeting')}</legend>
        <MonthChecks
          legend={t('pd.f.meetingMonths')}
          field="content.meeting.months"
          months={draft.meeting.months}
          onChange={(months) => setMeeting({ months })}
          testId="pd-meeting-months"
        />
        <div className="field-row">
          <InputField label={t('pd.f.day')} hint={t('pd.f.dayHint')} {...whole} {...meeting('day')} />
          <InputField label={t('pd.f.time')} type="time" {...meeting('time')} />
          <InputField label={t('pd.f.place')} {...meeting('place')} />
        </div>
        <div className="field-row">
          <InputField label={t('pd.f.notice')} {...whole} {...meeting('noticeWorkingDays')} />
          <InputField
            label={t('pd.f.confirm')}
            hint={t('pd.f.confirmHint')}
            {...whole}
            {...meeting('confirmWorkingDays')}
          />
          <InputField label={t('pd.f.minutes')} {...whole} {...meeting('minutesWorkingDays')} />
        </div>
      </fieldset>
      <fieldset className="resolution" data-testid="pd-inspection">
        <legend>{t('pd.inspection')}</legend>
        <MonthChecks
          legend={t('pd.f.inspectionMonths')}
          field="content.inspection.months"
          months={draft.inspection.months}
          onChange={(months) => setInspection({ months })}
          testId="pd-inspection-months"
        />
        <LineList
          legend={t('pd.checklist')}
          field="content.inspection.checklist"
          lines={draft.inspection.checklist}
          onChange={(checklist) => setInspection({ checklist })}
          lineLabel={(n) => t('pd.lineN', { n })}
          removeLabel={(n) => t('pd.removeLine', { n })}
          addLabel={t('pd.addLine')}
          testId="pd-checklist-lines"
        />
        <div className="field-row">
          <InputField label={t('pd.f.selfCheck')} {...whole} {...inspection('selfCheckWorkingDays')} />
          <InputField
            label={t('pd.f.findings')}
            hint={t('pd.f.findingsHint')}
            {...whole}
            {...inspection('findingsWorkingDays')}
          />
          <InputField label={t('pd.f.escalate')} {...whole} {...inspection('escalateAfterWorkingDays')} />
        </div>
      </fieldset>
    </RuleEditorForm>
  );
}
