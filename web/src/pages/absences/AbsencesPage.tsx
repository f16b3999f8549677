import { ActionForm, choice } from '../../components/ActionForm';
import { DataTable } from '../../components/DataTable';
import { ErrorBox } from '../../components/ErrorBox';
import { navigate } from '../../app/router';
import { useAuth, useSession } from '../../app/auth';
import { addMessages, useI18n } from '../../lib/i18n';
import { useOrgLists } from '../../lib/org-lists';
import { useAction, useApi } from '../../lib/queries';
import absences from '../../lib/messages/absences';

addMessages(absences);

interface Absence {
  id: string;
  personId: string;
  personName: string;
  deputyId: string;
  deputyName: string;
  from: string;
  to: string;
  reason: string;
  createdBy: string;
  status: 'UPCOMING' | 'ACTIVE' | 'OVER' | 'CANCELLED';
}

/**
 * 请假与代理: the absences the reader may see, entering their own with a deputy of their unit, cancelling one they may
 * end, and — for a deputy — acting for the absent person while the absence lasts.
 */
export function AbsencesPage() {
  const { t } = useI18n();
  const session = useSession();
  const { actFor, deputy } = useAuth();
  const { value, reload } = useApi<{ items: Absence[] }>('/v1/absences');
  const lists = useOrgLists();
  const { busy, error, perform, run } = useAction();
  const me = session.person.id;
  const colleagues = lists.people
    .filter((p) => p.unitId === session.unit.id && p.id !== me)
    .map((p) => ({ value: p.id, label: p.name }));
  const mayCancel = (a: Absence) =>
    !deputy && (a.personId === me || a.createdBy === me || a.deputyId !== me) && a.status !== 'OVER';
  const act = async (a: Absence) => {
    if (await perform(() => actFor(a.personId))) navigate('/');
  };
  const cancel = async (a: Absence) => {
    if (await run('POST', `/v1/absences/${encodeURIComponent(a.id)}/cancel`)) reload();
  };
  return (
    <section>
      <h1>{t('abs.title')}</h1>
      <p className="muted small">{t('abs.intro')}</p>
      <ErrorBox error={error} />
      <DataTable<Absence>
        caption={t('abs.caption')}
        rows={value?.items}
        rowKey={(a) => a.id}
        testId="absences"
        emptyText={t('abs.none')}
        columns={[
          { key: 'person', header: 'abs.person', render: (a) => a.personName },
          { key: 'deputy', header: 'abs.deputy', render: (a) => a.deputyName },
          { key: 'dates', header: 'abs.dates', render: (a) => t('abs.datesText', { from: a.from, to: a.to }) },
          { key: 'reason', header: 'abs.reason', render: (a) => a.reason },
          { key: 'status', header: 'abs.status', render: (a) => t(`abs.status.${a.status}`) },
          {
            key: 'actions',
            header: 'abs.actions',
            render: (a) => (
              <span className="action-row">
                {!deputy && a.deputyId === me && a.status === 'ACTIVE' && (
                  <button type="button" className="primary" disabled={busy} onClick={() => void act(a)}>
                    {t('abs.actFor', { name: a.personName })}
                  </button>
                )}
                {mayCancel(a) && a.status !== 'CANCELLED' && (
                  <button type="button" disabled={busy} onClick={() => void cancel(a)}>
                    {t('abs.cancel')}
                  </button>
                )}
              </span>
            ),
          },
        ]}
      />
      {!deputy && (
        <ActionForm
          name="abs.new"
          submitLabel={t('abs.newButton')}
          path="/v1/absences"
          testId="absence-form"
          fields={[
            choice('deputyId', 'abs.deputyPick', colleagues),
            { name: 'from', label: 'abs.from', kind: 'date', required: true },
            { name: 'to', label: 'abs.to', kind: 'date', required: true },
            { name: 'reason', label: 'abs.reasonField', kind: 'text', required: true },
          ]}
          onDone={reload}
        />
      )}
    </section>
  );
}
