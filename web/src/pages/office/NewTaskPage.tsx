import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { navigate } from '../../app/router';
import { ErrorBox } from '../../components/ErrorBox';
import { ApiError } from '../../lib/api';
import { addMessages, useI18n } from '../../lib/i18n';
import { useAction, useLoaded } from '../../lib/queries';
import { loadCurrentCycle } from './cycle';
import { FieldError, fieldProblems } from './FieldError';
import { loadOrgOptions } from './org-options';
import { MilestoneRows, milestonesBody, type MilestoneDraft } from '../../components/MilestoneRows';
import './office.css';
import officeCore from '../../lib/messages/office-core';

addMessages(officeCore);

type Values = Record<string, string>;

/**
 * The office assigns a supervised task (交办) with its four-in-place (四到位); the API's refusal is shown at each
 * field it names. The browser's own checks are off (noValidate) so that the server's words are the ones shown.
 */
export function NewTaskPage() {
  const { t } = useI18n();
  const formId = useId();
  const {
    value: options,
    error: loadError,
    reload,
  } = useLoaded(['new-task-options'], async () => ({ ...(await loadOrgOptions()), cycle: await loadCurrentCycle() }), {
    live: false,
  });
  const [values, setValues] = useState<Values>({ type: 'ROUTINE', limitKind: 'date', inCycle: 'yes' });
  const [coUnits, setCoUnits] = useState<string[]>([]);
  const [milestones, setMilestones] = useState<MilestoneDraft[]>([]);
  const { busy, error, run } = useAction();
  if (loadError) return <ErrorBox error={loadError} onRetry={reload} />;
  if (!options) return <p className="muted">{t('common.loading')}</p>;
  const cycle = options.cycle && options.cycle.phase !== 'CLOSED' ? options.cycle : null;
  const set = (name: string) => (e: { target: { value: string } }) => setValues({ ...values, [name]: e.target.value });
  const problems = (name: string) => fieldProblems(error instanceof ApiError ? error.fields : [], name);

  const field = (name: string, label: string, control: (p: Record<string, unknown>) => ReactNode) => {
    const id = `${formId}-${name}`;
    const messages = problems(name);
    return (
      <div className="field" key={name}>
        <label htmlFor={id}>{t(label)}</label>
        {control({
          id,
          name,
          value: values[name] ?? '',
          onChange: set(name),
          'aria-invalid': messages.length > 0 || undefined,
          'aria-describedby': messages.length > 0 ? `${id}-error` : undefined,
        })}
        <FieldError id={`${id}-error`} messages={messages} />
      </div>
    );
  };

  /** A select of `choices`, with an empty first choice unless `blank` is false. */
  const choose = (name: string, label: string, choices: { value: string; label: string }[], blank = true) =>
    field(name, label, (p) => (
      <select {...p}>
        {blank && <option value="">—</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    ));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const byDate = values.limitKind === 'date';
    const body = {
      title: values.title ?? '',
      type: values.type || 'ROUTINE',
      leadUnitId: values.leadUnitId ?? '',
      coUnitIds: coUnits.filter((u) => u !== values.leadUnitId),
      leaderId: values.leaderId ?? '',
      requirements: values.requirements ?? '',
      standard: values.standard ?? '',
      ...(byDate
        ? values.dueDate
          ? { dueDate: values.dueDate }
          : {}
        : values.workingDays
          ? { workingDays: Number(values.workingDays) }
          : {}),
      ...(cycle && values.inCycle === 'yes' ? { cycleId: cycle.id } : {}),
      ...(milestones.length > 0 ? { milestones: milestonesBody(milestones) } : {}),
      // 批示件: given once a severity is chosen; its leader and words as typed (the API names what is missing).
      ...(values['instruction.severity']
        ? {
            instruction: {
              severity: values['instruction.severity'],
              by: values['instruction.by'] ?? '',
              ...(values['instruction.text'] ? { text: values['instruction.text'] } : {}),
            },
          }
        : {}),
      ...(values.named === 'yes' ? { namedSupervision: { reason: values['namedSupervision.reason'] ?? '' } } : {}),
    };
    const made = await run<{ id: string }>('POST', '/v1/tasks', body);
    if (made) navigate(`/tasks/${encodeURIComponent(made.id)}`);
  };

  const types = options.types.map((x) => ({ value: x.type, label: x.name }));
  const units = options.units.map((u) => ({ value: u.id, label: u.name }));
  const leaders = options.leaders.map((x) => ({ value: x.id, label: `${x.name}（${x.title}）` }));
  const coId = `${formId}-coUnitIds`;
  const coMessages = problems('coUnitIds');
  return (
    <section>
      <h1>{t('office.newTask.title')}</h1>
      <p className="muted">{t('office.newTask.help')}</p>
      <form className="action-form new-task" onSubmit={(e) => void submit(e)} noValidate data-testid="new-task-form">
        {field('title', 'office.newTask.taskTitle', (p) => (
          <input type="text" maxLength={200} {...p} />
        ))}
        {choose('type', 'office.newTask.type', types, false)}
        {choose('leadUnitId', 'office.newTask.leadUnit', units)}
        <fieldset className="field co-units" aria-describedby={coMessages.length ? `${coId}-error` : undefined}>
          <legend>{t('office.newTask.coUnits')}</legend>
          <div className="check-grid">
            {options.units
              .filter((u) => u.id !== values.leadUnitId)
              .map((u) => (
                <label key={u.id} className="check">
                  <input
                    type="checkbox"
                    checked={coUnits.includes(u.id)}
                    onChange={(e) =>
                      setCoUnits(e.target.checked ? [...coUnits, u.id] : coUnits.filter((x) => x !== u.id))
                    }
                  />{' '}
                  {u.name}
                </label>
              ))}
          </div>
          <FieldError id={`${coId}-error`} messages={coMessages} />
        </fieldset>
        {choose('leaderId', 'office.newTask.leader', leaders)}
        {field('requirements', 'office.newTask.requirements', (p) => (
          <textarea rows={3} {...p} />
        ))}
        {field('standard', 'office.newTask.standard', (p) => (
          <textarea rows={2} {...p} />
        ))}
        <fieldset className="field">
          <legend>{t('office.newTask.limitKind')}</legend>
          {(['date', 'days'] as const).map((k) => (
            <label key={k} className="check">
              <input
                type="radio"
                name="limitKind"
                value={k}
                checked={values.limitKind === k}
                onChange={set('limitKind')}
              />{' '}
              {t(k === 'date' ? 'office.newTask.byDate' : 'office.newTask.byDays')}
            </label>
          ))}
        </fieldset>
        {values.limitKind === 'date'
          ? field('dueDate', 'office.newTask.dueDate', (p) => <input type="date" {...p} />)
          : field('workingDays', 'office.newTask.workingDays', (p) => <input type="number" min={1} max={250} {...p} />)}
        <fieldset className="field">
          <legend>{t('office.newTask.instruction')}</legend>
          {choose(
            'instruction.severity',
            'office.newTask.instructionSeverity',
            (['DISTRICT', 'MUNICIPAL', 'PROVINCIAL'] as const).map((s) => ({ value: s, label: t(`severity.${s}`) })),
          )}
          {values['instruction.severity'] && (
            <>
              {field('instruction.by', 'office.newTask.instructionBy', (p) => (
                <input type="text" maxLength={100} {...p} />
              ))}
              {field('instruction.text', 'office.newTask.instructionText', (p) => (
                <textarea rows={2} {...p} />
              ))}
            </>
          )}
        </fieldset>
        <label className="check">
          <input
            type="checkbox"
            checked={values.named === 'yes'}
            onChange={(e) => setValues({ ...values, named: e.target.checked ? 'yes' : 'no' })}
            data-testid="new-task-named"
          />{' '}
          {t('office.newTask.named')}
        </label>
        {values.named === 'yes' &&
          field('namedSupervision.reason', 'office.newTask.namedReason', (p) => <textarea rows={2} {...p} />)}
        <MilestoneRows
          rows={milestones}
          onChange={setMilestones}
          problems={error instanceof ApiError ? error.fields : []}
          idPrefix={formId}
        />
        {cycle && (
          <label className="check">
            <input
              type="checkbox"
              checked={values.inCycle === 'yes'}
              onChange={(e) => setValues({ ...values, inCycle: e.target.checked ? 'yes' : 'no' })}
            />{' '}
            {t('office.newTask.inCycle', { year: cycle.year })}
          </label>
        )}
        <FieldError id={`${formId}-cycle-error`} messages={problems('cycleId')} />
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('office.newTask.busy') : t('office.newTask.submit')}
        </button>
      </form>
    </section>
  );
}
