import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useAuth, useSession } from '../../app/auth';
import { ActionForm, choice } from '../../components/ActionForm';
import { ErrorBox } from '../../components/ErrorBox';
import { api, ApiError } from '../../lib/api';
import { addMessages, useI18n } from '../../lib/i18n';
import { useNames } from '../../lib/names';
import { formatDate, formatDateTime } from '../../lib/time';
import { useAction, useLoaded } from '../../lib/queries';
import { loadCurrentCycle, type CycleSummary } from './cycle';
import { planProblems } from './plan-problems';
import { uploadPlan, type PlanSubmitted } from './plan-upload';
import { PlanText } from './PlanText';
import './office.css';
import officeCore from '../../lib/messages/office-core';

addMessages(officeCore);

interface PlanTask {
  key: string;
  title: string;
  leadUnit: string;
  coUnits?: string[];
  leader: string;
  dueDate?: string;
  workingDays?: number;
}

interface Plan {
  version: number;
  content: { goals?: { id: string; title: string; tasks?: PlanTask[] }[] };
  taskCount: number;
  approved: boolean;
  versions: { version: number; taskCount: number; submittedBy: string; submittedAt: string }[];
}

/**
 * The year's plan (年度工作计划): the office opens the cycle and uploads the plan (refused lines shown in the text),
 * everyone who reviews plans sees its versions, and the leadership group approves the newest.
 */
export function PlanPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const { value, error, reload } = useLoaded(['plan-page'], async () => {
    const cycle = await loadCurrentCycle();
    const plan = cycle
      ? await api<Plan>('GET', `/v1/cycles/${encodeURIComponent(cycle.id)}/plan`).catch((err: unknown) => {
          if (err instanceof ApiError && err.status === 404) return null;
          throw err;
        })
      : null;
    return { cycle, plan };
  });
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!value) return <p className="muted">{t('common.loading')}</p>;
  const { cycle, plan } = value;
  const office = hasRole('OFFICE');
  return (
    <section className="plan-page">
      <h1>
        {t('office.plan.title')}
        {cycle && ` · ${t('office.cycle', { year: cycle.year })}`}
      </h1>
      {!cycle && !office && <p>{t('office.noCycle')}</p>}
      {(!cycle || cycle.phase === 'CLOSED') && office && <OpenCycle onDone={reload} />}
      {cycle && <PlanSummary cycle={cycle} plan={plan} />}
      {cycle && plan && !plan.approved && cycle.phase === 'PLANNING' && hasRole('GROUP') && (
        <ActionForm
          testId="approve-form"
          name="office.plan.approve"
          path={`/v1/cycles/${encodeURIComponent(cycle.id)}/plan/approve`}
          submitLabel={t('office.plan.approveButton', { version: plan.version })}
          fields={[{ name: 'comment', label: 'office.plan.comment', kind: 'textarea' }]}
          toBody={(b) => ({ version: plan.version, ...b })}
          onDone={reload}
        />
      )}
      {cycle && cycle.phase === 'PLANNING' && office && <UploadPlan cycleId={cycle.id} onDone={reload} />}
    </section>
  );
}

function OpenCycle({ onDone }: { onDone: () => void }) {
  const year = new Date().getFullYear();
  const years = [year, year + 1].map((y) => ({ value: String(y), label: String(y) }));
  return (
    <ActionForm
      testId="open-cycle-form"
      name="office.plan.open"
      path="/v1/cycles"
      fields={[choice('year', 'office.plan.year', years)]}
      toBody={(b) => ({ year: Number(b.year) })}
      onDone={onDone}
    />
  );
}

function PlanSummary({ cycle, plan }: { cycle: CycleSummary; plan: Plan | null }) {
  const { t, lang } = useI18n();
  const names = useNames();
  const name = (id: string) => names[id] ?? id;
  if (!plan) return <p data-testid="plan-state">{t('office.plan.none')}</p>;
  return (
    <div className="panel">
      <p data-testid="plan-state">
        {t('office.plan.current', {
          version: plan.version,
          state: t(plan.approved ? 'office.plan.stateApproved' : 'office.plan.statePending'),
        })}{' '}
        <span className="badge">{t(`office.phase.${cycle.phase}`)}</span>
      </p>
      <ol className="plain-list">
        {(plan.content.goals ?? []).map((g, i) => (
          <li key={g.id}>
            <details>
              <summary>
                {t('office.plan.goal', { n: i + 1, title: g.title })}{' '}
                <span className="muted small">{t('office.plan.goalTasks', { n: g.tasks?.length ?? 0 })}</span>
              </summary>
              <ul className="plain-list">
                {(g.tasks ?? []).map((task) => (
                  <li key={task.key}>
                    {task.title}
                    <span className="muted small">
                      {' '}
                      {t('office.plan.taskLine', {
                        lead: [task.leadUnit, ...(task.coUnits ?? [])].map(name).join('、'),
                        leader: name(task.leader),
                        limit: task.dueDate
                          ? formatDate(task.dueDate, lang)
                          : t('office.plan.workingDays', { n: task.workingDays ?? 0 }),
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ol>
      <h2>{t('office.plan.versions')}</h2>
      <ul className="plain-list" data-testid="plan-versions">
        {plan.versions.map((v) => (
          <li key={v.version}>
            {t('office.plan.versionRow', {
              version: v.version,
              tasks: v.taskCount,
              at: formatDateTime(v.submittedAt, lang),
            })}
            {plan.approved && v.version === plan.version && (
              <span className="badge"> {t('office.plan.approvedMark')}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function UploadPlan({ cycleId, onDone }: { cycleId: string; onDone: () => void }) {
  const { t } = useI18n();
  const session = useSession();
  const [text, setText] = useState('');
  const [sent, setSent] = useState('');
  const { busy, error, perform } = useAction();
  const [done, setDone] = useState<PlanSubmitted | undefined>(undefined);
  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) void file.text().then(setText);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(undefined);
    setSent(text);
    const uploaded = await perform(() => uploadPlan(cycleId, text, session.csrfToken));
    if (uploaded) {
      setDone(uploaded.value);
      onDone();
    }
  };
  // A refused plan's problems are shown at their lines, not as one error.
  const refused = error instanceof ApiError && error.status === 422 && error.fields.length > 0;
  const problems = refused ? planProblems(error.fields) : [];
  return (
    <form
      className="action-form plan-upload"
      onSubmit={(e) => void submit(e)}
      data-testid="plan-upload"
      aria-labelledby="upload-title"
    >
      <h2 id="upload-title">{t('office.plan.upload')}</h2>
      <p className="muted small">{t('office.plan.uploadHelp')}</p>
      <div className="field">
        <label htmlFor="plan-file">{t('office.plan.file')}</label>
        <input
          id="plan-file"
          type="file"
          accept=".yaml,.yml,.json,application/yaml,application/json"
          onChange={onFile}
        />
      </div>
      <div className="field">
        <label htmlFor="plan-text">{t('office.plan.text')}</label>
        <textarea
          id="plan-text"
          rows={10}
          className="mono"
          value={text}
          required
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <ErrorBox error={refused ? undefined : error} />
      {problems.length > 0 && (
        <div className="error-box" role="alert" data-testid="plan-problems">
          <strong>{t('office.plan.errors', { n: problems.length })}</strong>
          <PlanText text={sent} problems={problems} />
        </div>
      )}
      {done && (
        <p role="status" className="ok-box">
          {t('office.plan.accepted', { version: done.version, goals: done.goals, tasks: done.taskCount })}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('office.plan.submit')}
      </button>
    </form>
  );
}
