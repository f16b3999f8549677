import { useState } from 'react';
import { addMessages } from '../../../lib/i18n';
import noticeTemplates from '../../../lib/messages/notice-templates';
import rules from '../../../lib/messages/rules';
import { NoticeTemplatesEditor } from './NoticeTemplatesEditor';
import { RuleKindPage } from './RuleKindPage';
import { NOTICE_TEMPLATES, type NoticeTemplateRules } from './types';

addMessages(rules, noticeTemplates);

/**
 * 通知模板 (issue 22): the titles and bodies of a task's notices as the office words them, with versions — the
 * catalogue of notices (each rewritten or built in), an editor of one at a time with its variables, a preview with
 * sample values or a task's facts, publishing with a reason, every version (who, when, why), the changes between two
 * of them, and restoring one. Notices written afterwards take the version then in force.
 */
export function NoticeTemplatesPage() {
  const [selected, setSelected] = useState<string | undefined>();
  return (
    <RuleKindPage<NoticeTemplateRules>
      path={NOTICE_TEMPLATES}
      title="nt.title"
      intro="nt.intro"
      noneYet={(_, t) => t('nt.noneYet')}
      editor={(templates, events) => (
        <NoticeTemplatesEditor
          rules={templates}
          selected={selected ?? templates.catalogue[0]?.kind ?? ''}
          onSelect={setSelected}
          {...events}
        />
      )}
    />
  );
}
