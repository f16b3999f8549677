import { useState } from 'react';
import { Link, navigate } from '../../app/router';
import { Choice } from '../../components/Choice';
import { DataTable } from '../../components/DataTable';
import { FormPanel } from '../../components/FormPanel';
import { LabelledField } from '../../components/LabelledField';
import { addMessages, useI18n } from '../../lib/i18n';
import { useOrgLists } from '../../lib/org-lists';
import { useApi, useFormAction } from '../../lib/queries';
import { formatDateTime } from '../../lib/time';
import { useFields } from '../../lib/use-fields';
import type { RotationSummary } from './types';
import rotation from '../../lib/messages/rotation';

addMessages(rotation);

const RESPONSIBLE = new Set(['DEPARTMENT', 'TOWN', 'VILLAGE']);

/** The office's rotation plans (轮训计划), one per year, and the form that makes the year's plan. */
export function OfficeRotations() {
  const { t, lang } = useI18n();
  const { value } = useApi<{ items: RotationSummary[] }>('/v1/rotations?limit=50');
  return (
    <>
      <h1>{t('rot.title')}</h1>
      <DataTable<RotationSummary>
        caption={t('rot.caption')}
        rows={value?.items}
        rowKey={(r) => r.id}
        testId="rotation-plans"
        columns={[
          {
            key: 'year',
            header: 'rot.year',
            render: (r) => (
              <Link to={`/office/rotations/${encodeURIComponent(r.id)}`}>{t('rot.heading', { year: r.year })}</Link>
            ),
          },
          { key: 'windows', header: 'rot.windowCount', render: (r) => r.windows.length },
          { key: 'due', header: 'rot.dueAt', render: (r) => formatDateTime(r.dueAt, lang) },
          {
            key: 'state',
            header: 'rot.state',
            render: (r) => <span className="badge">{t(`rot.state.${r.state}`)}</span>,
          },
        ]}
      />
      <NewPlanForm />
    </>
  );
}

interface PlannedWindow {
  unitId: string;
  personId: string;
  start: string;
  end: string;
}

function NewPlanForm() {
  const { t } = useI18n();
  const { units, people } = useOrgLists();
  const plan = useFields({ year: String(new Date().getFullYear() + 1), confirmBy: '' });
  const row = useFields({ unitId: '', personId: '', start: '', end: '' });
  const [windows, setWindows] = useState<PlannedWindow[]>([]);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  const personName = (id: string) => people.find((p) => p.id === id)?.name ?? id;
  const form = useFormAction(async ({ run }) => {
    const body = {
      year: Number(plan.values.year),
      windows,
      ...(plan.values.confirmBy ? { confirmBy: plan.values.confirmBy } : {}),
    };
    const made = await run<{ id: string }>('POST', '/v1/rotations', body);
    if (made) navigate(`/office/rotations/${encodeURIComponent(made.id)}`);
  });
  const add = () => {
    if (!row.values.unitId || !row.values.personId || !row.values.start || !row.values.end) return;
    setWindows((ws) => [...ws, { ...row.values }]);
    row.reset();
  };
  return (
    <FormPanel name="rot.new" help form={form} testId="new-rotation-form" noValidate>
      <LabelledField label={t('rot.year')} field="year">
        <input type="number" {...plan.bind('year')} />
      </LabelledField>
      <LabelledField label={t('rot.confirmBy')} field="confirmBy">
        <input type="date" {...plan.bind('confirmBy')} />
      </LabelledField>
      <fieldset>
        <legend>{t('rot.window')}</legend>
        <LabelledField label={t('rot.unit')}>
          <Choice
            {...row.bind('unitId')}
            placeholder={t('rot.choose')}
            options={units.filter((u) => RESPONSIBLE.has(u.kind)).map((u) => ({ value: u.id, label: u.name }))}
          />
        </LabelledField>
        <LabelledField label={t('rot.person')}>
          <Choice
            {...row.bind('personId')}
            placeholder={t('rot.choose')}
            options={people.filter((p) => p.unitId === row.values.unitId).map((p) => ({ value: p.id, label: p.name }))}
          />
        </LabelledField>
        <LabelledField label={t('rot.start')}>
          <input type="date" {...row.bind('start')} />
        </LabelledField>
        <LabelledField label={t('rot.end')}>
          <input type="date" {...row.bind('end')} />
        </LabelledField>
        <button type="button" onClick={add}>
          {t('rot.addWindow')}
        </button>
      </fieldset>
      <h3>{t('rot.planned')}</h3>
      {windows.length === 0 ? (
        <p className="muted">{t('rot.noWindows')}</p>
      ) : (
        <ol data-testid="planned-windows">
          {windows.map((w, i) => (
            <li key={i}>
              {unitName(w.unitId)} · {personName(w.personId)} · {w.start}—{w.end}{' '}
              <button type="button" onClick={() => setWindows((ws) => ws.filter((_, j) => j !== i))}>
                {t('rot.removeWindow')}
              </button>
            </li>
          ))}
        </ol>
      )}
    </FormPanel>
  );
}
