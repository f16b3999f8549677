import { useI18n } from '../../lib/i18n';

/** The unit's own assessment and how it was computed. */
export function UnitAssessment() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('unit.assessment.title')}</h1>
      <p className="muted">{t('home.placeholder')}</p>
    </section>
  );
}
