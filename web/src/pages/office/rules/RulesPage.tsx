import { addMessages } from '../../../lib/i18n';
import rules from '../../../lib/messages/rules';
import { TASK_APPLY } from './ApplyChoice';
import { PolicyEditor } from './PolicyEditor';
import { RuleKindPage } from './RuleKindPage';
import { TASK_POLICIES, type TaskPolicyRules } from './types';

addMessages(rules);

/**
 * 督办规则 (issue 22): the organisation's own task types in force and every version of them (who, when, why), an
 * editor with an impact preview before publishing, the changes between two versions, and restoring an old version.
 */
export function RulesPage() {
  return (
    <RuleKindPage<TaskPolicyRules>
      path={TASK_POLICIES}
      title="rules.title"
      intro="rules.intro"
      noneYet={(policies, t) => t('rules.noneYet', { n: policies.content.types.length })}
      apply={TASK_APPLY}
      editor={(policies, events) => <PolicyEditor rules={policies} {...events} />}
    />
  );
}
