import { addMessages, useI18n } from '../../../lib/i18n';
import rules from '../../../lib/messages/rules';
import scoringModel from '../../../lib/messages/scoring-model';
import { CYCLE_APPLY } from './ApplyChoice';
import { ModelEditor } from './ModelEditor';
import { ModelIndicators } from './ModelIndicators';
import { RulesFrame, useRulesEditing } from './RulesFrame';
import { SCORING_MODEL, type ScoringModelRules } from './types';
import { VersionHistory } from './VersionHistory';
import './rules.css';

addMessages(rules, scoringModel);

/**
 * 考核评分模型 (issue 22): the scoring model in force with its indicators and weights, every version of it (who, when,
 * why), an editor that publishes a new version with a reason, the changes between two versions, and restoring one.
 * Cycles opened afterwards are assessed with the version then in force.
 */
export function ScoringModelPage() {
  const { t } = useI18n();
  const page = useRulesEditing<ScoringModelRules>(SCORING_MODEL);
  const model = page.value;
  return (
    <RulesFrame title="sm.title" intro="sm.intro" rules={page}>
      {model && (
        <>
          <VersionHistory
            base={SCORING_MODEL}
            rules={model}
            noneYet={t('sm.noneYet')}
            apply={CYCLE_APPLY}
            onDone={page.done}
          />
          <ModelIndicators content={model.content} version={model.version} />
          <ModelEditor key={page.editing} rules={model} onPublished={page.done} onRestart={page.restart} />
        </>
      )}
    </RulesFrame>
  );
}
