import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../../../components/ErrorBox';
import { LabelledField } from '../../../components/LabelledField';
import { useI18n } from '../../../lib/i18n';
import type { UnitScore } from '../../../lib/types-office2';
import { useAction } from '../../../lib/use-action';

/** Adjusting one unit's score in the draft, only with a recorded reason (DOMAIN.md step 6). */
export function AdjustForm({ cycleId, scores, onDone }: { cycleId: string; scores: UnitScore[]; onDone: () => void }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  const [v, setV] = useState({ unitId: '', delta: '', reason: '' });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { unitId: v.unitId, delta: Number(v.delta), ...(v.reason.trim() ? { reason: v.reason } : {}) };
    if (await run('POST', `/v1/cycles/${encodeURIComponent(cycleId)}/assessment/adjustments`, body)) {
      setV({ unitId: '', delta: '', reason: '' });
      onDone();
    }
  };
  return (
    <form className="panel action-form" onSubmit={(e) => void submit(e)} data-testid="adjust-form" noValidate>
      <h2>{t('o2.assessment.adjust')}</h2>
      <p className="muted small">{t('o2.assessment.adjustHelp')}</p>
      <div className="field-row">
        <LabelledField label={t('o2.unit')} field="unitId" error={error}>
          <select value={v.unitId} onChange={set('unitId')}>
            <option value="">{t('o2.choose')}</option>
            {scores.map((s) => (
              <option key={s.unitId} value={s.unitId}>
                {s.unitName}
              </option>
            ))}
          </select>
        </LabelledField>
        <LabelledField label={t('o2.assessment.delta')} field="delta" error={error}>
          <input type="number" step="0.01" min={-100} max={100} value={v.delta} onChange={set('delta')} />
        </LabelledField>
      </div>
      <LabelledField label={t('o2.assessment.reason')} field="reason" error={error}>
        <textarea rows={2} value={v.reason} onChange={set('reason')} />
      </LabelledField>
      <ErrorBox error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('o2.assessment.adjustButton')}
      </button>
    </form>
  );
}
