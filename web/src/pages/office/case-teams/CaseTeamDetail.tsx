import { Link } from '../../../app/router';
import { ActionForm } from '../../../components/ActionForm';
import { DataTable } from '../../../components/DataTable';
import { ProcedureView } from '../../../components/ProcedureView';
import { addMessages, useI18n } from '../../../lib/i18n';
import { useNames } from '../../../lib/names';
import { formatDate, formatDateTime } from '../../../lib/time';
import type { CaseTeam, Secondment } from '../../../lib/types-case-teams';
import { useRecord } from '../../shared/use-record';
import caseTeams from '../../../lib/messages/case-teams';
import office2 from '../../../lib/messages/office2';

addMessages(caseTeams, office2);

/**
 * One case team (办案组), as the office reads it: the case, the zone and period, every secondment (抽调) with the
 * person named and the office's confirm or reject, the extension and early release, and the timeline.
 */
export function CaseTeamDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const names = useNames();
  const { value: team, reload, fallback } = useRecord<CaseTeam>(`/v1/case-teams/${encodeURIComponent(id)}`);
  if (!team) return fallback;
  const name = (x: string | null) => (x ? (names[x] ?? x) : '—');
  const path = (verb: string) => `/v1/case-teams/${encodeURIComponent(team.id)}/${verb}`;
  return (
    <ProcedureView
      back={<Link to="/office/case-teams">{t('ct.back')}</Link>}
      title={t('ct.heading', { ref: team.caseRef })}
      badges={
        <span className="badge" data-testid="team-state">
          {t(`ct.state.${team.state}`)}
        </span>
      }
      facts={[
        { label: t('ct.zone'), value: team.zoneName },
        {
          label: t('ct.period'),
          testId: 'team-period',
          value: `${formatDate(team.startDate, lang)} – ${formatDate(team.endDate, lang)}`,
        },
        { label: t('ct.skills'), value: team.skills.map((s) => `${s.skill} × ${s.count}`).join('、') },
        team.concernedUnitIds.length > 0 && {
          label: t('ct.concerned'),
          value: team.concernedUnitIds.map(name).join('、'),
        },
        team.extensions.length > 0 && {
          label: t('ct.extensions'),
          value: team.extensions
            .map((e) => `${formatDate(e.from, lang)} → ${formatDate(e.to, lang)}：${e.reason}`)
            .join('；'),
        },
        team.releasedAt && {
          label: t('ct.state.RELEASED'),
          value: `${formatDateTime(team.releasedAt, lang)}${team.releasedEarly ? `（${t('ct.releasedEarly')}：${team.releaseReason ?? ''}）` : ''}`,
        },
      ]}
      actions={[
        team.actions.includes('extend') && (
          <ActionForm
            testId="extend-form"
            name="ct.extend"
            path={path('extend')}
            fields={[
              { name: 'endDate', label: 'ct.newEndDate', kind: 'date', required: true },
              { name: 'reason', label: 'ct.reason', kind: 'textarea', required: true },
            ]}
            onDone={reload}
          />
        ),
        team.actions.includes('release') && (
          <ActionForm
            testId="release-form"
            name="ct.release"
            path={path('release')}
            fields={[{ name: 'reason', label: 'ct.reason', kind: 'textarea', required: true }]}
            onDone={reload}
          />
        ),
      ]}
      timeline={{ entries: team.timeline, heading: 'o2.timeline', id: 'team-timeline' }}
    >
      <section className="panel" aria-labelledby="roster-title">
        <h2 id="roster-title">{t('ct.roster')}</h2>
        <DataTable<Secondment>
          caption={t('ct.roster')}
          rows={team.secondments}
          rowKey={(s) => s.id}
          columns={[
            { key: 'unit', header: 'ct.seat.unit', render: (s) => s.unitName },
            { key: 'skill', header: 'ct.skill', render: (s) => s.skill },
            {
              key: 'person',
              header: 'ct.seat.person',
              render: (s) => (
                <>
                  {s.personName ?? '—'}
                  {s.proposed && (
                    <span className="muted small">（{t('ct.seat.proposed', { reason: s.reason ?? '' })}）</span>
                  )}
                </>
              ),
            },
            {
              key: 'due',
              header: 'ct.seat.due',
              render: (s) => `${formatDateTime(s.dueAt, lang)}${s.late ? ` · ${t('ct.seat.late')}` : ''}`,
            },
            {
              key: 'state',
              header: 'ct.seat.state',
              render: (s) => <span data-testid={`seat-state-${s.unitId}`}>{t(`ct.seatState.${s.state}`)}</span>,
            },
          ]}
        />
        {team.secondments.map((s) => (
          <SeatActions key={s.id} seat={s} onDone={reload} />
        ))}
      </section>
    </ProcedureView>
  );
}

/** The office's decision on the person a unit named: confirm, or reject with the reason (the unit names again). */
function SeatActions({ seat, onDone }: { seat: Secondment; onDone: () => void }) {
  const { t } = useI18n();
  if (!seat.actions.includes('confirm') && !seat.actions.includes('reject')) return null;
  const path = (verb: string) => `/v1/secondments/${encodeURIComponent(seat.id)}/${verb}`;
  const who = `${seat.unitName} · ${seat.personName ?? ''}`;
  return (
    <div className="action-grid" data-testid={`seat-actions-${seat.unitId}`}>
      {seat.actions.includes('confirm') && (
        <ActionForm
          name="ct.confirm"
          submitLabel={`${t('ct.confirmButton')}：${who}`}
          path={path('confirm')}
          fields={[]}
          onDone={onDone}
        />
      )}
      {seat.actions.includes('reject') && (
        <ActionForm
          name="ct.reject"
          path={path('reject')}
          fields={[{ name: 'reason', label: 'ct.reason', kind: 'textarea', required: true }]}
          onDone={onDone}
        />
      )}
    </div>
  );
}
