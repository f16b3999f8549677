import { useState } from 'react';
import { Choice } from '../../../components/Choice';
import { FormPanel } from '../../../components/FormPanel';
import { InputField, LabelledField } from '../../../components/LabelledField';
import { RowFieldsets } from '../../../components/RowFieldsets';
import { useGivenFiles } from '../../../components/GivenFiles';
import { addMessages, useI18n } from '../../../lib/i18n';
import { AttachmentPanel } from '../../shared/AttachmentPanel';
import type { InspectionUnit } from '../../../lib/types-office2';
import { useFormAction } from '../../../lib/queries';
import office2 from '../../../lib/messages/office2';
import unitAnswers from '../../../lib/messages/unit-answers';

addMessages(office2, unitAnswers);

interface Row {
  severity: string;
  description: string;
  requirement: string;
  dueDate: string;
}
const blank = (): Row => ({ severity: 'MINOR', description: '', requirement: '', dueDate: '' });
const SEVERITIES = ['MINOR', 'MAJOR', 'SERIOUS'];

/**
 * Recording one unit's findings, once (docs/inspections.md step 4): each finding becomes a rectification task (整改)
 * of the unit; no findings records that nothing was found.
 */
export function FindingsForm({
  roundId,
  units,
  onDone,
}: {
  roundId: string;
  units: InspectionUnit[];
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [unitId, setUnitId] = useState('');
  const [rows, setRows] = useState<Row[]>([blank()]);
  const round = `/v1/inspections/${encodeURIComponent(roundId)}`;
  // Photos of the problems (佐证材料), uploaded to the chosen unit's part of the round and given with its findings.
  const part = unitId ? `${round}/units/${encodeURIComponent(unitId)}/attachments` : null;
  const files = useGivenFiles(part, 'findings-files');
  const form = useFormAction(async ({ run }) => {
    const findings = rows.map(({ dueDate, ...r }) => ({ ...r, ...(dueDate ? { dueDate } : {}) }));
    if (await run('POST', `${round}/findings`, files.withFiles({ unitId, findings }))) {
      files.reload();
      setRows([blank()]);
      setUnitId('');
      onDone();
    }
  });
  const unitName = units.find((u) => u.unitId === unitId)?.unitName ?? '';
  return (
    <FormPanel
      name="o2.inspections.recordFindings"
      help
      submitLabel={rows.length === 0 ? t('o2.inspections.recordNone') : undefined}
      form={form}
      testId="findings-form"
      noValidate
    >
      <LabelledField label={t('o2.inspections.unit')} field="unitId">
        <Choice
          value={unitId}
          onChange={(e) => setUnitId(e.target.value)}
          placeholder={t('o2.choose')}
          options={units.map((u) => ({ value: u.unitId, label: u.unitName }))}
        />
      </LabelledField>
      <RowFieldsets
        rows={rows}
        setRows={setRows}
        blank={blank}
        path="findings"
        legend={(n) => t('o2.inspections.findingN', { n })}
        removeLabel={(n) => t('o2.inspections.removeFinding', { n })}
        addLabel={t('o2.inspections.addFinding')}
      >
        {({ bind, field }) => (
          <>
            <LabelledField label={t('o2.inspections.severity')} field={field('severity')}>
              <select {...bind('severity')}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {t(`o2.severity.${s}`)}
                  </option>
                ))}
              </select>
            </LabelledField>
            <LabelledField label={t('o2.inspections.description')} field={field('description')}>
              <textarea rows={2} {...bind('description')} />
            </LabelledField>
            <LabelledField label={t('o2.inspections.requirement')} field={field('requirement')}>
              <textarea rows={2} {...bind('requirement')} />
            </LabelledField>
            <InputField
              label={t('o2.inspections.rectifyBy')}
              field={field('dueDate')}
              type="date"
              {...bind('dueDate')}
            />
          </>
        )}
      </RowFieldsets>
      {part && (
        <AttachmentPanel
          path={part}
          canUpload
          purpose="FINDING"
          heading={t('o2.inspections.unitFiles', { unit: unitName })}
        />
      )}
      {files.picker}
    </FormPanel>
  );
}
