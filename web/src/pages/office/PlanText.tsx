import { useI18n } from '../../lib/i18n';
import type { PlanProblem } from './plan-upload';

/**
 * The uploaded plan with the lines the API refused highlighted and its messages beside them; problems without a
 * line (JSON uploads, whole-plan problems) are listed above.
 */
export function PlanText({ text, problems }: { text: string; problems: PlanProblem[] }) {
  const { t } = useI18n();
  const byLine = new Map<number, PlanProblem[]>();
  for (const p of problems) if (p.line) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  const lines = text.split('\n');
  return (
    <div className="plan-text-wrap">
      <ul className="plan-problems">
        {problems.map((p, i) => (
          <li key={i}>
            {p.line ? (
              <a href={`#plan-line-${p.line}`}>{t('office.plan.line', { line: p.line })}</a>
            ) : (
              <span>{t('office.plan.noLine')}</span>
            )}{' '}
            <code>{p.field}</code>：{p.message}
          </li>
        ))}
      </ul>
      <ol className="plan-text" data-testid="plan-text">
        {lines.map((line, i) => {
          const n = i + 1;
          const here = byLine.get(n);
          return (
            <li key={n} id={`plan-line-${n}`} className={here ? 'plan-line-bad' : undefined} data-line={n}>
              <span className="plan-line-no" aria-hidden="true">
                {n}
              </span>
              <code className="plan-line-code">{line || ' '}</code>
              {here && (
                <span className="plan-line-msg" role="note">
                  {here.map((p) => `${p.field}：${p.message}`).join('；')}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
