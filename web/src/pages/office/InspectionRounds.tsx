import { query, type Page } from '../../lib/api';
import { addMessages, useI18n } from '../../lib/i18n';
import { formatDate } from '../../lib/time';
import { useApi } from '../../lib/queries';
import officeCore from '../../lib/messages/office-core';

addMessages(officeCore);

interface Round {
  id: string;
  title: string;
  state: 'SELF_CHECK' | 'INSPECTING' | 'RECTIFYING' | 'CLOSED';
  selfCheckDueDate: string;
  findingsDueDate: string;
  units: number;
}

/** The cycle's inspection rounds still under way (检查督办), and the months of the regular rounds to come. */
export function InspectionRounds({ cycleId, year, months }: { cycleId: string; year: number; months: number[] }) {
  const { t, lang } = useI18n();
  const { value } = useApi<Page<Round>>(`/v1/inspections${query({ cycleId, limit: 20 })}`);
  const open = value?.items.filter((r) => r.state !== 'CLOSED') ?? [];
  const now = new Date();
  // Regular rounds still to come: this year's after this month, all of a later year's.
  const ahead = months.filter((m) => year * 12 + m > now.getFullYear() * 12 + now.getMonth() + 1);
  return (
    <section aria-labelledby="inspections-title">
      <h2 id="inspections-title">{t('office.inspections.title')}</h2>
      {open.length === 0 && ahead.length === 0 && <p className="muted">{t('table.empty')}</p>}
      <ul className="plain-list">
        {open.map((r) => (
          <li key={r.id}>
            <span className="badge">{t(`office.inspections.state.${r.state}`)}</span> {r.title}
            <span className="muted small">
              {' '}
              {t('office.inspections.due', {
                units: r.units,
                selfCheck: formatDate(r.selfCheckDueDate, lang),
                findings: formatDate(r.findingsDueDate, lang),
              })}
            </span>
          </li>
        ))}
        {ahead.length > 0 && (
          <li>{t('office.inspections.regular', { months: ahead.map((m) => t('office.month', { m })).join('、') })}</li>
        )}
      </ul>
    </section>
  );
}
