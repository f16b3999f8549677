import { Fragment, type ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n';
import type { ApplyOptions } from './ApplyChoice';
import { RulesFrame, useRulesEditing } from './RulesFrame';
import type { RuleEditorProps, RuleVersions } from './types';
import { VersionHistory } from './VersionHistory';
import './rules.css';

/**
 * The page of one kind of the office's rules (issue 22), the same for every kind: the rules at `path` read, their
 * versions (who, when, why, the changes between two, restoring one), what is in force, and an editor that publishes a
 * new version. The editor starts again from the version in force after a publish, a restore or a 409.
 */
export function RuleKindPage<R extends RuleVersions>({
  path,
  title,
  intro,
  noneYet,
  apply,
  inForce,
  editor,
}: {
  path: string;
  /** The i18n keys of the page's title and introduction. */
  title: string;
  intro: string;
  /** What is in force while no version is published (the text). */
  noneYet: (rules: R, t: (key: string, params?: Record<string, string | number>) => string) => string;
  /** Whether publishing or restoring may also apply to running work. */
  apply?: ApplyOptions;
  /** The rules in force, read (when the editor does not show them itself). */
  inForce?: (rules: R) => ReactNode;
  editor: (rules: R, events: Omit<RuleEditorProps<R>, 'rules'>) => ReactNode;
}) {
  const { t } = useI18n();
  const page = useRulesEditing<R>(path);
  const rules = page.value;
  return (
    <RulesFrame title={title} intro={intro} rules={page}>
      {rules && (
        <>
          <VersionHistory base={path} rules={rules} noneYet={noneYet(rules, t)} apply={apply} onDone={page.done} />
          {inForce?.(rules)}
          <Fragment key={page.editing}>{editor(rules, { onPublished: page.done, onRestart: page.restart })}</Fragment>
        </>
      )}
    </RulesFrame>
  );
}
