import { useState } from 'react';
import { Link } from '../../app/router';
import { FormPanel } from '../../components/FormPanel';
import { addMessages, useI18n } from '../../lib/i18n';
import { useFormAction } from '../../lib/queries';
import { formatDateTime } from '../../lib/time';
import { useRecord } from '../shared/use-record';
import { AppraisalList } from './AppraisalList';
import { RATINGS, type Appraisal } from './types';
import appraisal from '../../lib/messages/appraisal';

addMessages(appraisal);

/** The appraisals a member of the network was invited to (行风评议), newest first: a list that fits a phone. */
export function MemberAppraisals() {
  return (
    <section>
      <AppraisalList linkBase="/network/appraisals" testId="member-appraisals" counts={false} />
    </section>
  );
}

/** One appraisal for an invited member: a rating per unit, changeable until the period ends. */
export function MemberAppraisal({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { value: a, reload, fallback } = useRecord<Appraisal>(`/v1/appraisals/${encodeURIComponent(id)}`);
  if (!a) return fallback;
  return (
    <section>
      <Link to="/network/appraisals">{t('apr.back')}</Link>
      <h1>{a.title}</h1>
      <p className="muted small">
        {t(`apr.state.${a.state}`)} · {t('apr.dueAt')} {a.dueAt ? formatDateTime(a.dueAt, lang) : ''}
      </p>
      <RatingForm appraisal={a} onDone={reload} />
    </section>
  );
}

function RatingForm({ appraisal, onDone }: { appraisal: Appraisal; onDone: () => void }) {
  const { t } = useI18n();
  const mine = new Map((appraisal.myForm ?? []).map((f) => [f.unitId, f]));
  const [ratings, setRatings] = useState<Record<string, string>>(() =>
    Object.fromEntries(appraisal.unitList.map((u) => [u.unitId, mine.get(u.unitId)?.rating ?? ''])),
  );
  const [comments, setComments] = useState<Record<string, string>>(() =>
    Object.fromEntries(appraisal.unitList.map((u) => [u.unitId, mine.get(u.unitId)?.comment ?? ''])),
  );
  const open = appraisal.actions.includes('ratings');
  const form = useFormAction(async ({ run }) => {
    const body = {
      ratings: appraisal.unitList
        .filter((u) => ratings[u.unitId])
        .map((u) => ({
          unitId: u.unitId,
          rating: ratings[u.unitId],
          ...(comments[u.unitId]?.trim() ? { comment: comments[u.unitId] } : {}),
        })),
    };
    if (await run('POST', `/v1/appraisals/${encodeURIComponent(appraisal.id)}/ratings`, body)) onDone();
  });
  const units = appraisal.unitList.map((u) => (
    <fieldset key={u.unitId} className="rating-unit" data-testid={`rate-${u.unitId}`} disabled={!open}>
      <legend>{u.unitName}</legend>
      {RATINGS.map((r) => (
        <label key={r} className="rating-choice">
          <input
            type="radio"
            name={`rating-${u.unitId}`}
            value={r}
            checked={ratings[u.unitId] === r}
            onChange={() => setRatings((v) => ({ ...v, [u.unitId]: r }))}
          />
          {t(`apr.rating.${r}`)}
        </label>
      ))}
      <label className="rating-comment">
        {t('apr.comment')}
        <input
          type="text"
          value={comments[u.unitId] ?? ''}
          onChange={(e) => setComments((v) => ({ ...v, [u.unitId]: e.target.value }))}
        />
      </label>
    </fieldset>
  ));
  if (!open) return <div data-testid="rating-form-closed">{units}</div>;
  return (
    <FormPanel name="apr.form" help form={form} testId="rating-form" noValidate>
      {units}
    </FormPanel>
  );
}
