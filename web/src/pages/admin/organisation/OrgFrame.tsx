import type { ReactNode } from 'react';
import { Link } from '../../../app/router';
import { ErrorBox } from '../../../components/ErrorBox';
import { PageTabs, type PageTab } from '../../../components/PageTabs';
import { addMessages, useI18n } from '../../../lib/i18n';
import organisation from '../../../lib/messages/organisation';
import type { Loaded } from '../../../lib/queries';
import { ORGANISATION, type OrgRules } from './org-data';
import '../../office/office.css';
import './organisation.css';

addMessages(organisation);

/** The organisation's pages, one each: its units (the tree), its people and its versions. */
const TABS: PageTab[] = [
  { path: '/admin/organisation', label: 'org.tab.units' },
  { path: '/admin/organisation/people', label: 'org.tab.people' },
  { path: '/admin/organisation/versions', label: 'org.tab.versions' },
];

/**
 * A page of 组织架构 (the administrator's): the links between its pages, to merging and to the export (the file),
 * its title and introduction, and the children once the organisation is read (until then, loading or the refusal).
 */
export function OrgFrame({ loaded, children }: { loaded: Loaded<OrgRules>; children: (rules: OrgRules) => ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="org-page">
      <PageTabs tabs={TABS} label="org.tabs" className="org-tabs">
        <div className="org-links">
          <Link to="/admin/merge">{t('org.merge')}</Link>
          <a
            href={`${ORGANISATION}/export`}
            download="organisation.json"
            title={t('org.exportHint')}
            data-testid="org-export"
          >
            {t('org.export')}
          </a>
        </div>
      </PageTabs>
      <h1>{t('org.title')}</h1>
      <p className="muted small">{t('org.intro')}</p>
      {loaded.value ? (
        children(loaded.value)
      ) : loaded.error ? (
        <ErrorBox error={loaded.error} onRetry={loaded.reload} />
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </section>
  );
}
