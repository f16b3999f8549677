import { useState } from 'react';
import { useLocation } from '../../../app/router';
import { useI18n } from '../../../lib/i18n';
import { AddUnitForm } from './AddUnitForm';
import { useOrganisation } from './org-data';
import { OrgFrame } from './OrgFrame';
import { UnitDetail } from './UnitDetail';
import { UnitTree } from './UnitTree';

/**
 * 组织架构 — 单位 (ADMIN): the unit tree beside the unit chosen in it (`?unit=`), to rename, move, give another head or
 * leader, or retire; and a new unit with its head.
 */
export function UnitsPage() {
  const { t } = useI18n();
  const loaded = useOrganisation();
  const selected = useLocation().search.get('unit');
  const [adding, setAdding] = useState(false);
  return (
    <OrgFrame loaded={loaded}>
      {({ content }) => (
        <div className="org-units">
          <UnitTree content={content} selected={selected} />
          <div>
            {selected ? (
              <UnitDetail key={selected} id={selected} content={content} />
            ) : (
              <p className="panel muted">{t('org.units.pick')}</p>
            )}
            <div className="action-row">
              <button type="button" aria-expanded={adding} onClick={() => setAdding(!adding)}>
                {t('org.unit.add')}
              </button>
            </div>
            {adding && <AddUnitForm content={content} onDone={() => setAdding(false)} />}
          </div>
        </div>
      )}
    </OrgFrame>
  );
}
