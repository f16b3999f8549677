import { useContext, useId } from 'react';
import { FormErrorContext, LabelledField } from '../../../components/LabelledField';
import { fieldProblem } from '../../../lib/fields';
import { useI18n } from '../../../lib/i18n';
import { toggleMonth } from './policies-draft';

/** The API's complaint about a list as a whole (`content.measures`: none at all), under the list. */
export function ListProblem({ field, id }: { field: string; id?: string }) {
  const problem = fieldProblem(useContext(FormErrorContext), field);
  return problem ? (
    <span className="field-error" id={id} data-field={field}>
      {problem}
    </span>
  ) : null;
}

/**
 * Months 1–12 as checkboxes in a fieldset (`legend`), sent in calendar order; the API's complaints about the list
 * (`content.meeting.months`: none) and its items (`…months[1]`) show under it.
 */
export function MonthChecks({
  legend,
  field,
  months,
  onChange,
  testId,
}: {
  legend: string;
  field: string;
  months: number[];
  onChange: (months: number[]) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const problem = fieldProblem(useContext(FormErrorContext), field, true);
  const id = useId();
  return (
    <fieldset className="checks months" data-testid={testId} aria-describedby={problem ? id : undefined}>
      <legend>{legend}</legend>
      {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
        <label key={m} className="check">
          <input
            type="checkbox"
            checked={months.includes(m)}
            onChange={(e) => onChange(toggleMonth(months, m, e.target.checked))}
          />
          {t('pd.month', { n: m })}
        </label>
      ))}
      {problem && (
        <span className="field-error" id={id} data-field={field}>
          {problem}
        </span>
      )}
    </fieldset>
  );
}

/**
 * Lines of text, one input each (a round's checklist), with a button to remove each and one to add a line; the API's
 * complaint about a line shows at it (`content.inspection.checklist[2]`), about the list as a whole under it.
 */
export function LineList({
  legend,
  field,
  lines,
  onChange,
  lineLabel,
  removeLabel,
  addLabel,
  testId,
}: {
  legend: string;
  field: string;
  lines: string[];
  onChange: (lines: string[]) => void;
  lineLabel: (n: number) => string;
  removeLabel: (n: number) => string;
  addLabel: string;
  testId: string;
}) {
  return (
    <fieldset className="resolution rule-lines" data-testid={testId}>
      <legend>{legend}</legend>
      {lines.map((line, i) => (
        <div key={i} className="rule-line">
          <LabelledField label={lineLabel(i + 1)} field={`${field}[${i}]`}>
            <input value={line} onChange={(e) => onChange(lines.map((l, j) => (j === i ? e.target.value : l)))} />
          </LabelledField>
          <button type="button" onClick={() => onChange(lines.filter((_, j) => j !== i))}>
            {removeLabel(i + 1)}
          </button>
        </div>
      ))}
      <ListProblem field={field} />
      <div className="action-row">
        <button type="button" onClick={() => onChange([...lines, ''])}>
          {addLabel}
        </button>
      </div>
    </fieldset>
  );
}
