import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../../../components/ErrorBox';
import { LabelledField } from '../../../components/LabelledField';
import { useI18n } from '../../../lib/i18n';
import type { InspectionUnit } from '../../../lib/types-office2';
import { useAction } from '../../../lib/use-action';

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
  const { busy, error, run } = useAction();
  const [unitId, setUnitId] = useState('');
  const [rows, setRows] = useState<Row[]>([blank()]);
  const update = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const findings = rows.map(({ dueDate, ...r }) => ({ ...r, ...(dueDate ? { dueDate } : {}) }));
    if (await run('POST', `/v1/inspections/${encodeURIComponent(roundId)}/findings`, { unitId, findings })) {
      setRows([blank()]);
      setUnitId('');
      onDone();
    }
  };
  return (
    <form className="panel action-form" onSubmit={(e) => void submit(e)} data-testid="findings-form" noValidate>
      <h2>{t('o2.inspections.recordFindings')}</h2>
      <p className="muted small">{t('o2.inspections.recordHelp')}</p>
      <LabelledField label={t('o2.inspections.unit')} field="unitId" error={error}>
        <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          <option value="">{t('o2.choose')}</option>
          {units.map((u) => (
            <option key={u.unitId} value={u.unitId}>
              {u.unitName}
            </option>
          ))}
        </select>
      </LabelledField>
      {rows.map((r, i) => {
        const f = (name: string) => `findings[${i}].${name}`;
        return (
          <fieldset key={i} className="resolution">
            <legend>{t('o2.inspections.findingN', { n: i + 1 })}</legend>
            <LabelledField label={t('o2.inspections.severity')} field={f('severity')} error={error}>
              <select value={r.severity} onChange={(e) => update(i, { severity: e.target.value })}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {t(`o2.severity.${s}`)}
                  </option>
                ))}
              </select>
            </LabelledField>
            <LabelledField label={t('o2.inspections.description')} field={f('description')} error={error}>
              <textarea rows={2} value={r.description} onChange={(e) => update(i, { description: e.target.value })} />
            </LabelledField>
            <LabelledField label={t('o2.inspections.requirement')} field={f('requirement')} error={error}>
              <textarea rows={2} value={r.requirement} onChange={(e) => update(i, { requirement: e.target.value })} />
            </LabelledField>
            <LabelledField label={t('o2.inspections.rectifyBy')} field={f('dueDate')} error={error}>
              <input type="date" value={r.dueDate} onChange={(e) => update(i, { dueDate: e.target.value })} />
            </LabelledField>
            <button type="button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              {t('o2.inspections.removeFinding', { n: i + 1 })}
            </button>
          </fieldset>
        );
      })}
      <div className="action-row">
        <button type="button" onClick={() => setRows([...rows, blank()])}>
          {t('o2.inspections.addFinding')}
        </button>
      </div>
      <ErrorBox error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {rows.length === 0 ? t('o2.inspections.recordNone') : t('o2.inspections.recordButton')}
      </button>
    </form>
  );
}
