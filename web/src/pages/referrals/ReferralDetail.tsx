import { Link } from '../../app/router';
import { Facts } from '../../components/Facts';
import { ProcedureView } from '../../components/ProcedureView';
import { addMessages, useI18n } from '../../lib/i18n';
import { useNames } from '../../lib/names';
import { formatDateTime } from '../../lib/time';
import { useRecord } from '../shared/use-record';
import {
  AccessForm,
  AcceptForm,
  CloseForm,
  DecisionForm,
  OpinionForm,
  ResultForm,
  ReturnForm,
} from './ReferralActions';
import { Timeliness } from './ReferralList';
import type { Referral } from './types';
import office2 from '../../lib/messages/office2';
import referrals from '../../lib/messages/referrals';

addMessages(office2, referrals);

/**
 * One referral (移送): the matter, its two feedback deadlines and the feedback given (late or on time), the
 * coordination opinions (协调意见), and the actions the reader may take now — the receiver's acceptance, result or
 * return, the sender's decision after a return, the office's opinions and close. The API says which (`actions`).
 */
export function ReferralDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const names = useNames();
  const { value: r, reload, fallback } = useRecord<Referral>(`/v1/referrals/${encodeURIComponent(id)}`);
  if (!r) return fallback;
  const name = (x: string | null) => (x ? (names[x] ?? x) : '—');
  const path = `/v1/referrals/${encodeURIComponent(r.id)}`;
  const can = (verb: string) => r.actions.includes(verb);
  return (
    <ProcedureView
      back={<Link to="/referrals">{t('ref.back')}</Link>}
      title={t('ref.heading', { title: r.title })}
      badges={
        <span className="badge" data-testid="referral-state">
          {t(`ref.state.${r.state}`)}
        </span>
      }
      facts={[
        { label: t('ref.direction'), value: t(`ref.dir.${r.direction}`) },
        { label: t('ref.sender'), value: r.senderUnitName },
        { label: t('ref.receiver'), value: r.receiverUnitName },
        { label: t('ref.parties'), value: r.parties },
        { label: t('ref.sentAt'), value: `${formatDateTime(r.sentAt, lang)} · ${name(r.sentBy)}` },
        ...r.dates.map((d) => ({ label: d.label, value: d.date })),
        { label: t('ref.acceptanceDue'), value: formatDateTime(r.acceptanceDueAt, lang) },
        { label: t('ref.resultDue'), value: formatDateTime(r.resultDueAt, lang) },
        ...(r.accessIds.length > 0
          ? [{ label: t('ref.accessList'), value: r.accessIds.map(name).join('、'), testId: 'referral-access' }]
          : []),
        ...(r.previousId
          ? [
              {
                label: t('ref.previous'),
                value: <Link to={`/referrals/${encodeURIComponent(r.previousId)}`}>{r.previousId}</Link>,
              },
            ]
          : []),
        ...(r.nextReferralId
          ? [
              {
                label: t('ref.next'),
                value: <Link to={`/referrals/${encodeURIComponent(r.nextReferralId)}`}>{r.nextReferralId}</Link>,
              },
            ]
          : []),
      ]}
      details={[{ label: t('ref.summary'), value: r.summary, prose: true }]}
      actions={[
        can('accept') && <AcceptForm path={path} onDone={reload} />,
        can('result') && <ResultForm path={path} onDone={reload} />,
        can('return') && <ReturnForm path={path} onDone={reload} />,
        can('decision') && <DecisionForm path={path} onDone={reload} />,
        can('opinions') && <OpinionForm path={path} onDone={reload} />,
        can('close') && <CloseForm path={path} onDone={reload} />,
        can('access') && <AccessForm path={path} onDone={reload} />,
      ]}
      timeline={{ entries: r.timeline, heading: 'o2.timeline', id: 'referral-timeline' }}
    >
      <section className="panel" aria-labelledby="feedback-title">
        <h2 id="feedback-title">{t('ref.feedback')}</h2>
        <Facts
          facts={[
            {
              label: t('ref.acceptance'),
              testId: 'referral-acceptance',
              value: r.acceptedAt ? (
                <>
                  {formatDateTime(r.acceptedAt, lang)} <Timeliness at={r.acceptedAt} late={r.acceptanceLate} />
                  {r.acceptanceNote && ` ${r.acceptanceNote}`}
                </>
              ) : (
                t('ref.none')
              ),
            },
            {
              label: t('ref.result'),
              testId: 'referral-result',
              value: r.resultAt ? (
                <>
                  {formatDateTime(r.resultAt, lang)} <Timeliness at={r.resultAt} late={r.resultLate} /> {r.result}
                </>
              ) : (
                t('ref.none')
              ),
            },
            r.returnReasons && { label: t('ref.returnReasons'), value: r.returnReasons, testId: 'referral-return' },
            r.decision && {
              label: t('ref.decision'),
              value: `${t(`ref.decision.${r.decision}`)}：${r.decisionNote ?? ''}`,
            },
          ]}
        />
      </section>
      <section className="panel" aria-labelledby="opinions-title">
        <h2 id="opinions-title">{t('ref.opinions')}</h2>
        {r.opinions.length === 0 ? (
          <p className="muted">{t('ref.noOpinions')}</p>
        ) : (
          <ol data-testid="referral-opinions">
            {r.opinions.map((o) => (
              <li key={o.seq}>
                {[
                  o.facts && `${t('ref.facts')}：${o.facts}`,
                  o.evidence && `${t('ref.evidence')}：${o.evidence}`,
                  o.nature && `${t('ref.nature')}：${o.nature}`,
                ]
                  .filter(Boolean)
                  .join('；')}
                <p className="prose">{o.text}</p>
                {o.taskId && (
                  <Link to={`/tasks/${encodeURIComponent(o.taskId)}`}>{t('ref.taskLink', { id: o.taskId })}</Link>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </ProcedureView>
  );
}
