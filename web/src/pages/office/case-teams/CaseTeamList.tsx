import { useState } from 'react';
import { Link, navigate } from '../../../app/router';
import { Choice } from '../../../components/Choice';
import { FormPanel } from '../../../components/FormPanel';
import { InputField, LabelledField } from '../../../components/LabelledField';
import { ListPage } from '../../../components/ListPage';
import { query } from '../../../lib/api';
import { addMessages, useI18n } from '../../../lib/i18n';
import { useOrgLists } from '../../../lib/org-lists';
import { useFormAction } from '../../../lib/queries';
import { formatDate, formatDateTime } from '../../../lib/time';
import type { CaseTeamSummary } from '../../../lib/types-case-teams';
import { useFields } from '../../../lib/use-fields';
import caseTeams from '../../../lib/messages/case-teams';
import office2 from '../../../lib/messages/office2';

addMessages(caseTeams, office2);

/** The member units a team draws from: a zone's departments and towns (the API decides; this is the picker). */
const MEMBER_KINDS = new Set(['DEPARTMENT', 'TOWN']);

/** Case teams (办案组), newest first; the office opens one for a zone (组建办案组). Need to know: the office's page. */
export function CaseTeamList() {
  const { t, lang } = useI18n();
  const [state, setState] = useState('');
  return (
    <ListPage<CaseTeamSummary>
      title={t('ct.title')}
      filters={
        <label>
          {t('ct.state')}
          <Choice
            value={state}
            onChange={(e) => setState(e.target.value)}
            placeholder={t('common.all')}
            options={['OPEN', 'RELEASED'].map((s) => ({ value: s, label: t(`ct.state.${s}`) }))}
          />
        </label>
      }
      table={{
        caption: t('ct.caption'),
        rowKey: (c) => c.id,
        path: (page) => `/v1/case-teams${query({ state, ...page })}`,
        columns: [
          {
            key: 'ref',
            header: 'ct.caseRef',
            render: (c) => <Link to={`/office/case-teams/${encodeURIComponent(c.id)}`}>{c.caseRef}</Link>,
          },
          { key: 'zone', header: 'ct.zone', render: (c) => c.zoneName },
          {
            key: 'period',
            header: 'ct.period',
            render: (c) => `${formatDate(c.startDate, lang)} – ${formatDate(c.endDate, lang)}`,
          },
          { key: 'opened', header: 'ct.openedAt', render: (c) => formatDateTime(c.openedAt, lang) },
          {
            key: 'state',
            header: 'ct.state',
            render: (c) => <span className="badge">{t(`ct.state.${c.state}`)}</span>,
          },
        ],
      }}
    >
      <OpenCaseTeamForm />
    </ListPage>
  );
}

function OpenCaseTeamForm() {
  const { t } = useI18n();
  const { units } = useOrgLists();
  const { values, bind } = useFields({ zoneId: '', caseRef: '', skill: '', count: '1', startDate: '', endDate: '' });
  const [concerned, setConcerned] = useState<string[]>([]);
  const [asked, setAsked] = useState<string[]>([]);
  const zones = [...new Map(units.filter((u) => u.zoneId).map((u) => [u.zoneId!, u.zoneName ?? u.zoneId!])).entries()];
  const inZone = units.filter((u) => u.zoneId === values.zoneId && MEMBER_KINDS.has(u.kind));
  const form = useFormAction(async ({ run }) => {
    const { skill, count, ...rest } = values;
    const body = {
      ...rest,
      skills: [{ skill, count: Number(count) }],
      concernedUnitIds: concerned,
      ...(asked.length > 0 ? { units: asked.map((unitId) => ({ unitId })) } : {}),
    };
    const opened = await run<{ id: string }>('POST', '/v1/case-teams', body);
    if (opened) navigate(`/office/case-teams/${encodeURIComponent(opened.id)}`);
  });
  const multi = (value: string[], set: (v: string[]) => void, options: typeof inZone) => (
    <select multiple size={4} value={value} onChange={(e) => set([...e.target.selectedOptions].map((o) => o.value))}>
      {options.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </select>
  );
  return (
    <FormPanel name="ct.open" help form={form} testId="open-case-team-form" noValidate>
      <LabelledField label={t('ct.zone')} field="zoneId">
        <Choice
          {...bind('zoneId')}
          placeholder={t('o2.choose')}
          options={zones.map(([value, label]) => ({ value, label }))}
        />
      </LabelledField>
      <InputField label={t('ct.caseRef')} field="caseRef" bind={bind} />
      <div className="field-row">
        <InputField label={t('ct.skill')} field="skill" bind={bind} />
        <InputField label={t('ct.count')} field="count" type="number" min={1} max={20} bind={bind} />
      </div>
      <div className="field-row">
        <InputField label={t('ct.startDate')} field="startDate" type="date" bind={bind} />
        <InputField label={t('ct.endDate')} field="endDate" type="date" bind={bind} />
      </div>
      <LabelledField label={t('ct.concerned')} hint={t('o2.multiSelect')} field="concernedUnitIds">
        {multi(concerned, setConcerned, inZone)}
      </LabelledField>
      <LabelledField label={t('ct.units')} hint={t('o2.multiSelect')} field="units">
        {multi(
          asked,
          setAsked,
          inZone.filter((u) => !concerned.includes(u.id)),
        )}
      </LabelledField>
    </FormPanel>
  );
}
