import { Link } from '../../app/router';
import { useI18n } from '../../lib/i18n';

/** What a page that is not there, or not the reader's to see, shows: never the data itself. */
export function NotFound() {
  const { t } = useI18n();
  return (
    <section className="not-found" data-testid="not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <Link to="/">{t('notFound.home')}</Link>
    </section>
  );
}
