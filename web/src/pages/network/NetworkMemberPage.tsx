import { Link } from '../../app/router';
import { DataTable } from '../../components/DataTable';
import { Facts } from '../../components/Facts';
import { FormPanel } from '../../components/FormPanel';
import { LabelledField } from '../../components/LabelledField';
import { useAuth, useSession } from '../../app/auth';
import { addMessages, useI18n } from '../../lib/i18n';
import { useFormAction } from '../../lib/queries';
import { formatDateTime } from '../../lib/time';
import { useFields } from '../../lib/use-fields';
import { useRecord } from '../shared/use-record';
import type { NetworkMemberDetail } from './types';
import network from '../../lib/messages/network';

addMessages(network);

type Version = NetworkMemberDetail['versions'][number];

/**
 * One member's appointment to the supervision network and every version of it: the office's page, with renewal and
 * retirement; a member's own (`/network/me`), read only.
 */
export function NetworkMemberPage({ personId }: { personId: string }) {
  const { t, lang } = useI18n();
  const office = useAuth().hasRole('OFFICE');
  const {
    value: m,
    reload,
    fallback,
  } = useRecord<NetworkMemberDetail>(`/v1/network/members/${encodeURIComponent(personId)}`);
  if (!m) return fallback;
  const serving = m.status === 'ACTIVE' || m.status === 'PENDING';
  return (
    <section>
      {office && <Link to="/office/network">{t('net.back')}</Link>}
      <h1>
        {m.name} <span className="muted">{m.title}</span>
      </h1>
      <span className={`badge net-${m.status.toLowerCase()}`} data-testid="member-status">
        {t(`net.status.${m.status}`)}
      </span>
      <Facts
        facts={[
          { label: t('net.kind'), value: t(`net.kind.${m.kind}`) },
          { label: t('net.level'), value: t(`net.level.${m.level}`) },
          { label: t('net.area'), value: m.areaName ?? t('net.wholeDistrict') },
          { label: t('net.term'), value: `${m.termFrom} — ${m.termTo}`, testId: 'member-term' },
          m.retiredOn !== null && { label: t('net.retiredOn'), value: `${m.retiredOn}（${m.retireReason ?? ''}）` },
        ]}
      />
      {office && serving && <RenewForm personId={m.personId} onDone={reload} />}
      {office && m.retiredOn === null && <RetireForm personId={m.personId} onDone={reload} />}
      <DataTable<Version>
        caption={t('net.versions')}
        rows={m.versions.slice().reverse()}
        rowKey={(v) => String(v.version)}
        testId="member-versions"
        columns={[
          { key: 'version', header: 'net.version', render: (v) => `v${v.version}` },
          { key: 'change', header: 'net.change', render: (v) => t(`net.change.${v.change}`) },
          {
            key: 'term',
            header: 'net.term',
            render: (v) => `${v.appointment.termFrom} — ${v.appointment.termTo}`,
          },
          { key: 'reason', header: 'net.reason', render: (v) => v.reason },
          { key: 'source', header: 'net.source', render: (v) => t(`net.source.${v.source}`) },
          { key: 'at', header: 'net.at', render: (v) => formatDateTime(v.at, lang) },
        ]}
      />
    </section>
  );
}

/** A member's own appointment (我的聘任). */
export function OwnAppointment() {
  return <NetworkMemberPage personId={useSession().person.id} />;
}

function RenewForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const { t } = useI18n();
  const { values, bind, reset } = useFields({ termTo: '', reason: '' });
  const form = useFormAction(async ({ run }) => {
    if (await run('POST', `/v1/network/members/${encodeURIComponent(personId)}/renew`, values)) {
      reset();
      onDone();
    }
  });
  return (
    <FormPanel name="net.renew" form={form} testId="renew-form" noValidate>
      <LabelledField label={t('net.termTo')} field="termTo">
        <input type="date" {...bind('termTo')} />
      </LabelledField>
      <LabelledField label={t('net.reason')} field="reason">
        <input type="text" {...bind('reason')} />
      </LabelledField>
    </FormPanel>
  );
}

function RetireForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const { t } = useI18n();
  const { values, bind, reset } = useFields({ on: '', reason: '' });
  const form = useFormAction(async ({ run }) => {
    const body = { reason: values.reason, ...(values.on ? { on: values.on } : {}) };
    if (await run('POST', `/v1/network/members/${encodeURIComponent(personId)}/retire`, body)) {
      reset();
      onDone();
    }
  });
  return (
    <FormPanel name="net.retire" help form={form} testId="retire-form" noValidate>
      <LabelledField label={t('net.retireOn')} field="on">
        <input type="date" {...bind('on')} />
      </LabelledField>
      <LabelledField label={t('net.reason')} field="reason">
        <input type="text" {...bind('reason')} />
      </LabelledField>
    </FormPanel>
  );
}
