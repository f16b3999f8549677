import { useState } from 'react';
import { Choice } from '../../../components/Choice';
import { FormPanel } from '../../../components/FormPanel';
import { InputField, LabelledField } from '../../../components/LabelledField';
import { RowFieldsets } from '../../../components/RowFieldsets';
import { addMessages, useI18n } from '../../../lib/i18n';
import { leaders, useOrgLists, workingUnits } from '../../../lib/org-lists';
import type { Task } from '../../../lib/types';
import { useFormAction } from '../../../lib/queries';
import office2 from '../../../lib/messages/office2';

addMessages(office2);

/** A resolution's four-in-place is its task's; its time limit stays '' until one is picked. */
type Resolution = Pick<Task, 'title' | 'leadUnitId' | 'coUnitIds' | 'leaderId' | 'requirements' | 'standard'> & {
  dueDate: string;
};

const blank = (): Resolution => ({
  title: '',
  leadUnitId: '',
  coUnitIds: [],
  leaderId: '',
  requirements: '',
  standard: '',
  dueDate: '',
});

/**
 * Recording the minutes (会议纪要) of a held meeting. Every resolution (议定事项) becomes a supervised task with its
 * four-in-place (DOMAIN.md step 3): lead and co-organising units, leader, requirements and standard, time limit.
 */
export function MinutesForm({ meetingId, onDone }: { meetingId: string; onDone: () => void }) {
  const { t } = useI18n();
  const { units, people } = useOrgLists();
  const [minutes, setMinutes] = useState('');
  const [rows, setRows] = useState<Resolution[]>([]);
  const form = useFormAction(async ({ run }) => {
    const body = {
      minutes,
      resolutions: rows.map(({ dueDate, ...r }) => ({ ...r, ...(dueDate ? { dueDate } : {}) })),
    };
    if (await run('POST', `/v1/meetings/${encodeURIComponent(meetingId)}/minutes`, body)) onDone();
  });
  const unitOptions = workingUnits(units).map((u) => ({ value: u.id, label: u.name }));
  const leaderOptions = leaders(people).map((p) => ({ value: p.id, label: `${p.name}（${p.title}）` }));
  return (
    <FormPanel name="o2.meetings.recordMinutes" form={form} testId="minutes-form" noValidate>
      <LabelledField label={t('o2.meetings.minutes')} field="minutes">
        <textarea rows={5} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </LabelledField>
      <RowFieldsets
        rows={rows}
        setRows={setRows}
        blank={blank}
        path="resolutions"
        legend={(n) => t('o2.meetings.resolutionN', { n })}
        removeLabel={(n) => t('o2.meetings.removeResolution', { n })}
        addLabel={t('o2.meetings.addResolution')}
        testId={(n) => `resolution-${n}`}
      >
        {({ row, update, bind, field }) => (
          <>
            <InputField label={t('o2.meetings.resolution')} field={field('title')} {...bind('title')} />
            <div className="field-row">
              <LabelledField label={t('task.leadUnit')} field={field('leadUnitId')}>
                <Choice {...bind('leadUnitId')} placeholder={t('o2.choose')} options={unitOptions} />
              </LabelledField>
              <LabelledField label={t('task.leader')} field={field('leaderId')}>
                <Choice {...bind('leaderId')} placeholder={t('o2.choose')} options={leaderOptions} />
              </LabelledField>
            </div>
            <LabelledField label={t('task.coUnits')} hint={t('o2.multiSelect')} field={field('coUnitIds')}>
              <select
                multiple
                size={4}
                value={row.coUnitIds}
                onChange={(e) => update({ coUnitIds: [...e.target.selectedOptions].map((o) => o.value) })}
              >
                {unitOptions
                  .filter((u) => u.value !== row.leadUnitId)
                  .map((u) => (
                    <option key={u.value} value={u.value}>
                      {u.label}
                    </option>
                  ))}
              </select>
            </LabelledField>
            <LabelledField label={t('task.requirements')} field={field('requirements')}>
              <textarea rows={2} {...bind('requirements')} />
            </LabelledField>
            <LabelledField label={t('task.standard')} field={field('standard')}>
              <textarea rows={2} {...bind('standard')} />
            </LabelledField>
            <InputField label={t('o2.meetings.deadline')} field={field('dueDate')} type="date" {...bind('dueDate')} />
          </>
        )}
      </RowFieldsets>
    </FormPanel>
  );
}
