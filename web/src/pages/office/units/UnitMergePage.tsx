import { useState, type FormEvent } from 'react';
import { Link } from '../../../app/router';
import { Choice } from '../../../components/Choice';
import { DataTable, type Column } from '../../../components/DataTable';
import { ErrorBox } from '../../../components/ErrorBox';
import { FormErrorContext, LabelledField } from '../../../components/LabelledField';
import type { components } from '../../../../../clients/typescript/src/api-schema';
import { addMessages, useI18n } from '../../../lib/i18n';
import units from '../../../lib/messages/units';
import { useOrgLists } from '../../../lib/org-lists';
import { useAction } from '../../../lib/queries';
import '../office.css';

addMessages(units);

/** POST /v1/units/{id}/merge: the open tasks moved to the successor, and those the reassignment refused, with why. */
type UnitMerge = components['schemas']['UnitMerge'];
type TaskRow = { taskId: string; title: string; reason?: string };

/** Units whose work can move to another: departments, towns and villages (the API names any other it refuses). */
const MERGEABLE = new Set(['DEPARTMENT', 'TOWN', 'VILLAGE']);

/** The tasks that moved, or (`withReason`) those that did not, each linked, with the reason it stayed. */
function TaskRows({
  caption,
  rows,
  testId,
  withReason,
}: {
  caption: string;
  rows: TaskRow[];
  testId: string;
  withReason?: boolean;
}) {
  const { t } = useI18n();
  const title: Column<TaskRow> = {
    key: 'title',
    header: 'merge.task',
    render: (r) => <Link to={`/tasks/${encodeURIComponent(r.taskId)}`}>{r.title}</Link>,
  };
  const reason: Column<TaskRow> = { key: 'reason', header: 'merge.why', render: (r) => r.reason };
  return (
    <DataTable<TaskRow>
      caption={caption}
      rows={rows}
      rowKey={(r) => r.taskId}
      rowProps={(r) => ({ 'data-task': r.taskId })}
      testId={testId}
      emptyText={t(withReason ? 'merge.notMovedNone' : 'merge.movedNone')}
      columns={withReason ? [title, reason] : [title]}
    />
  );
}

/**
 * 单位合并 (ADMIN): an administrator picks a unit and its successor and gives a reason, confirms, and sees which open
 * tasks moved to the successor by reassignment (改派) and which did not, with the reason for each (the office decides
 * those). The unit is retired, its sub-units move under the successor.
 */
export function UnitMergePage() {
  const { t } = useI18n();
  const all = useOrgLists().units.filter((u) => MERGEABLE.has(u.kind));
  const [unitId, setUnitId] = useState('');
  const [intoUnitId, setIntoUnitId] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  // The answer with the two units' names as they were (the merged unit leaves the lists).
  const [merged, setMerged] = useState<(UnitMerge & { unitName: string; intoName: string }) | undefined>();
  const { busy, error, run } = useAction();
  const nameOf = (id: string) => all.find((u) => u.id === id)?.name ?? id;
  const options = (except: string) => all.filter((u) => u.id !== except).map((u) => ({ value: u.id, label: u.name }));
  const ask = (e: FormEvent) => {
    e.preventDefault();
    setMerged(undefined);
    setConfirming(true);
  };
  const merge = async () => {
    const done = await run<UnitMerge>('POST', `/v1/units/${encodeURIComponent(unitId)}/merge`, { intoUnitId, reason });
    setConfirming(false);
    if (done) {
      setMerged({ ...done, unitName: nameOf(unitId), intoName: nameOf(intoUnitId) });
      setUnitId('');
      setIntoUnitId('');
      setReason('');
    }
  };
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setConfirming(false);
    };
  return (
    <section className="merge-page">
      <h1>{t('merge.title')}</h1>
      <p className="muted small">{t('merge.intro')}</p>
      <form className="panel action-form" onSubmit={ask} noValidate data-testid="merge-form">
        <FormErrorContext.Provider value={error}>
          <div className="field-row">
            <LabelledField label={t('merge.unit')}>
              <Choice
                value={unitId}
                onChange={(e) => edit(setUnitId)(e.target.value)}
                options={options('')}
                placeholder={t('merge.pick')}
              />
            </LabelledField>
            <LabelledField label={t('merge.into')} field="intoUnitId">
              <Choice
                value={intoUnitId}
                onChange={(e) => edit(setIntoUnitId)(e.target.value)}
                options={options(unitId)}
                placeholder={t('merge.pick')}
              />
            </LabelledField>
          </div>
          <LabelledField label={t('merge.reason')} hint={t('merge.reasonHint')} field="reason">
            <textarea rows={2} required value={reason} onChange={(e) => edit(setReason)(e.target.value)} />
          </LabelledField>
        </FormErrorContext.Provider>
        <ErrorBox error={error} />
        {confirming ? (
          <div className="confirm-box" role="alert" data-testid="merge-confirm">
            <p>{t('merge.confirmText', { unit: nameOf(unitId), into: nameOf(intoUnitId) })}</p>
            <div className="action-row">
              <button type="button" className="primary" disabled={busy} onClick={() => void merge()}>
                {t('merge.confirm')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('merge.back')}
              </button>
            </div>
          </div>
        ) : (
          <div className="action-row">
            <button type="submit" className="primary" disabled={!unitId || !intoUnitId}>
              {t('merge.submit')}
            </button>
          </div>
        )}
      </form>
      <div role="status" data-testid="merge-done">
        {merged && <p className="ok-box">{t('merge.done', { unit: merged.unitName, into: merged.intoName })}</p>}
      </div>
      {merged && (
        <>
          <TaskRows caption={t('merge.moved', { n: merged.moved.length })} rows={merged.moved} testId="merge-moved" />
          <TaskRows
            caption={t('merge.notMoved', { n: merged.notMoved.length })}
            rows={merged.notMoved}
            testId="merge-not-moved"
            withReason
          />
        </>
      )}
    </section>
  );
}
