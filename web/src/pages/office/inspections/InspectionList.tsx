import { useState, type FormEvent } from 'react';
import { Link, navigate } from '../../../app/router';
import { CyclePicker, useCycleChoice } from '../../../components/CyclePicker';
import { ErrorBox } from '../../../components/ErrorBox';
import { LabelledField } from '../../../components/LabelledField';
import { PagedTable } from '../../../components/PagedTable';
import { api, query } from '../../../lib/api';
import { fieldProblem } from '../../../lib/fields';
import { useI18n } from '../../../lib/i18n';
import { useOrgLists, workingUnits } from '../../../lib/org-lists';
import { formatDate } from '../../../lib/time';
import type { InspectionSummary } from '../../../lib/types-office2';
import { useAction } from '../../../lib/use-action';

/** The cycle's inspection rounds (检查督办), newest first, and the form to define an ad-hoc round. */
export function InspectionList() {
  const { t, lang } = useI18n();
  const { cycleId, cycles } = useCycleChoice();
  return (
    <section>
      <h1>{t('o2.inspections.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <CyclePicker cycleId={cycleId} cycles={cycles} />
      </form>
      {cycleId && (
        <PagedTable<InspectionSummary & { units: number }>
          caption={t('o2.inspections.caption')}
          rowKey={(r) => r.id}
          deps={[cycleId]}
          load={(page) => api('GET', `/v1/inspections${query({ cycleId, ...page })}`)}
          columns={[
            {
              key: 'title',
              header: 'o2.inspections.name',
              render: (r) => <Link to={`/office/inspections/${encodeURIComponent(r.id)}`}>{r.title}</Link>,
            },
            { key: 'kind', header: 'o2.inspections.kind', render: (r) => t(`o2.roundKind.${r.kind}`) },
            { key: 'units', header: 'o2.inspections.units', render: (r) => r.units },
            {
              key: 'selfCheck',
              header: 'o2.inspections.selfCheckDue',
              render: (r) => formatDate(r.selfCheckDueDate, lang),
            },
            {
              key: 'findings',
              header: 'o2.inspections.findingsDue',
              render: (r) => formatDate(r.findingsDueDate, lang),
            },
            {
              key: 'state',
              header: 'o2.inspections.state',
              render: (r) => <span className="badge">{t(`o2.roundState.${r.state}`)}</span>,
            },
          ]}
        />
      )}
      {cycleId && <DefineRoundForm cycleId={cycleId} />}
    </section>
  );
}

/** Defining an ad-hoc round: title, units in scope, checklist (one item a line), self-check and findings dates. */
function DefineRoundForm({ cycleId }: { cycleId: string }) {
  const { t } = useI18n();
  const { units } = useOrgLists();
  const { busy, error, run } = useAction();
  const [v, setV] = useState({ title: '', checklist: '', selfCheckDueDate: '', findingsDueDate: '' });
  const [chosen, setChosen] = useState<string[]>([]);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const defined = await run<{ id: string }>('POST', `/v1/cycles/${encodeURIComponent(cycleId)}/inspections`, {
      title: v.title,
      unitIds: chosen,
      checklist: v.checklist
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      selfCheckDueDate: v.selfCheckDueDate,
      findingsDueDate: v.findingsDueDate,
    });
    if (defined) navigate(`/office/inspections/${encodeURIComponent(defined.id)}`);
  };
  const unitsProblem = fieldProblem(error, 'unitIds');
  return (
    <form className="panel action-form" onSubmit={(e) => void submit(e)} data-testid="define-round-form">
      <h2>{t('o2.inspections.define')}</h2>
      <LabelledField label={t('o2.inspections.name')} field="title" error={error}>
        <input required value={v.title} onChange={set('title')} />
      </LabelledField>
      <fieldset className="checks" aria-describedby={unitsProblem ? 'round-units-error' : undefined}>
        <legend>{t('o2.inspections.scope')}</legend>
        {workingUnits(units)
          .filter((u) => u.kind !== 'VILLAGE')
          .map((u) => (
            <label key={u.id} className="check">
              <input
                type="checkbox"
                value={u.id}
                checked={chosen.includes(u.id)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, u.id] : chosen.filter((x) => x !== u.id))}
              />
              {u.name}
            </label>
          ))}
        {unitsProblem && (
          <span className="field-error" id="round-units-error">
            {unitsProblem}
          </span>
        )}
      </fieldset>
      <LabelledField label={t('o2.inspections.checklist')} hint={t('o2.oneALine')} field="checklist" error={error}>
        <textarea rows={3} required value={v.checklist} onChange={set('checklist')} />
      </LabelledField>
      <div className="field-row">
        <LabelledField label={t('o2.inspections.selfCheckDue')} field="selfCheckDueDate" error={error}>
          <input type="date" required value={v.selfCheckDueDate} onChange={set('selfCheckDueDate')} />
        </LabelledField>
        <LabelledField label={t('o2.inspections.findingsDue')} field="findingsDueDate" error={error}>
          <input type="date" required value={v.findingsDueDate} onChange={set('findingsDueDate')} />
        </LabelledField>
      </div>
      <ErrorBox error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('o2.inspections.defineButton')}
      </button>
    </form>
  );
}
