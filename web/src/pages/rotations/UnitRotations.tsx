import { Choice } from '../../components/Choice';
import { FormPanel } from '../../components/FormPanel';
import { LabelledField } from '../../components/LabelledField';
import { useSession } from '../../app/auth';
import { addMessages, useI18n } from '../../lib/i18n';
import { useOrgLists } from '../../lib/org-lists';
import { useApi, useAction, useFormAction } from '../../lib/queries';
import { formatDateTime } from '../../lib/time';
import { useFields } from '../../lib/use-fields';
import type { RotationSummary, RotationWindow } from './types';
import { WindowTable } from './WindowTable';
import rotation from '../../lib/messages/rotation';

addMessages(rotation);

/** A unit's rotation windows (the API shows it its own only): confirm each, or ask to swap it by the deadline. */
export function UnitRotations() {
  const { t, lang } = useI18n();
  const { value, reload } = useApi<{ items: RotationSummary[] }>('/v1/rotations?limit=50');
  if (!value) return <p className="muted">{t('common.loading')}</p>;
  return (
    <>
      <h1>{t('rot.unitTitle')}</h1>
      {value.items.length === 0 && <p className="muted">{t('rot.unitNone')}</p>}
      {value.items.map((r) => (
        <section key={r.id} className="panel" aria-labelledby={`plan-${r.id}`} data-testid={`unit-plan-${r.id}`}>
          <h2 id={`plan-${r.id}`}>{t('rot.heading', { year: r.year })}</h2>
          <p className="muted small">
            {t('rot.dueAt')}：{formatDateTime(r.dueAt, lang)}
          </p>
          <WindowTable windows={r.windows} testId={`unit-windows-${r.id}`} />
          {r.windows
            .filter((w) => w.state === 'PENDING')
            .map((w) => (
              <PendingWindow key={w.windowId} planId={r.id} window={w} onDone={reload} />
            ))}
        </section>
      ))}
    </>
  );
}

function PendingWindow({ planId, window: w, onDone }: { planId: string; window: RotationWindow; onDone: () => void }) {
  const { t } = useI18n();
  const session = useSession();
  const { people } = useOrgLists();
  const confirm = useAction();
  const { values, bind } = useFields({ personId: '', start: w.start, end: w.end, reason: '' });
  const base = `/v1/rotations/${encodeURIComponent(planId)}`;
  const form = useFormAction(async ({ run }) => {
    const body = {
      windowId: w.windowId,
      reason: values.reason,
      ...(values.personId ? { personId: values.personId } : {}),
      ...(values.start !== w.start ? { start: values.start } : {}),
      ...(values.end !== w.end ? { end: values.end } : {}),
    };
    if (await run('POST', `${base}/swap`, body)) onDone();
  });
  return (
    <div data-testid={`pending-${w.windowId}`}>
      <h3>
        {w.personName} {w.start}—{w.end}
      </h3>
      <button
        type="button"
        className="primary"
        disabled={confirm.busy}
        onClick={() => {
          void confirm.run('POST', `${base}/confirm`, { windowId: w.windowId }).then((done) => done && onDone());
        }}
      >
        {t('rot.confirm')}
      </button>
      <FormPanel name="rot.swap" help form={form} testId={`swap-form-${w.windowId}`} noValidate>
        <LabelledField label={t('rot.swapPerson')} field="personId">
          <Choice
            {...bind('personId')}
            placeholder={t('rot.choose')}
            options={people
              .filter((p) => p.unitId === session.unit.id && p.id !== w.personId)
              .map((p) => ({ value: p.id, label: p.name }))}
          />
        </LabelledField>
        <LabelledField label={t('rot.start')} field="start">
          <input type="date" {...bind('start')} />
        </LabelledField>
        <LabelledField label={t('rot.end')} field="end">
          <input type="date" {...bind('end')} />
        </LabelledField>
        <LabelledField label={t('rot.swapReason')} field="reason">
          <textarea rows={2} {...bind('reason')} />
        </LabelledField>
      </FormPanel>
    </div>
  );
}
