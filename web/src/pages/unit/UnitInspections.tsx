import { useSession } from '../../app/auth';
import { Link } from '../../app/router';
import { TextWithFilesForm } from '../../components/GivenFiles';
import { ItemsPage } from '../../components/ItemsPage';
import { NumberedList } from '../../components/NumberedList';
import { ProcedureView } from '../../components/ProcedureView';
import { addMessages, useI18n } from '../../lib/i18n';
import { formatDate, formatDateTime } from '../../lib/time';
import type { Inspection, InspectionSummary } from '../../lib/types-office2';
import { AttachmentPanel } from '../shared/AttachmentPanel';
import { useRecord } from '../shared/use-record';
import office2 from '../../lib/messages/office2';
import unitAnswers from '../../lib/messages/unit-answers';

addMessages(office2, unitAnswers);

/** The inspection rounds the unit is inspected in (检查督办), newest first. */
export function UnitInspections() {
  const { t, lang } = useI18n();
  return (
    <ItemsPage<InspectionSummary>
      title={t('unit.inspections.title')}
      caption={t('unit.inspections.caption')}
      path="/v1/inspections"
      testId="unit-inspections"
      columns={[
        {
          key: 'title',
          header: 'o2.inspections.name',
          render: (r) => <Link to={`/unit/inspections/${encodeURIComponent(r.id)}`}>{r.title}</Link>,
        },
        { key: 'due', header: 'o2.inspections.selfCheckDue', render: (r) => formatDate(r.selfCheckDueDate, lang) },
        { key: 'state', header: 'o2.inspections.state', render: (r) => t(`o2.roundState.${r.state}`) },
      ]}
    />
  );
}

/**
 * A round as the unit inspected reads it: the checklist and deadline, its own self-check, the files of its part of
 * the round (uploaded here, 佐证材料) and, while the round takes it, the self-check form that gives them.
 */
export function UnitInspection({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const path = `/v1/inspections/${encodeURIComponent(id)}`;
  const { value: r, reload, fallback } = useRecord<Inspection>(path);
  if (!r) return fallback;
  const own = r.units.find((u) => u.unitId === session.unit.id);
  return (
    <ProcedureView
      back={<Link to="/unit/inspections">{t('unit.inspections.back')}</Link>}
      title={r.title}
      badges={<span className="badge">{t(`o2.roundState.${r.state}`)}</span>}
      facts={[
        { label: t('o2.inspections.checklist'), value: <NumberedList items={r.checklist} /> },
        { label: t('o2.inspections.selfCheckDue'), value: formatDate(r.selfCheckDueDate, lang) },
        own && {
          label: t('unit.inspections.own'),
          testId: 'own-self-check',
          value: (
            <>
              {t(`o2.selfCheck.${own.selfCheck}`)}
              {own.filedAt && ` · ${formatDateTime(own.filedAt, lang)}`}
            </>
          ),
        },
        own?.report && { label: t('unit.selfCheck.report'), value: own.report, prose: true },
      ]}
      actions={[
        own && (
          <AttachmentPanel
            path={`${path}/units/${encodeURIComponent(own.unitId)}/attachments`}
            canUpload={r.actions.includes('self-check')}
            purpose="SELF_CHECK"
            heading={t('unit.selfCheck.files')}
          />
        ),
        own && r.actions.includes('self-check') && (
          <TextWithFilesForm
            name="unit.selfCheck"
            action={`${path}/self-check`}
            files={`${path}/units/${encodeURIComponent(own.unitId)}/attachments`}
            field="report"
            label={t('unit.selfCheck.report')}
            testId="self-check"
            onDone={reload}
          />
        ),
      ]}
      timeline={{ entries: r.timeline, heading: 'o2.timeline', id: 'round-timeline' }}
    />
  );
}
