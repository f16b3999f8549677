import type { Light } from '../lib/types';
import { useI18n } from '../lib/i18n';

/** A task's traffic light (红黄绿灯): colour and its word, so it reads without colour too. */
export function TrafficLight({ light }: { light: Light | string }) {
  const { t } = useI18n();
  const known = ['GREEN', 'YELLOW', 'RED', 'PAUSED'].includes(light) ? light.toLowerCase() : 'none';
  return (
    <span className={`light light-${known}`} data-light={light}>
      <span className="light-dot" aria-hidden="true" />
      {t(`light.${light}`)}
    </span>
  );
}
