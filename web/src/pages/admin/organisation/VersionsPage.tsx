import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { VersionHistory } from '../../office/rules/VersionHistory';
import { ORGANISATION, useOrganisation } from './org-data';
import { OrgFrame } from './OrgFrame';

/**
 * 组织架构 — 版本记录 (ADMIN): the version in force (who, when, why), every version, two compared in the API's
 * sentences, and an earlier one restored as a new version (with a reason; a unit retired since is never revived).
 */
export function VersionsPage() {
  const { t } = useI18n();
  const loaded = useOrganisation();
  const [restored, setRestored] = useState<number | undefined>();
  return (
    <OrgFrame loaded={loaded}>
      {(rules) => (
        <>
          <div role="status" data-testid="org-restored">
            {restored !== undefined && <p className="ok-box">{t('org.saved', { n: restored })}</p>}
          </div>
          <VersionHistory
            base={ORGANISATION}
            rules={rules}
            noneYet={t('org.versions.none')}
            headings={{ inForce: 'org.versions.inForce', inForceNone: 'org.versions.inForceNone' }}
            onDone={(p) => setRestored(p.version)}
          />
        </>
      )}
    </OrgFrame>
  );
}
