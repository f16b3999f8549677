import { Link } from '../../app/router';
import { Choice } from '../../components/Choice';
import { FormPanel } from '../../components/FormPanel';
import { LabelledField } from '../../components/LabelledField';
import { ProcedureView } from '../../components/ProcedureView';
import { addMessages, useI18n } from '../../lib/i18n';
import { useFormAction } from '../../lib/queries';
import { formatDateTime } from '../../lib/time';
import { useFields } from '../../lib/use-fields';
import { useRecord } from '../shared/use-record';
import type { Rotation, RotationWindow } from './types';
import { WindowTable } from './WindowTable';
import rotation from '../../lib/messages/rotation';

addMessages(rotation);

const OPEN_WINDOW = new Set(['PENDING', 'SWAP_REQUESTED', 'CONFIRMED', 'STARTED']);

/** The office's view of a plan: its windows, the swaps to decide, early ends and absences, the timeline. */
export function RotationDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const path = `/v1/rotations/${encodeURIComponent(id)}`;
  const { value: r, reload, fallback } = useRecord<Rotation>(path);
  if (!r) return fallback;
  const swaps = r.windows.filter((w) => w.state === 'SWAP_REQUESTED');
  const open = r.windows.filter((w) => OPEN_WINDOW.has(w.state));
  return (
    <ProcedureView
      back={<Link to="/office/rotations">{t('rot.back')}</Link>}
      title={t('rot.heading', { year: r.year })}
      badges={
        <span className="badge" data-testid="rotation-state">
          {t(`rot.state.${r.state}`)}
        </span>
      }
      facts={[
        { label: t('rot.dueAt'), value: formatDateTime(r.dueAt, lang) },
        { label: t('rot.windowCount'), value: String(r.windows.length) },
      ]}
      actions={[
        ...swaps.map((w) => <SwapDecision key={w.windowId} planId={r.id} window={w} onDone={reload} />),
        r.actions.includes('early-end') && open.length > 0 && <EndForm planId={r.id} windows={open} onDone={reload} />,
      ]}
      timeline={{ entries: r.timeline, heading: 'rot.timeline', id: 'rotation-timeline', kinds: 'rot.kind' }}
    >
      <WindowTable windows={r.windows} testId="office-windows" />
    </ProcedureView>
  );
}

function SwapDecision({ planId, window: w, onDone }: { planId: string; window: RotationWindow; onDone: () => void }) {
  const { t } = useI18n();
  const swap = w.swaps[w.swaps.length - 1]!;
  const { values, bind } = useFields({ approve: 'yes', note: '' });
  const form = useFormAction(async ({ run }) => {
    const body = {
      windowId: w.windowId,
      approve: values.approve === 'yes',
      ...(values.note ? { note: values.note } : {}),
    };
    if (await run('POST', `/v1/rotations/${encodeURIComponent(planId)}/swap-decision`, body)) onDone();
  });
  return (
    <FormPanel name="rot.decide" form={form} testId={`swap-decision-${w.windowId}`} noValidate>
      <p data-testid="swap-proposal">
        {t('rot.swapProposal', {
          unit: w.unitName,
          person: swap.personId === w.personId ? w.personName : swap.personId,
          start: swap.start,
          end: swap.end,
          reason: swap.reason,
        })}
      </p>
      <LabelledField label={t('rot.decision')} field="approve">
        <select {...bind('approve')}>
          <option value="yes">{t('rot.approve')}</option>
          <option value="no">{t('rot.deny')}</option>
        </select>
      </LabelledField>
      <LabelledField label={t('rot.note')} field="note">
        <textarea rows={2} {...bind('note')} />
      </LabelledField>
    </FormPanel>
  );
}

function EndForm({ planId, windows, onDone }: { planId: string; windows: RotationWindow[]; onDone: () => void }) {
  const { t } = useI18n();
  const { values, bind, reset } = useFields({ windowId: '', reason: '' });
  const form = useFormAction(async ({ run }) => {
    if (await run('POST', `/v1/rotations/${encodeURIComponent(planId)}/early-end`, values)) {
      reset();
      onDone();
    }
  });
  return (
    <FormPanel name="rot.endEarly" help form={form} testId="early-end-form" noValidate>
      <LabelledField label={t('rot.window')} field="windowId">
        <Choice
          {...bind('windowId')}
          placeholder={t('rot.choose')}
          options={windows.map((w) => ({
            value: w.windowId,
            label: `${w.unitName} ${w.personName} ${w.start}—${w.end}`,
          }))}
        />
      </LabelledField>
      <LabelledField label={t('rot.reason')} field="reason">
        <textarea rows={2} {...bind('reason')} />
      </LabelledField>
    </FormPanel>
  );
}
