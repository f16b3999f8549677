import { Fragment } from 'react';
import { addMessages, useI18n } from '../../lib/i18n';
import type { PlanProblem } from './plan-problems';
import officeCore from '../../lib/messages/office-core';

addMessages(officeCore);

/** Lines shown before and after each refused line. */
const CONTEXT = 3;

/**
 * The uploaded plan around each line the API refused: the line highlighted with the API's message beside it, a few
 * lines either side, gaps marked "…" (the whole text stays in the box above). Problems without a line (JSON
 * uploads, whole-plan problems) are in the list above the excerpt.
 */
export function PlanText({ text, problems }: { text: string; problems: PlanProblem[] }) {
  const { t } = useI18n();
  const lines = text.split('\n');
  const byLine = new Map<number, PlanProblem[]>();
  for (const p of problems) if (p.line) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  const shown = new Set<number>();
  for (const n of byLine.keys()) {
    for (let i = Math.max(1, n - CONTEXT); i <= Math.min(lines.length, n + CONTEXT); i++) shown.add(i);
  }
  const numbers = [...shown].sort((a, b) => a - b);
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
      {numbers.length > 0 && (
        <ol className="plan-text" data-testid="plan-text">
          {numbers.map((n, i) => {
            const here = byLine.get(n);
            const gap = i > 0 && n !== (numbers[i - 1] ?? 0) + 1;
            return (
              <Fragment key={n}>
                {gap && (
                  <li className="plan-gap" aria-hidden="true">
                    …
                  </li>
                )}
                <li id={`plan-line-${n}`} className={here ? 'plan-line-bad' : undefined} data-line={n}>
                  <span className="plan-line-no">{n}</span>
                  <code className="plan-line-code">{lines[n - 1] || ' '}</code>
                  {here && (
                    <span className="plan-line-msg">{here.map((p) => `${p.field}：${p.message}`).join('；')}</span>
                  )}
                </li>
              </Fragment>
            );
          })}
        </ol>
      )}
    </div>
  );
}
