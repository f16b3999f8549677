import { addMessages, useI18n } from '../../../lib/i18n';
import rules from '../../../lib/messages/rules';
import { TASK_APPLY } from './ApplyChoice';
import { PolicyEditor } from './PolicyEditor';
import { RulesFrame, useRulesEditing } from './RulesFrame';
import { TASK_POLICIES, type TaskPolicyRules } from './types';
import { VersionHistory } from './VersionHistory';
import './rules.css';

addMessages(rules);

/**
 * 督办规则 (issue 22): the organisation's own task types in force and every version of them (who, when, why), an
 * editor with an impact preview before publishing, the changes between two versions, and restoring an old version.
 */
export function RulesPage() {
  const { t } = useI18n();
  const page = useRulesEditing<TaskPolicyRules>(TASK_POLICIES);
  const policies = page.value;
  return (
    <RulesFrame title="rules.title" intro="rules.intro" rules={page}>
      {policies && (
        <>
          <VersionHistory
            base={TASK_POLICIES}
            rules={policies}
            noneYet={t('rules.noneYet', { n: policies.content.types.length })}
            apply={TASK_APPLY}
            onDone={page.done}
          />
          <PolicyEditor key={page.editing} rules={policies} onPublished={page.done} onRestart={page.restart} />
        </>
      )}
    </RulesFrame>
  );
}
