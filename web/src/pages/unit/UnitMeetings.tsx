import { useI18n } from '../../lib/i18n';

/** Joint meeting notices the unit is invited to, to confirm or decline. */
export function UnitMeetings() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('unit.meetings.title')}</h1>
      <p className="muted">{t('home.placeholder')}</p>
    </section>
  );
}
