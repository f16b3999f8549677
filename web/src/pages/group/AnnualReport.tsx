import { CyclePicker, useCycleChoice } from '../../components/CyclePicker';
import { addMessages, useI18n } from '../../lib/i18n';
import { BulletinView } from '../office/bulletins/BulletinView';
import office2 from '../../lib/messages/office2';

addMessages(office2);

/**
 * The annual report (年度通报) of a cycle: the bulletin `b-<cycle>-annual` the cycle publishes when it closes
 * (docs/cycle.md), for the leadership group, the leaders and the office.
 */
export function AnnualReport() {
  const { t } = useI18n();
  const { cycleId, cycles } = useCycleChoice();
  return (
    <section>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <CyclePicker cycleId={cycleId} cycles={cycles} />
      </form>
      {cycleId ? (
        <BulletinView
          key={cycleId}
          id={`b-${cycleId}-annual`}
          missing={
            <div className="panel" data-testid="annual-missing">
              <h1>{t('o2.annual.title')}</h1>
              <p>{t('o2.annual.notYet')}</p>
            </div>
          }
        />
      ) : (
        <p className="muted">{t('o2.annual.noCycle')}</p>
      )}
    </section>
  );
}
