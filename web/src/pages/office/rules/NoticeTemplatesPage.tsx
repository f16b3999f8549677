import { useState } from 'react';
import { addMessages, useI18n } from '../../../lib/i18n';
import noticeTemplates from '../../../lib/messages/notice-templates';
import rules from '../../../lib/messages/rules';
import { NoticeTemplatesEditor } from './NoticeTemplatesEditor';
import { RulesFrame, useRulesEditing } from './RulesFrame';
import { NOTICE_TEMPLATES, type NoticeTemplateRules } from './types';
import { VersionHistory } from './VersionHistory';
import './rules.css';

addMessages(rules, noticeTemplates);

/**
 * 通知模板 (issue 22): the titles and bodies of a task's notices as the office words them, with versions — the
 * catalogue of notices (each rewritten or built in), an editor of one at a time with its variables, a preview with
 * sample values or a task's facts, publishing with a reason, every version (who, when, why), the changes between two
 * of them, and restoring one. Notices written afterwards take the version then in force.
 */
export function NoticeTemplatesPage() {
  const { t } = useI18n();
  const page = useRulesEditing<NoticeTemplateRules>(NOTICE_TEMPLATES);
  const templates = page.value;
  const [selected, setSelected] = useState<string | undefined>();
  return (
    <RulesFrame title="nt.title" intro="nt.intro" rules={page}>
      {templates && (
        <>
          <VersionHistory base={NOTICE_TEMPLATES} rules={templates} noneYet={t('nt.noneYet')} onDone={page.done} />
          <NoticeTemplatesEditor
            key={page.editing}
            rules={templates}
            selected={selected ?? templates.catalogue[0]?.kind ?? ''}
            onSelect={setSelected}
            onPublished={page.done}
            onRestart={page.restart}
          />
        </>
      )}
    </RulesFrame>
  );
}
