import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../../../components/ErrorBox';
import { FormErrorContext, InputField, LabelledField } from '../../../components/LabelledField';
import { ApiError } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/queries';
import { ApplyChoice, CYCLE_APPLY } from './ApplyChoice';
import { PreviewThenAct } from './ImpactPreview';
import { ModelImpact } from './ModelImpact';
import { fromModelDraft, toModelDraft, weightSum, type DraftIndicator, type DraftModel } from './model-draft';
import { StaleBox } from './RulesFrame';
import {
  SCORING_MODEL,
  type ModelApplyTo,
  type ModelPublished,
  type RuleEditorProps,
  type ScoringModelPreview,
  type ScoringModelRules,
} from './types';

const number = { type: 'number', inputMode: 'decimal', step: 'any' } as const;

/**
 * The editor of the scoring model (考核评分模型): its name, base score and weight total, each indicator's weight and the
 * points of its formula's items, previewed (预览影响: the changes and, per cycle, the units whose score would move),
 * then published with a reason for cycles opened afterwards only or for the running ones too. Any edit after a
 * preview asks for a new one. The API checks everything (the weights must add up to the total) and names each field
 * it refuses.
 */
export function ModelEditor({ rules, onPublished, onRestart }: RuleEditorProps<ScoringModelRules>) {
  const { t } = useI18n();
  const [base] = useState(rules.version);
  const [draft, setDraftNow] = useState<DraftModel>(() => toModelDraft(rules.content));
  const [reason, setReason] = useState('');
  const [apply, setApply] = useState<ModelApplyTo>('NEW_CYCLES');
  const [preview, setPreview] = useState<ScoringModelPreview | undefined>();
  const { busy, error, run } = useAction();
  // A change of the draft makes the preview stale: publishing waits for a new one.
  const setDraft = (next: DraftModel) => {
    setDraftNow(next);
    setPreview(undefined);
  };
  const bind = (name: 'name' | 'base' | 'totalWeight') => ({
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });
  const setIndicator = (i: number, change: Partial<DraftIndicator>) =>
    setDraft({ ...draft, indicators: draft.indicators.map((ind, j) => (j === i ? { ...ind, ...change } : ind)) });
  const askPreview = async (e: FormEvent) => {
    e.preventDefault();
    const body = { content: fromModelDraft(draft) };
    setPreview((await run<ScoringModelPreview>('POST', `${SCORING_MODEL}/preview`, body)) ?? undefined);
  };
  const publish = async () => {
    // NEW_CYCLES is the API's default: said only when the running cycles are to follow too.
    const body = {
      baseVersion: base,
      reason,
      content: fromModelDraft(draft),
      ...(apply === 'ALSO_RUNNING_CYCLES' ? { apply } : {}),
    };
    const done = await run<ModelPublished>('POST', SCORING_MODEL, body);
    if (done) onPublished(done);
  };
  return (
    <form className="panel action-form" onSubmit={(e) => void askPreview(e)} noValidate data-testid="model-editor">
      <h2>{t('sm.edit', { n: base })}</h2>
      <p className="muted small">{t('sm.editHelp')}</p>
      <FormErrorContext.Provider value={error}>
        <div className="field-row">
          <InputField label={t('sm.f.name')} field="content.name" {...bind('name')} />
          <InputField label={t('sm.f.base')} field="content.base" {...number} {...bind('base')} />
          <InputField
            label={t('sm.f.totalWeight')}
            hint={t('sm.f.totalWeightHint', { sum: weightSum(draft) })}
            field="content.totalWeight"
            {...number}
            {...bind('totalWeight')}
          />
        </div>
        {draft.indicators.map((ind, i) => (
          <fieldset key={ind.indicator} className="model-indicator" data-testid={`model-indicator-${ind.indicator}`}>
            <legend>{t(`sm.ind.${ind.indicator}`)}</legend>
            <p className="muted small">{t(`sm.kind.${ind.kind}`)}</p>
            <div className="field-row">
              <InputField
                label={t('sm.f.weight')}
                field={`content.indicators[${i}].weight`}
                {...number}
                value={ind.weight}
                onChange={(e) => setIndicator(i, { weight: e.target.value })}
              />
              {ind.perItem.map((p, k) => (
                <InputField
                  key={p.item}
                  label={t(`sm.per.${ind.kind}`, { item: t(`sm.item.${ind.indicator}.${p.item}`) })}
                  field={`content.indicators[${i}].formula.perItem.${p.item}`}
                  {...number}
                  value={p.points}
                  onChange={(e) =>
                    setIndicator(i, {
                      perItem: ind.perItem.map((q, l) => (l === k ? { ...q, points: e.target.value } : q)),
                    })
                  }
                />
              ))}
            </div>
          </fieldset>
        ))}
        <LabelledField label={t('rules.reason')} field="reason">
          <textarea rows={2} required value={reason} onChange={(e) => setReason(e.target.value)} />
        </LabelledField>
      </FormErrorContext.Provider>
      <ErrorBox error={error} />
      {error instanceof ApiError && error.status === 409 && <StaleBox onRestart={onRestart} />}
      <PreviewThenAct
        busy={busy}
        preview={
          preview && (
            <>
              <ModelImpact preview={preview} />
              <ApplyChoice options={CYCLE_APPLY} value={apply} onChange={setApply} />
            </>
          )
        }
        actLabel={t('rules.publish')}
        onAct={() => void publish()}
      />
    </form>
  );
}
