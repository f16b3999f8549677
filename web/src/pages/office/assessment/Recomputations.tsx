import { Choice } from '../../../components/Choice';
import { DataTable } from '../../../components/DataTable';
import { FormPanel } from '../../../components/FormPanel';
import { LabelledField } from '../../../components/LabelledField';
import type { operations } from '../../../../../clients/typescript/src/api-schema';
import { addMessages, useI18n } from '../../../lib/i18n';
import office2 from '../../../lib/messages/office2';
import rules from '../../../lib/messages/rules';
import scoringModel from '../../../lib/messages/scoring-model';
import { useNames } from '../../../lib/names';
import { useApi, useFormAction } from '../../../lib/queries';
import { useFields } from '../../../lib/use-fields';
import { formatDateTime } from '../../../lib/time';
import { SCORING_MODEL, type ScoringModelRules } from '../rules/types';

addMessages(office2, rules, scoringModel);

type Recomputations =
  operations['getV1CyclesIdAssessmentRecomputations']['responses'][200]['content']['application/json'];
type Recomputation = Recomputations['items'][number];
type Score = Recomputation['scores'][number];

/**
 * 按其他模型版本重新测算 (issue 22): the year's assessment scored again with a version of the organisation's scoring
 * model, with a reason, kept as a recomputation of its own — the assessment (a published one too) stays as it is —
 * and every recomputation so far, each with its model, who, when, why and each unit's scores.
 */
export function Recomputations({ cycleId }: { cycleId: string }) {
  const { t, lang } = useI18n();
  const names = useNames();
  const base = `/v1/cycles/${encodeURIComponent(cycleId)}/assessment`;
  const model = useApi<ScoringModelRules>(SCORING_MODEL, { live: false }).value;
  const list = useApi<Recomputations>(`${base}/recomputations`).value;
  const { values: v, bind, reset } = useFields({ modelVersion: '', reason: '' });
  const form = useFormAction(async ({ run }) => {
    const body = { modelVersion: v.modelVersion === '' ? '' : Number(v.modelVersion), reason: v.reason };
    if (await run('POST', `${base}/recompute`, body)) reset();
  });
  const versionName = (n: number) => (n === 0 ? t('sm.defaultModel') : t('rules.versionN', { n }));
  const options = [
    ...(model?.versions ?? []).map((e) => ({ value: String(e.version), label: versionName(e.version) })),
    { value: '0', label: versionName(0) },
  ];
  return (
    <section data-testid="recomputations">
      <FormPanel name="sm.recompute" help form={form} testId="recompute-form" noValidate>
        <div className="field-row">
          <LabelledField label={t('sm.recomputeVersion')} field="modelVersion">
            <Choice {...bind('modelVersion')} placeholder={t('o2.choose')} options={options} />
          </LabelledField>
        </div>
        <LabelledField label={t('sm.recomputeReason')} field="reason">
          <textarea rows={2} {...bind('reason')} />
        </LabelledField>
      </FormPanel>
      {(list?.items ?? []).map((r) => (
        <details key={r.computation} className="panel" data-computation={r.computation}>
          <summary>
            {t('sm.recomputation', {
              n: r.computation,
              version: versionName(r.ruleVersion),
              name: r.model.name,
              who: names[r.computedBy] ?? r.computedBy,
              at: formatDateTime(r.computedAt, lang),
              reason: r.reason,
            })}
          </summary>
          <DataTable<Score>
            caption={t('sm.recomputationScores', { n: r.computation })}
            rows={r.scores}
            rowKey={(s) => s.unitId}
            rowProps={(s) => ({ 'data-unit': s.unitId })}
            columns={[
              { key: 'rank', header: 'o2.assessment.rank', render: (s) => s.rank },
              { key: 'unit', header: 'o2.unit', render: (s) => s.unitName },
              { key: 'computed', header: 'o2.assessment.computed', render: (s) => s.computedScore },
              { key: 'adjustment', header: 'o2.assessment.adjustment', render: (s) => s.adjustment },
              { key: 'final', header: 'o2.assessment.final', render: (s) => s.finalScore },
            ]}
          />
        </details>
      ))}
    </section>
  );
}
