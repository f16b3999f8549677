import { useI18n } from '../lib/i18n';

/** A milestone as a form holds it: every field a string until sent. */
export interface MilestoneDraft {
  date: string;
  expected: string;
  percent: string;
}

/** What the API takes: the date, and the expected result and percentage only when filled in. */
export const milestonesBody = (rows: MilestoneDraft[]) =>
  rows.map((r) => ({
    date: r.date,
    ...(r.expected.trim() ? { expected: r.expected.trim() } : {}),
    ...(r.percent !== '' ? { percent: Number(r.percent) } : {}),
  }));

/**
 * The office's milestones (序时进度) as rows of date, expected result and percentage, with the API's problems shown at
 * each row (`body.milestones[i].date`, …).
 */
export function MilestoneRows({
  rows,
  onChange,
  problems,
  idPrefix,
}: {
  rows: MilestoneDraft[];
  onChange: (rows: MilestoneDraft[]) => void;
  problems: { field: string; message: string }[];
  idPrefix: string;
}) {
  const { t } = useI18n();
  const set = (i: number, key: keyof MilestoneDraft, value: string) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  const at = (i: number) => problems.filter((p) => p.field.startsWith(`body.milestones[${i}]`)).map((p) => p.message);
  const whole = problems.filter((p) => p.field === 'body.milestones').map((p) => p.message);
  return (
    <fieldset className="field milestones" data-testid="milestone-rows">
      <legend>{t('milestones.title')}</legend>
      <p className="muted small">{t('milestones.help')}</p>
      {rows.map((r, i) => (
        <div className="milestone-row" key={i}>
          <label htmlFor={`${idPrefix}-m${i}-date`}>{t('milestones.date')}</label>
          <input
            id={`${idPrefix}-m${i}-date`}
            type="date"
            value={r.date}
            onChange={(e) => set(i, 'date', e.target.value)}
          />
          <label htmlFor={`${idPrefix}-m${i}-expected`}>{t('milestones.expected')}</label>
          <input
            id={`${idPrefix}-m${i}-expected`}
            type="text"
            maxLength={1000}
            value={r.expected}
            onChange={(e) => set(i, 'expected', e.target.value)}
          />
          <label htmlFor={`${idPrefix}-m${i}-percent`}>{t('milestones.percent')}</label>
          <input
            id={`${idPrefix}-m${i}-percent`}
            type="number"
            min={0}
            max={100}
            value={r.percent}
            onChange={(e) => set(i, 'percent', e.target.value)}
          />
          <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            {t('milestones.remove', { n: i + 1 })}
          </button>
          {at(i).length > 0 && <p className="field-error">{at(i).join('；')}</p>}
        </div>
      ))}
      {whole.length > 0 && <p className="field-error">{whole.join('；')}</p>}
      {rows.length < 12 && (
        <button type="button" onClick={() => onChange([...rows, { date: '', expected: '', percent: '' }])}>
          {t('milestones.add')}
        </button>
      )}
    </fieldset>
  );
}
