import { useState } from 'react';
import { Link, navigate } from '../../app/router';
import { Choice } from '../../components/Choice';
import { DataTable } from '../../components/DataTable';
import { FormPanel } from '../../components/FormPanel';
import { LabelledField } from '../../components/LabelledField';
import { Filters } from '../../components/ListPage';
import { addMessages, useI18n } from '../../lib/i18n';
import { useOrgLists } from '../../lib/org-lists';
import { useApi, useFormAction } from '../../lib/queries';
import { useFields } from '../../lib/use-fields';
import { NETWORK_KINDS, NETWORK_LEVELS, NETWORK_STATUSES, type NetworkActivity, type NetworkMember } from './types';
import network from '../../lib/messages/network';

addMessages(network);

/** The kinds of unit a member of each level watches (the API checks the same and names the field when it does not fit). */
const AREA_KINDS: Record<string, string[]> = { DISTRICT: [], TOWN: ['TOWN', 'DEPARTMENT'], VILLAGE: ['VILLAGE'] };

/** The office's roster of the supervision network (监督网络): who serves where and until when, and appointing anew. */
export function NetworkRoster() {
  const { t } = useI18n();
  const [level, setLevel] = useState('');
  const [status, setStatus] = useState('');
  const query = new URLSearchParams({ ...(level && { level }), ...(status && { status }) }).toString();
  const { value, reload } = useApi<{ items: NetworkMember[] }>(`/v1/network/members${query ? `?${query}` : ''}`);
  return (
    <section>
      <h1>{t('net.title')}</h1>
      <p className="muted small">{t('net.intro')}</p>
      <Filters>
        <label>
          {t('net.level')}
          <Choice
            value={level}
            onChange={(e) => setLevel(e.target.value)}
            placeholder={t('net.all')}
            options={NETWORK_LEVELS.map((l) => ({ value: l, label: t(`net.level.${l}`) }))}
          />
        </label>
        <label>
          {t('net.status')}
          <Choice
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            placeholder={t('net.all')}
            options={NETWORK_STATUSES.map((s) => ({ value: s, label: t(`net.status.${s}`) }))}
          />
        </label>
      </Filters>
      <DataTable<NetworkMember>
        caption={t('net.caption')}
        rows={value?.items}
        rowKey={(m) => m.personId}
        testId="network-members"
        columns={[
          {
            key: 'name',
            header: 'net.name',
            render: (m) => <Link to={`/office/network/${encodeURIComponent(m.personId)}`}>{m.name}</Link>,
          },
          { key: 'kind', header: 'net.kind', render: (m) => t(`net.kind.${m.kind}`) },
          { key: 'level', header: 'net.level', render: (m) => t(`net.level.${m.level}`) },
          { key: 'area', header: 'net.area', render: (m) => m.areaName ?? t('net.wholeDistrict') },
          { key: 'term', header: 'net.term', render: (m) => `${m.termFrom} — ${m.termTo}` },
          {
            key: 'status',
            header: 'net.status',
            render: (m) => <span className={`badge net-${m.status.toLowerCase()}`}>{t(`net.status.${m.status}`)}</span>,
          },
        ]}
      />
      <YearActivity />
      <AppointForm onDone={reload} />
    </section>
  );
}

