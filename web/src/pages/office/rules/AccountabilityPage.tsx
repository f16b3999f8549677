import { DataTable } from '../../../components/DataTable';
import { Facts } from '../../../components/Facts';
import { addMessages, useI18n } from '../../../lib/i18n';
import policies from '../../../lib/messages/rule-policies';
import rules from '../../../lib/messages/rules';
import { AccountabilityEditor } from './AccountabilityEditor';
import { RuleKindPage } from './RuleKindPage';
import { ACCOUNTABILITY, type AccountabilityContent, type AccountabilityRules, type Measure } from './types';

addMessages(rules, policies);

/**
 * 问责措施 (issue 22): the accountability policy in force — the statement's limit, when a missing statement goes to the
 * leadership group, the assessment's threshold and the measures (处理措施) — every version of it (who, when, why),
 * an editor that publishes a new version with a reason, the changes between two versions, and restoring one. Cases
 * opened afterwards get the version then in force, and cycles opened afterwards its threshold; running ones keep theirs.
 */
export function AccountabilityPage() {
  return (
    <RuleKindPage<AccountabilityRules>
      path={ACCOUNTABILITY}
      title="acc.title"
      intro="acc.intro"
      noneYet={(_, t) => t('acc.noneYet')}
      inForce={(policy) => <AccountabilityInForce content={policy.content} version={policy.version} />}
      editor={(policy, events) => <AccountabilityEditor rules={policy} {...events} />}
    />
  );
}

/** The policy in force, read as sentences, and its measures in the order offered. */
function AccountabilityInForce({ content, version }: { content: AccountabilityContent; version: number }) {
  const { t } = useI18n();
  return (
    <div className="panel" data-testid="acc-in-force">
      <h2>{version === 0 ? t('acc.currentFile') : t('acc.current', { n: version })}</h2>
      <Facts
        facts={[
          {
            label: t('acc.statement'),
            value: t('acc.statementValue', { n: content.statementWorkingDays }),
            testId: 'acc-statement',
          },
          {
            label: t('acc.escalate'),
            value: t('acc.escalateValue', { n: content.escalateAfterWorkingDays }),
            testId: 'acc-escalate',
          },
          {
            label: t('acc.threshold'),
            value: t('acc.thresholdValue', { n: content.assessmentThreshold }),
            testId: 'acc-threshold',
          },
        ]}
      />
      <DataTable<Measure>
        caption={t('acc.measuresCaption', { n: content.measures.length })}
        rows={content.measures}
        rowKey={(m) => m.code}
        rowProps={(m) => ({ 'data-measure': m.code })}
        testId="acc-measures"
        columns={[
          { key: 'name', header: 'acc.col.name', render: (m) => m.name },
          { key: 'code', header: 'acc.col.code', render: (m) => <code>{m.code}</code> },
        ]}
      />
    </div>
  );
}
