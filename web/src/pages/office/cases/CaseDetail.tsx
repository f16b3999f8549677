import { useState, type FormEvent } from 'react';
import { Link } from '../../../app/router';
import { ErrorBox } from '../../../components/ErrorBox';
import { LabelledField } from '../../../components/LabelledField';
import { Timeline } from '../../../components/Timeline';
import { api } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n';
import { useNames } from '../../../lib/names';
import { formatDateTime } from '../../../lib/time';
import type { Case, Measures } from '../../../lib/types-office2';
import { useAction } from '../../../lib/use-action';
import { useLoad } from '../../../lib/use-load';
import { NotFound } from '../../shared/NotFound';

const DECIDABLE = new Set(['OPEN', 'STATEMENT_OVERDUE', 'STATEMENT_RECEIVED']);

/** One accountability case: why it was opened, the unit's statement (说明情况), the decision with its basis, the timeline. */
export function CaseDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const names = useNames();
  const { value: c, error, reload } = useLoad(() => api<Case>('GET', `/v1/cases/${encodeURIComponent(id)}`), [id]);
  if (error && (error.status === 404 || error.status === 403)) return <NotFound />;
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!c) return <p className="muted">{t('common.loading')}</p>;
  const name = (x: string | null) => (x ? (names[x] ?? x) : '—');
  return (
    <article>
      <p>
        <Link to="/office/cases">{t('o2.cases.back')}</Link>
      </p>
      <header className="task-head">
        <h1>{t('o2.cases.heading', { unit: c.unitName })}</h1>
        <div className="task-badges">
          <span className="badge" data-testid="case-state">
            {t(`o2.caseState.${c.state}`)}
          </span>
        </div>
      </header>
      <dl className="facts">
        <dt>{t('o2.cases.source')}</dt>
        <dd>
          {t(`o2.caseSource.${c.sourceKind}`)}
          {c.source.reason && `：${c.source.reason}`}
          {c.source.taskId && (
            <>
              ：<Link to={`/tasks/${encodeURIComponent(c.source.taskId)}`}>{c.source.taskId}</Link>
            </>
          )}
          {c.source.score !== undefined && `：${c.source.score}（${c.source.threshold ?? ''}）`}
        </dd>
        <dt>{t('task.leader')}</dt>
        <dd>{name(c.leaderId)}</dd>
        <dt>{t('o2.cases.openedAt')}</dt>
        <dd>{formatDateTime(c.openedAt, lang)}</dd>
        <dt>{t('o2.cases.statementDue')}</dt>
        <dd>{formatDateTime(c.statementDueAt, lang)}</dd>
      </dl>
      <section className="panel" aria-labelledby="statement-title">
        <h2 id="statement-title">{t('o2.cases.statement')}</h2>
        {c.statement ? (
          <>
            <p className="prose" data-testid="case-statement">
              {c.statement}
            </p>
            <p className="muted small">
              {name(c.statementBy)} · {formatDateTime(c.statementAt, lang)}
              {c.statementLate && ` · ${t('o2.cases.late')}`}
            </p>
          </>
        ) : (
          <p className="muted">{t('o2.cases.noStatement')}</p>
        )}
      </section>
      {c.measure ? (
        <section className="panel" aria-labelledby="decision-title">
          <h2 id="decision-title">{t('o2.cases.decision')}</h2>
          <dl className="facts">
            <dt>{t('o2.cases.measure')}</dt>
            <dd data-testid="case-measure">{c.measureName ?? c.measure}</dd>
            <dt>{t('o2.cases.basis')}</dt>
            <dd className="prose">{c.basis}</dd>
            <dt>{t('o2.cases.decidedBy')}</dt>
            <dd>
              {name(c.decidedBy)} · {formatDateTime(c.decidedAt, lang)}
              {c.decidedWithoutStatement && ` · ${t('o2.cases.withoutStatement')}`}
            </dd>
          </dl>
        </section>
      ) : (
        DECIDABLE.has(c.state) && <DecisionForm caseId={c.id} onDone={reload} />
      )}
      <section aria-labelledby="case-timeline">
        <h2 id="case-timeline">{t('o2.timeline')}</h2>
        <Timeline entries={c.timeline} names={names} />
      </section>
    </article>
  );
}

/** The office's decision: a configured measure (GET /v1/accountability-measures) and its basis (处理依据). */
function DecisionForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useI18n();
  const { value: measures } = useLoad(() => api<Measures>('GET', '/v1/accountability-measures'), []);
  const { busy, error, run } = useAction();
  const [v, setV] = useState({ measure: '', basis: '' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await run('POST', `/v1/cases/${encodeURIComponent(caseId)}/decision`, v)) onDone();
  };
  return (
    <form className="panel action-form" onSubmit={(e) => void submit(e)} data-testid="decision-form" noValidate>
      <h2>{t('o2.cases.decide')}</h2>
      <LabelledField label={t('o2.cases.measure')} field="measure" error={error}>
        <select value={v.measure} onChange={(e) => setV({ ...v, measure: e.target.value })}>
          <option value="">{t('o2.choose')}</option>
          {measures?.items.map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
        </select>
      </LabelledField>
      <LabelledField label={t('o2.cases.basis')} field="basis" error={error}>
        <textarea rows={3} value={v.basis} onChange={(e) => setV({ ...v, basis: e.target.value })} />
      </LabelledField>
      <ErrorBox error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('o2.cases.decideButton')}
      </button>
    </form>
  );
}
