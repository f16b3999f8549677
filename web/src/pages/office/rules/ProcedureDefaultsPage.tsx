import { Facts } from '../../../components/Facts';
import { addMessages, useI18n } from '../../../lib/i18n';
import policies from '../../../lib/messages/rule-policies';
import rules from '../../../lib/messages/rules';
import { ProcedureDefaultsEditor } from './ProcedureDefaultsEditor';
import { RuleKindPage } from './RuleKindPage';
import { PROCEDURE_DEFAULTS, type ProcedureDefaultsContent, type ProcedureDefaultsRules } from './types';

addMessages(rules, policies);

/**
 * 会议与检查 (issue 22): the defaults of the regular joint meetings (联席会议) and inspection rounds (检查督办) in force
 * — their months, day, time and place, their limits, a round's checklist — every version of them (who, when, why), an
 * editor that publishes a new version with a reason, the changes between two versions, and restoring one. Cycles
 * opened afterwards take its calendar, meetings and rounds started afterwards the rest; running ones keep theirs.
 */
export function ProcedureDefaultsPage() {
  return (
    <RuleKindPage<ProcedureDefaultsRules>
      path={PROCEDURE_DEFAULTS}
      title="pd.title"
      intro="pd.intro"
      noneYet={(_, t) => t('pd.noneYet')}
      inForce={(defaults) => <ProcedureDefaultsInForce content={defaults.content} version={defaults.version} />}
      editor={(defaults, events) => <ProcedureDefaultsEditor rules={defaults} {...events} />}
    />
  );
}

/** The defaults in force, read as sentences: the meetings' calendar and limits, then the rounds'. */
function ProcedureDefaultsInForce({ content, version }: { content: ProcedureDefaultsContent; version: number }) {
  const { t } = useI18n();
  const { meeting: m, inspection: i } = content;
  const months = (list: number[]) => list.map((n) => t('pd.month', { n })).join(t('pd.monthSep'));
  return (
    <div className="panel" data-testid="pd-in-force">
      <h2>{version === 0 ? t('pd.currentCode') : t('pd.current', { n: version })}</h2>
      <h3>{t('pd.meeting')}</h3>
      <Facts
        facts={[
          {
            label: t('pd.when'),
            value: t('pd.whenValue', { months: months(m.months), day: m.day, time: m.time }),
            testId: 'pd-meeting-when',
          },
          { label: t('pd.f.place'), value: m.place, testId: 'pd-meeting-place' },
          { label: t('pd.notice'), value: t('pd.noticeValue', { n: m.noticeWorkingDays }), testId: 'pd-notice' },
          { label: t('pd.confirm'), value: t('pd.confirmValue', { n: m.confirmWorkingDays }), testId: 'pd-confirm' },
          { label: t('pd.minutes'), value: t('pd.minutesValue', { n: m.minutesWorkingDays }), testId: 'pd-minutes' },
        ]}
      />
      <h3>{t('pd.inspection')}</h3>
      <Facts
        facts={[
          {
            label: t('pd.when'),
            value: i.months.length > 0 ? months(i.months) : t('pd.noRounds'),
            testId: 'pd-inspection-when',
          },
          {
            label: t('pd.checklist'),
            value: (
              <ol className="plain-list">
                {i.checklist.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ol>
            ),
            testId: 'pd-checklist',
          },
          {
            label: t('pd.selfCheck'),
            value: t('pd.selfCheckValue', { n: i.selfCheckWorkingDays }),
            testId: 'pd-self-check',
          },
          {
            label: t('pd.findings'),
            value: t('pd.findingsValue', { n: i.findingsWorkingDays }),
            testId: 'pd-findings',
          },
          {
            label: t('pd.escalate'),
            value: t('pd.escalateValue', { n: i.escalateAfterWorkingDays }),
            testId: 'pd-escalate',
          },
        ]}
      />
    </div>
  );
}
