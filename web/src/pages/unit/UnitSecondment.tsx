import { useSession } from '../../app/auth';
import { Link } from '../../app/router';
import { ActionForm, choice } from '../../components/ActionForm';
import { ProcedureView } from '../../components/ProcedureView';
import { addMessages, useI18n } from '../../lib/i18n';
import { useNames } from '../../lib/names';
import { useOrgLists } from '../../lib/org-lists';
import { formatDate, formatDateTime } from '../../lib/time';
import type { SecondmentDetail } from '../../lib/types-case-teams';
import { useRecord } from '../shared/use-record';
import caseTeams from '../../lib/messages/case-teams';
import office2 from '../../lib/messages/office2';

addMessages(caseTeams, office2);

/**
 * A secondment request (抽调函) as the unit asked reads it: skill, zone, period, its limit and state; the unit names
 * one of its people (选派), and the person named may declare a conflict (声明回避).
 */
export function UnitSecondment({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const names = useNames();
  const { people } = useOrgLists();
  const { value: s, reload, fallback } = useRecord<SecondmentDetail>(`/v1/secondments/${encodeURIComponent(id)}`);
  if (!s) return fallback;
  const path = (verb: string) => `/v1/secondments/${encodeURIComponent(s.id)}/${verb}`;
  const own = people
    .filter((p) => p.unitId === session.unit.id && !s.recused.includes(p.id) && !s.rejected.includes(p.id))
    .map((p) => ({ value: p.id, label: `${p.name}（${p.title}）` }));
  return (
    <ProcedureView
      back={<Link to="/unit/secondments">{t('sec.back')}</Link>}
      title={t('sec.heading', { skill: s.skill })}
      badges={
        <span className="badge" data-testid="secondment-state">
          {t(`ct.seatState.${s.state}`)}
        </span>
      }
      facts={[
        { label: t('ct.zone'), value: s.zoneName },
        { label: t('ct.period'), value: `${formatDate(s.startDate, lang)} – ${formatDate(s.endDate, lang)}` },
        { label: t('sec.requestedAt'), value: formatDateTime(s.requestedAt, lang) },
        {
          label: t('ct.seat.due'),
          value: `${formatDateTime(s.dueAt, lang)}${s.late ? ` · ${t('ct.seat.late')}` : ''}`,
        },
        s.wantedPersonId && { label: t('sec.wanted'), value: names[s.wantedPersonId] ?? s.wantedPersonId },
        s.personId && { label: t('ct.seat.person'), value: s.personName ?? s.personId, testId: 'secondment-person' },
        s.recused.length > 0 && { label: t('sec.recused'), value: s.recused.map((p) => names[p] ?? p).join('、') },
      ]}
      actions={[
        s.actions.includes('nominate') && (
          <ActionForm
            testId="nominate-form"
            name="sec.nominate"
            path={path('nominate')}
            fields={[
              choice('personId', 'sec.person', own),
              { name: 'reason', label: 'sec.reasonOptional', kind: 'textarea' },
            ]}
            onDone={reload}
          />
        ),
        s.actions.includes('declare-conflict') && (
          <ActionForm
            testId="conflict-form"
            name="sec.conflict"
            path={path('declare-conflict')}
            fields={[{ name: 'reason', label: 'sec.conflictReason', kind: 'textarea', required: true }]}
            onDone={reload}
          />
        ),
      ]}
      timeline={{ entries: s.timeline, heading: 'o2.timeline', id: 'secondment-timeline' }}
    />
  );
}