/** The network's year (履职情况): what each member did, with the totals, and the workbook for the yearly review. */
function YearActivity() {
  const { t } = useI18n();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const path = `/v1/network/activity?year=${encodeURIComponent(year)}`;
  const { value } = useApi<NetworkActivity>(/^\d{4}$/.test(year) ? path : null);
  const number = (n: number | null) => (n === null ? '—' : String(n));
  return (
    <section className="panel" data-testid="network-activity">
      <h2>{t('net.activity')}</h2>
      <Filters>
        <label>
          {t('net.year')}
          <input type="number" value={year} onChange={(e) => setYear(e.target.value)} />
        </label>
        <a href={`/v1/network/activity.xlsx?year=${encodeURIComponent(year)}`} download>
          {t('net.activityXlsx')}
        </a>
      </Filters>
      {value && (
        <p className="muted small" data-testid="activity-totals">
          {t('net.activityTotals', {
            members: value.totals.members,
            submissions: value.totals.submissions,
            tasks: value.totals.ledToTasks,
            awaiting: value.totals.awaiting,
            days: number(value.totals.daysToAnswer),
            rating: number(value.totals.rating),
          })}
        </p>
      )}
      <DataTable<NetworkActivity['members'][number]>
        caption={t('net.activityCaption')}
        rows={value?.members}
        rowKey={(m) => m.personId}
        testId="activity-members"
        columns={[
          { key: 'name', header: 'net.name', render: (m) => m.name },
          { key: 'submissions', header: 'net.submissions', render: (m) => m.submissions },
          { key: 'ledToTasks', header: 'net.ledToTasks', render: (m) => m.ledToTasks },
          { key: 'awaiting', header: 'net.awaiting', render: (m) => m.awaiting },
          { key: 'daysToAnswer', header: 'net.daysToAnswer', render: (m) => number(m.daysToAnswer) },
          { key: 'rating', header: 'net.rating', render: (m) => number(m.rating) },
          { key: 'observations', header: 'net.observations', render: (m) => m.observations },
          {
            key: 'appraisals',
            header: 'net.appraisals',
            render: (m) => `${m.appraisalsFinished}/${m.appraisalsInvited}`,
          },
        ]}
      />
    </section>
  );
}

function AppointForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { units, people } = useOrgLists();
  const { values, bind, reset } = useFields({
    personId: '',
    kind: '',
    level: '',
    areaUnitId: '',
    termFrom: '',
    termTo: '',
    reason: '',
  });
  const form = useFormAction(async ({ run }) => {
    const { areaUnitId, ...rest } = values;
    const made = await run<NetworkMember>('POST', '/v1/network/members', {
      ...rest,
      ...(areaUnitId ? { areaUnitId } : {}),
    });
    if (!made) return;
    reset();
    onDone();
    navigate(`/office/network/${encodeURIComponent(made.personId)}`);
  });
  const areas = units.filter((u) => (AREA_KINDS[values.level] ?? []).includes(u.kind));
  return (
    <FormPanel name="net.appoint" help form={form} testId="appoint-form" noValidate>
      <LabelledField label={t('net.person')} field="personId">
        <Choice
          {...bind('personId')}
          placeholder={t('net.choose')}
          options={people.filter((p) => p.roles.includes('OBSERVER')).map((p) => ({ value: p.id, label: p.name }))}
        />
      </LabelledField>
      <LabelledField label={t('net.kind')} field="kind">
        <Choice
          {...bind('kind')}
          placeholder={t('net.choose')}
          options={NETWORK_KINDS.map((k) => ({ value: k, label: t(`net.kind.${k}`) }))}
        />
      </LabelledField>
      <LabelledField label={t('net.level')} field="level">
        <Choice
          {...bind('level')}
          placeholder={t('net.choose')}
          options={NETWORK_LEVELS.map((l) => ({ value: l, label: t(`net.level.${l}`) }))}
        />
      </LabelledField>
      {values.level && values.level !== 'DISTRICT' && (
        <LabelledField label={t('net.area')} field="areaUnitId">
          <Choice
            {...bind('areaUnitId')}
            placeholder={t('net.choose')}
            options={areas.map((u) => ({ value: u.id, label: u.name }))}
          />
        </LabelledField>
      )}
      <LabelledField label={t('net.termFrom')} field="termFrom">
        <input type="date" {...bind('termFrom')} />
      </LabelledField>
      <LabelledField label={t('net.termTo')} field="termTo">
        <input type="date" {...bind('termTo')} />
      </LabelledField>
      <LabelledField label={t('net.reason')} field="reason" hint={t('net.reasonHint')}>
        <input type="text" {...bind('reason')} />
      </LabelledField>
    </FormPanel>
  );
}
