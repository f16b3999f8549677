import { Link } from '../../../app/router';
import { ErrorBox } from '../../../components/ErrorBox';
import { api } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n';
import { formatDate, formatDateTime } from '../../../lib/time';
import type { Bulletin } from '../../../lib/types-office2';
import { useLoad } from '../../../lib/use-load';
import { NotFound } from '../../shared/NotFound';
import { percent } from './percent';

/**
 * One bulletin: totals, each unit's figures, overdue tasks and the units named at L3; the printable HTML and the
 * CSV are the API's own renderings, fetched with the session cookie. `missing` shows instead of "not found".
 */
export function BulletinView({ id, missing }: { id: string; missing?: React.ReactNode }) {
  const { t, lang } = useI18n();
  const base = `/v1/bulletins/${encodeURIComponent(id)}`;
  const { value: b, error, reload } = useLoad(() => api<Bulletin>('GET', base), [id]);
  if (error && (error.status === 404 || error.status === 403)) return <>{missing ?? <NotFound />}</>;
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!b) return <p className="muted">{t('common.loading')}</p>;
  const c = b.content;
  return (
    <article>
      <h1>{b.title}</h1>
      <p className="muted">
        {t('o2.bulletins.periodText', {
          from: formatDate(b.periodFrom, lang),
          to: formatDate(b.periodTo, lang),
          at: formatDateTime(b.generatedAt, lang),
        })}
      </p>
      <p className="action-row">
        <a href={`${base}/html`} target="_blank" rel="noopener" data-testid="bulletin-html">
          {t('o2.bulletins.html')}
        </a>
        <a href={`${base}/csv`} download data-testid="bulletin-csv">
          {t('o2.bulletins.csv')}
        </a>
      </p>
      <dl className="facts">
        <dt>{t('o2.bulletins.led')}</dt>
        <dd>{b.totals.led}</dd>
        <dt>{t('o2.bulletins.completionRate')}</dt>
        <dd>{percent(b.totals.completionRate)}</dd>
        <dt>{t('o2.bulletins.onTimeRate')}</dt>
        <dd>{percent(b.totals.onTimeRate)}</dd>
        <dt>{t('o2.bulletins.openOverdue')}</dt>
        <dd>{b.totals.openOverdue}</dd>
        <dt>{t('o2.bulletins.escalations')}</dt>
        <dd>
          L1 {b.totals.escalations.l1} · L2 {b.totals.escalations.l2} · L3 {b.totals.escalations.l3}
        </dd>
      </dl>
      <div className="table-wrap">
        <table>
          <caption>{t('o2.bulletins.byUnit')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('o2.unit')}</th>
              <th scope="col">{t('o2.bulletins.led')}</th>
              <th scope="col">{t('o2.bulletins.completed')}</th>
              <th scope="col">{t('o2.bulletins.completionRate')}</th>
              <th scope="col">{t('o2.bulletins.openOverdue')}</th>
            </tr>
          </thead>
          <tbody>
            {c.units.map((u) => (
              <tr key={u.unitId}>
                <td data-label={t('o2.unit')}>{u.unitName}</td>
                <td data-label={t('o2.bulletins.led')}>{u.led}</td>
                <td data-label={t('o2.bulletins.completed')}>{u.completed}</td>
                <td data-label={t('o2.bulletins.completionRate')}>{percent(u.completionRate)}</td>
                <td data-label={t('o2.bulletins.openOverdue')}>{u.openOverdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.overdue.length > 0 && (
        <section className="panel">
          <h2>{t('o2.bulletins.overdue')}</h2>
          <ul>
            {c.overdue.map((x) => (
              <li key={x.id}>
                <Link to={`/tasks/${encodeURIComponent(x.id)}`}>{x.title}</Link>（{x.unitName}，{t('task.dueDate')}{' '}
                {formatDate(x.dueDate, lang)}
                {x.rung > 0 && `，${t(`rung.${x.rung}`)}`}）
              </li>
            ))}
          </ul>
        </section>
      )}
      {c.namedAtL3.length > 0 && (
        <section className="panel">
          <h2>{t('o2.bulletins.namedAtL3')}</h2>
          <ul>
            {c.namedAtL3.map((u) => (
              <li key={u.unitId}>
                {u.unitName}：{u.tasks.map((x) => x.title).join('、')}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
