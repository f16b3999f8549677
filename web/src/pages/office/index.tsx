import { useI18n } from '../../lib/i18n';

/** The office's start page (the cycle board comes here). */
export function OfficeHome() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('office.title')}</h1>
      <p className="muted">{t('home.placeholder')}</p>
    </section>
  );
}
