import { Link } from '../../app/router';
import { TextWithFilesForm } from '../../components/GivenFiles';
import { ItemsPage } from '../../components/ItemsPage';
import { ProcedureView } from '../../components/ProcedureView';
import { addMessages, useI18n } from '../../lib/i18n';
import { formatDateTime } from '../../lib/time';
import type { Case, CaseSummary } from '../../lib/types-office2';
import { AttachmentPanel } from '../shared/AttachmentPanel';
import { useRecord } from '../shared/use-record';
import office2 from '../../lib/messages/office2';
import unitAnswers from '../../lib/messages/unit-answers';

addMessages(office2, unitAnswers);

/** The accountability cases (责任追究) concerning the unit, newest first. */
export function UnitCases() {
  const { t, lang } = useI18n();
  return (
    <ItemsPage<CaseSummary>
      title={t('unit.cases.title')}
      caption={t('unit.cases.caption')}
      path="/v1/cases"
      testId="unit-cases"
      columns={[
        {
          key: 'opened',
          header: 'o2.cases.openedAt',
          render: (c) => <Link to={`/unit/cases/${encodeURIComponent(c.id)}`}>{formatDateTime(c.openedAt, lang)}</Link>,
        },
        { key: 'due', header: 'o2.cases.statementDue', render: (c) => formatDateTime(c.statementDueAt, lang) },
        { key: 'state', header: 'o2.cases.state', render: (c) => t(`o2.caseState.${c.state}`) },
      ]}
    />
  );
}

/**
 * A case as the unit concerned reads it: why it was opened, its deadline, its statement (说明情况) with the files it
 * uploaded to the case, and, until the office decides, the statement form that gives them.
 */
export function UnitCase({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const path = `/v1/cases/${encodeURIComponent(id)}`;
  const { value: c, reload, fallback } = useRecord<Case>(path);
  if (!c) return fallback;
  const stating = c.actions.includes('statement');
  return (
    <ProcedureView
      back={<Link to="/unit/cases">{t('unit.cases.back')}</Link>}
      title={t('o2.cases.heading', { unit: c.unitName })}
      badges={<span className="badge">{t(`o2.caseState.${c.state}`)}</span>}
      facts={[
        { label: t('o2.cases.source'), value: t(`o2.caseSource.${c.sourceKind}`) },
        { label: t('o2.cases.statementDue'), value: formatDateTime(c.statementDueAt, lang) },
        c.statement && { label: t('unit.statement.text'), value: c.statement, prose: true, testId: 'case-statement' },
        c.measureName && { label: t('o2.cases.measure'), value: c.measureName },
      ]}
      actions={[
        <AttachmentPanel
          path={`${path}/attachments`}
          canUpload={stating}
          purpose="STATEMENT"
          heading={t('unit.statement.files')}
        />,
        stating && (
          <TextWithFilesForm
            name="unit.statement"
            action={`${path}/statement`}
            files={`${path}/attachments`}
            field="text"
            label={t('unit.statement.text')}
            testId="statement"
            onDone={reload}
          />
        ),
      ]}
      timeline={{ entries: c.timeline, heading: 'o2.timeline', id: 'case-timeline' }}
    />
  );
}
