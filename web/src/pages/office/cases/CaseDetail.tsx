import { Link } from '../../../app/router';
import { Choice } from '../../../components/Choice';
import { Facts } from '../../../components/Facts';
import { FormPanel } from '../../../components/FormPanel';
import { LabelledField } from '../../../components/LabelledField';
import { ProcedureView } from '../../../components/ProcedureView';
import { addMessages, useI18n } from '../../../lib/i18n';
import { useNames } from '../../../lib/names';
import { formatDateTime } from '../../../lib/time';
import type { Case, Measures } from '../../../lib/types-office2';
import { useFields } from '../../../lib/use-fields';
import { useApi, useFormAction } from '../../../lib/queries';
import { AttachmentPanel } from '../../shared/AttachmentPanel';
import { useRecord } from '../../shared/use-record';
import office2 from '../../../lib/messages/office2';
import unitAnswers from '../../../lib/messages/unit-answers';

addMessages(office2, unitAnswers);

const DECIDABLE = new Set(['OPEN', 'STATEMENT_OVERDUE', 'STATEMENT_RECEIVED']);

/** One accountability case: why it was opened, the unit's statement (说明情况), the decision with its basis, the timeline. */
export function CaseDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const names = useNames();
  const { value: c, reload, fallback } = useRecord<Case>(`/v1/cases/${encodeURIComponent(id)}`);
  if (!c) return fallback;
  const name = (x: string | null) => (x ? (names[x] ?? x) : '—');
  return (
    <ProcedureView
      back={<Link to="/office/cases">{t('o2.cases.back')}</Link>}
      title={t('o2.cases.heading', { unit: c.unitName })}
      badges={
        <span className="badge" data-testid="case-state">
          {t(`o2.caseState.${c.state}`)}
        </span>
      }
      facts={[
        {
          label: t('o2.cases.source'),
          value: (
            <>
              {t(`o2.caseSource.${c.sourceKind}`)}
              {c.source.kind === 'OFFICE' && c.source.reason && `：${c.source.reason}`}
              {c.source.kind === 'L3' && (
                <>
                  ：<Link to={`/tasks/${encodeURIComponent(c.source.taskId)}`}>{c.source.taskId}</Link>
                </>
              )}
              {c.source.kind === 'ASSESSMENT' && `：${c.source.score}（${c.source.threshold}）`}
            </>
          ),
        },
        { label: t('task.leader'), value: name(c.leaderId) },
        { label: t('o2.cases.openedAt'), value: formatDateTime(c.openedAt, lang) },
        { label: t('o2.cases.statementDue'), value: formatDateTime(c.statementDueAt, lang) },
      ]}
      actions={[
        // The unit's supporting files (说明材料): the office reads them, the unit concerned uploads them.
        <AttachmentPanel
          path={`/v1/cases/${encodeURIComponent(c.id)}/attachments`}
          canUpload={false}
          heading={t('o2.cases.files')}
        />,
        !c.measure && DECIDABLE.has(c.state) && <DecisionForm caseId={c.id} onDone={reload} />,
      ]}
      timeline={{ entries: c.timeline, heading: 'o2.timeline', id: 'case-timeline' }}
    >
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
      {c.measure && (
        <section className="panel" aria-labelledby="decision-title">
          <h2 id="decision-title">{t('o2.cases.decision')}</h2>
          <Facts
            facts={[
              { label: t('o2.cases.measure'), value: c.measureName ?? c.measure, testId: 'case-measure' },
              { label: t('o2.cases.basis'), value: c.basis, prose: true },
              {
                label: t('o2.cases.decidedBy'),
                value: (
                  <>
                    {name(c.decidedBy)} · {formatDateTime(c.decidedAt, lang)}
                    {c.decidedWithoutStatement && ` · ${t('o2.cases.withoutStatement')}`}
                  </>
                ),
              },
            ]}
          />
          <p className="action-row">
            <a
              href={`/v1/cases/${encodeURIComponent(c.id)}/decision-document`}
              target="_blank"
              rel="noopener"
              data-testid="case-decision-html"
            >
              {t('o2.cases.decisionPrint')}
            </a>
            <a
              href={`/v1/cases/${encodeURIComponent(c.id)}/decision-document.pdf`}
              download
              data-testid="case-decision-pdf"
            >
              {t('o2.cases.decisionPdf')}
            </a>
          </p>
        </section>
      )}
    </ProcedureView>
  );
}

/** The office's decision: a configured measure (GET /v1/accountability-measures) and its basis (处理依据). */
function DecisionForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useI18n();
  const { value: measures } = useApi<Measures>('/v1/accountability-measures', { live: false });
  const { values, bind } = useFields({ measure: '', basis: '' });
  const form = useFormAction(async ({ run }) => {
    if (await run('POST', `/v1/cases/${encodeURIComponent(caseId)}/decision`, values)) onDone();
  });
  return (
    <FormPanel name="o2.cases.decide" form={form} testId="decision-form" noValidate>
      <LabelledField label={t('o2.cases.measure')} field="measure">
        <Choice
          {...bind('measure')}
          placeholder={t('o2.choose')}
          options={(measures?.items ?? []).map((m) => ({ value: m.code, label: m.name }))}
        />
      </LabelledField>
      <LabelledField label={t('o2.cases.basis')} field="basis">
        <textarea rows={3} {...bind('basis')} />
      </LabelledField>
    </FormPanel>
  );
}
