import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { Link, navigate } from '../../app/router';
import { Choice } from '../../components/Choice';
import { FormPanel } from '../../components/FormPanel';
import { LabelledField } from '../../components/LabelledField';
import { ListPage } from '../../components/ListPage';
import { query } from '../../lib/api';
import { addMessages, useI18n } from '../../lib/i18n';
import { useOrgLists } from '../../lib/org-lists';
import { useFormAction } from '../../lib/queries';
import { formatDateTime } from '../../lib/time';
import { useFields } from '../../lib/use-fields';
import type { ReferralSummary } from './types';
import office2 from '../../lib/messages/office2';
import referrals from '../../lib/messages/referrals';

addMessages(office2, referrals);

export const REFERRAL_STATES = ['SENT', 'ACCEPTED', 'ANSWERED', 'RETURNED', 'REFERRED_ON', 'HANDLED', 'CLOSED'];

/** The late flag of a feedback given: 逾期反馈 or 按时反馈. */
export function Timeliness({ at, late }: { at: string | null; late: boolean }) {
  const { t } = useI18n();
  if (!at) return null;
  return <span className={late ? 'badge badge-rung' : 'badge'}>{t(late ? 'ref.late' : 'ref.onTime')}</span>;
}

/**
 * Referrals (移送) the reader may know of, newest first: the office sees all and refers matters to the enforcement
 * and audit units; an enforcement unit sees its own and refers clues to the commission.
 */
export function ReferralList() {
  const { t, lang } = useI18n();
  const { hasRole } = useAuth();
  const [state, setState] = useState('');
  return (
    <ListPage<ReferralSummary>
      title={t('ref.title')}
      filters={
        <label>
          {t('ref.state')}
          <Choice
            value={state}
            onChange={(e) => setState(e.target.value)}
            placeholder={t('common.all')}
            options={REFERRAL_STATES.map((s) => ({ value: s, label: t(`ref.state.${s}`) }))}
          />
        </label>
      }
      table={{
        caption: t('ref.caption'),
        rowKey: (r) => r.id,
        path: (page) => `/v1/referrals${query({ state, ...page })}`,
        columns: [
          {
            key: 'title',
            header: 'ref.subject',
            render: (r) => <Link to={`/referrals/${encodeURIComponent(r.id)}`}>{r.title}</Link>,
          },
          { key: 'direction', header: 'ref.direction', render: (r) => t(`ref.dir.${r.direction}`) },
          { key: 'sender', header: 'ref.sender', render: (r) => r.senderUnitName },
          { key: 'receiver', header: 'ref.receiver', render: (r) => r.receiverUnitName },
          { key: 'sent', header: 'ref.sentAt', render: (r) => formatDateTime(r.sentAt, lang) },
          {
            key: 'acceptance',
            header: 'ref.acceptanceDue',
            render: (r) => (
              <>
                {formatDateTime(r.acceptanceDueAt, lang)}{' '}
                <Timeliness at={r.acceptedAt ?? r.returnedAt} late={r.acceptanceLate} />
              </>
            ),
          },
          {
            key: 'state',
            header: 'ref.state',
            render: (r) => <span className="badge">{t(`ref.state.${r.state}`)}</span>,
          },
        ],
      }}
    >
      {hasRole('OFFICE') ? <NewReferralForm /> : hasRole('ENFORCEMENT') ? <ClueForm /> : null}
    </ListPage>
  );
}

/** Title, parties, summary and one labelled date, as both forms ask for them. */
function useMatterFields() {
  return useFields({ receiverUnitId: '', title: '', parties: '', summary: '', dateLabel: '', date: '' });
}

const bodyOf = ({ receiverUnitId, dateLabel, date, ...v }: ReturnType<typeof useMatterFields>['values']) => ({
  ...v,
  ...(receiverUnitId ? { receiverUnitId } : {}),
  dates: date ? [{ label: dateLabel || '日期', date }] : [],
});

function MatterFields({ bind }: { bind: ReturnType<typeof useMatterFields>['bind'] }) {
  const { t } = useI18n();
  return (
    <>
      <LabelledField label={t('ref.subject')} field="title">
        <input {...bind('title')} />
      </LabelledField>
      <LabelledField label={t('ref.parties')} field="parties">
        <input {...bind('parties')} />
      </LabelledField>
      <LabelledField label={t('ref.summary')} field="summary">
        <textarea rows={3} {...bind('summary')} />
      </LabelledField>
      <LabelledField label={t('ref.dateLabel')} field="dates">
        <input {...bind('dateLabel')} />
      </LabelledField>
      <LabelledField label={t('ref.dateValue')}>
        <input type="date" {...bind('date')} />
      </LabelledField>
    </>
  );
}

/** The office refers a matter to an enforcement or audit unit (公检法、审计). */
function NewReferralForm() {
  const { t } = useI18n();
  const { units } = useOrgLists();
  const { values, bind } = useMatterFields();
  const form = useFormAction(async ({ run }) => {
    const sent = await run<{ id: string }>('POST', '/v1/referrals', bodyOf(values));
    if (sent) navigate(`/referrals/${encodeURIComponent(sent.id)}`);
  });
  return (
    <FormPanel name="ref.new" help form={form} testId="new-referral-form" noValidate>
      <LabelledField label={t('ref.receiver')} field="receiverUnitId">
        <Choice
          {...bind('receiverUnitId')}
          placeholder={t('o2.choose')}
          options={units.filter((u) => u.kind === 'ENFORCEMENT').map((u) => ({ value: u.id, label: u.name }))}
        />
      </LabelledField>
      <MatterFields bind={bind} />
    </FormPanel>
  );
}

/** An enforcement unit refers a clue concerning Party members or officials to the commission. */
function ClueForm() {
  const { values, bind } = useMatterFields();
  const form = useFormAction(async ({ run }) => {
    const sent = await run<{ id: string }>('POST', '/v1/referrals', bodyOf(values));
    if (sent) navigate(`/referrals/${encodeURIComponent(sent.id)}`);
  });
  return (
    <FormPanel name="ref.clue" help form={form} testId="clue-form" noValidate>
      <MatterFields bind={bind} />
    </FormPanel>
  );
}
