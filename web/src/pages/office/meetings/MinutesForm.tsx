import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../../../components/ErrorBox';
import { LabelledField } from '../../../components/LabelledField';
import { useI18n } from '../../../lib/i18n';
import { leaders, useOrgLists, workingUnits } from '../../../lib/org-lists';
import { useAction } from '../../../lib/use-action';

interface Resolution {
  title: string;
  leadUnitId: string;
  coUnitIds: string[];
  leaderId: string;
  requirements: string;
  standard: string;
  dueDate: string;
}

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
  const { busy, error, run } = useAction();
  const [minutes, setMinutes] = useState('');
  const [rows, setRows] = useState<Resolution[]>([]);
  const update = (i: number, patch: Partial<Resolution>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      minutes,
      resolutions: rows.map(({ dueDate, ...r }) => ({ ...r, ...(dueDate ? { dueDate } : {}) })),
    };
    const done = await run('POST', `/v1/meetings/${encodeURIComponent(meetingId)}/minutes`, body);
    if (done) onDone();
  };
  const unitOptions = workingUnits(units);
  return (
    <form className="panel action-form" onSubmit={(e) => void submit(e)} data-testid="minutes-form" noValidate>
      <h2>{t('o2.meetings.recordMinutes')}</h2>
      <LabelledField label={t('o2.meetings.minutes')} field="minutes" error={error}>
        <textarea rows={5} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      </LabelledField>
      {rows.map((r, i) => {
        const f = (name: string) => `resolutions[${i}].${name}`;
        return (
          <fieldset key={i} className="resolution" data-testid={`resolution-${i + 1}`}>
            <legend>{t('o2.meetings.resolutionN', { n: i + 1 })}</legend>
            <LabelledField label={t('o2.meetings.resolution')} field={f('title')} error={error}>
              <input value={r.title} onChange={(e) => update(i, { title: e.target.value })} />
            </LabelledField>
            <div className="field-row">
              <LabelledField label={t('task.leadUnit')} field={f('leadUnitId')} error={error}>
                <select value={r.leadUnitId} onChange={(e) => update(i, { leadUnitId: e.target.value })}>
                  <option value="">{t('o2.choose')}</option>
                  {unitOptions.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </LabelledField>
              <LabelledField label={t('task.leader')} field={f('leaderId')} error={error}>
                <select value={r.leaderId} onChange={(e) => update(i, { leaderId: e.target.value })}>
                  <option value="">{t('o2.choose')}</option>
                  {leaders(people).map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}（{p.title}）
                    </option>
                  ))}
                </select>
              </LabelledField>
            </div>
            <LabelledField label={t('task.coUnits')} hint={t('o2.multiSelect')} field={f('coUnitIds')} error={error}>
              <select
                multiple
                size={4}
                value={r.coUnitIds}
                onChange={(e) => update(i, { coUnitIds: [...e.target.selectedOptions].map((o) => o.value) })}
              >
                {unitOptions
                  .filter((u) => u.id !== r.leadUnitId)
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
              </select>
            </LabelledField>
            <LabelledField label={t('task.requirements')} field={f('requirements')} error={error}>
              <textarea rows={2} value={r.requirements} onChange={(e) => update(i, { requirements: e.target.value })} />
            </LabelledField>
            <LabelledField label={t('task.standard')} field={f('standard')} error={error}>
              <textarea rows={2} value={r.standard} onChange={(e) => update(i, { standard: e.target.value })} />
            </LabelledField>
            <LabelledField label={t('o2.meetings.deadline')} field={f('dueDate')} error={error}>
              <input type="date" value={r.dueDate} onChange={(e) => update(i, { dueDate: e.target.value })} />
            </LabelledField>
            <button type="button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              {t('o2.meetings.removeResolution', { n: i + 1 })}
            </button>
          </fieldset>
        );
      })}
      <div className="action-row">
        <button type="button" onClick={() => setRows([...rows, blank()])}>
          {t('o2.meetings.addResolution')}
        </button>
      </div>
      <ErrorBox error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('o2.meetings.saveMinutes')}
      </button>
    </form>
  );
}
