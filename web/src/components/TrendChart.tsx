import { trendChart, type MonthTrend } from '../../../render/charts';
import { addMessages, useI18n } from '../lib/i18n';
import { Chart } from './Chart';
import officeCore from '../lib/messages/office-core';

addMessages(officeCore);

/**
 * Tasks month by month (render/charts.ts `trendChart`): due, completed and of them on time, lapsed, escalations — the
 * board's trend and the annual report's year; for a screen reader, every month's figures in words.
 */
export function TrendChart({ months, label, testId }: { months: MonthTrend[]; label: string; testId: string }) {
  const { t } = useI18n();
  return (
    <Chart
      testId={testId}
      option={trendChart(months, '')}
      label={label}
      description={months
        .map((m) =>
          t('chart.monthLine', {
            month: t('office.board.month', { y: m.month.slice(0, 4), m: Number(m.month.slice(5, 7)) }),
            due: m.due,
            completed: m.completed,
            onTime: m.completedOnTime,
            lapsed: m.lapsed,
            escalations: m.escalations,
          }),
        )
        .join('；')}
    />
  );
}
