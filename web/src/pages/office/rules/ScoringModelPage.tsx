import { addMessages } from '../../../lib/i18n';
import rules from '../../../lib/messages/rules';
import scoringModel from '../../../lib/messages/scoring-model';
import { CYCLE_APPLY } from './ApplyChoice';
import { ModelEditor } from './ModelEditor';
import { ModelIndicators } from './ModelIndicators';
import { RuleKindPage } from './RuleKindPage';
import { SCORING_MODEL, type ScoringModelRules } from './types';

addMessages(rules, scoringModel);

/**
 * 考核评分模型 (issue 22): the scoring model in force with its indicators and weights, every version of it (who, when,
 * why), an editor that publishes a new version with a reason, the changes between two versions, and restoring one.
 * Cycles opened afterwards are assessed with the version then in force.
 */
export function ScoringModelPage() {
  return (
    <RuleKindPage<ScoringModelRules>
      path={SCORING_MODEL}
      title="sm.title"
      intro="sm.intro"
      noneYet={(_, t) => t('sm.noneYet')}
      apply={CYCLE_APPLY}
      inForce={(model) => <ModelIndicators content={model.content} version={model.version} />}
      editor={(model, events) => <ModelEditor rules={model} {...events} />}
    />
  );
}
